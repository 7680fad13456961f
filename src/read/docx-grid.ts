// A Word table as read (rows of cells with their spans and vertical merges) ->
// a SheetGrid: each cell at its grid column, merged cells as ranges, as Word
// shows them. Pure.
import { SheetGrid, type CellValue, type MergedRange } from "./grid.js";

/** A cell as the parser found it, before it is placed on the grid. */
export interface CellDraft {
  col: number;
  span: number;
  vMerge: "none" | "restart" | "continue";
  hMerge: "none" | "restart" | "continue";
  paragraphs: string[];
}

export interface RowDraft {
  gridBefore: number;
  cells: CellDraft[];
}

export interface TableDraft {
  index: number;
  parent: number | null;
  gridColumns: number;
  rows: RowDraft[];
  above: string[];
}

/** A table's rows -> a grid: each cell at its grid column, merged cells as ranges. */
export function toGrid(t: TableDraft): SheetGrid {
  const rows: (CellValue | undefined)[][] = [];
  const merges: MergedRange[] = [];
  /** grid column -> the vertical merge open there (its range grows downwards) */
  const vertical = new Map<number, MergedRange>();
  t.rows.forEach((r, i) => {
    const rowNo = i + 1;
    const out: (CellValue | undefined)[] = [];
    // the old horizontal merge: a continuing cell widens the one before it
    const cells: CellDraft[] = [];
    for (const c of r.cells) {
      const prev = cells[cells.length - 1];
      if (c.hMerge === "continue" && prev) prev.span += c.span;
      else cells.push({ ...c });
    }
    let col = 1 + r.gridBefore;
    const seen = new Set<number>();
    for (const c of cells) {
      c.col = col;
      col += c.span;
      // a cell ends with a paragraph, an empty one after a nested table: no line of its text
      const text = c.paragraphs.join("\n").replace(/\n+$/, "");
      if (c.vMerge === "continue") {
        const m = vertical.get(c.col);
        if (m && m.right === c.col + c.span - 1) {
          m.bottom = rowNo;
          seen.add(c.col);
          continue;
        }
      }
      if (text !== "") out[c.col - 1] = text;
      if (c.vMerge === "restart") {
        const m = { top: rowNo, left: c.col, bottom: rowNo, right: c.col + c.span - 1 };
        vertical.set(c.col, m);
        merges.push(m);
        seen.add(c.col);
      } else if (c.span > 1) {
        merges.push({ top: rowNo, left: c.col, bottom: rowNo, right: c.col + c.span - 1 });
      }
    }
    // a vertical merge ends where a row does not continue it
    for (const key of [...vertical.keys()]) if (!seen.has(key)) vertical.delete(key);
    rows[i] = out;
  });
  // merges of one row are only there to be found by their cells; drop the one-cell ranges
  const real = merges.filter((m) => m.bottom > m.top || m.right > m.left);
  return new SheetGrid({ name: `表${t.index}`, rows, merges: real });
}
