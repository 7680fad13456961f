// How tall a wrapped cell must be. Spreadsheet programs do not all fit row
// heights when they open a file (LibreOffice converting headless never does),
// so capexit's own sheets set the heights of their wrapped rows themselves.

/** Display width of a text in Excel character units: CJK and full-width forms count two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** Lines a text takes in a column `width` units wide (explicit line breaks included). */
export function wrappedLines(s: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Row height in points for `lines` lines of a `size`-point font. */
export function rowHeight(lines: number, size = 11): number {
  return Math.ceil(lines * size * 1.35 + 4);
}
