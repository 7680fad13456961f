import { usccOrgCode } from "../values/codes.js";
import type { RecordRule } from "./types.js";

export const orgCodeUscc: RecordRule = {
  id: "orgcode-uscc",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "组织机构代码应为 {expected}（统一社会信用代码第9–17位），实为 {actual}" },
    en: { default: "organisation code should be {expected} (USCC characters 9–17), found {actual}" },
  },
  check(rec, ctx) {
    const { uscc, orgCode } = rec.record.enterprise;
    if (!uscc || !orgCode) return;
    const expected = usccOrgCode(uscc);
    if (orgCode !== expected) {
      ctx.report({ record: rec, field: "enterprise.orgCode", data: { expected: `${expected.slice(0, 8)}-${expected[8]}`, actual: orgCode } });
    }
  },
};
