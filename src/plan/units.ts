// Which unit of the plan a clerk's 县市区 or 填报单位 names. Pure: the plan comes in.
import type { LoadedRecord } from "../model/source.js";
import { normaliseLabel } from "../values/text.js";
import type { Plan, PlanUnit } from "./schema.js";

/**
 * The plan's unit a text names: its name or an alias (随县, 高新区), or a
 * department of it named by the unit at its start (随县科经局, 广水市经信局,
 * 随州高新区经发局). Where several names fit the start, the longest wins.
 */
export function findUnit(plan: Plan, text: string): PlanUnit | undefined {
  const key = normaliseLabel(text);
  if (!key) return undefined;
  let best: PlanUnit | undefined;
  let bestLength = 0;
  for (const [unit, n] of namesOf(plan)) {
    if (n === key) return unit;
    if (key.startsWith(n) && n.length > bestLength) {
      best = unit;
      bestLength = n.length;
    }
  }
  return best;
}

/** Each unit's name and aliases, normalised once per plan (findUnit runs once per record and rule). */
const names = new WeakMap<Plan, [PlanUnit, string][]>();

function namesOf(plan: Plan): [PlanUnit, string][] {
  let list = names.get(plan);
  if (!list) {
    list = plan.units.flatMap((u) => [u.name, ...u.aliases].map((n): [PlanUnit, string] => [u, normaliseLabel(n)]).filter(([, n]) => n !== ""));
    names.set(plan, list);
  }
  return list;
}

/**
 * Every record's `county` as the plan unit's own name, where the typed 县市区 (or
 * the 填报单位 standing for it) names one; `reportingUnit` and what was typed stay
 * as they are. A county naming no unit is left for the `county-unit` rule.
 * Returns new records where something changed, the same objects elsewhere.
 */
export function resolveCounties(records: readonly LoadedRecord[], plan: Plan): LoadedRecord[] {
  return records.map((rec) => {
    const county = rec.record.county;
    if (!county) return rec;
    const unit = findUnit(plan, county);
    if (!unit || unit.name === county) return rec;
    return { ...rec, record: { ...rec.record, county: unit.name } };
  });
}
