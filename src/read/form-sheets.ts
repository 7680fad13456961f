// A workbook with sheets that are filled forms, one form a sheet: the forms
// read as forms, the workbook's other annex sheets (if any) as the list
// layout, and the 附表2 forms joined to the workbook's records by USCC.
import { joinParts } from "../forms/join.js";
import { readForms } from "../forms/index.js";
import type { FormLayout } from "../forms/layout.js";
import type { Finding } from "../model/finding.js";
import { annexOf } from "./list-sheet.js";
import type { ReadResult } from "./types.js";
import { readListSheets, sheetSource, type SourceSheet } from "./workbook.js";

export function readFormSheets(sheets: readonly SourceSheet[], candidates: readonly SourceSheet[], file: string, layouts: readonly FormLayout[]): ReadResult {
  const sources = candidates.map(sheetSource);
  const forms = readForms(sources, layouts);
  const formGrids = new Set(forms.forms.map((s) => s.grid));
  const findings: Finding[] = [];
  for (const s of forms.forms) {
    if (s.grid.state !== "visible") {
      findings.push({ severity: "warning", rule: "sheet-hidden", field: null, record: null, location: { file, sheet: s.sheet, row: null, cell: null, line: null }, data: { sheet: s.sheet } });
    }
  }
  const rest = sheets.filter((s) => !formGrids.has(s.grid));
  if (forms.forms.length === 0) return readListSheets(sheets, file);
  if (!rest.some((s) => annexOf(s.grid.name))) {
    return { records: forms.records, findings: [...findings, ...forms.findings], parts: forms.parts };
  }
  // the workbook's own list first, then its forms; 附表2 forms join either
  const list = readListSheets(rest, file);
  const joined = joinParts([...list.records, ...forms.records], forms.parts);
  return { records: joined.records, findings: [...list.findings, ...findings, ...forms.findings, ...joined.findings], parts: joined.left };
}
