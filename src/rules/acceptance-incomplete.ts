import type { RecordRule } from "./types.js";

/** A verdict without a date (or a date without a verdict) cannot count as an acceptance. */
export const acceptanceComplete: RecordRule = {
  id: "acceptance-incomplete",
  severity: "warning",
  scope: "record",
  description: { "zh-CN": "验收结论与验收日期应同时填写", en: "an acceptance verdict and its date go together" },
  messages: {
    "zh-CN": { undated: "{level}已填写验收结论，但未填写验收日期", unjudged: "{level}已填写验收日期，但未填写验收结论" },
    en: { undated: "{level} verdict has no date", unjudged: "{level} date has no verdict" },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    if (!a) return;
    const names = { county: "县级", city: "市级", province: "省级" } as const;
    for (const level of ["county", "city", "province"] as const) {
      const s = a[level];
      if (!s) continue;
      const p = `acceptance.${level}`;
      if (s.passed != null && !s.signedOn && !rec.unreadable.has(`${p}.signedOn`)) {
        ctx.report({ record: rec, field: `${p}.signedOn`, messageId: "undated", data: { level: names[level] } });
      }
      if (s.signedOn && s.passed == null && !rec.unreadable.has(`${p}.passed`)) {
        ctx.report({ record: rec, field: `${p}.passed`, messageId: "unjudged", data: { level: names[level] } });
      }
    }
  },
};
