import type { Location } from "./source.js";

export type Severity = "error" | "warning";

/**
 * One thing wrong with the input. It carries a message id and its data, never
 * a finished sentence: the catalogue of the chosen language words it.
 */
export interface Finding {
  severity: Severity;
  /** rule id, e.g. `uscc-check-digit` */
  rule: string;
  /** which message of the rule; defaults to the rule's only one */
  messageId?: string;
  data?: Record<string, string | number>;
  /** other places the message names (`{where}`), worded by the report's one presenter of places */
  places?: Record<string, Location>;
  /** record path (`acceptance.lines[1].removedOn`) or null for a whole file */
  field: string | null;
  /** the enterprise's USCC (or its name when it has none) */
  record: string | null;
  location: Location;
  /** the value as typed, for human reports */
  value?: string;
}
