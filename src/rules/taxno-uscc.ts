import { usccOrgCode } from "../values/codes.js";
import type { RecordRule } from "./types.js";

export const taxNoUscc: RecordRule = {
  id: "taxno-uscc",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": {
      default: "税务登记号与统一社会信用代码 {uscc} 不一致",
      old: "15位旧税号的后9位应为组织机构代码 {expected}，实为 {actual}",
    },
    en: {
      default: "the tax number differs from the USCC {uscc}",
      old: "the last 9 characters of the 15-character tax number should be the organisation code {expected}, found {actual}",
    },
  },
  check(rec, ctx) {
    const { uscc, taxNo } = rec.record.enterprise;
    if (!uscc || !taxNo) return;
    if (taxNo.length === 18 && taxNo !== uscc) ctx.report({ record: rec, field: "enterprise.taxNo", data: { uscc } });
    if (taxNo.length === 15 && taxNo.slice(6) !== usccOrgCode(uscc)) {
      ctx.report({ record: rec, field: "enterprise.taxNo", messageId: "old", data: { expected: usccOrgCode(uscc), actual: taxNo.slice(6) } });
    }
  },
};
