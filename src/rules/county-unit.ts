import { findUnit } from "../plan/units.js";
import type { RecordRule } from "./types.js";

/** 县市区, or the 填报单位 standing for it: a unit of the plan, or a department of one (随县科经局). */
export const countyUnit: RecordRule = {
  id: "county-unit",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "“{value}”不是工作方案所列的单位，也不是其所属部门（应为：{units}）" },
    en: { default: "“{value}” names none of the plan's units, nor a department of one ({units})" },
  },
  check(rec, ctx) {
    const county = rec.record.county;
    if (!county) return;
    if (!findUnit(ctx.plan, county)) {
      ctx.report({ record: rec, field: "county", data: { value: county, units: ctx.plan.units.map((u) => u.name).join("、") } });
    }
  },
};
