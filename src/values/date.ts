// Dates as clerks type them. One parser for every date field of the record.
import { isExists } from "date-fns/isExists";
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Excel's serial day number (1900 system, with its phantom 1900-02-29) to a date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  const ms = Date.UTC(1899, 11, 30) + whole * 86_400_000;
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** A date cell: the reader gives the wall-clock date as a UTC instant. */
export function jsDateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // the calendar day of the instant; half a second of slack absorbs floating-point serials
  const t = new Date(Math.floor((d.getTime() + 500) / 86_400_000) * 86_400_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const FULL: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const YEAR_MONTH: RegExp[] = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];
const YEAR: RegExp[] = [/^(\d{4})年?$/];

function checkYear(y: number): boolean {
  return y >= 1900 && y <= 2199;
}

/**
 * Reads a date. With `partial`, a year-month (`2005-03`, `2005年3月`) or a
 * year (`2005`) is also a value. An impossible date is an error, never rolled over.
 */
export function parseDate(raw: string | number | Date, partial = false): Parsed<string> {
  if (raw instanceof Date) {
    const iso = jsDateToIso(raw);
    if (!iso) return fail("date-invalid");
    return /^\d{4}-/.test(iso) && checkYear(Number(iso.slice(0, 4))) ? ok(iso) : fail("date-impossible");
  }
  if (typeof raw === "number") {
    // a bare year typed into a numeric cell, else an Excel serial without a date format
    if (partial && Number.isInteger(raw) && checkYear(raw)) return ok(String(raw));
    if (Number.isInteger(raw) && raw >= 19000101 && raw <= 21991231) return parseDate(String(raw), partial);
    const iso = excelSerialToIso(raw);
    return iso ? ok(iso) : fail("date-invalid");
  }
  // a time of day after the date (`2024-10-31 00:00:00`, as some tools export) says nothing more
  const s = normaliseText(raw).replace(/[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, "").replace(/\s+/g, "");
  if (!s) return fail("date-invalid");
  for (const re of FULL) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!checkYear(y) || !isExists(y, mo - 1, d)) return fail("date-impossible");
    return ok(isoDate(y, mo, d));
  }
  if (partial) {
    for (const re of YEAR_MONTH) {
      const m = re.exec(s);
      if (!m) continue;
      const [y, mo] = [Number(m[1]), Number(m[2])];
      if (!checkYear(y) || mo < 1 || mo > 12) return fail("date-impossible");
      return ok(`${pad(y, 4)}-${pad(mo)}`);
    }
    for (const re of YEAR) {
      const m = re.exec(s);
      if (!m) continue;
      const y = Number(m[1]);
      if (!checkYear(y)) return fail("date-impossible");
      return ok(pad(y, 4));
    }
  }
  return fail(partial ? "date-invalid-partial" : "date-invalid");
}
