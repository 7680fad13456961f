import type { Plan, PlanUnit } from "../plan/schema.js";
import { normaliseLabel } from "../values/text.js";

/** The plan's unit a clerk's 县市区 names, by its name or an alias. */
export function findUnit(plan: Plan, county: string): PlanUnit | undefined {
  const key = normaliseLabel(county);
  return plan.units.find((u) => normaliseLabel(u.name) === key || u.aliases.some((a) => normaliseLabel(a) === key));
}
