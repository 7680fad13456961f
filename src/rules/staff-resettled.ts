import type { RecordRule } from "./types.js";

export const staffResettled: RecordRule = {
  id: "staff-resettled",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "已安置职工人数（{resettled}）多于涉及职工人数（{involved}）" },
    en: { default: "staff resettled ({resettled}) exceed staff involved ({involved})" },
  },
  check(rec, ctx) {
    const s = rec.record.acceptance?.staff;
    if (s?.resettled == null || s.involved == null) return;
    if (s.resettled > s.involved) ctx.report({ record: rec, field: "acceptance.staff.resettled", data: { resettled: s.resettled, involved: s.involved } });
  },
};
