// The roll-up on a terminal. Twenty-odd figures do not fit across a screen, so
// the tables are turned: one line per figure, one column per unit, 合计 last.
import type { Paint } from "../report/paint.js";
import { flatLabel, type SummaryDocument, type Table } from "./tables.js";
import { cellText, displayWidth, padEndWidth, padStartWidth } from "./text.js";

function turned(t: Table, paint: Paint): string[] {
  const heads = [...t.rows.map((r) => cellText(r[0] ?? null)), ...(t.total ? [cellText(t.total[0] ?? null)] : [])];
  const lines = t.columns.slice(1).map((c, i) => ({
    label: flatLabel(c),
    cells: [...t.rows.map((r) => cellText(r[i + 1] ?? null)), ...(t.total ? [cellText(t.total[i + 1] ?? null)] : [])],
  }));
  const labelWidth = Math.max(0, ...lines.map((l) => displayWidth(l.label)));
  const widths = heads.map((h, j) => Math.max(displayWidth(h), ...lines.map((l) => displayWidth(l.cells[j] ?? ""))));
  const last = t.total ? heads.length - 1 : -1;
  const out = [
    paint.bold(t.name),
    `${padEndWidth("", labelWidth)}  ${heads.map((h, j) => (j === last ? paint.bold(padStartWidth(h, widths[j]!)) : padStartWidth(h, widths[j]!))).join("  ")}`,
  ];
  for (const l of lines) {
    const cells = l.cells.map((c, j) => (j === last ? paint.bold(padStartWidth(c, widths[j]!)) : padStartWidth(c, widths[j]!)));
    out.push(`${padEndWidth(l.label, labelWidth)}  ${cells.join("  ")}`);
  }
  return out;
}

/** 汇总 and 进度, turned; 明细 is left to the file outputs. */
export function formatSummaryTerminal(doc: SummaryDocument, paint: Paint, footnote: string): string {
  const out = [paint.bold(doc.title), [doc.compilerLine, doc.asOfLine].filter((l) => l.trim()).join("  "), ""];
  for (const t of doc.tables) {
    if (!t.total) continue;
    out.push(...turned(t, paint), "");
  }
  out.push(paint.dim(footnote));
  return out.join("\n") + "\n";
}
