// The marked-up copy: the clerk's own workbook with every faulty cell filled
// red (error) or amber (warning) and noted, plus a sheet 校验结果 that lists
// every finding with a link to its cell. Pure: bytes and findings in, bytes out.
import ExcelJS from "exceljs";
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Finding, Severity } from "../model/finding.js";
import { columnLetter } from "../util/columns.js";
import { describe } from "../report/describe.js";
import type { Validation } from "../rules/run.js";
import { UserError } from "../util/errors.js";
import { rowHeight, wrappedLines } from "../template/measure.js";
import { annotateMessages } from "./messages.js";

export const RESULTS_SHEET = "校验结果";
export const FILL: Record<Severity, string> = { error: "FFFF7C80", warning: "FFFFC000" };

export interface AnnotateOptions {
  lang: Lang;
  /** the input as the user named it, for the title of 校验结果 */
  file: string;
}

type Say = (id: string, data?: Record<string, string | number>) => string;

/** Every marker capexit has written, in any language: how a later run finds its own notes. */
const MARKS = Object.values(annotateMessages).map((m) => m.mark!);
const TITLE_PREFIXES = Object.values(annotateMessages).map((m) => m.title!.replace(/\{file\}.*$/, ""));

export async function annotateWorkbook(original: Uint8Array, v: Validation, opts: AnnotateOptions): Promise<Uint8Array> {
  const say: Say = (id, data) => t(opts.lang, id, data, annotateMessages);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(original as unknown as ArrayBuffer);
  } catch {
    throw new UserError("file-not-xlsx", { file: opts.file });
  }
  const resultsName = clearPreviousRun(wb);
  markCells(wb, v.findings, opts.lang, say);
  addResultsSheet(wb, resultsName, v, opts, say);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

// ---------------------------------------------------------------- marks on cells

function noteRuns(note: ExcelJS.Cell["note"]): ExcelJS.RichText[] {
  if (note === undefined || note === null) return [];
  if (typeof note === "string") return [{ text: note }];
  return [...(note.texts ?? [])];
}

/** A note's runs without capexit's block (which always starts with a run opening with a mark). */
function withoutOurBlock(runs: ExcelJS.RichText[]): { runs: ExcelJS.RichText[]; had: boolean } {
  const at = runs.findIndex((r) => MARKS.some((m) => r.text.startsWith(m)));
  if (at < 0) return { runs, had: false };
  const kept = runs.slice(0, at);
  while (kept.length && kept[kept.length - 1]!.text.trim() === "") kept.pop();
  return { runs: kept, had: true };
}

/**
 * exceljs has no way to delete a note: drop the cell's comment, and the copy of
 * it that a loaded cell keeps in its value's model (else it is written back).
 */
function removeNote(cell: ExcelJS.Cell) {
  const inner = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  inner._comment = undefined;
  if (inner._value?.model) delete inner._value.model.comment;
}

function isOurFill(cell: ExcelJS.Cell): boolean {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const argb = fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
  return argb === FILL.error || argb === FILL.warning;
}

/**
 * A marked copy sent back and fixed may come in again: its old marks go first
 * (capexit's notes, and fills in capexit's two colours on the cells it noted),
 * and so does capexit's own results sheet. Returns the name for the new one.
 */
function clearPreviousRun(wb: ExcelJS.Workbook): string {
  let name = RESULTS_SHEET;
  for (const ws of [...wb.worksheets]) {
    if (ws.name === RESULTS_SHEET || ws.name.startsWith(`${RESULTS_SHEET}（`)) {
      const title = String(ws.getCell("A1").value ?? "");
      if (TITLE_PREFIXES.some((p) => title.startsWith(p))) {
        wb.removeWorksheet(ws.id);
        continue;
      }
      if (ws.name === RESULTS_SHEET) name = `${RESULTS_SHEET}（capexit）`;
    }
    // includeEmpty: a blank cell can carry a note (a required value that is missing)
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (!cell.note) return;
        const { runs, had } = withoutOurBlock(noteRuns(cell.note));
        if (!had) return;
        const keep = { ...cell.style };
        if (isOurFill(cell)) delete keep.fill;
        cell.style = keep as ExcelJS.Style;
        const note = cell.note;
        if (runs.length) cell.note = { ...(typeof note === "object" ? note : {}), texts: runs };
        else removeNote(cell);
      });
    });
  }
  return name;
}

function markCells(wb: ExcelJS.Workbook, findings: readonly Finding[], lang: Lang, say: Say) {
  const byCell = new Map<string, { ws: ExcelJS.Worksheet; address: string; findings: Finding[] }>();
  for (const f of findings) {
    const { sheet, cell } = f.location;
    if (!sheet || !cell) continue;
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    let target = ws.getCell(cell);
    if (target.isMerged) target = target.master; // the merged range shows its top-left cell
    const key = `${ws.id}!${target.address}`;
    const entry = byCell.get(key) ?? { ws, address: target.address, findings: [] };
    entry.findings.push(f);
    byCell.set(key, entry);
  }
  for (const { ws, address, findings: fs } of byCell.values()) {
    const cell = ws.getCell(address);
    const worst: Severity = fs.some((f) => f.severity === "error") ? "error" : "warning";
    // a fresh style object: exceljs shares one among all cells of the same look
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: FILL[worst] } } } as ExcelJS.Style;
    const ours: ExcelJS.RichText[] = [{ font: { bold: true, size: 9 }, text: `${say("mark")}\n` }];
    fs.forEach((f, i) => {
      const sev = t(lang, f.severity === "error" ? "report.error" : "report.warning");
      const sep = lang === "en" ? ": " : "：";
      ours.push({ font: { size: 9, color: { argb: f.severity === "error" ? "FFC00000" : "FF9C5700" } }, text: `${sev}${sep}` });
      ours.push({ font: { size: 9 }, text: `${noteMessage(f, lang)}${i < fs.length - 1 ? "\n" : ""}` });
    });
    const existing = cell.note;
    const theirs = noteRuns(existing);
    const texts = theirs.length ? [...theirs, { text: "\n\n" }, ...ours] : ours;
    cell.note = { ...(typeof existing === "object" && existing ? existing : {}), texts } as ExcelJS.Comment;
  }
}

/** The message, with the column's name in front unless the message already says it. */
function noteMessage(f: Finding, lang: Lang): string {
  const message = describe(f, lang);
  if (!f.field) return message;
  const label = fieldLabel(f.field, lang);
  return message.includes(label.replace(/[（(].*$/, "")) ? message : `${label}${lang === "en" ? ": " : "："}${message}`;
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
const HEADER_ROW = 4;

/** `'附表1'!F5` for a formula: quotes in sheet names doubled. */
function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** A string literal inside a formula. */
function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function addResultsSheet(wb: ExcelJS.Workbook, name: string, v: Validation, opts: AnnotateOptions, say: Say) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 0 }],
    properties: { tabColor: { argb: v.errors ? FILL.error : v.warnings ? FILL.warning : "FF70AD47" } },
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const last = columnLetter(COLUMNS.length);

  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell("A1");
  title.value = say("title", { file: opts.file });
  title.font = { size: 14, bold: true };
  ws.mergeCells(`A2:${last}2`);
  const tally = t(opts.lang, "report.tally", { records: v.records, errors: v.errors, warnings: v.warnings });
  ws.getCell("A2").value = v.findings.length ? tally : `${tally}${opts.lang === "en" ? "; " : "，"}${t(opts.lang, "report.clean")}`;
  ws.getCell("A2").font = { bold: true, color: { argb: v.errors ? "FFC00000" : "FF375623" } };
  ws.mergeCells(`A3:${last}3`);
  ws.getCell("A3").value = say("hint");
  ws.getCell("A3").font = { size: 9, color: { argb: "FF595959" } };

  const header = ws.getRow(HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = say(c.key);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });

  v.findings.forEach((f, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    const loc = f.location;
    const linked = loc.sheet && wb.getWorksheet(loc.sheet) ? loc.sheet : null;
    const where = loc.cell ?? (loc.row !== null ? t(opts.lang, "report.row", { row: loc.row }) : loc.line !== null ? t(opts.lang, "report.line", { line: loc.line }) : loc.sheet ? say("where.sheet") : say("where.file"));
    // every text below is a plain string: exceljs stores it as text, never as a formula
    row.getCell(1).value = i + 1;
    row.getCell(2).value = t(opts.lang, f.severity === "error" ? "report.error" : "report.warning");
    row.getCell(2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[f.severity] } };
    row.getCell(3).value = loc.sheet ?? loc.file;
    if (linked) {
      const target = loc.cell ?? (loc.row !== null ? `A${loc.row}` : "A1");
      row.getCell(4).value = {
        formula: `HYPERLINK(${formulaString(`#${sheetRef(linked, target)}`)},${formulaString(where)})`,
        result: where,
      };
      row.getCell(4).font = { color: { argb: "FF0563C1" }, underline: true };
    } else {
      row.getCell(4).value = where;
    }
    row.getCell(5).value = f.record ?? "";
    row.getCell(6).value = f.field ? fieldLabel(f.field, opts.lang) : "";
    row.getCell(7).value = describe(f, opts.lang);
    row.getCell(8).value = f.value ?? "";
    row.getCell(9).value = f.rule;
    row.alignment = { vertical: "top", wrapText: true };
    const lines = Math.max(...COLUMNS.map((c, n) => wrappedLines(String(row.getCell(n + 1).text ?? ""), c.width)));
    if (lines > 1) row.height = rowHeight(lines);
  });
  if (v.findings.length) {
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + v.findings.length, column: COLUMNS.length } };
  }

  // open the copy on the results: this sheet is the only selected tab
  const index = wb.worksheets.findIndex((w) => w.id === ws.id);
  for (const w of wb.worksheets) {
    const own = w.views ?? [];
    // exceljs writes `tabSelected` but does not declare it
    const view = { ...(own[0] ?? {}), tabSelected: w.id === ws.id } as unknown as ExcelJS.WorksheetView;
    w.views = [view, ...own.slice(1)];
  }
  const views = wb.views?.length ? wb.views : [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" as const }];
  wb.views = views.map((view, i) => (i === 0 ? { ...view, activeTab: index, firstSheet: 0 } : view));
}
