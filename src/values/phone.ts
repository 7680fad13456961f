// Telephone numbers: mobile 1[3-9]xxxxxxxxx (+86 allowed), landline with area code.
// A cell may hold several numbers (13907220101、0722-3221234); each is read on its own.
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:\+?86)?(?:0\d{2,3})(\d{7,8})(?:(?:转|ext\.?|x|-)\d{1,6})?$/i;
/** A local number without its area code: 7–8 digits, never starting 0 or 1. */
const LOCAL = /^[2-9]\d{6,7}(?:(?:-|转|ext\.?|x)\d{1,6})?$/i;

/** What separates two numbers in one cell, after NFKC (，→ , and ；→ ;). */
const SEPARATORS = /[、/,;]+/;

/** The numbers of a cell, each trimmed; empty parts (a trailing 、) dropped. */
export function phoneParts(typed: string): string[] {
  return normaliseText(typed)
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

const compact = (part: string) => part.replace(/[\s()（）]/g, "");

function isMobile(part: string): boolean {
  return MOBILE.test(compact(part).replace(/-/g, ""));
}

function isLandline(part: string): boolean {
  // area code and number, with or without the hyphen; an extension after it
  const m = /^((?:\+?86-?)?0\d{2,3})-?(\d{7,8})((?:-|转|ext\.?|x)\d{1,6})?$/i.exec(compact(part));
  return !!m && LANDLINE.test(`${m[1]!.replace(/-/g, "")}${m[2]}${m[3] ?? ""}`);
}

/** A 7–8 digit local number: readable, but a caller from elsewhere needs the area code (the `phone-area-code` rule). */
export function isLocalNumber(part: string): boolean {
  const c = compact(part);
  return LOCAL.test(c) || LOCAL.test(c.replace(/^(\d{3,4})-(\d{4})$/, "$1$2"));
}

/**
 * Reads a phone cell: every number in it must be a mobile (or, unless
 * `mobileOnly`, a landline with or without its area code). The value is kept
 * as typed. The failure names the number that is wrong (`part`).
 */
export function parsePhone(raw: string | number, mobileOnly = false): Parsed<string> {
  const typed = normaliseText(String(raw));
  const parts = phoneParts(typed);
  const code = mobileOnly ? "mobile-invalid" : "phone-invalid";
  if (parts.length === 0) return fail(code, { part: typed });
  for (const part of parts) {
    const good = isMobile(part) || (!mobileOnly && (isLandline(part) || isLocalNumber(part)));
    if (!good) return fail(code, { part });
  }
  return ok(typed);
}
