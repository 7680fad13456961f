import type { Equipment, ProductionLine } from "../model/record.js";
import { normaliseText } from "../values/text.js";
import type { RecordRule } from "./types.js";

/** A name for matching: NFKC, no white space, no trailing count (1台, 2套), Latin lower case. */
function key(name: string): string {
  const s = normaliseText(name);
  return (/\s/.test(s) ? s.replace(/\s+/g, "") : s).replace(COUNT, "").toLowerCase();
}

const COUNT = /\d+(?:台|套|座|条|个)$/;

/** The names match: equal, or one holds the other (前处理设备 in 使用年限超过15年的前处理设备). */
function sameKey(x: string, y: string): boolean {
  return x.length > 0 && y.length > 0 && (x === y || x.includes(y) || y.includes(x));
}

/** Each equipment item with the one line of the same name, where exactly one matches either way. */
export function matchEquipmentToLines(equipment: readonly Equipment[], lines: readonly ProductionLine[]): [number, number][] {
  const items = equipment.map((e) => (e.name ? key(e.name) : ""));
  const models = lines.map((l) => (l.model ? key(l.model) : ""));
  const out: [number, number][] = [];
  items.forEach((x, i) => {
    const candidates = models.flatMap((y, j) => (sameKey(x, y) ? [j] : []));
    if (candidates.length !== 1) return;
    const j = candidates[0]!;
    if (items.filter((other) => sameKey(other, models[j]!)).length === 1) out.push([i, j]);
  });
  return out;
}

/** Annex 1's 拆除时间 of an item and Annex 2's 主体设备拆除时间 of its line tell of the same day. */
export const equipmentRemovedOn: RecordRule = {
  id: "equipment-removed-on",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "拆除时间 {value} 与附表2同名生产线“{model}”的主体设备拆除时间 {other} 不一致" },
    en: { default: "removed on {value}, but Annex 2's line “{model}” of the same name says {other}" },
  },
  check(rec, ctx) {
    const equipment = rec.record.equipment ?? [];
    const lines = rec.record.acceptance?.lines ?? [];
    // nothing to compare unless both sides give a date somewhere
    if (!equipment.some((e) => e.removedOn) || !lines.some((l) => l.removedOn)) return;
    for (const [i, j] of matchEquipmentToLines(equipment, lines)) {
      const a = equipment[i]!.removedOn;
      const b = lines[j]!.removedOn;
      // a blank Annex 1 date is the survey's, filed before the dismantling: nothing to compare
      if (!a || !b || a === b) continue;
      ctx.report({ record: rec, field: `equipment[${i}].removedOn`, data: { value: a, model: lines[j]!.model!, other: b } });
    }
  },
};
