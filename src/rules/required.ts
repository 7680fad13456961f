import { getPath } from "../model/paths.js";
import type { RecordRule } from "./types.js";

/** The fields without which a record names no enterprise; item rows without their subject. */
const REQUIRED = ["county", "enterprise.name", "enterprise.address", "enterprise.uscc"];
const ITEM_REQUIRED: [list: string, field: string][] = [
  ["equipment", "name"],
  ["acceptance.lines", "model"],
];

export const required: RecordRule = {
  id: "required",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "{label}不能为空" },
    en: { default: "{label} must be filled in" },
  },
  check(rec, ctx) {
    const missing = (path: string) => {
      const v = getPath(rec.record, path);
      return (v === undefined || v === null || v === "") && !rec.unreadable.has(path);
    };
    for (const path of REQUIRED) {
      if (missing(path)) ctx.report({ record: rec, field: path });
    }
    for (const [list, field] of ITEM_REQUIRED) {
      const items = getPath(rec.record, list);
      if (!Array.isArray(items)) continue;
      items.forEach((_, i) => {
        const path = `${list}[${i}].${field}`;
        if (missing(path)) ctx.report({ record: rec, field: path });
      });
    }
  },
};
