// A workbook that is not an Office Open XML package (.xls, .ods, .csv) cannot
// be edited in place: its marked copy is a new .xlsx built from its values,
// sheet for sheet and cell for cell at the same addresses, which the package
// editor then marks like any other workbook.
import ExcelJS from "exceljs";
import { Package } from "./opc.js";

export type PlainValue = string | number | boolean | Date | null;

/** One sheet as values: what any reader of any format can give. */
export interface PlainSheet {
  name: string;
  /** `rows[r - 1][c - 1]` is the value of the cell at row r, column c (sparse) */
  rows: PlainValue[][];
  /** merged ranges, e.g. `A1:G1` */
  merges: string[];
  state?: "visible" | "hidden" | "veryHidden";
}

/** A fixed time for the new workbook's properties and zip entries: the same values give the same bytes. */
const EPOCH = new Date(Date.UTC(1980, 0, 1));

export async function freshWorkbook(sheets: readonly PlainSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "capexit";
  wb.created = EPOCH;
  wb.modified = EPOCH;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.state ?? "visible" });
    sheet.rows.forEach((row, r) => {
      row?.forEach((value, c) => {
        if (value === null || value === undefined || value === "") return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value;
        if (value instanceof Date) cell.numFmt = "yyyy-mm-dd";
      });
    });
    for (const range of sheet.merges) {
      try {
        ws.mergeCells(range);
      } catch {
        /* overlapping ranges: keep the first */
      }
    }
  }
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const pkg = Package.open(bytes);
  pkg.restamp(0, 0x21); // 1980-01-01 00:00, the zip format's first day
  return pkg.toBytes();
}
