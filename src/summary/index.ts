// The roll-up with the plan's milestone status wired in: what the CLI calls.
import type { EnterpriseRecord } from "../model/record.js";
import { enterpriseMilestones } from "../plan/status.js";
import type { Plan } from "../plan/schema.js";
import type { Summary } from "./model.js";
import { rollUp } from "./rollup.js";

export function summarize(records: readonly EnterpriseRecord[], plan: Plan, asOf: string, warnDays?: number): Summary {
  return rollUp(records, plan, asOf, (record, date) => enterpriseMilestones(record, plan, date, warnDays));
}
