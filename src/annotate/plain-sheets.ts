// The values of a .xls, .ods or .csv workbook as plain sheets, for the marked
// copy that is built anew (./fresh.ts). They come from the reader's adapter,
// so sheets are named exactly as findings name them (a CSV's one sheet after
// the annex its file name names).
import { basename, extname } from "node:path";
import { readBook, readCsv } from "../read/book.js";
import { csvAnnex } from "../read/formats.js";
import type { SheetGrid } from "../read/grid.js";
import { cellAddress } from "../util/columns.js";
import type { PlainSheet, PlainValue } from "./fresh.js";

function plain(grid: SheetGrid): PlainSheet {
  const rows: PlainValue[][] = [];
  // a cell with an error shows the error's text, as the spreadsheet did
  for (const cell of grid.cells()) (rows[cell.row - 1] ??= [])[cell.col - 1] = cell.issue?.rule === "cell-error" ? cell.issue.error : (cell.value ?? null);
  return {
    name: grid.name,
    rows,
    merges: grid.merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`),
    state: grid.state,
  };
}

export async function plainSheetsOf(bytes: Uint8Array, file: string): Promise<PlainSheet[]> {
  if (extname(file).toLowerCase() === ".csv") {
    const sheet = csvAnnex(file)?.annex ?? basename(file, extname(file));
    return [plain(readCsv(bytes, file, sheet))];
  }
  return (await readBook(bytes, file)).map(plain);
}
