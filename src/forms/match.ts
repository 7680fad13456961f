// Pass one of reading a form: the table's cells as shown (a merged range once),
// and what each cell is to a layout (a label, a list's column heading, a fixed
// text, the 填报单位 line). Also how well a table matches a layout, to tell
// which form, if any, a table is. Pure.
import { fieldMeta } from "../model/fields.js";
import type { CellValue, SheetGrid } from "../read/grid.js";
import { jsDateToIso } from "../values/date.js";
import type { FormLayout, Slot } from "./layout.js";
import { Folded, isNothing, labelKey, tidy, withoutBlanks } from "./text.js";
import { hasMarks } from "./ticks.js";
import { removeFixed } from "./values.js";

export interface Master {
  row: number;
  col: number;
  bottom: number;
  right: number;
  raw: CellValue;
  text: string;
  folded: Folded;
}

export type Role =
  | { kind: "label"; slots: number[]; remainder: string | null }
  | { kind: "header"; list: number; column: number }
  | { kind: "known" }
  | { kind: "above" };

/** Folded starts of notes under or beside a form: 注：…, 备注：…, 填表说明 */
const NOTE = /^(注|备注|说明|填表说明)(:|\d|此表)/;

function cellText(v: CellValue): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return jsDateToIso(v) ?? "";
  if (typeof v === "boolean") return v ? "是" : "否";
  return String(v);
}

/** The table's cells as shown: one entry per cell or merged range, by its top-left corner. */
export function mastersOf(grid: SheetGrid): { list: Master[]; at: (row: number, col: number) => Master | undefined; width: number } {
  const byKey = new Map<number, Master>();
  const list: Master[] = [];
  const stride = 20000;
  let width = grid.columnCount;
  for (const m of grid.merges) width = Math.max(width, m.right);
  for (const { row, col, value } of grid.cells()) {
    if (value === undefined) continue;
    const m = grid.mergeAt(row, col);
    if (m && (m.top !== row || m.left !== col)) continue; // hidden under a merge, as Excel shows it
    const text = cellText(value);
    if (text.trim() === "") continue;
    const master: Master = { row, col, bottom: m?.bottom ?? row, right: m?.right ?? col, raw: value, text, folded: new Folded(text) };
    list.push(master);
    byKey.set(row * stride + col, master);
  }
  const at = (row: number, col: number) => {
    const m = grid.mergeAt(row, col);
    return m ? byKey.get(m.top * stride + m.left) : byKey.get(row * stride + col);
  };
  return { list, at, width };
}

/** The kinds of value a label's own cell may carry after it, to tell `债务 900（万元）` from a text that merely begins with 债务. */
function plausible(slot: Slot, remainder: string): boolean {
  const rest = tidy(removeFixed(withoutBlanks(remainder), slot.fixed));
  if (rest === "" || isNothing(rest)) return true;
  const first = slot.fields[0]!;
  if (first.format === "check" || hasMarks(rest)) return true;
  const key = labelKey(rest);
  const kind = fieldMeta(first.path)?.kind;
  // a number, however typed (86人, 八十六): short, with no sentence in it; else a yes/no
  if (kind === "amount" || kind === "count") return key.length <= 12 && !/[,。;；]/.test(key);
  return /^(是|否|有|无|√|×)$/.test(key);
}

interface Matched {
  roles: Map<Master, Role>;
  hits: Set<string>;
  rows: Set<number>;
  /** label cells by column */
  columns: Map<number, number>;
  /** label cells in all, repeats included */
  cells: number;
}

/** Pass one: what each cell is to a layout. Exact labels, prefixes with a value after them, column headings, fixed texts. */
export function matchCells(masters: readonly Master[], layout: FormLayout): Matched {
  const roles = new Map<Master, Role>();
  const hits = new Set<string>();
  const rows = new Set<number>();
  const columns = new Map<number, number>();
  let cells = 0;
  const byKey = new Map<string, number[]>();
  for (const s of layout.slots) for (const k of s.keys) byKey.set(k, [...(byKey.get(k) ?? []), s.id]);
  const headers = new Map<string, { list: number; column: number }>();
  layout.lists.forEach((l, li) => l.columns.forEach((c, ci) => c.keys.forEach((k) => headers.set(k, { list: li, column: ci }))));
  const own = layout.slots.filter((s) => s.direction === "own");
  const aboveKeys = layout.above.flatMap((a) => a.keys);
  const title = labelKey(layout.title);
  const titles = new Set([title, labelKey(layout.tag), labelKey(`${layout.tag}${layout.title}`)]);

  for (const m of masters) {
    if (typeof m.raw !== "string") continue;
    const key = m.folded.key;
    const hit = (k: string) => {
      hits.add(k);
      rows.add(m.row);
      columns.set(m.col, (columns.get(m.col) ?? 0) + 1);
      cells++;
    };
    const slots = byKey.get(key);
    if (slots) {
      roles.set(m, { kind: "label", slots, remainder: null });
      hit(key);
      continue;
    }
    const header = headers.get(key);
    if (header) {
      roles.set(m, { kind: "header", ...header });
      hit(key);
      continue;
    }
    if (layout.known.has(key) || layout.units.has(key) || (title && key.includes(title)) || layout.lists.some((l) => l.side === key)) {
      roles.set(m, { kind: "known" });
      // a section label counts towards the form; its tag and title (附表2) stand anywhere, a list of sheets included
      if (layout.known.has(key) && !titles.has(key)) hit(key);
      continue;
    }
    if (aboveKeys.some((k) => key.startsWith(k) && key.slice(k.length).startsWith(":")) || aboveKeys.some((k) => key.includes(`${k}:`))) {
      roles.set(m, { kind: "above" });
      continue;
    }
    if (NOTE.test(key)) {
      roles.set(m, { kind: "known" });
      continue;
    }
    // a label with its value typed after it in the same cell: the longest label that fits
    let best: { slot: Slot; length: number } | null = null;
    for (const s of own) {
      for (const k of s.keys) {
        if (key.length > k.length && key.startsWith(k) && (!best || k.length > best.length) && plausible(s, m.folded.after(k.length))) best = { slot: s, length: k.length };
      }
    }
    if (best) {
      roles.set(m, { kind: "label", slots: [best.slot.id], remainder: m.folded.after(best.length) });
      hit(key.slice(0, best.length));
    }
  }
  return { roles, hits, rows, columns, cells };
}

/** How well a table matches a layout: labels only this layout has, and how they are spread. */
export function scoreTable(grid: SheetGrid, layout: FormLayout, others: readonly FormLayout[]): { distinct: number; rows: number; oneColumn: boolean; repeated: boolean } {
  const { list } = mastersOf(grid);
  const { hits, rows, columns, cells } = matchCells(list, layout);
  let distinct = 0;
  for (const k of hits) if (!others.some((o) => o !== layout && o.keys.has(k))) distinct++;
  const most = Math.max(0, ...columns.values());
  return { distinct, rows: rows.size, oneColumn: most >= 0.8 * cells, repeated: cells > 2 * hits.size + 4 };
}

/**
 * The layout a table is a form of, if any: the most labels of its own, laid
 * out as a form's are, over several rows and columns, each label once or
 * twice. A list's header is one row; a column of labels (a sheet of findings,
 * a glossary) stands in (nearly) one column and repeats them.
 */
export function detectForm(grid: SheetGrid, layouts: readonly FormLayout[]): FormLayout | null {
  let best: { layout: FormLayout; distinct: number } | null = null;
  for (const layout of layouts) {
    const s = scoreTable(grid, layout, layouts);
    const formLike = s.distinct >= 3 && s.rows >= 3 && !s.oneColumn && !s.repeated;
    if (formLike && (!best || s.distinct > best.distinct)) best = { layout, distinct: s.distinct };
  }
  return best?.layout ?? null;
}
