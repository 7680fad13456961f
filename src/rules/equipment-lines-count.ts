import type { RecordRule } from "./types.js";

/** Annex 1 lists the equipment to retire, Annex 2 what was retired: as many items as lines, or a reviewer asks why. */
export const equipmentLinesCount: RecordRule = {
  id: "equipment-lines-count",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "附表1列了 {equipment} 项主要淘汰设备，附表2列了 {lines} 条淘汰生产线（设备），请核对是否有遗漏" },
    en: { default: "Annex 1 lists {equipment} equipment item(s) but Annex 2 lists {lines} line(s): check whether one is missing" },
  },
  check(rec, ctx) {
    const equipment = rec.record.equipment ?? [];
    const lines = rec.record.acceptance?.lines ?? [];
    if (equipment.length === 0 || lines.length === 0 || equipment.length === lines.length) return;
    // on the last line of Annex 2: where the list ends and a missing one would go
    ctx.report({ record: rec, field: `acceptance.lines[${lines.length - 1}].model`, data: { equipment: equipment.length, lines: lines.length } });
  },
};
