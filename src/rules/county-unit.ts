import type { RecordRule } from "./types.js";
import { findUnit } from "./units.js";

export const countyUnit: RecordRule = {
  id: "county-unit",
  severity: "error",
  scope: "record",
  description: { "zh-CN": "县市区应为工作方案所列单位之一", en: "the county must be one of the plan's units" },
  messages: {
    "zh-CN": { default: "“{value}”不是工作方案所列的单位（应为：{units}）" },
    en: { default: "“{value}” is not one of the plan's units ({units})" },
  },
  check(rec, ctx) {
    const county = rec.record.county;
    if (!county) return;
    if (!findUnit(ctx.plan, county)) {
      ctx.report({ record: rec, field: "county", data: { value: county, units: ctx.plan.units.map((u) => u.name).join("、") } });
    }
  },
};

