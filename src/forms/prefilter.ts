// Whether a sheet may be a form at all, before the form layouts are loaded:
// a form has the annexes' labels on many rows, a list has them in its header
// row only. Cheap enough for every sheet of every workbook. Pure.
import { SHEETS } from "../model/sheets.js";
import type { SheetGrid } from "../read/grid.js";
import { bareKey, labelKey } from "./text.js";

const LABELS = new Set(
  SHEETS.filter((s) => s.kind === "enterprise")
    .flatMap((s) => s.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])]))
    .flatMap((l) => [labelKey(l), bareKey(labelKey(l))]),
);

/** How far down a form's labels are looked for. */
const SCAN_ROWS = 80;

export function mayHoldForm(grid: SheetGrid): boolean {
  const rows = new Set<number>();
  for (const { row, value } of grid.cells()) {
    if (row > SCAN_ROWS) break;
    if (typeof value !== "string" || value.length > 60) continue;
    const key = labelKey(value);
    if (LABELS.has(key) || LABELS.has(bareKey(key))) {
      rows.add(row);
      if (rows.size >= 3) return true;
    }
  }
  return false;
}
