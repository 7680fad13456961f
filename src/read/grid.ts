// A sheet as a grid of plain cell values, whatever format it came from: what
// every reader of sheets builds on (the list layout, forms one to a sheet, a
// fresh copy of a legacy workbook). Rows and columns are 1-based, as Excel
// numbers them; a cell inside a merged range shows its master's content, as
// Excel shows it, while `stored` gives the cell as the file holds it.
import type { RawValue } from "../model/source.js";
import { cellAddress } from "../util/columns.js";

/** A cell's value: text, number, boolean or a date (the wall-clock date and time as a UTC instant). */
export type CellValue = Exclude<RawValue, null>;

/** What is wrong with a cell that has no usable value. */
export type CellIssue = { rule: "cell-error"; error: string } | { rule: "formula-no-value" };

export type SheetState = "visible" | "hidden" | "veryHidden";

/** A merged range, inclusive; its master is the top-left cell. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface GridCell {
  row: number;
  col: number;
  /** `B5` */
  address: string;
  value: CellValue | undefined;
  issue?: CellIssue;
}

export interface SheetGridInit {
  name: string;
  state?: SheetState;
  /** rows[r - 1][c - 1]; holes for empty cells and rows */
  rows: ReadonlyArray<ReadonlyArray<CellValue | undefined> | undefined>;
  /** keyed by cellKey(row, col) */
  issues?: ReadonlyMap<number, CellIssue>;
  merges?: readonly MergedRange[];
  /** the workbook lists the sheet, but its part could not be read */
  unreadable?: boolean;
}

/** Merged cells indexed at most: past this a hostile file's overlapping ranges are left as stored. */
const MAX_MERGE_INDEX = 2_000_000;

/** Room for every column Excel has (XFD = 16,384). */
const ROW_STRIDE = 16_385;
/** One number for a cell, to key maps by. */
export const cellKey = (row: number, col: number) => row * ROW_STRIDE + col;
const keyRow = (key: number) => Math.floor(key / ROW_STRIDE);
const keyCol = (key: number) => key % ROW_STRIDE;

export class SheetGrid {
  readonly name: string;
  readonly state: SheetState;
  /** the workbook lists the sheet, but its part could not be read */
  readonly unreadable: boolean;
  readonly merges: readonly MergedRange[];
  /** the last row and column holding a stored cell or a merge's master */
  readonly rowCount: number;
  readonly columnCount: number;
  readonly #init: SheetGridInit;
  readonly #rows: SheetGridInit["rows"];
  readonly #issues: ReadonlyMap<number, CellIssue>;
  /** row -> the merged ranges crossing it */
  readonly #mergesByRow = new Map<number, MergedRange[]>();

  constructor(init: SheetGridInit) {
    this.#init = init;
    this.name = init.name;
    this.state = init.state ?? "visible";
    this.unreadable = init.unreadable ?? false;
    this.#rows = init.rows;
    this.#issues = init.issues ?? new Map();
    this.merges = (init.merges ?? []).filter((m) => m.top >= 1 && m.left >= 1 && m.bottom >= m.top && m.right >= m.left);
    let rows = 0;
    let cols = 0;
    init.rows.forEach((r, i) => {
      if (!r) return;
      rows = i + 1;
      cols = Math.max(cols, r.length);
    });
    for (const key of this.#issues.keys()) {
      rows = Math.max(rows, keyRow(key));
      cols = Math.max(cols, keyCol(key));
    }
    for (const m of this.merges) {
      rows = Math.max(rows, m.top);
      cols = Math.max(cols, m.left);
    }
    this.rowCount = rows;
    this.columnCount = cols;
    // a merge's rows past the last row that holds anything show nothing anyone reads
    let budget = MAX_MERGE_INDEX;
    for (const m of this.merges) {
      for (let r = m.top; r <= Math.min(m.bottom, rows) && budget-- > 0; r++) {
        let list = this.#mergesByRow.get(r);
        if (!list) this.#mergesByRow.set(r, (list = []));
        list.push(m);
      }
    }
  }

  /** The same sheet with another visibility (some formats keep it apart from the cells). */
  withState(state: SheetState): SheetGrid {
    return new SheetGrid({ ...this.#init, state });
  }

  /** The cell as the file holds it: a merged range's other cells are empty. */
  stored(row: number, col: number): CellValue | undefined {
    return this.#rows[row - 1]?.[col - 1];
  }

  storedIssue(row: number, col: number): CellIssue | undefined {
    return this.#issues.size ? this.#issues.get(cellKey(row, col)) : undefined;
  }

  /** The merged range a cell belongs to, if any. */
  mergeAt(row: number, col: number): MergedRange | undefined {
    const list = this.#mergesByRow.get(row);
    return list?.find((m) => m.left <= col && col <= m.right);
  }

  /** The cell as Excel shows it: inside a merged range, its master's content. */
  value(row: number, col: number): CellValue | undefined {
    const own = this.#rows[row - 1]?.[col - 1];
    if (own !== undefined || !this.#mergesByRow.size) return own;
    const m = this.mergeAt(row, col);
    return m ? this.stored(m.top, m.left) : undefined;
  }

  /** What is wrong with the cell as Excel shows it. */
  issue(row: number, col: number): CellIssue | undefined {
    if (!this.#issues.size) return undefined;
    const own = this.#issues.get(cellKey(row, col));
    if (own || this.#rows[row - 1]?.[col - 1] !== undefined) return own;
    const m = this.mergeAt(row, col);
    return m ? this.#issues.get(cellKey(m.top, m.left)) : undefined;
  }

  /** Rows holding a stored cell (a value or an issue), ascending. A row filled only by merges has no data of its own. */
  dataRows(): number[] {
    const out = new Set<number>();
    this.#rows.forEach((r, i) => {
      if (r && r.some((v) => v !== undefined)) out.add(i + 1);
    });
    for (const key of this.#issues.keys()) out.add(keyRow(key));
    return [...out].sort((a, b) => a - b);
  }

  /** A row's cells as Excel shows them (merges applied), blank cells left out, by column. */
  shownRow(row: number): [col: number, value: CellValue][] {
    const out: [number, CellValue][] = [];
    const own = this.#rows[row - 1];
    const merged = this.#mergesByRow.get(row);
    const last = Math.max(own?.length ?? 0, ...(merged ?? []).map((m) => m.right));
    for (let c = 1; c <= last; c++) {
      const v = this.value(row, c);
      if (v !== undefined) out.push([c, v]);
    }
    return out;
  }

  /** Every stored cell, row by row: what the file holds, with its address. */
  *cells(): Iterable<GridCell> {
    for (const row of this.dataRows()) {
      const own = this.#rows[row - 1];
      const last = Math.max(own?.length ?? 0, this.columnCount);
      for (let col = 1; col <= last; col++) {
        const value = own?.[col - 1];
        const issue = this.storedIssue(row, col);
        if (value === undefined && !issue) continue;
        yield issue ? { row, col, address: cellAddress(row, col), value, issue } : { row, col, address: cellAddress(row, col), value };
      }
    }
  }
}
