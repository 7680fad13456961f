// Record values as they are printed on a form: dates as 2024年10月15日,
// numbers with their unit, yes/no as ticked boxes. Pure.
import { fieldMeta } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import { getPath } from "../model/paths.js";
import { placeholders } from "./template.js";

export const TICKED = "☑";
export const UNTICKED = "☐";
/** printed in place of a character the font does not have (the typesetter's 〓) */
export const MISSING_MARK = "〓";

import { formatDate } from "../i18n/dates.js";

export { dateText, formatDate } from "../i18n/dates.js";

/** Plain decimal, no exponent, no trailing zeros: 12.5, 30000, 0.25. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toFixed(0);
  return n.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
}

/** A piece of filled text: plain text, or a yes/no box (ticked or not) that Word writes as a checkbox. */
export type Part = { text: string } | { box: boolean; answer: string };

/** 是☑　否☐ as parts: each answer word followed by its box. */
export function checkParts(value: boolean | null | undefined, yes: string, no: string): Part[] {
  return [{ text: yes }, { box: value === true, answer: yes }, { text: `　${no}` }, { box: value === false, answer: no }];
}

/** Parts as printed text: a box is ☑ or ☐. */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => ("box" in p ? (p.box ? TICKED : UNTICKED) : p.text)).join("");
}

export function formatCheck(value: boolean | null | undefined, yes: string, no: string): string {
  return partsText(checkParts(value, yes, no));
}

/** The answer words of a yes/no field: 是/否, or 通过/不通过 for a verdict; a template may name its own. */
function answers(path: string, args: readonly string[]): [string, string] {
  if (args.length >= 2) return [args[0]!, args[1]!];
  return fieldMeta(path)?.kind === "passed" ? ["通过", "不通过"] : ["是", "否"];
}

/** A date line to sign beside: the date, or blanks for the hand. */
const SIGN_BLANK = "　　　年　　月　　日";

function blank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** One field's value in one format as parts: a check is its answers and boxes, anything else one text. */
export function formatParts(path: string, value: unknown, format: string, args: readonly string[] = []): Part[] {
  if (format === "check") {
    const [yes, no] = answers(path, args);
    return checkParts(typeof value === "boolean" ? value : null, yes, no);
  }
  return [{ text: formatValue(path, value, format, args) }];
}

/** One field's value in one format; "" when blank (a check or signdate prints its blanks). */
export function formatValue(path: string, value: unknown, format: string, args: readonly string[] = []): string {
  const meta = fieldMeta(path);
  const kind = meta?.kind;
  if (format === "check") return partsText(formatParts(path, value, format, args));
  if (format === "signdate") return blank(value) ? SIGN_BLANK : formatDate(String(value));
  if (blank(value)) return "";
  if (typeof value === "boolean") {
    if (kind === "passed") return value ? "通过" : "不通过";
    return value ? "是" : "否";
  }
  if (typeof value === "number") {
    const n = formatNumber(value);
    return format === "unit" && meta?.unit ? `${n}${meta.unit}` : n;
  }
  // line ends kept, tabs as spaces; control and zero-width characters pasted in with the text have nothing to print
  const s = String(value)
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, "");
  if (format === "date" || kind === "date" || kind === "partialDate") return formatDate(s.trim());
  return kind === "text" || kind === undefined ? widenPunctuation(s) : s;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60]/u;
const WIDE: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）" };

/**
 * Free text is kept as typed, and clerks often type ASCII punctuation beside
 * Chinese (an English input mode, text pasted from elsewhere). In print,
 * punctuation beside Chinese text is set full-width (, -> ，); codes keep theirs.
 */
export function widenPunctuation(s: string): string {
  const chars = [...s];
  return chars
    .map((c, i) => {
      const wide = WIDE[c];
      if (!wide) return c;
      const before = HAN.test(chars[i - 1] ?? "");
      const after = HAN.test(chars[i + 1] ?? "");
      return before || ((c === "(" || c === ")") && after) ? wide : c;
    })
    .join("");
}

/** What a template is filled from: a record (or none, for a blank form) and, in a list row, the item. */
export interface Scope {
  record: unknown;
  list?: string;
  index?: number;
  /** values of the special placeholders {title}, {page}, {pages} */
  specials?: Record<string, string>;
}

export interface Coverage {
  /** does the font draw this code point? */
  has(codePoint: number): boolean;
}

export interface FillContext {
  coverage: Coverage;
  /** the enterprise named in findings (USCC, or name) */
  record: string | null;
  locate(path: string): Location;
  findings: Finding[];
  /** characters already reported for this form, so each is reported once per field */
  reported: Set<string>;
}

export interface Filled {
  text: string;
  /** the same text in parts: the yes/no boxes apart from the words */
  parts: Part[];
  /** every placeholder was blank (or there was none and the text is a label) */
  blank: boolean;
}

function fieldPath(path: string, scope: Scope): string {
  if (scope.list !== undefined && path.startsWith("item.")) return `${scope.list}[${scope.index ?? 0}].${path.slice(5)}`;
  return path;
}

const CHECK_MARKS = new Set([TICKED, UNTICKED]);

/** Replaces characters the font lacks with 〓 and reports each once, by field and record. */
export function coverText(text: string, field: string | null, ctx: FillContext): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\n" || ch === " " || CHECK_MARKS.has(ch) || ctx.coverage.has(cp)) {
      out += ch;
      continue;
    }
    const key = `${field ?? ""}\u0000${ch}`;
    if (!ctx.reported.has(key)) {
      ctx.reported.add(key);
      ctx.findings.push({
        severity: "warning",
        rule: "render-missing-glyph",
        field,
        record: ctx.record,
        location: field ? ctx.locate(field) : { file: "", sheet: null, row: null, cell: null, line: null },
        data: { char: ch, codepoint: `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`, mark: MISSING_MARK },
        value: text,
      });
    }
    out += ctx.coverage.has(MISSING_MARK.codePointAt(0)!) ? MISSING_MARK : "?";
  }
  return out;
}

/** Every character can be printed, nothing is reported: for outputs that bring no font of their own (Word). */
export function plainContext(): FillContext {
  return { coverage: { has: () => true }, record: null, locate: () => ({ file: "", sheet: null, row: null, cell: null, line: null }), findings: [], reported: new Set() };
}

/**
 * Fills a template's placeholders from the scope; literal text is checked
 * against the font too. `{a or b}` prints the first of the fields that is filled.
 */
export function fill(template: string, scope: Scope, ctx: FillContext): Filled {
  const found = placeholders(template);
  if (found.length === 0) {
    const text = coverText(template, null, ctx);
    return { text, parts: [{ text }], blank: true };
  }
  let allBlank = true;
  const parts: Part[] = [];
  const literal = (s: string) => {
    if (s) parts.push({ text: coverText(s, null, ctx) });
  };
  let last = 0;
  const re = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(template))) {
    const p = found[i++]!;
    literal(template.slice(last, m.index));
    last = m.index + m[0].length;
    const special = scope.specials?.[p.path];
    if (special !== undefined) {
      literal(special);
      allBlank = false;
      continue;
    }
    const paths = p.paths.map((one) => fieldPath(one, scope));
    const values = paths.map((one) => (scope.record ? getPath(scope.record, one) : undefined));
    const k = Math.max(0, values.findIndex((v) => !blank(v)));
    if (!blank(values[k])) allBlank = false;
    for (const part of formatParts(paths[k]!, values[k], p.format, p.args)) {
      parts.push("box" in part ? part : { text: coverText(part.text, paths[k]!, ctx) });
    }
  }
  literal(template.slice(last));
  // neighbouring texts as one, so a filled text is the fewest parts
  const merged: Part[] = [];
  for (const part of parts) {
    const prev = merged[merged.length - 1];
    if (prev && "text" in prev && "text" in part) merged[merged.length - 1] = { text: prev.text + part.text };
    else merged.push(part);
  }
  return { text: partsText(merged), parts: merged, blank: allBlank };
}
