// The printable workbook: sheets 汇总, 进度 and 明细, drawn from the same tables
// as every other output. 合计 rows are SUM formulas that carry their results, so
// a viewer that does not recalculate still shows the numbers. A document with
// prose (a notice) has its lead paragraph above the first table and its closing
// paragraphs and signature under the last.
import type ExcelJS from "exceljs";
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import { PassThrough } from "node:stream";
import { columnLetter } from "../util/columns.js";
import type { Column, SummaryDocument, Table } from "./tables.js";
import { displayWidth } from "./text.js";

const NUM_FMT: Record<Column["kind"], string | undefined> = {
  text: undefined,
  count: "#,##0",
  amount: "#,##0.00",
};

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
const FONT = "宋体";

/** Rows above the data: title, (lead paragraphs,) compiler / as-of line, then one or two header rows. */
const TITLE_ROW = 1;
const PROSE_SIZE = 11;

interface Prose {
  lead: readonly string[];
  closing: readonly string[];
  signature: readonly string[];
}

const NO_PROSE: Prose = { lead: [], closing: [], signature: [] };

/** Excel sizes no merged cell to its text: the height of a wrapped paragraph across the sheet, estimated. */
function paragraphHeight(text: string, columns: readonly Column[]): number {
  const room = columns.reduce((n, c) => n + c.width + 2, 0);
  // a Chinese character is about two of Excel's width units at 11 pt, a little over
  const lines = Math.max(1, Math.ceil((displayWidth(text) * 1.1) / room));
  return lines * PROSE_SIZE * 1.45 + 6;
}

function headerRows(t: Table): number {
  return t.columns.some((c) => c.group) ? 2 : 1;
}

/** Groups of neighbouring columns under one group label: [first, last] (1-based). */
function groupSpans(columns: readonly Column[]): { label: string; from: number; to: number }[] {
  const out: { label: string; from: number; to: number }[] = [];
  columns.forEach((c, i) => {
    const last = out[out.length - 1];
    if (c.group && last && last.label === c.group && last.to === i) last.to = i + 1;
    else if (c.group) out.push({ label: c.group, from: i + 1, to: i + 1 });
  });
  return out;
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, doc: SummaryDocument, t: Table, heading: string, prose: Prose = NO_PROSE): void {
  const n = t.columns.length;
  const hr = headerRows(t);
  const hasInfo = !!(doc.compilerLine.trim() || doc.asOfLine.trim());
  const INFO_ROW = TITLE_ROW + 1 + prose.lead.length;
  const HEADER_TOP = INFO_ROW + (hasInfo ? 1 : 0);
  const headerBottom = HEADER_TOP + hr - 1;
  const firstData = headerBottom + 1;
  const ws = wb.addWorksheet(t.name, {
    views: [{ state: "frozen", xSplit: t.frozenColumns, ySplit: headerBottom, topLeftCell: `${columnLetter(t.frozenColumns + 1)}${firstData}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_TOP}:${headerBottom}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页 共 &N 页", evenFooter: "&C第 &P 页 共 &N 页" },
  });

  t.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width + 2;
  });

  // title and the line under it
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, n);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = heading;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(TITLE_ROW).height = 30;
  prose.lead.forEach((text, i) => paragraphRow(ws, TITLE_ROW + 1 + i, text, t.columns));
  const half = Math.max(1, Math.floor(n / 2));
  if (hasInfo) {
    ws.mergeCells(INFO_ROW, 1, INFO_ROW, half);
    if (half + 1 <= n) ws.mergeCells(INFO_ROW, half + 1, INFO_ROW, n);
    ws.getCell(INFO_ROW, 1).value = doc.compilerLine;
    ws.getCell(INFO_ROW, 1).font = { name: FONT, size: 11 };
    const asOf = ws.getCell(INFO_ROW, Math.min(n, half + 1));
    asOf.value = doc.asOfLine;
    asOf.font = { name: FONT, size: 11 };
    if (half + 1 <= n) asOf.alignment = { horizontal: "right" };
  }

  // headers: a group label spans its columns; a column without one spans both header rows
  const headerStyle = (cell: ExcelJS.Cell) => {
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
  };
  for (let r = HEADER_TOP; r <= headerBottom; r++) for (let i = 1; i <= n; i++) headerStyle(ws.getCell(r, i));
  t.columns.forEach((c, i) => {
    if (hr === 2 && !c.group) {
      ws.mergeCells(HEADER_TOP, i + 1, headerBottom, i + 1);
      ws.getCell(HEADER_TOP, i + 1).value = c.label;
    } else {
      ws.getCell(headerBottom, i + 1).value = c.label;
    }
  });
  if (hr === 2) {
    for (const g of groupSpans(t.columns)) {
      if (g.to > g.from) ws.mergeCells(HEADER_TOP, g.from, HEADER_TOP, g.to);
      ws.getCell(HEADER_TOP, g.from).value = g.label;
    }
    ws.getRow(HEADER_TOP).height = 22;
    ws.getRow(headerBottom).height = 34;
  } else {
    ws.getRow(HEADER_TOP).height = 40;
  }

  // data: one style object per column, shared by its cells
  const styles = t.columns.map((c): Partial<ExcelJS.Style> => ({
    font: { name: FONT, size: 10 },
    border: BORDER,
    alignment: c.kind === "text" ? { vertical: "middle", wrapText: c.width >= 20 } : { vertical: "middle", horizontal: "right" },
    ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}),
  }));
  // rows stream out as they are done: a 10,000-row 明细 is never held twice
  for (let r = TITLE_ROW; r <= headerBottom; r++) ws.getRow(r).commit();
  t.rows.forEach((values, j) => {
    const row = ws.getRow(firstData + j);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      // a string stays a string: text starting with = + - @ is never a formula here
      cell.value = v;
      cell.style = styles[i]!;
    });
    row.commit();
  });

  if (t.total) {
    const lastData = firstData + t.rows.length - 1;
    const row = ws.getRow(lastData + 1);
    t.total.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      const c = t.columns[i]!;
      if (i > 0 && c.summed && typeof v === "number") {
        const col = columnLetter(i + 1);
        cell.value = t.rows.length ? { formula: `SUM(${col}${firstData}:${col}${lastData})`, result: v } : v;
      } else {
        cell.value = v;
      }
      cell.style = { ...styles[i]!, font: { name: FONT, size: 10, bold: true } };
      if (i === 0) cell.alignment = { horizontal: "center", vertical: "middle" };
    });
    row.commit();
  }
  writeClosing(ws, firstData + t.rows.length + (t.total ? 1 : 0), prose, t.columns);
  ws.commit();
}

/** One paragraph in a row merged across the sheet, wrapped, its first line indented two characters. */
function paragraphRow(ws: ExcelJS.Worksheet, r: number, text: string, columns: readonly Column[]): void {
  ws.mergeCells(r, 1, r, columns.length);
  const cell = ws.getCell(r, 1);
  cell.value = `\u3000\u3000${text}`;
  cell.font = { name: FONT, size: PROSE_SIZE };
  cell.alignment = { vertical: "top", wrapText: true };
  ws.getRow(r).height = paragraphHeight(cell.value, columns);
}

/**
 * Under the table: a blank row, the closing paragraphs, a blank row, then the
 * signature lines centred on one another over the right-hand columns.
 */
function writeClosing(ws: ExcelJS.Worksheet, next: number, prose: Prose, columns: readonly Column[]): void {
  if (!prose.closing.length && !prose.signature.length) return;
  let r = next + 1;
  for (const text of prose.closing) {
    paragraphRow(ws, r, text, columns);
    ws.getRow(r++).commit();
  }
  if (!prose.signature.length) return;
  r++;
  // the fewest right-hand columns wide enough for the longest line, with room to spare
  const need = Math.max(...prose.signature.map(displayWidth)) + 8;
  let from = columns.length;
  for (let w = columns[from - 1]!.width + 2; from > 1 && w < need; w += columns[from - 1]!.width + 2) from--;
  for (const line of prose.signature) {
    if (from < columns.length) ws.mergeCells(r, from, r, columns.length);
    const cell = ws.getCell(r, from);
    cell.value = line;
    cell.font = { name: FONT, size: PROSE_SIZE };
    cell.alignment = { horizontal: "center", vertical: "middle" };
    ws.getRow(r++).commit();
  }
}

/** The workbook's bytes. Written with exceljs's streaming writer: the 明细 of a big year is the bulk. */
export async function summaryWorkbook(doc: SummaryDocument): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const wb = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = "capexit";
  wb.title = doc.title;
  const last = doc.tables.length - 1;
  doc.tables.forEach((t, i) =>
    writeSheet(wb, doc, t, i === 0 ? doc.title : `${doc.title}（${t.name}）`, {
      lead: i === 0 ? (doc.lead ?? []) : [],
      closing: i === last ? (doc.closing ?? []) : [],
      signature: i === last ? (doc.signature ?? []) : [],
    }),
  );
  await wb.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
