// The 产能 of one row of the notice. Annex 2 lists lines without their
// capacity; Annex 1 lists equipment with its 设计产能 (万吨). A line is given the
// capacity of the one item of equipment it names.
import type { EnterpriseRecord, Equipment, ProductionLine } from "../model/record.js";
import { sum } from "../summary/sum.js";

export interface Capacity {
  amount: number;
  unit: string;
}

/** Annex 1's 设计产能 column is in 万吨 (the record contract). */
export const DESIGN_CAPACITY_UNIT = "万吨";

/** `0.25吨中频感应电炉 1台` -> `0.25吨中频感应电炉`: compared without spaces, widths or a trailing count. */
function modelKey(text: string | null | undefined): string {
  return (text ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[x×*]?\d+(台套|台|套|条|座|组|个|辆|部)$/, "");
}

export function equipmentCapacity(e: Equipment): Capacity | null {
  return typeof e.designCapacity === "number" ? { amount: e.designCapacity, unit: DESIGN_CAPACITY_UNIT } : null;
}

/**
 * The equipment each line names, by index (null where none, or more than one,
 * fits). Clerks shorten or lengthen names between the annexes (`冲天炉 1台` for
 * `冲天炉（熔化率小于10吨/小时）`, `前处理设备 4台` for `使用年限超过15年的前处理设备`),
 * so a line and an item match when one name holds the other; an item serves
 * one line at most.
 */
export function matchLines(lines: readonly ProductionLine[], equipment: readonly Equipment[]): (number | null)[] {
  const keys = equipment.map((e) => modelKey(e.name));
  const used = new Set<number>();
  return lines.map((line) => {
    const key = modelKey(line.model);
    if (key.length < 2) return null;
    const fits = keys.flatMap((k, i) => (!used.has(i) && k.length >= 2 && (k.includes(key) || key.includes(k)) ? [i] : []));
    if (fits.length !== 1) return null;
    used.add(fits[0]!);
    return fits[0]!;
  });
}

/**
 * 产能 of each line of an enterprise: its equipment's design capacity; where
 * the enterprise has a single line that names no equipment, the enterprise's
 * own figure (实际淘汰产能 of Annex 2, else the design capacities summed).
 */
export function lineCapacities(record: EnterpriseRecord, lines: readonly ProductionLine[]): (Capacity | null)[] {
  const equipment = record.equipment ?? [];
  const matched = matchLines(lines, equipment);
  return matched.map((i) => {
    if (i !== null) return equipmentCapacity(equipment[i]!);
    return lines.length === 1 ? enterpriseCapacity(record) : null;
  });
}

function enterpriseCapacity(record: EnterpriseRecord): Capacity | null {
  const c = record.acceptance?.capacity;
  if (typeof c?.amount === "number") return { amount: c.amount, unit: (c.unit ?? "").trim() };
  const design = (record.equipment ?? []).map((e) => e.designCapacity).filter((v): v is number => typeof v === "number");
  return design.length ? { amount: sum(design), unit: DESIGN_CAPACITY_UNIT } : null;
}
