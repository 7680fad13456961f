import type { RecordRule } from "./types.js";

/** 三（四）: 逐户出具书面验收意见 — a verdict of 通过 rests on a written opinion. */
export const passedWithoutOpinion: RecordRule = {
  id: "passed-without-opinion",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "{verdict}为“通过”，但未填写{label}（须逐户出具书面验收意见）" },
    en: { default: "{verdict} is “passed” but {label} is missing (a written opinion is required)" },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    if (!a) return;
    for (const level of ["county", "city", "province"] as const) {
      const s = a[level];
      const path = `acceptance.${level}.opinion`;
      if (s?.passed !== true || s.opinion?.trim() || rec.unreadable.has(path)) continue;
      ctx.report({ record: rec, field: path, data: { verdict: `@acceptance.${level}.passed` } });
    }
  },
};
