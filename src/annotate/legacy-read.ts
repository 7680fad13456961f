// TEMPORARY: the values of a .xls, .ods or .csv workbook as plain sheets, for
// the marked copy that is built anew (./fresh.ts). This is the seam to the
// reader: once src/read has its SheetJS adapter (the only module that should
// know SheetJS), this file goes and `plainSheetsOf` is fed from that adapter,
// which must name sheets exactly as findings do (a CSV's one sheet after its file).
import * as XLSX from "@e965/xlsx";
import { basename, extname } from "node:path";
import type { PlainSheet, PlainValue } from "./fresh.js";

function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a byte-order mark
  } catch {
    return new TextDecoder("gb18030").decode(bytes); // Excel on a Chinese Windows
  }
}

export function plainSheetsOf(bytes: Uint8Array, file: string): PlainSheet[] {
  const csv = [".csv", ".tsv"].includes(extname(file).toLowerCase());
  const wb = csv ? XLSX.read(csvText(bytes), { type: "string", raw: true, dense: false }) : XLSX.read(bytes, { type: "buffer", cellDates: true, dense: false });
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]!;
    const rows: PlainValue[][] = [];
    if (ws["!ref"]) {
      const range = XLSX.utils.decode_range(ws["!ref"]);
      for (let r = range.s.r; r <= range.e.r; r++) {
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
          if (!cell || cell.t === "z") continue;
          const value: PlainValue = cell.t === "e" ? (cell.w ?? null) : cell.t === "d" ? (cell.v as Date) : (cell.v as string | number | boolean);
          (rows[r] ??= [])[c] = value;
        }
      }
    }
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    return {
      name: csv ? basename(file, extname(file)) : name,
      rows,
      merges: (ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m)),
      state: hidden === 1 ? "hidden" : hidden === 2 ? "veryHidden" : "visible",
    };
  });
}
