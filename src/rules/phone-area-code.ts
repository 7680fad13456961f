import { leaves } from "../model/fields.js";
import { getPath } from "../model/paths.js";
import { isLocalNumber, phoneParts } from "../values/phone.js";
import type { RecordRule } from "./types.js";

/** The landline fields (联系电话); 手机 fields take mobiles only. */
const PHONE_FIELDS = [...leaves].filter(([path, meta]) => meta.kind === "phone" && !path.includes("[]")).map(([path]) => path);

/** The usual shapes (a mobile, a landline with its area code), which need no closer look. */
const PLAIN = /^(?:\+?86)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;

/** A local number is readable, but nobody outside the county can dial it. */
export const phoneAreaCode: RecordRule = {
  id: "phone-area-code",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": { default: "“{part}”缺区号（座机请写作 0722-3221234）" },
    en: { default: "“{part}” has no area code (write landlines as 0722-3221234)" },
  },
  check(rec, ctx) {
    for (const path of PHONE_FIELDS) {
      const value = getPath(rec.record, path);
      if (typeof value !== "string" || PLAIN.test(value)) continue;
      for (const part of phoneParts(value)) {
        if (isLocalNumber(part)) ctx.report({ record: rec, field: path, data: { part } });
      }
    }
  },
};
