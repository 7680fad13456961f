import type { RecordRule } from "./types.js";

export const staffContract: RecordRule = {
  id: "staff-contract",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "其中合同工人数（{contract}）多于在岗职工人数（{onDuty}）" },
    en: { default: "contract staff ({contract}) outnumber staff on duty ({onDuty})" },
  },
  check(rec, ctx) {
    const s = rec.record.staff;
    if (s?.contract == null || s.onDuty == null) return;
    if (s.contract > s.onDuty) ctx.report({ record: rec, field: "staff.contract", data: { contract: s.contract, onDuty: s.onDuty } });
  },
};
