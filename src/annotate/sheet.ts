// A worksheet part, scanned once: where the cells that get a mark stand, what
// format they have, and where a missing cell or row would go. The only edits
// are the `s` attribute of those cells (a `<c>` added where the cell is not
// written yet) and, for notes, one `<legacyDrawing>` element.
import { NS } from "./opc.js";
import { prefixFor, prefixOf, scanXml, startTag, withAttrs, type Splices, type XmlTag } from "./xml.js";
import { columnLetter } from "../util/columns.js";

export interface CellAddress {
  row: number;
  col: number;
}

export function parseAddress(ref: string): CellAddress | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36 /* $ */ && i === 0) continue;
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  if (ref[i] === "$") i++;
  const digits = ref.slice(i);
  if (!col || !/^\d+$/.test(digits)) return null;
  const row = Number(digits);
  return row >= 1 && col <= 16_384 ? { row, col } : null;
}

export const addressOf = (a: CellAddress) => `${columnLetter(a.col)}${a.row}`;
const key = (row: number, col: number) => row * 16_384 + col;

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(ref: string): Range | null {
  const [a, b] = ref.split(":");
  const from = parseAddress(a ?? "");
  const to = b === undefined ? from : parseAddress(b);
  if (!from || !to) return null;
  return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
}

interface CellSeen {
  col: number;
  tag: XmlTag;
}

interface RowSeen {
  row: number;
  tag: XmlTag;
  /** index of `</row>` (the tag's end when self-closing) */
  closeStart: number;
  end: number;
  cells: CellSeen[];
}

/** The children of worksheet that come after legacyDrawing, in schema order. */
const AFTER_LEGACY_DRAWING = new Set(["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]);

export interface SheetScan {
  /** the prefix of the part's elements (`x:` in some writers), with its colon */
  prefix: string;
  /** the prefix bound to the relationships namespace on the root, if any */
  relPrefix: string | null;
  /** start of the root's end tag */
  rootCloseStart: number;
  /** where a `<legacyDrawing>` goes */
  legacyDrawingAt: number;
  /** the r:id of the sheet's `<legacyDrawing>`, if it has one */
  legacyDrawing: { id: string; tag: XmlTag; end: number } | null;
  sheetData: { tag: XmlTag; closeStart: number; end: number } | null;
  /** row number and start of every row, in document order */
  rowStarts: [row: number, start: number][];
  /** the rows asked for, with their cells */
  rows: Map<number, RowSeen>;
  cols: { min: number; max: number; style: number }[];
  merges: Range[];
}

/** Scans a worksheet, keeping the cells of `wanted` rows. */
export function scanSheet(text: string, part: string, wanted: ReadonlySet<number>): SheetScan {
  const scan: SheetScan = {
    prefix: "",
    relPrefix: null,
    rootCloseStart: text.length,
    legacyDrawingAt: -1,
    legacyDrawing: null,
    sheetData: null,
    rowStarts: [],
    rows: new Map(),
    cols: [],
    merges: [],
  };
  let inSheetData = false;
  let lastRow = 0;
  let row: RowSeen | null = null;
  let lastCol = 0;
  let sheetDataTag: XmlTag | null = null;
  scanXml(text, part, {
    open(tag, depth) {
      if (depth === 0) {
        scan.prefix = prefixOf(tag.name);
        scan.relPrefix = prefixFor(tag, NS.relationships) ?? prefixFor(tag, NS.strictRelationships);
        return;
      }
      if (depth === 1) {
        if (tag.local === "sheetData") {
          inSheetData = true;
          sheetDataTag = tag;
        } else if (tag.local === "legacyDrawing") {
          const id = Object.entries(tag.attrs).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
          scan.legacyDrawing = { id, tag, end: tag.openEnd };
        } else if (scan.legacyDrawingAt < 0 && AFTER_LEGACY_DRAWING.has(tag.local)) {
          scan.legacyDrawingAt = tag.start;
        }
        return;
      }
      if (inSheetData && depth === 2 && tag.local === "row") {
        const r = tag.attrs.r ? Number(tag.attrs.r) : lastRow + 1;
        lastRow = r;
        lastCol = 0;
        scan.rowStarts.push([r, tag.start]);
        row = wanted.has(r) ? { row: r, tag, closeStart: tag.openEnd, end: tag.openEnd, cells: [] } : null;
        if (row) scan.rows.set(r, row);
        return;
      }
      if (row && depth === 3 && tag.local === "c") {
        const col = tag.attrs.r ? (parseAddress(tag.attrs.r)?.col ?? lastCol + 1) : lastCol + 1;
        lastCol = col;
        row.cells.push({ col, tag });
        return;
      }
      if (depth === 2 && tag.local === "col") {
        scan.cols.push({ min: Number(tag.attrs.min ?? 0), max: Number(tag.attrs.max ?? 0), style: Number(tag.attrs.style ?? 0) });
      } else if (depth === 2 && tag.local === "mergeCell" && tag.attrs.ref) {
        const range = parseRange(tag.attrs.ref);
        if (range) scan.merges.push(range);
      }
    },
    close(tag, closeStart, end, depth) {
      if (depth === 0) {
        scan.rootCloseStart = closeStart;
      } else if (depth === 1 && tag.local === "sheetData") {
        inSheetData = false;
        scan.sheetData = { tag: sheetDataTag!, closeStart, end };
      } else if (depth === 1 && tag.local === "legacyDrawing" && scan.legacyDrawing) {
        scan.legacyDrawing.end = end;
      } else if (depth === 2 && row && tag.local === "row") {
        row.closeStart = closeStart;
        row.end = end;
        row = null;
      }
    },
  });
  if (scan.legacyDrawingAt < 0) scan.legacyDrawingAt = scan.rootCloseStart;
  return scan;
}

/** The top-left cell of the merged range a cell lies in, or the cell itself. */
export function masterOf(scan: SheetScan, a: CellAddress): CellAddress {
  for (const m of scan.merges) {
    if (a.row >= m.top && a.row <= m.bottom && a.col >= m.left && a.col <= m.right) return { row: m.top, col: m.left };
  }
  return a;
}

/** A cell's format: its own `s`; for a cell not written, its row's or column's, as a spreadsheet shows it. */
export function formatOf(scan: SheetScan, a: CellAddress): number {
  const row = scan.rows.get(a.row);
  const cell = row?.cells.find((c) => c.col === a.col);
  if (cell) return Number(cell.tag.attrs.s ?? 0);
  if (row && row.tag.attrs.customFormat && row.tag.attrs.customFormat !== "0" && row.tag.attrs.customFormat !== "false") return Number(row.tag.attrs.s ?? 0);
  const col = scan.cols.find((c) => a.col >= c.min && a.col <= c.max);
  return col?.style ?? 0;
}

/** Whether the cell is written in the part. */
export function cellExists(scan: SheetScan, a: CellAddress): boolean {
  return Boolean(scan.rows.get(a.row)?.cells.some((c) => c.col === a.col));
}

/**
 * Gives cells new formats: the `s` of a written cell is changed in its start
 * tag; a cell not written is added to its row (or a new row) in column order.
 */
export function setFormats(scan: SheetScan, splices: Splices, formats: ReadonlyMap<number, number>): void {
  const p = scan.prefix;
  const byRow = new Map<number, CellAddress[]>();
  for (const k of formats.keys()) {
    const a = { row: Math.floor(k / 16_384), col: k % 16_384 };
    byRow.set(a.row, [...(byRow.get(a.row) ?? []), a]);
  }
  const newCell = (a: CellAddress) => startTag(`${p}c`, [["r", addressOf(a)], ["s", formats.get(key(a.row, a.col))!]], true);
  const newRows = new Map<number, string[]>(); // insertion point -> rows
  for (const [r, cells] of [...byRow].sort((x, y) => x[0] - y[0])) {
    cells.sort((x, y) => x.col - y.col);
    const row = scan.rows.get(r);
    if (!row) {
      const xml = `${startTag(`${p}row`, [["r", r]])}${cells.map(newCell).join("")}</${p}row>`;
      const next = scan.rowStarts.find(([n]) => n > r);
      const at = next ? next[1] : -1;
      newRows.set(at, [...(newRows.get(at) ?? []), xml]);
      continue;
    }
    const missing: CellAddress[] = [];
    for (const a of cells) {
      const cell = row.cells.find((c) => c.col === a.col);
      if (!cell) {
        missing.push(a);
        continue;
      }
      const s = String(formats.get(key(a.row, a.col)));
      if (cell.tag.attrs.s === s) continue;
      splices.replace(cell.tag.start, cell.tag.openEnd, startTag(cell.tag.name, withAttrs(cell.tag, { s }, "r"), cell.tag.selfClosing));
    }
    if (!missing.length) continue;
    if (row.tag.selfClosing) {
      splices.replace(row.tag.start, row.tag.openEnd, `${startTag(row.tag.name, Object.entries(row.tag.attrs))}${missing.map(newCell).join("")}</${row.tag.name}>`);
      continue;
    }
    for (const a of missing) {
      const next = row.cells.find((c) => c.col > a.col);
      splices.insert(next ? next.tag.start : row.closeStart, newCell(a));
    }
  }
  if (!newRows.size) return;
  const sd = scan.sheetData;
  for (const [at, rows] of newRows) {
    if (at >= 0) splices.insert(at, rows.join(""));
    else if (!sd) throw new Error("a worksheet without sheetData");
    else if (sd.tag.selfClosing) splices.replace(sd.tag.start, sd.tag.openEnd, `${startTag(sd.tag.name, Object.entries(sd.tag.attrs))}${rows.join("")}</${sd.tag.name}>`);
    else splices.insert(sd.closeStart, rows.join(""));
  }
}

export const cellKey = key;

/** Adds `<legacyDrawing r:id="…"/>` where the schema puts it. */
export function addLegacyDrawing(scan: SheetScan, splices: Splices, id: string): void {
  const rel = scan.relPrefix;
  const attrs: [string, string][] = rel ? [[`${rel}:id`, id]] : [["xmlns:r", NS.relationships], ["r:id", id]];
  splices.insert(scan.legacyDrawingAt, startTag(`${scan.prefix}legacyDrawing`, attrs, true));
}
