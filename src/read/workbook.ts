// A workbook -> records. Sheets that are filled forms (one form a sheet, found
// by their labels) are read as forms (src/forms/); the others are the list
// layout: the annex sheets found by name among the sheets of any format
// (./book.ts), each read (./list-sheet.ts), then joined (./join.ts). A
// workbook may hold both.
import { mayHoldForm } from "../forms/prefilter.js";
import type { Finding } from "../model/finding.js";
import type { SheetSpec } from "../model/sheets.js";
import { cellAddress } from "../util/columns.js";
import { UserError } from "../util/errors.js";
import { readBook, readCsv } from "./book.js";
import type { SheetGrid } from "./grid.js";
import { joinSheets } from "./join.js";
import { annexOf, readListSheet, type SheetRead } from "./list-sheet.js";
import type { ReadResult } from "./types.js";

/** A sheet and the file it came from (a set of CSVs is one workbook of several files). */
export interface SourceSheet {
  grid: SheetGrid;
  file: string;
}

export async function readWorkbook(data: Uint8Array, file: string): Promise<ReadResult> {
  const grids = await readBook(data, file);
  const sheets = grids.map((grid) => ({ grid, file }));
  // the form layouts are loaded only for a workbook with a sheet that may be a form
  const maybe = sheets.filter((s) => !s.grid.unreadable && mayHoldForm(s.grid));
  if (maybe.length === 0) return readListSheets(sheets, file);
  const { formLayouts } = await import("./form-layouts.js");
  const { readFormSheets } = await import("./form-sheets.js");
  return readFormSheets(sheets, maybe, file, await formLayouts());
}

/** CSVs named after annexes (附表1.csv, 附表1设备.csv …), read together as one workbook. */
export function readCsvSet(files: readonly { file: string; bytes: Uint8Array; annex: string }[]): ReadResult {
  return readListSheets(
    files.map(({ file, bytes, annex }) => ({ grid: readCsv(bytes, file, annex), file })),
    files[0]!.file,
  );
}

/** The core: sheets -> records. Sheets that are no annex are left alone; `file` names the whole for its findings. */
export function readListSheets(sheets: readonly SourceSheet[], file: string): ReadResult {
  const findings: Finding[] = [];
  const annex = sheets.filter((s) => annexOf(s.grid.name));
  if (annex.length === 0) throw new UserError("no-annex-sheets", { file });
  const bySpec = new Map<SheetSpec, SheetRead>();
  for (const { grid, file: from } of annex) {
    const spec = annexOf(grid.name)!;
    if (bySpec.has(spec)) continue; // the first sheet of a name stands, as before
    const where = { file: from, sheet: grid.name, row: null, cell: null, line: null };
    if (grid.unreadable) {
      findings.push({ severity: "error", rule: "sheet-unreadable", field: null, record: null, location: where, data: { sheet: grid.name } });
      continue;
    }
    if (grid.state !== "visible") {
      findings.push({ severity: "warning", rule: "sheet-hidden", field: null, record: null, location: where, data: { sheet: grid.name } });
    }
    const read = readListSheet(grid, spec, from, findings);
    if (read) bySpec.set(spec, read);
  }
  return joinSheets(bySpec, findings);
}

/** A sheet as a form to read: its cells named as Excel names them. */
export function sheetSource(sheet: SourceSheet) {
  return { file: sheet.file, sheet: sheet.grid.name, grid: sheet.grid, cellName: cellAddress };
}
