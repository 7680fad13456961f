import { getPath } from "../model/paths.js";
import type { LoadedRecord } from "../model/source.js";
import { surelyBefore } from "./helpers.js";
import type { RecordRule } from "./types.js";

/** Pairs of dates where the first can never come after the second: [earlier, later]. */
function pairs(rec: LoadedRecord): [string, string][] {
  const out: [string, string][] = [];
  const r = rec.record;
  const lines = r.acceptance?.lines ?? [];
  const equipment = r.equipment ?? [];
  const events: string[] = [
    "licenses.business.revokedOn",
    "licenses.production.revokedOn",
    "licenses.discharge.revokedOn",
    "reportedOn",
    ...equipment.map((_, i) => `equipment[${i}].removedOn`),
    ...lines.flatMap((_, i) => [`acceptance.lines[${i}].shutdownOn`, `acceptance.lines[${i}].removedOn`]),
    "acceptance.enterprise.signedOn",
    "acceptance.county.signedOn",
    "acceptance.city.signedOn",
    "acceptance.province.signedOn",
  ];
  for (const e of events) out.push(["enterprise.foundedOn", e]);
  lines.forEach((_, i) => {
    out.push([`acceptance.lines[${i}].shutdownOn`, `acceptance.lines[${i}].removedOn`]);
    for (const level of ["county", "city", "province"]) out.push([`acceptance.lines[${i}].shutdownOn`, `acceptance.${level}.signedOn`]);
  });
  out.push(["acceptance.enterprise.signedOn", "acceptance.county.signedOn"]);
  out.push(["acceptance.county.signedOn", "acceptance.city.signedOn"]);
  out.push(["acceptance.city.signedOn", "acceptance.province.signedOn"]);
  out.push(["acceptance.county.signedOn", "acceptance.province.signedOn"]);
  return out;
}

export const dateOrder: RecordRule = {
  id: "date-order",
  severity: "error",
  scope: "record",
  description: {
    "zh-CN": "日期先后应合乎情理：先建厂，后关停，再拆除，最后逐级验收",
    en: "dates must come in a possible order: founding, shutdown, dismantling, then acceptance level by level",
  },
  messages: {
    "zh-CN": { default: "{value} 早于{earlier}（{earlierValue}），日期先后不可能" },
    en: { default: "{value} is before {earlier} ({earlierValue}), an impossible order" },
  },
  check(rec, ctx) {
    for (const [earlier, later] of pairs(rec)) {
      const a = getPath(rec.record, earlier);
      const b = getPath(rec.record, later);
      if (typeof a !== "string" || typeof b !== "string") continue;
      if (surelyBefore(b, a)) {
        ctx.report({ record: rec, field: later, data: { value: b, earlier: `@${earlier}`, earlierValue: a } });
      }
    }
  },
};
