// What render checks before it draws: does the font have the characters the
// forms need (the template's own text and the records' values), and which
// records have no data yet for the part the form reports on (附表2 before the
// acceptance). Pure: the records, the template and the font come in.
import { fieldMeta } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import { getPath } from "../model/paths.js";
import type { LoadedRecord } from "../model/source.js";
import { formatValue, TICKED, UNTICKED, type Coverage } from "./format.js";
import { recordName } from "../model/source.js";
import { isList, noteText, placeholders, type FormTemplate, type Row } from "./template.js";

/** A font lacking more than this share of the characters the forms need is refused. */
const UNUSABLE_SHARE = 0.5;
/** characters named in the summary */
const SHOWN = 10;

export interface CoverageReport {
  /** distinct characters the forms print */
  needed: number;
  /** the characters the font lacks, in the order met */
  missing: string[];
  /** the font lacks most of what the forms need */
  unusable: boolean;
}

/** A message for the user: an id of the catalogues and its data. */
export interface Note {
  id: string;
  data: Record<string, string | number>;
}

export interface Preflight {
  coverage: CoverageReport;
  /** records with nothing yet under the template's subject, printed with their identity only */
  identityOnly: number;
  /** refuse to draw: the font lacks most characters */
  refuse: Note | null;
  /** one line each, for stderr */
  notes: Note[];
}

interface Printed {
  /** the template's own characters, and those its formats add (年月日, 是否) */
  fixed: Set<string>;
  /** the record fields it prints (lists as `[]`) and their formats */
  fields: { path: string; format: string; args: string[] }[];
}

const printedCache = new WeakMap<FormTemplate, Printed>();

/** What a template prints: its fixed characters, and the fields it fills in. */
function printed(t: FormTemplate): Printed {
  let p = printedCache.get(t);
  if (p) return p;
  const fixed = new Set<string>();
  const fields: Printed["fields"] = [];
  const add = (text: string | undefined, list?: string) => {
    if (!text) return;
    for (const ch of text.replace(/\{[^{}]*\}/g, "")) fixed.add(ch);
    for (const ph of placeholders(text).flatMap((p) => p.paths.map((one) => ({ ...p, path: one })))) {
      if (ph.path === "page" || ph.path === "pages") for (const ch of "0123456789") fixed.add(ch);
      if (ph.path === "title" || ph.path === "tag" || ph.path === "page" || ph.path === "pages") continue;
      const path = list && ph.path.startsWith("item.") ? `${list}[].${ph.path.slice(5)}` : ph.path;
      fields.push({ path, format: ph.format, args: ph.args });
      // what the format prints whatever the value: the blank date line, the yes/no words
      const kind = fieldMeta(path)?.kind;
      const dated = ph.format === "date" || ph.format === "signdate" || kind === "date" || kind === "partialDate";
      for (const ch of formatValue(path, null, ph.format, ph.args) + (dated ? "年月日" : "")) fixed.add(ch);
    }
  };
  const line = (l: { left?: string; center?: string; right?: string }, list?: string) => [l.left, l.center, l.right].forEach((s) => add(s, list));
  const rows = (rs: readonly Row[], list?: string) =>
    rs.forEach((r) =>
      r.cells.forEach((c) => {
        for (const s of [c.label, c.value, c.placeholder, c.prefix, c.suffix]) add(s, list);
        c.footer?.forEach((l) => line(l, list));
      }),
    );
  [t.title, t.tag, t.pageNumber, ...t.notes.map(noteText)].forEach((s) => add(s));
  [...t.above, ...t.continued].forEach((l) => line(l));
  for (const block of t.rows) {
    if (!isList(block)) {
      rows([block]);
      continue;
    }
    add(block.side?.label);
    rows(block.header);
    rows(block.item, block.list);
    if (block.fallback) for (const text of Object.values(block.fallback.item)) add(text, block.fallback.list);
  }
  p = { fixed, fields };
  printedCache.set(t, p);
  return p;
}

/** The values at a template path, lists (`[]`) expanded, each with its concrete path. */
function valuesAt(value: unknown, path: string, at = ""): [string, unknown][] {
  const i = path.indexOf("[]");
  if (i < 0) return [[at + path, getPath(value, path)]];
  const list = getPath(value, path.slice(0, i));
  if (!Array.isArray(list)) return [];
  const rest = path.slice(i + 3);
  return list.flatMap((item, k) => valuesAt(item, rest, `${at}${path.slice(0, i)}[${k}].`));
}

/** The characters the forms need and those the font lacks: enough to tell whether the font will do at all. */
export function checkCoverage(template: FormTemplate, records: readonly (LoadedRecord | null)[], font: Coverage): CoverageReport {
  const { fixed, fields } = printed(template);
  const needed = new Set(fixed);
  for (const rec of records) {
    if (!rec) continue;
    for (const f of fields) {
      for (const [path, value] of valuesAt(rec.record, f.path)) {
        if (value === null || value === undefined) continue;
        for (const ch of formatValue(path, value, f.format, f.args)) needed.add(ch);
      }
    }
  }
  // line ends and spaces print nothing; ☑/☐ are drawn from □ and ✓ when the font lacks them
  for (const ch of ["\n", " ", TICKED, UNTICKED]) needed.delete(ch);
  const missing = [...needed].filter((ch) => !font.has(ch.codePointAt(0)!));
  return { needed: needed.size, missing, unusable: needed.size > 0 && missing.length / needed.size > UNUSABLE_SHARE };
}

/**
 * The characters printed as 〓 in the forms made, in one line: the first ten,
 * how many places (a field, or a fixed text, of one form), which enterprises.
 */
export function missingCharacters(findings: readonly Finding[], records: readonly (LoadedRecord | null)[]): { chars: string[]; note: Note | null } {
  const chars = new Set<string>();
  const places = new Set<string>();
  const ids = new Set<string>();
  for (const f of findings) {
    if (f.rule !== "render-missing-glyph") continue;
    chars.add(String(f.data?.char ?? ""));
    places.add(`${f.record ?? ""}\u0000${f.field ?? `\u0000${f.value ?? ""}`}`);
    if (f.field && f.record) ids.add(f.record);
  }
  if (chars.size === 0) return { chars: [], note: null };
  const names = records.flatMap((r) => (r && ids.has(recordName(r) ?? "") ? [r.record.enterprise?.name ?? recordName(r)!] : []));
  const unique = [...new Set(names)];
  const shown = [...chars].slice(0, SHOWN).join("");
  const listed = unique.slice(0, 3).join("、");
  return {
    chars: [...chars],
    note: {
      id: unique.length > 0 ? "render-font-missing" : "render-font-missing-labels",
      data: {
        count: chars.size,
        chars: chars.size > SHOWN ? `${shown}…` : shown,
        places: places.size,
        records: unique.length,
        names: unique.length > 3 ? `${listed}…` : listed,
      },
    },
  };
}

/** Nothing at all is filled in under `path` (a missing part, nulls, blank strings, empty lists). */
function blankAt(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(blankAt);
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).every(blankAt);
  return false;
}

export function identityOnly(template: FormTemplate, records: readonly (LoadedRecord | null)[]): number {
  const subject = template.subject;
  if (!subject) return 0;
  return records.filter((r) => r !== null && blankAt(getPath(r.record, subject.field))).length;
}

/** How many forms print the identity only (nothing yet under the template's subject), and the line that says so. */
export function subjectNotes(template: FormTemplate, records: readonly (LoadedRecord | null)[]): { identityOnly: number; notes: Note[] } {
  const pending = identityOnly(template, records);
  const notes: Note[] = [];
  if (pending > 0 && template.subject) {
    notes.push({ id: "render-identity-only", data: { count: pending, what: template.subject.name, form: template.subject.form ?? template.title } });
  }
  return { identityOnly: pending, notes };
}

/** The checks before drawing, and what to say about them. */
export function preflight(template: FormTemplate, records: readonly (LoadedRecord | null)[], font: Coverage, fontName: string): Preflight {
  const coverage = checkCoverage(template, records, font);
  const refuse = coverage.unusable ? { id: "render-font-unusable", data: { font: fontName, needed: coverage.needed, missing: coverage.missing.length } } : null;
  return { coverage, refuse, ...subjectNotes(template, records) };
}
