// Cell fitting: the lines and size of each cell's text, and the height of
// each row. A label prints at the form's one text size and wraps (in balanced
// lines) to fit; its row grows. A value wraps first, then shrinks half a point
// at a time down to its least size, and only then makes its row taller.
//
// Each row has a height it is printed at (grown to its text) and a least
// height it may be squeezed to (never below its text); page flow picks where
// between the two, so that rows with room to spare give it up before a form
// runs onto another page.
import { type CellMetrics, type FilledLine, type Pen } from "./draw.js";
import type { Align, VAlign } from "./form.js";
import { breakLines } from "./linebreak.js";

const EPS = 0.01;

export type { Align, VAlign } from "./form.js";

/** A cell with its text filled in, before it is fitted to a box. */
export interface CellSpec {
  col: number;
  span: number;
  rowSpan: number;
  /** the body: a label's text, or the value */
  text: string;
  prefix: string;
  suffix: string;
  footer: FilledLine[];
  align: Align;
  valign: VAlign;
  size: number;
  minSize: number;
  label: boolean;
  /** record fields the cell prints, for findings */
  fields: string[];
}

/** A cell fitted: its size and lines. */
export interface Fitted extends CellSpec {
  fontSize: number;
  lines: string[];
  footerSize: number;
}

export interface BandRow {
  /** height in pt, grown to the text when measured */
  height: number;
  /** least height in pt when squeezed */
  minHeight: number;
  cells: CellSpec[];
}

/** A band's rows measured: the heights they print at and the least they may be squeezed to. */
export interface RowHeights {
  full: number[];
  least: number[];
}

export class Fitter {
  /** fitted lines by cell and size: a cell is tried at several sizes while its row is measured */
  private readonly fitted = new WeakMap<CellSpec, Map<number, Fitted>>();

  constructor(
    private readonly pen: Pen,
    private readonly m: CellMetrics,
    /** x of each column's left edge, and of the grid's right edge */
    private readonly colX: readonly number[],
    private readonly minSize: number,
  ) {}

  width(cell: { col: number; span: number }): number {
    return this.colX[cell.col + cell.span]! - this.colX[cell.col]!;
  }

  fitAt(cell: CellSpec, size: number, boxWidth = this.width(cell)): Fitted {
    let bySize = this.fitted.get(cell);
    if (!bySize) this.fitted.set(cell, (bySize = new Map()));
    let f = bySize.get(size);
    if (!f) bySize.set(size, (f = this.fitAtUncached(cell, size, boxWidth)));
    return f;
  }

  private fitAtUncached(cell: CellSpec, size: number, boxWidth: number): Fitted {
    const { pad, labelSize, footPad } = this.m;
    const inner = boxWidth - 2 * pad;
    let footerSize = labelSize;
    if (cell.footer.length > 0) {
      // foot lines do not wrap: a line too wide for the cell is set smaller
      const widest = Math.max(...cell.footer.map((l) => this.pen.lineWidth(l)));
      const fits = (boxWidth - 2 * footPad) / Math.max(widest, EPS);
      footerSize = Math.max(this.minSize, Math.min(labelSize, Math.floor(fits * 2) / 2));
    }
    const room = Math.max(inner - this.pen.affix(cell.prefix, "prefix", labelSize) - this.pen.affix(cell.suffix, "suffix", labelSize), size);
    const lines = cell.text ? breakLines(cell.text, room, size, this.pen.measure.regular, { balance: cell.label }) : [];
    return { ...cell, fontSize: size, lines, footerSize };
  }

  /** The height a fitted cell needs. */
  need(f: Fitted): number {
    const { padY, lh, labelSize } = this.m;
    const body = Math.max(f.lines.length * f.fontSize * lh, f.prefix || f.suffix ? labelSize * lh : 0);
    const foot = f.footer.length * f.footerSize * lh;
    return 2 * padY + body + foot + (f.lines.length > 0 && foot > 0 ? f.fontSize * 0.3 : 0);
  }

  /** The largest size (in half points) at which the text fits the box; the least size if none does. */
  fit(cell: CellSpec, boxWidth: number, boxHeight: number): Fitted {
    for (let s = cell.size; s >= cell.minSize - EPS; s -= 0.5) {
      const f = this.fitAt(cell, s, boxWidth);
      if (this.need(f) <= boxHeight + EPS) return f;
    }
    return this.fitAt(cell, cell.minSize, boxWidth);
  }

  /** Each row's height grown to its text, and the least it may be squeezed to. */
  measure(rows: readonly BandRow[]): RowHeights {
    const full = rows.map((r) => r.height);
    const text = rows.map(() => 0);
    rows.forEach((row, r) => {
      for (const c of row.cells) {
        if (c.rowSpan !== 1) continue;
        // most cells fit at their own size: then the least size need not be tried
        const atSize = this.need(this.fitAt(c, c.size));
        const grown = atSize <= full[r]! + EPS ? atSize : this.need(this.fitAt(c, c.minSize));
        full[r] = Math.max(full[r]!, grown);
        text[r] = Math.max(text[r]!, atSize);
      }
    });
    // squeezing never shrinks text: a row whose text was already set smaller keeps its height
    const least = rows.map((row, r) => (text[r]! > full[r]! + EPS ? full[r]! : Math.min(full[r]!, Math.max(row.minHeight, text[r]!))));
    rows.forEach((row, r) => {
      for (const c of row.cells) {
        if (c.rowSpan === 1) continue;
        const last = Math.min(r + c.rowSpan, rows.length) - 1;
        const want = this.need(this.fitAt(c, c.minSize));
        for (const hs of [full, least]) {
          const have = hs.slice(r, last + 1).reduce((a, b) => a + b, 0);
          if (want > have) hs[last]! += want - have;
        }
        least[last] = Math.min(least[last]!, full[last]!);
      }
    });
    return { full, least };
  }
}
