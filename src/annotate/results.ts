// The sheet 校验结果, written whole: every finding with a link to its cell.
// Text is written as inline strings, so the workbook's shared strings stay as
// they are; a link is a <hyperlink location> to a place in the workbook.
import { rowHeight, wrappedLines } from "../template/measure.js";
import { NS } from "./opc.js";
import { columnLetter } from "../util/columns.js";
import { escapeText, startTag } from "./xml.js";

export interface ResultCell {
  text: string | number;
  style: number;
}

export interface ResultRow {
  cells: ResultCell[];
  /** where the 位置 cell links to, e.g. `'附表1'!F5` */
  link?: { col: number; location: string };
}

export interface ResultsLayout {
  widths: readonly number[];
  /** the title, tally and hint rows above the header, each merged across the table */
  banner: ResultCell[];
  header: ResultCell[];
  rows: ResultRow[];
  tabColor: string;
  /** extension data capexit reads back on the next run (the record of its edits) */
  extension?: { uri: string; namespace: string; element: string; text: string };
}

export const HEADER_ROW = 4;

function cellXml(ref: string, cell: ResultCell): string {
  if (typeof cell.text === "number") return `${startTag("c", [["r", ref], ["s", cell.style]])}<v>${cell.text}</v></c>`;
  if (cell.text === "") return startTag("c", [["r", ref], ["s", cell.style]], true);
  return `${startTag("c", [["r", ref], ["s", cell.style], ["t", "inlineStr"]])}<is><t xml:space="preserve">${escapeText(cell.text)}</t></is></c>`;
}

function rowXml(r: number, cells: ResultCell[], widths: readonly number[], fixedHeight?: number): string {
  const lines = Math.max(1, ...cells.map((c, i) => wrappedLines(String(c.text), widths[i] ?? 10)));
  const height = fixedHeight ?? (lines > 1 ? rowHeight(lines) : undefined);
  const open = startTag("row", [["r", r], ["ht", height], ["customHeight", height === undefined ? undefined : "1"]]);
  return `${open}${cells.map((c, i) => cellXml(`${columnLetter(i + 1)}${r}`, c)).join("")}</row>`;
}

export function resultsSheetXml(layout: ResultsLayout): string {
  const { widths } = layout;
  const last = columnLetter(widths.length);
  const lastRow = HEADER_ROW + layout.rows.length;
  const rows: string[] = [];
  layout.banner.forEach((cell, i) => rows.push(rowXml(i + 1, [cell, ...widths.slice(1).map(() => ({ text: "", style: cell.style }))], [widths.reduce((a, b) => a + b, 0)], i === 0 ? 24 : undefined)));
  rows.push(rowXml(HEADER_ROW, layout.header, widths));
  layout.rows.forEach((row, i) => rows.push(rowXml(HEADER_ROW + 1 + i, row.cells, widths)));

  const merges = layout.banner.map((_, i) => `<mergeCell ref="A${i + 1}:${last}${i + 1}"/>`);
  const links = layout.rows.flatMap((row, i) =>
    row.link ? [startTag("hyperlink", [["ref", `${columnLetter(row.link.col)}${HEADER_ROW + 1 + i}`], ["location", row.link.location], ["display", String(row.cells[row.link.col - 1]?.text ?? "")]], true)] : [],
  );
  const ext = layout.extension;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">` +
    `<sheetPr>${startTag("tabColor", [["rgb", layout.tabColor]], true)}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${last}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${HEADER_ROW}" topLeftCell="A${HEADER_ROW + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${HEADER_ROW + 1}" sqref="A${HEADER_ROW + 1}"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${widths.map((w, i) => startTag("col", [["min", i + 1], ["max", i + 1], ["width", w], ["customWidth", "1"]], true)).join("")}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    (layout.rows.length ? `<autoFilter ref="A${HEADER_ROW}:${last}${lastRow}"/>` : "") +
    `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    (ext ? `<extLst>${startTag("ext", [["uri", ext.uri], ["xmlns:cx", ext.namespace]])}<cx:${ext.element}>${escapeText(ext.text)}</cx:${ext.element}></ext></extLst>` : "") +
    `</worksheet>`
  );
}
