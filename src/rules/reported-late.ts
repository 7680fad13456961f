import type { RecordRule } from "./types.js";

/** The survey (三（一）) has its deadline: a record reported after it is worth a query. */
export const reportedLate: RecordRule = {
  id: "reported-late",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "填报时间 {value} 晚于工作方案规定的{title}期限 {due}" },
    en: { default: "reported on {value}, after the plan's deadline for “{title}” ({due})" },
  },
  check(rec, ctx) {
    const reportedOn = rec.record.reportedOn;
    if (!reportedOn) return;
    const d = ctx.plan.deadlines?.find((x) => x.field === "reportedOn");
    if (d && reportedOn > d.due) ctx.report({ record: rec, field: "reportedOn", data: { value: reportedOn, title: d.title, due: d.due } });
  },
};
