import type { RecordRule } from "./types.js";

/** 四（五）: 运用市场化、法治化手段妥善处置企业债务 — a passed enterprise whose debts were not is worth a query. */
export const debtsNotLawful: RecordRule = {
  id: "debts-not-lawful",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "企业已通过验收，但“是否严格按照市场化、法制化方式处置债务”为“否”，请核实债务处置情况" },
    en: { default: "the enterprise passed acceptance, but its debts were not handled by market and legal means: please check" },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    if (a?.debtsHandledLawfully !== false) return;
    if (a.county?.passed === true || a.city?.passed === true || a.province?.passed === true) {
      ctx.report({ record: rec, field: "acceptance.debtsHandledLawfully" });
    }
  },
};
