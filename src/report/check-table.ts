// Plain-text tables for terminals: CJK characters take two columns.

/** Terminal columns a string takes: East Asian wide and full-width forms count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

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
