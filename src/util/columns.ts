// Spreadsheet column letters and A1 addresses, shared by the readers and the writers.

/** 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A -> 1, AA -> 27; 0 for anything that is not column letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** Row 5, column 2 -> `B5`. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
