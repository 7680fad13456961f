// The blank input workbook of record contract §2: a guide sheet, then the four sheets with
// their exact labels, a title row, a note on every header cell, drop-downs and
// number checks on the data rows. Pure: plan and language in, bytes out.
import ExcelJS from "exceljs";
import { t, type Lang } from "../i18n/index.js";
import { fieldMeta } from "../model/fields.js";
import type { FieldMeta } from "../model/record.js";
import { JOIN_PATH, SHEETS, type ColumnSpec, type SheetSpec } from "../model/sheets.js";
import type { Plan } from "../plan/schema.js";
import { columnLetter } from "../util/columns.js";
import {
  DATA_ROWS,
  DATE_FORMAT,
  FIRST_DATA_ROW,
  GUIDE,
  GUIDE_SHEET,
  HEADER_FILL,
  HEADER_ROW,
  KIND_WIDTH,
  REQUIRED_FONT,
  SHEET_TITLE,
  SUBTITLE_ROW,
  TEXT_FORMAT_KINDS,
  TITLE_ROW,
  WIDE_TEXT,
  WIDE_TEXT_WIDTH,
} from "./layout.js";
import { rowHeight, wrappedLines } from "./measure.js";
import { templateMessages } from "./messages.js";

export interface TemplateOptions {
  plan: Plan;
  lang: Lang;
}

/** Excel's limit for a list typed into a validation rule (`"a,b,c"`). */
const LIST_LITERAL_MAX = 255;
const LISTS_SHEET = "下拉选项";

const FONT = "宋体";
const THIN = { style: "thin" as const, color: { argb: "FF808080" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function buildTemplate(opts: TemplateOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "capexit";
  const say = (id: string, data?: Record<string, string | number>) => t(opts.lang, id, data, templateMessages);
  const units = opts.plan.units.map((u) => u.name);
  const sep = opts.lang === "en" ? ", " : "、";

  addGuide(wb, opts.plan, say, units.join(sep));
  const unitList = listFormula(wb, units, "A");
  for (const spec of SHEETS) addAnnexSheet(wb, spec, { say, units: units.join(sep), unitList });

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

type Say = (id: string, data?: Record<string, string | number>) => string;

function addGuide(wb: ExcelJS.Workbook, plan: Plan, say: Say, units: string) {
  const ws = wb.addWorksheet(GUIDE_SHEET, {
    views: [{ showGridLines: false }],
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = 76; // fits A4 portrait
  ws.getColumn(1).width = width;
  const title = ws.getCell("A1");
  title.value = say("guide.title");
  title.font = { name: FONT, size: 16, bold: true };
  ws.getRow(1).height = 30;
  GUIDE.forEach((id, i) => {
    const cell = ws.getCell(`A${i + 3}`);
    cell.value = say(id, { planTitle: plan.title, documentNo: plan.documentNo, units });
    cell.font = { name: FONT, size: 11 };
    cell.alignment = { wrapText: true, vertical: "top" };
    ws.getRow(i + 3).height = rowHeight(wrappedLines(String(cell.value), width));
  });
}

/** A drop-down's source: a literal list when it fits, else a range on a hidden sheet. */
function listFormula(wb: ExcelJS.Workbook, items: readonly string[], column: string): string {
  const literal = `"${items.join(",")}"`;
  if (literal.length <= LIST_LITERAL_MAX && !items.some((s) => /[",]/.test(s))) return literal;
  const ws = wb.getWorksheet(LISTS_SHEET) ?? wb.addWorksheet(LISTS_SHEET, { state: "veryHidden" });
  items.forEach((s, i) => (ws.getCell(`${column}${i + 1}`).value = s));
  return `'${LISTS_SHEET}'!$${column}$1:$${column}$${items.length}`;
}

interface SheetContext {
  say: Say;
  units: string;
  unitList: string;
}

function addAnnexSheet(wb: ExcelJS.Workbook, spec: SheetSpec, ctx: SheetContext) {
  const { say } = ctx;
  const cols = spec.columns;
  // freeze the columns up to the enterprise's name (else its join key): they say whose row it is
  const nameCol = cols.findIndex((c) => c.path === "enterprise.name");
  const xSplit = (nameCol >= 0 ? nameCol : cols.findIndex((c) => c.path === JOIN_PATH)) + 1;
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: "frozen", xSplit, ySplit: HEADER_ROW, topLeftCell: `${columnLetter(xSplit + 1)}${FIRST_DATA_ROW}` }],
    // printed: landscape A4, header repeated on every page, the identifying columns too
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      printTitlesColumn: `A:${columnLetter(xSplit)}`,
    },
  });

  // column styles first: typed cells inherit them, however many rows the clerk fills
  cols.forEach((col, i) => {
    const meta = metaOf(col);
    const column = ws.getColumn(i + 1);
    column.width = widthFor(col, meta);
    const numFmt = meta.kind === "date" ? DATE_FORMAT : TEXT_FORMAT_KINDS.has(meta.kind) ? "@" : undefined;
    column.style = {
      font: { name: FONT, size: 10 },
      alignment: { vertical: "top", wrapText: WIDE_TEXT.has(col.path) || undefined },
      ...(numFmt ? { numFmt } : {}),
    };
    const validation = validationFor(meta, ctx);
    const letter = columnLetter(i + 1);
    if (validation) dataValidations(ws).add(`${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + DATA_ROWS - 1}`, validation);
  });

  // left-aligned, not centred across 30 columns: on screen the title must show where the clerk starts
  const title = ws.getCell(`A${TITLE_ROW}`);
  title.style = { font: { name: FONT, size: 16, bold: true }, alignment: { vertical: "middle" } };
  title.value = say(SHEET_TITLE[spec.name] ?? spec.name);
  ws.getRow(TITLE_ROW).height = 32;

  const unitCell = ws.getCell(`A${SUBTITLE_ROW}`);
  unitCell.style = { font: { name: FONT, size: 11 } };
  unitCell.value = say("subtitle.unit");
  if (spec.name === "附表1" && cols.length > 4) {
    const dateCell = ws.getCell(`${columnLetter(Math.ceil(cols.length / 2))}${SUBTITLE_ROW}`);
    dateCell.style = { font: { name: FONT, size: 11 } };
    dateCell.value = say("subtitle.date");
  }

  const header = ws.getRow(HEADER_ROW);
  header.height = 48;
  cols.forEach((col, i) => {
    const meta = metaOf(col);
    const cell = header.getCell(i + 1);
    cell.style = {
      font: { name: FONT, size: 10, bold: true, ...(meta.required ? { color: { argb: REQUIRED_FONT } } : {}) },
      alignment: { horizontal: "center", vertical: "middle", wrapText: true },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } },
      border: BORDER,
    };
    cell.value = col.label;
    cell.note = noteFor(col, meta, spec, ctx);
  });
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: cols.length } };
}

function metaOf(col: ColumnSpec): FieldMeta {
  const meta = fieldMeta(col.path);
  if (!meta) throw new Error(`column ${col.label} names no field (${col.path})`);
  return meta;
}

function widthFor(col: ColumnSpec, meta: FieldMeta): number {
  if (WIDE_TEXT.has(col.path)) return WIDE_TEXT_WIDTH;
  // a CJK character is about two width units; the header wraps, so half the label is enough
  const labelWidth = Math.ceil([...col.label].length * 1.1) + 2;
  return Math.max(KIND_WIDTH[meta.kind], Math.min(labelWidth, 18));
}

function noteFor(col: ColumnSpec, meta: FieldMeta, spec: SheetSpec, ctx: SheetContext): ExcelJS.Comment {
  const { say } = ctx;
  let body: string;
  if (col.path === JOIN_PATH && spec.kind === "items") {
    body = say("note.join", { sheet: spec.joinsTo ?? "附表1" });
  } else if (meta.kind === "amount" && !meta.unit) {
    body = say("note.amount-nounit");
  } else {
    body = say(`note.${meta.kind}`, { unit: meta.unit ?? "", units: ctx.units });
  }
  const heading = col.label + (meta.required ? say("note.required") : "");
  return {
    texts: [
      { font: { bold: true, size: 9, name: FONT }, text: `${heading}\n` },
      { font: { size: 9, name: FONT }, text: body },
    ],
  } as ExcelJS.Comment;
}

function validationFor(meta: FieldMeta, ctx: SheetContext): ExcelJS.DataValidation | null {
  const { say } = ctx;
  const list = (formula: string): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: say("dv.list.title"),
    error: say("dv.list.error"),
  });
  switch (meta.kind) {
    case "county":
      return list(ctx.unitList);
    case "yesNo":
      return list('"是,否"');
    case "passed":
      return list('"通过,不通过"');
    case "count":
      return {
        type: "whole",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: say("dv.whole.title"),
        error: say("dv.whole.error", { unit: meta.unit ?? "" }),
      };
    case "amount":
      return {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: say("dv.decimal.title"),
        error: say("dv.decimal.error"),
      };
    case "date":
      // a warning, not a stop: capexit also reads dates typed as text (2024年10月31日)
      return {
        type: "date",
        operator: "greaterThan",
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: say("dv.date.title"),
        error: say("dv.date.error"),
      };
    case "uscc":
      return {
        type: "textLength",
        operator: "equal",
        allowBlank: true,
        formulae: [18],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: say("dv.uscc.title"),
        error: say("dv.uscc.error"),
      };
    default:
      return null;
  }
}

/** exceljs has range validations (`A4:A503`) but does not declare them in its types. */
function dataValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}
