// Numbers as clerks type them: numeric cells, `1,200`, `30万吨` under a 万吨 column.
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";

export interface NumberOptions {
  /** the column's unit; a typed value may end with it */
  unit?: string;
  whole?: boolean;
}

const NUMERIC = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

export function parseNumber(raw: string | number, opts: NumberOptions = {}): Parsed<number> {
  let n: number;
  if (typeof raw === "number") {
    n = raw;
  } else {
    let s = normaliseText(raw).replace(/\s+/g, "");
    if (opts.unit && s.endsWith(opts.unit) && s.length > opts.unit.length) {
      s = s.slice(0, -opts.unit.length);
    } else if (/[^\d.,+-]/.test(s)) {
      const unit = /[^\d.,+-].*$/.exec(s)?.[0] ?? "";
      return fail(opts.unit ? "number-wrong-unit" : "number-invalid", { unit, expected: opts.unit ?? "" });
    }
    // Chinese full stop or comma typed as separators are folded by NFKC only partly
    s = s.replace(/，/g, ",");
    if (!NUMERIC.test(s)) return fail("number-invalid");
    n = Number(s.replace(/,/g, ""));
  }
  if (!Number.isFinite(n)) return fail("number-invalid");
  if (n < 0) return fail("number-negative");
  if (n > Number.MAX_SAFE_INTEGER) return fail("number-too-large");
  if (opts.whole && !Number.isInteger(n)) return fail("number-not-whole");
  return ok(n);
}
