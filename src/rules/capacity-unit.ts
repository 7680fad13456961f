import type { RecordRule } from "./types.js";

export const capacityUnit: RecordRule = {
  id: "capacity-unit",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "已填写实际淘汰产能数量，但未注明产能单位（如 万吨）" },
    en: { default: "capacity retired is given without its unit (e.g. 万吨)" },
  },
  check(rec, ctx) {
    const c = rec.record.acceptance?.capacity;
    if (c?.amount != null && !c.unit) ctx.report({ record: rec, field: "acceptance.capacity.unit" });
  },
};
