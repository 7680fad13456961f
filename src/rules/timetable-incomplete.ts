import type { RecordRule } from "./types.js";

const PATHS = ["timetable.shutdownBy", "timetable.dismantleBy", "timetable.approvedBy"];

/** 三（一）: 确有困难的，制定淘汰时间表 — a timetable stands on its dates and on who approved it. */
export const timetableIncomplete: RecordRule = {
  id: "timetable-incomplete",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "已填写淘汰时间表，但未填写{label}" },
    en: { default: "a timetable is given without {label}" },
  },
  check(rec, ctx) {
    // what the clerk typed (an unreadable date included: its own finding says what is wrong)
    const filled = PATHS.filter((p) => rec.typed.has(p));
    if (filled.length === 0) return;
    for (const p of PATHS) if (!filled.includes(p)) ctx.report({ record: rec, field: p });
  },
};
