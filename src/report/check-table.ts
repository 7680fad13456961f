// Plain-text tables for terminals: CJK characters take two columns.
import { displayWidth } from "./width.js";

/** Cuts a string to at most `max` columns, marking the cut with …. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + "…";
}

/** A cell: its text, and how to colour it once padded. */
export interface Cell {
  text: string;
  paint?: (s: string) => string;
}

/** Lays out rows of cells in columns two spaces apart, each line indented. */
export function renderTable(rows: readonly (readonly Cell[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c.text))));
  return rows.map((row) => {
    const parts = row.map((c, i) => {
      const padded = i === row.length - 1 ? c.text : c.text + " ".repeat(widths[i]! - displayWidth(c.text));
      return c.paint ? c.paint(padded) : padded;
    });
    return (indent + parts.join("  ")).trimEnd();
  });
}
