import type { RecordRule } from "./types.js";

export const passedCanResume: RecordRule = {
  id: "passed-can-resume",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "{label}为“通过”，但“是否具备恢复生产的能力”为“是”" },
    en: { default: "{label} is “passed” although the enterprise can resume production" },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    if (a?.notDismantled?.canResume !== true) return;
    for (const level of ["county", "city", "province"] as const) {
      if (a[level]?.passed === true) ctx.report({ record: rec, field: `acceptance.${level}.passed` });
    }
  },
};
