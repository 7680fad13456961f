import type { RecordRule } from "./types.js";

/**
 * A verdict and its date go together. An undated 通过 still counts as passed
 * ("passed, date missing", in check and summarize alike), but cannot be judged on time.
 */
export const acceptanceIncomplete: RecordRule = {
  id: "acceptance-incomplete",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": {
      undated: "已填写{other}，但未填写{label}",
      undatedPass: "{other}为“通过”，但未填写{label}：按“已通过、日期缺失”计，无法判断是否按期，请补填日期",
      unjudged: "已填写{other}，但未填写{label}",
    },
    en: {
      undated: "{other} is given but {label} is missing",
      undatedPass: "{other} is “passed” but {label} is missing: counted as passed with the date missing, so it cannot be judged on time",
      unjudged: "{other} is given but {label} is missing",
    },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    if (!a) return;
    for (const level of ["county", "city", "province"] as const) {
      const s = a[level];
      if (!s) continue;
      const p = `acceptance.${level}`;
      if (s.passed != null && !s.signedOn && !rec.unreadable.has(`${p}.signedOn`)) {
        ctx.report({ record: rec, field: `${p}.signedOn`, messageId: s.passed ? "undatedPass" : "undated", data: { other: `@${p}.passed` } });
      }
      if (s.signedOn && s.passed == null && !rec.unreadable.has(`${p}.passed`)) {
        ctx.report({ record: rec, field: `${p}.passed`, messageId: "unjudged", data: { other: `@${p}.signedOn` } });
      }
    }
  },
};
