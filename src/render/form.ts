// A form filled in: the template's grid with every cell's text taken from the
// record (or left blank), in the template's units (mm, pt). It is the one
// reading of a template that every output draws from: the PDF's layout
// (layout.ts) fits and pours it onto pages, the Word writer (docx/) turns it
// into a table. Pure; what a text may print (a font's coverage) comes in
// with the fill context.
import { fill, type FillContext, type Filled, type Scope } from "./format.js";
import { listItems } from "./lists.js";
import { getPath } from "../model/paths.js";
import { isList, noteText, placeCells, placeholders, type Cell, type FormTemplate, type Row } from "./template.js";

export type Align = "left" | "center" | "right";
export type VAlign = "top" | "middle" | "bottom";

/** A three-part line filled in; `room` (mm) is kept free after `right` because its fields are blank. */
export interface FormLine {
  left: Filled;
  center: Filled;
  right: Filled;
  room: number;
}

export interface FormCell {
  /** first grid column, counted from 0 */
  col: number;
  span: number;
  rowSpan: number;
  label: boolean;
  /** the body: a label's text, or the value (its placeholder when blank) */
  body: Filled;
  prefix: string;
  suffix: string;
  footer: FormLine[];
  align: Align;
  valign: VAlign;
  /** pt */
  size: number;
  minSize: number;
  /** record fields the cell prints, for findings */
  fields: string[];
  /** null for a cell that prints no field; true when every field it prints is blank */
  blank: boolean | null;
}

export interface FormRow {
  /** mm: the height the row prints at (the template's blank variant when all its fields are blank) */
  height: number;
  /** mm: the least it may be squeezed to */
  minHeight: number;
  cells: FormCell[];
}

/** Consecutive plain rows (row spans stay within them), or a list: its side label, heading rows and one set of rows per item. */
export type FormBlock =
  | { kind: "rows"; rows: FormRow[] }
  | { kind: "list"; list: string; side: FormCell | null; header: FormRow[]; items: FormRow[][] };

export interface FilledForm {
  template: FormTemplate;
  title: string;
  blocks: FormBlock[];
  /** the notes under the grid that apply to this record, as template texts */
  notes: string[];
}

export type FillText = (text: string, scope?: Partial<Scope>) => Filled;

/** A filler of template texts from one record, with the template's own placeholders ({title}, {tag}) given. */
export function filler(template: FormTemplate, record: unknown, ctx: FillContext): FillText {
  const specials = { title: template.title, tag: template.tag ?? "" };
  return (text, scope = {}) => fill(text, { record, ...scope, specials: { ...specials, ...scope.specials } }, ctx);
}

/** A template line filled in. */
export function fillLine(l: { left?: string; center?: string; right?: string; room?: number }, fillIn: FillText, scope: Partial<Scope> = {}): FormLine {
  const part = (s: string | undefined): Filled => (s ? fillIn(s, scope) : { text: "", parts: [], blank: false });
  const [left, center, right] = [part(l.left), part(l.center), part(l.right)];
  return { left, center, right, room: right.blank ? (l.room ?? 0) : 0 };
}

/** Whether the fields a line prints are all blank; null when it prints none. */
function lineBlank(l: { left?: string; center?: string; right?: string }, line: FormLine): boolean | null {
  const parts = ([[l.left, line.left], [l.center, line.center], [l.right, line.right]] as const).filter(([s]) => s !== undefined && placeholders(s).length > 0);
  return parts.length === 0 ? null : parts.every(([, p]) => p.blank);
}

/** The template's grid filled from `record` (null: a blank form). */
export function fillForm(template: FormTemplate, record: unknown, fillIn: FillText): FilledForm {
  const title = fillIn(template.title).text;
  const blocks: FormBlock[] = [];
  let run: Row[] = [];
  const flush = () => {
    if (run.length > 0) blocks.push({ kind: "rows", rows: formRows(template, run, 0, {}, fillIn) });
    run = [];
  };
  for (const block of template.rows) {
    if (!isList(block)) {
      run.push(block);
      continue;
    }
    flush();
    const first = block.side?.span ?? 0;
    const side = block.side ? formCell(template, block.side, 0, {}, fillIn) : null;
    const header = formRows(template, block.header, first, {}, fillIn);
    const items = listItems(block, record);
    const count = Math.max(block.min, items.count);
    const rows: FormRow[][] = [];
    for (let i = 0; i < count; i++) rows.push(formRows(template, block.item, first, { record: items.record, list: block.list, index: i }, fillIn));
    blocks.push({ kind: "list", list: block.list, side, header, items: rows });
  }
  flush();
  const notes = template.notes.filter((n) => typeof n === "string" || isFilled(getPath(record, n.when))).map(noteText);
  return { template, title, blocks, notes };
}

function isFilled(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (typeof v === "object") return Object.values(v as Record<string, unknown>).some(isFilled);
  return true;
}

/** A cell with its text filled in. */
function formCell(t: FormTemplate, cell: Cell, col: number, scope: Partial<Scope>, fillIn: FillText): FormCell {
  const label = cell.label !== undefined;
  const lit = (s: string | undefined) => (s === undefined ? "" : fillIn(s, scope).text);
  let body: Filled = { text: "", parts: [], blank: true };
  let blank: boolean | null = null;
  let fields: string[] = [];
  if (cell.label !== undefined) body = fillIn(cell.label, scope);
  else if (cell.value !== undefined) {
    const filled = fillIn(cell.value, scope);
    blank = filled.blank;
    body = filled.blank && cell.placeholder !== undefined ? fillIn(cell.placeholder, scope) : filled;
    fields = placeholders(cell.value).flatMap((p) =>
      p.paths.map((one) => (scope.list !== undefined && one.startsWith("item.") ? `${scope.list}[${scope.index}].${one.slice(5)}` : one)),
    );
  }
  const footer = (cell.footer ?? []).map((l) => {
    const line = fillLine(l, fillIn, scope);
    const b = lineBlank(l, line);
    if (b !== null) blank = (blank ?? true) && b;
    return line;
  });
  const size = label ? t.text.size : (cell.size ?? t.text.size);
  return {
    col,
    span: cell.span,
    rowSpan: cell.rowSpan,
    label,
    body,
    prefix: lit(cell.prefix),
    suffix: lit(cell.suffix),
    footer,
    align: cell.align ?? (label ? "center" : "left"),
    valign: cell.valign ?? "middle",
    size,
    minSize: label ? size : Math.min(cell.minSize ?? t.text.minSize, size),
    fields,
    blank,
  };
}

/** A template's rows filled in; a row whose every field is blank takes the template's blank heights. */
function formRows(t: FormTemplate, rows: readonly Row[], firstCol: number, scope: Partial<Scope>, fillIn: FillText): FormRow[] {
  const { cols } = placeCells(t.columns.length, rows, firstCol);
  return rows.map((row, r) => {
    const cells = row.cells.map((c, k) => formCell(t, c, cols[r]![k]!, scope, fillIn));
    const fielded = cells.filter((c) => c.blank !== null);
    const heights = fielded.length > 0 && fielded.every((c) => c.blank) && row.blank ? { ...row, ...row.blank } : row;
    const height = heights.height ?? t.rowHeight;
    return { height, minHeight: heights.minHeight ?? height, cells };
  });
}
