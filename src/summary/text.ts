// Small text helpers shared by the plain-text writers (Markdown, terminal, PDF).
import type { CellValue } from "./tables.js";

export { displayWidth, padEndWidth, padStartWidth } from "../report/width.js";

/** A cell as text: numbers as they are (already rounded by the roll-up), blanks empty. */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  return typeof v === "number" ? String(v) : v;
}
