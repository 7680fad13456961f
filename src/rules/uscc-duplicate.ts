import type { LoadedRecord } from "../model/source.js";
import type { SetRule } from "./types.js";

export const usccDuplicate: SetRule = {
  id: "uscc-duplicate",
  severity: "error",
  scope: "set",
  messages: {
    "zh-CN": {
      default: "统一社会信用代码与 {where} 的企业重复",
      sheet: "统一社会信用代码在“{sheet}”中重复出现",
    },
    en: {
      default: "this USCC was already entered at {where}",
      sheet: "this USCC appears twice in “{sheet}”",
    },
  },
  check(recs, ctx) {
    const first = new Map<string, LoadedRecord>();
    for (const rec of recs) {
      const uscc = rec.record.enterprise.uscc;
      if (!uscc) continue;
      const prev = first.get(uscc);
      if (!prev) {
        first.set(uscc, rec);
        continue;
      }
      ctx.report({ record: rec, field: "enterprise.uscc", data: { file: prev.origin.file }, places: { where: prev.origin } });
    }
  },
};
