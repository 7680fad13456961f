import { usccDivision } from "../values/codes.js";
import type { RecordRule } from "./types.js";
import { findUnit } from "../plan/units.js";

export const usccOtherCounty: RecordRule = {
  id: "uscc-other-county",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "统一社会信用代码登记机关区划为 {division}，不属于{county}，请核实企业所在地" },
    en: { default: "the USCC was registered in division {division}, not in {county}; check where the enterprise is" },
  },
  check(rec, ctx) {
    const { uscc } = rec.record.enterprise;
    const county = rec.record.county;
    if (!uscc || !county) return;
    const unit = findUnit(ctx.plan, county);
    if (!unit) return;
    const division = usccDivision(uscc);
    if (division === ctx.plan.cityDivision || unit.divisions.includes(division)) return;
    // a division outside the city altogether is still worth a look, so it is reported the same way
    ctx.report({ record: rec, field: "enterprise.uscc", data: { division, county: unit.name } });
  },
};
