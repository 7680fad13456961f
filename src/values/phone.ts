// Telephone numbers: mobile 1[3-9]xxxxxxxxx (+86 allowed), landline with area code.
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:\+?86)?(?:0\d{2,3})(\d{7,8})(?:(?:转|ext\.?|x|-)\d{1,6})?$/i;

export function parsePhone(raw: string | number, mobileOnly = false): Parsed<string> {
  const typed = normaliseText(String(raw));
  const compact = typed.replace(/[\s()]/g, "");
  const digitsOnly = compact.replace(/-/g, "");
  if (MOBILE.test(digitsOnly)) return ok(typed);
  if (mobileOnly) return fail("mobile-invalid");
  // area code and number, with or without the hyphen; an extension after it
  const m = /^((?:\+?86-?)?0\d{2,3})-?(\d{7,8})((?:-|转|ext\.?|x)\d{1,6})?$/i.exec(compact);
  if (m && LANDLINE.test(`${m[1]!.replace(/-/g, "")}${m[2]}${m[3] ?? ""}`)) return ok(typed);
  return fail("phone-invalid");
}
