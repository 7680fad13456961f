// A Word document -> records: its tables (./docx.ts) read as filled forms
// (src/forms/). A table is named by its place in the document, 表N, and its
// cells by row and grid column, R{row}C{column}. A document with no form in
// it is one finding for the file; the other inputs are read on.
import { readForms } from "../forms/index.js";
import type { FormLayout } from "../forms/layout.js";
import { readDocxTables } from "./docx.js";
import type { ReadResult } from "./types.js";
import { unusable } from "./unusable.js";

export const wordCell = (row: number, col: number) => `R${row}C${col}`;

export function readDocument(bytes: Uint8Array, file: string, layouts: readonly FormLayout[]): ReadResult {
  const tables = readDocxTables(bytes, file);
  const sources = tables.map((t) => ({ file, sheet: t.grid.name, grid: t.grid, cellName: wordCell, above: t.above }));
  const forms = readForms(sources, layouts);
  if (forms.forms.length === 0) {
    return { records: [], findings: [unusable(file, "form-not-found", { tables: tables.length })], parts: [] };
  }
  return { records: forms.records, findings: forms.findings, parts: forms.parts };
}
