// The marked-up copy: the clerk's own workbook with every faulty cell filled
// red (error) or amber (warning) and noted, plus a sheet 校验结果 that lists
// every finding with a link to its cell. The package is edited, not rebuilt:
// styles.xml, the sheets with marks, their notes and the workbook's lists of
// parts change; every other part is copied entry for entry.
//
// A copy capexit made carries, in its 校验结果 sheet, the record of its edits:
// marking such a copy again first takes those edits back exactly, so the marks
// are replaced, never stacked. A copy that went through a spreadsheet program
// has lost that record; then capexit's notes, its fills on the cells it noted
// and its sheet are recognised and taken off one by one.
//
// Pure: bytes and findings in, bytes out.
import { createHash } from "node:crypto";
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Finding, Severity } from "../model/finding.js";
import { describe } from "../report/describe.js";
import { labelled } from "../report/location.js";
import type { Validation } from "../rules/run.js";
import { UserError } from "../util/errors.js";
import { annotateMessages } from "./messages.js";
import { addNotes, stripNotes, type Note, type NoteRun } from "./notes.js";
import { Package, type EditRecord } from "./opc.js";
import { HEADER_ROW, resultsSheetXml, type ResultCell, type ResultRow } from "./results.js";
import { addLegacyDrawing, cellKey, formatOf, masterOf, parseAddress, scanSheet, setFormats, type CellAddress, type SheetScan } from "./sheet.js";
import { FILL, StyleBook } from "./styles.js";
import { addSheet, readBook, removeSheet, sheetReference, type Book, type SheetEntry } from "./workbook.js";
import { revert, scanXml, XmlError, type Undo } from "./xml.js";
import { ZipError } from "../util/zip/package.js";

export { FILL };
export const RESULTS_SHEET = "校验结果";
/** The name of capexit's sheet when the clerk has a sheet 校验结果 of their own. */
const RESULTS_SHEET_ALT = "校验结果（capexit）";

export interface AnnotateOptions {
  lang: Lang;
  /** the input as the user named it, for the title of 校验结果 */
  file: string;
}

type Say = (id: string, data?: Record<string, string | number>) => string;

/** Every marker capexit has written, in any language: how a later run finds its own notes. */
const MARKS = Object.values(annotateMessages).map((m) => m.mark!);
const TITLE_PREFIXES = Object.values(annotateMessages).map((m) => m.title!.slice(0, m.title!.indexOf("{file}")));

/** Where capexit keeps the record of its edits: an extension of its own sheet, which other programs ignore. */
const RECORD = { uri: "{6C8F3B2E-0A1D-4E57-9B3C-636170657869}", namespace: "urn:capexit:marks", element: "record" } as const;

const COLOURS = { errorText: "FFC00000", warningText: "FF9C5700", link: "FF0563C1", header: "FFD9D9D9", clean: "FF70AD47", hint: "FF595959", ok: "FF375623" } as const;

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

export async function annotateWorkbook(original: Uint8Array, v: Validation, opts: AnnotateOptions): Promise<Uint8Array> {
  try {
    return markPackage(Package.open(original), v, opts);
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.fault.kind === "too-large") throw new UserError("annotate-part-too-large", { file: opts.file, part: e.fault.part });
      throw new UserError("file-not-xlsx", { file: opts.file });
    }
    if (e instanceof XmlError) throw new UserError("annotate-part-unreadable", { file: opts.file, part: e.part });
    throw e;
  }
}

export function markPackage(pkg: Package, v: Validation, opts: AnnotateOptions): Uint8Array {
  const say: Say = (id, data) => t(opts.lang, id, data, annotateMessages);
  let book = readBook(pkg);
  if (!book) throw new UserError("file-not-xlsx", { file: opts.file });
  pkg.stamp = pkg.stampOf(book.part) ?? pkg.stamp;

  // what an earlier run left: taken back exactly when its record holds, else recognised and removed
  const previous = findPrevious(pkg, book);
  if (!(previous?.record && takeBack(pkg, previous.record))) {
    clearMarks(pkg, book, previous?.sheet ?? null);
  }
  pkg.commit(digest);
  book = readBook(pkg)!;

  const styles = StyleBook.of(pkg, book.part);
  markCells(pkg, book, styles, v.findings, opts.lang, say);
  const layout = resultsLayout(book, styles, v, opts, say);
  styles.finish();
  const taken = new Set(book.sheets.map((s) => s.name));
  let name = RESULTS_SHEET;
  for (let n = 1; taken.has(name); n++) name = n === 1 ? RESULTS_SHEET_ALT : `${RESULTS_SHEET_ALT}${n}`;
  const lastRow = HEADER_ROW + v.findings.length;
  const part = addSheet(pkg, book, name, () => resultsSheetXml(layout), () => [
    ["_xlnm.Print_Titles", `${sheetReference(name, `$${HEADER_ROW}:$${HEADER_ROW}`)}`],
    ...(v.findings.length ? ([["_xlnm._FilterDatabase", sheetReference(name, `$A$${HEADER_ROW}:$I$${lastRow}`)]] as [string, string][]) : []),
  ]);
  const record = pkg.commit(digest);
  pkg.setText(part, resultsSheetXml({ ...layout, extension: { ...RECORD, text: JSON.stringify({ v: 1, ...record }) } }));
  return pkg.toBytes();
}

// ---------------------------------------------------------------- an earlier run

interface Previous {
  sheet: SheetEntry;
  record: EditRecord | null;
}

/** capexit's sheet from an earlier run: by its record, or by its title in A1. */
function findPrevious(pkg: Package, book: Book): Previous | null {
  for (const sheet of book.sheets) {
    if (!sheet.part || !sheet.name.startsWith(RESULTS_SHEET)) continue;
    const { record, title } = readResultsSheet(pkg, sheet.part);
    if (record || (title !== null && TITLE_PREFIXES.some((p) => title.startsWith(p)))) return { sheet, record };
  }
  return null;
}

function readResultsSheet(pkg: Package, part: string): { record: EditRecord | null; title: string | null } {
  let record: EditRecord | null = null;
  let title: string | null = null;
  let inRecordExt = false;
  let recordText: string | null = null;
  let a1: { type: string; text: string } | null = null;
  let inA1 = false;
  scanXml(pkg.text(part)!, part, {
    open(tag) {
      if (tag.local === "ext") inRecordExt = tag.attrs.uri === RECORD.uri;
      else if (tag.local === "c") {
        inA1 = tag.attrs.r === "A1";
        if (inA1) a1 = { type: tag.attrs.t ?? "n", text: "" };
      }
    },
    close(tag) {
      if (tag.local === "ext") inRecordExt = false;
      else if (tag.local === "c") inA1 = false;
    },
    text(s, depth) {
      if (inRecordExt && depth === 4) recordText = (recordText ?? "") + s;
      else if (inA1 && a1) a1.text += s;
    },
  });
  if (recordText !== null) {
    try {
      const parsed = JSON.parse(recordText) as { v?: number } & EditRecord;
      if (parsed.v === 1 && parsed.edited && Array.isArray(parsed.added)) record = { edited: parsed.edited, added: parsed.added };
    } catch {
      /* not capexit's record */
    }
  }
  const cell = a1 as { type: string; text: string } | null;
  if (cell?.type === "inlineStr" || cell?.type === "str") title = cell.text;
  else if (cell?.type === "s") title = sharedString(pkg, Number(cell.text));
  return { record, title };
}

function sharedString(pkg: Package, index: number): string | null {
  const book = pkg.officeDocument();
  const part = book ? pkg.relationships(book).find((r) => r.type.endsWith("/sharedStrings"))?.part : null;
  if (!part || !pkg.has(part)) return null;
  let n = -1;
  let depth = -1;
  let text = "";
  scanXml(pkg.text(part)!, part, {
    open(tag, d) {
      if (d === 1 && tag.local === "si") n++;
      if (n === index && tag.local === "t") depth = d;
    },
    close(tag) {
      if (tag.local === "t") depth = -1;
    },
    text(s) {
      if (depth >= 0) text += s;
    },
  });
  return n >= index ? text : null;
}

/** Takes an earlier run's edits back, if every part it edited is still as it left it. */
function takeBack(pkg: Package, record: EditRecord): boolean {
  for (const [part, { sha256 }] of Object.entries(record.edited)) {
    const text = pkg.has(part) ? pkg.text(part) : null;
    if (text === null || digest(text) !== sha256) return false;
  }
  if (!record.added.every((p) => pkg.has(p))) return false;
  for (const [part, { undo }] of Object.entries(record.edited)) pkg.setText(part, revert(pkg.text(part)!, undo as Undo[]));
  for (const part of record.added) pkg.remove(part);
  return true;
}

/** Where a text holds one of capexit's marks, or -1. */
function markAt(text: string): number {
  let at = -1;
  for (const m of MARKS) {
    const i = text.indexOf(m);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** Removes what an earlier run left in a copy that lost its record: the sheet, the notes and their fills. */
function clearMarks(pkg: Package, book: Book, results: SheetEntry | null): void {
  if (results) removeSheet(pkg, book, results);
  let styles: StyleBook | null = null;
  for (const sheet of book.sheets) {
    if (!sheet.part || sheet === results) continue;
    const part = sheet.part;
    let scanned: SheetScan | null = null;
    const cells = stripNotes(pkg, part, markAt, () => ({
      removeLegacyDrawing() {
        const s = (scanned ??= scanSheet(pkg.text(part)!, part, new Set()));
        if (s.legacyDrawing) pkg.edit(part).splices.replace(s.legacyDrawing.tag.start, s.legacyDrawing.end, "");
      },
    }));
    if (!cells.length) continue;
    const scan = scanSheet(pkg.text(part)!, part, new Set(cells.map((c) => c.row)));
    styles ??= StyleBook.of(pkg, book.part);
    const formats = new Map<number, number>();
    for (const c of cells) {
      const cell = scan.rows.get(c.row)?.cells.find((x) => x.col === c.col);
      if (!cell) continue;
      const s = Number(cell.tag.attrs.s ?? 0);
      if (styles.hasMarkFill(s)) formats.set(cellKey(c.row, c.col), styles.unfilled(s));
    }
    if (formats.size) setFormats(scan, pkg.edit(part).splices, formats);
  }
  styles?.finish();
}

// ---------------------------------------------------------------- marks on cells

interface Marked {
  at: CellAddress;
  findings: Finding[];
}

function markCells(pkg: Package, book: Book, styles: StyleBook, findings: readonly Finding[], lang: Lang, say: Say): void {
  const bySheet = new Map<SheetEntry, { finding: Finding; at: CellAddress }[]>();
  for (const f of findings) {
    const { sheet, cell } = f.location;
    if (!sheet || !cell) continue;
    const entry = book.sheets.find((s) => s.name === sheet);
    const at = parseAddress(cell);
    if (!entry?.part || !at) continue;
    bySheet.set(entry, [...(bySheet.get(entry) ?? []), { finding: f, at }]);
  }
  for (const [sheet, list] of bySheet) {
    const part = sheet.part!;
    const text = pkg.text(part)!;
    const rows = new Set(list.map((x) => x.at.row));
    let scan = scanSheet(text, part, rows);
    // a merged range is marked on its top-left cell, the one that shows
    const masters = list.map((x) => masterOf(scan, x.at));
    if (masters.some((m) => !rows.has(m.row))) {
      for (const m of masters) rows.add(m.row);
      scan = scanSheet(text, part, rows);
    }
    const cells = new Map<number, Marked>();
    list.forEach((x, i) => {
      const at = masters[i]!;
      const k = cellKey(at.row, at.col);
      const m = cells.get(k) ?? { at, findings: [] };
      m.findings.push(x.finding);
      cells.set(k, m);
    });
    const formats = new Map<number, number>();
    const notes: Note[] = [];
    for (const [k, m] of [...cells].sort((a, b) => a[0] - b[0])) {
      const worst: Severity = m.findings.some((f) => f.severity === "error") ? "error" : "warning";
      formats.set(k, styles.marked(formatOf(scan, m.at), worst));
      notes.push({ at: m.at, runs: noteRuns(m.findings, lang, say) });
    }
    const edit = pkg.edit(part);
    setFormats(scan, edit.splices, formats);
    addNotes({ pkg, sheet: part, legacyDrawingId: scan.legacyDrawing?.id ?? null, addLegacyDrawing: (id) => addLegacyDrawing(scan, edit.splices, id) }, notes, { text: "\n\n" });
  }
}

function noteRuns(fs: readonly Finding[], lang: Lang, say: Say): NoteRun[] {
  // the cells of a merged range share one note: a message they all have is said once
  const lines = [...new Map(fs.map((f) => [`${f.severity}\u0000${noteMessage(f, lang)}`, f])).entries()];
  const runs: NoteRun[] = [{ bold: true, text: `${say("mark")}\n` }];
  lines.forEach(([k, f], i) => {
    const sev = t(lang, f.severity === "error" ? "report.error" : "report.warning");
    runs.push({ color: f.severity === "error" ? COLOURS.errorText : COLOURS.warningText, text: labelled(sev, "", lang) });
    runs.push({ text: `${k.slice(k.indexOf("\u0000") + 1)}${i < lines.length - 1 ? "\n" : ""}` });
  });
  return runs;
}

/** The message, with the column's name in front unless the message already says it. */
function noteMessage(f: Finding, lang: Lang): string {
  const message = describe(f, lang);
  if (!f.field) return message;
  const label = fieldLabel(f.field, lang);
  return message.includes(label.replace(/[（(].*$/, "")) ? message : labelled(label, message, lang);
}

// ---------------------------------------------------------------- the results sheet

const COLUMNS = [
  { key: "col.no", width: 6 },
  { key: "col.severity", width: 8 },
  { key: "col.sheet", width: 14 },
  { key: "col.where", width: 14 },
  { key: "col.record", width: 22 },
  { key: "col.field", width: 20 },
  { key: "col.message", width: 60 },
  { key: "col.value", width: 20 },
  { key: "col.rule", width: 18 },
] as const;
const WHERE_COLUMN = 4;

function resultsLayout(book: Book, styles: StyleBook, v: Validation, opts: AnnotateOptions, say: Say) {
  const f = {
    title: styles.format({ font: { bold: true, size: 14 }, vertical: "center" }),
    tally: styles.format({ font: { bold: true, color: v.errors ? COLOURS.errorText : COLOURS.ok } }),
    hint: styles.format({ font: { size: 9, color: COLOURS.hint } }),
    header: styles.format({ font: { bold: true }, fill: COLOURS.header, wrap: true, vertical: "center" }),
    body: styles.format({ wrap: true, vertical: "top" }),
    link: styles.format({ font: { color: COLOURS.link, underline: true }, wrap: true, vertical: "top" }),
    error: styles.format({ fill: FILL.error, wrap: true, vertical: "top" }),
    warning: styles.format({ fill: FILL.warning, wrap: true, vertical: "top" }),
  };
  const tally = t(opts.lang, "report.tally", { records: v.records, errors: v.errors, warnings: v.warnings });
  const sheets = new Set(book.sheets.map((s) => s.name));
  const rows: ResultRow[] = v.findings.map((finding, i) => {
    const loc = finding.location;
    const where =
      loc.cell ?? (loc.row !== null ? t(opts.lang, "report.row", { row: loc.row }) : loc.line !== null ? t(opts.lang, "report.line", { line: loc.line }) : loc.sheet ? say("where.sheet") : say("where.file"));
    const linked = loc.sheet !== null && sheets.has(loc.sheet);
    const cell = (text: string | number, style = f.body): ResultCell => ({ text, style });
    return {
      cells: [
        cell(i + 1),
        cell(t(opts.lang, finding.severity === "error" ? "report.error" : "report.warning"), f[finding.severity]),
        cell(loc.sheet ?? loc.file),
        cell(where, linked ? f.link : f.body),
        cell(finding.record ?? ""),
        cell(finding.field ? fieldLabel(finding.field, opts.lang) : ""),
        cell(describe(finding, opts.lang)),
        cell(finding.value ?? ""),
        cell(finding.rule),
      ],
      link: linked ? { col: WHERE_COLUMN, location: sheetReference(loc.sheet!, loc.cell ?? (loc.row !== null ? `A${loc.row}` : "A1")) } : undefined,
    };
  });
  return {
    widths: COLUMNS.map((c) => c.width),
    banner: [
      { text: say("title", { file: opts.file }), style: f.title },
      { text: v.findings.length ? tally : t(opts.lang, "report.tally-clean", { tally, clean: t(opts.lang, "report.clean") }), style: f.tally },
      { text: say("hint"), style: f.hint },
    ],
    header: COLUMNS.map((c) => ({ text: say(c.key), style: f.header })),
    rows,
    tabColor: v.errors ? FILL.error : v.warnings ? FILL.warning : COLOURS.clean,
  };
}
