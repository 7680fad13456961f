// A rule: an id, a severity, its messages in both languages, and a check that
// reports message ids with data, never finished sentences.
import type { Lang } from "../i18n/index.js";
import type { Severity } from "../model/finding.js";
import type { LoadedRecord, Location } from "../model/source.js";
import type { Plan } from "../plan/schema.js";

export interface Report {
  record: LoadedRecord;
  field: string;
  messageId?: string;
  data?: Record<string, string | number>;
  /** other places the message names, worded by the report (`{where}`) */
  places?: Record<string, Location>;
  /** to override the rule's own severity for this one finding */
  severity?: Severity;
}

export interface RuleContext {
  plan: Plan;
  report(r: Report): void;
}

interface RuleBase {
  id: string;
  severity: Severity;
  /** message templates by message id; `default` when the rule has one message */
  messages: Record<Lang, Record<string, string>>;
}

export interface RecordRule extends RuleBase {
  scope: "record";
  check(rec: LoadedRecord, ctx: RuleContext): void;
}

export interface SetRule extends RuleBase {
  scope: "set";
  check(recs: readonly LoadedRecord[], ctx: RuleContext): void;
}

export type Rule = RecordRule | SetRule;
