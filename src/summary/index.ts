// The roll-up with the plan's milestone status wired in: what the CLI calls.
import type { EnterpriseRecord } from "../model/record.js";
import { enterpriseMilestones } from "../plan/status.js";
import type { Plan } from "../plan/schema.js";
import type { Summary } from "./model.js";
import { rollUp, type SummaryNames } from "./rollup.js";

export interface SummarizeOptions extends SummaryNames {
  /** the due-soon window of check (14 days unless given) */
  warnDays?: number;
}

export function summarize(records: readonly EnterpriseRecord[], plan: Plan, asOf: string, options: SummarizeOptions = {}): Summary {
  return rollUp(records, plan, asOf, (record, date) => enterpriseMilestones(record, plan, date, options.warnDays), options);
}
