// What a filled form is read by, derived from the same layout data the forms
// are printed from (templates/forms/*.yaml): which label names which fields,
// where a label's value stands (right of it, below it, or in its own cell
// after a prefix), the column-headed lists, the lines above the grid and the
// texts that name no field (titles, section labels, notes). The seed's own
// wording of a label, where it differs, comes from the list layout's aliases
// (src/model/sheets.ts): one place for both. Pure.
import { fieldMeta, leaves } from "../model/fields.js";
import { SHEETS, type SheetSpec } from "../model/sheets.js";
import { isList, placeCells, placeholders, type Cell, type FormTemplate, type Row } from "../render/template.js";
import { bareKey, labelKey } from "./text.js";
import type { SignOffSpec } from "./signoff.js";

export interface FieldRef {
  /** record path, list items as `[]` (equipment[].name) */
  path: string;
  format: string;
  args: readonly string[];
}

export type Direction = "right" | "below" | "own";

export interface Slot {
  id: number;
  /** folded labels that name this slot */
  keys: readonly string[];
  /** the label as printed, on one line, for messages */
  display: string;
  /** the fields the value cell names, in order */
  fields: readonly FieldRef[];
  /** the value template (`{acceptance.capacity.amount}{acceptance.capacity.unit}`) */
  value: string;
  direction: Direction;
  /** fixed texts of the value cell that are no part of the value: its suffix (万元), placeholder (（注明单位）) */
  fixed: readonly string[];
  /** a sign-off cell: the foot's placeholders and, for a verdict, the conclusion line */
  signOff?: SignOffSpec;
  /** for a label the form prints more than once (吊销时间, 职务, 联系电话): the slot of the nearest other label left of it */
  context: number | null;
  /** only in the list layout, not printed on the form (a row a county added: 企业整体关闭) */
  extra: boolean;
}

export interface ListColumn {
  keys: readonly string[];
  display: string;
  field: FieldRef;
}

export interface ListSpec {
  /** record list: equipment, acceptance.lines */
  list: string;
  columns: readonly ListColumn[];
  /** folded label of the cell at the side of the list (主要淘汰生产设备基本情况) */
  side: string | null;
}

export interface AboveLabel {
  keys: readonly string[];
  path: string;
}

export interface FormLayout {
  id: string;
  /** 附表1 */
  tag: string;
  title: string;
  slots: readonly Slot[];
  lists: readonly ListSpec[];
  /** the line above the grid: 填报单位（盖章）：… 填报时间：… */
  above: readonly AboveLabel[];
  /** folded texts that are part of the form and name no field: titles, section labels */
  known: ReadonlySet<string>;
  /** folded units that may stand in a cell of their own beside a number: 人, 万元, (万元) */
  units: ReadonlySet<string>;
  /** every folded label of the form, for telling it from the other annex */
  keys: ReadonlySet<string>;
  /** labels whose fields a record cannot do without: 企业名称, 企业地址, 统一社会信用代码 */
  required: readonly Slot[];
  /**
   * The part of a record the form reports on, when it adds that part to a
   * record filed before (附表2: the acceptance, joined to 附表1 by USCC).
   */
  part: string | null;
  /**
   * Item fields a form may carry before its part is filled: 附表2's lines printed
   * from 附表1's equipment for the visit (a list's `fallback`), as `acceptance.lines[].model`.
   */
  prefilled: ReadonlySet<string>;
}

/** The list-layout sheets of the annex a form is: 附表1 -> 附表1 and 附表1设备. */
function sheetsOf(template: FormTemplate): SheetSpec[] {
  const tag = template.tag ?? "";
  return SHEETS.filter((s) => s.name === tag || s.joinsTo === tag);
}

/** A label's folded spellings: as printed, without its unit, and the list layout's label and aliases of the same field. */
function keysFor(printed: string | undefined, paths: readonly string[], sheets: readonly SheetSpec[]): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const k = labelKey(s);
    if (!k) return;
    out.add(k);
    const bare = bareKey(k);
    if (bare && bare !== k) out.add(bare);
  };
  if (printed) add(printed);
  for (const path of paths.slice(0, 1)) {
    for (const s of sheets) for (const c of s.columns) if (c.path === path) [c.label, ...(c.aliases ?? [])].forEach(add);
  }
  return [...out];
}

const oneLine = (s: string) => s.replace(/[\s\u3000]+/g, "");

/** {county} on the 填报单位 line names the department that filled the form in; the county is the unit it belongs to. */
const aboveField = (path: string) => (path === "county" ? "reportingUnit" : path);

function fieldsOf(text: string | undefined, list?: string): FieldRef[] {
  if (!text) return [];
  return placeholders(text).map((p) => ({
    path: list && p.path.startsWith("item.") ? `${list}[].${p.path.slice(5)}` : p.path,
    format: p.format,
    args: p.args,
  }));
}

/** The folded placeholder words of a cell's foot lines, and its conclusion line if it has one. */
function signOffOf(cell: Cell, fields: readonly FieldRef[]): SignOffSpec | undefined {
  if (!cell.footer) return undefined;
  const tokens: string[] = [];
  let conclusion: SignOffSpec["conclusion"];
  const footFields: FieldRef[] = [];
  for (const line of cell.footer) {
    for (const part of [line.left, line.center, line.right]) {
      if (!part) continue;
      const inPart = fieldsOf(part);
      footFields.push(...inPart);
      const check = inPart.find((f) => f.format === "check");
      const literal = part.split(/\{[^{}]*\}/);
      if (check) {
        const label = labelKey(literal[0] ?? "").replace(/:$/, "");
        if (label) conclusion = { label, options: checkWords(check) };
      }
      for (const piece of literal) for (const word of piece.split(/[\s\u3000]+/)) if (labelKey(word) && !check) tokens.push(labelKey(word));
    }
  }
  // the date and the verdict: where the foot names them, else the fields beside the opinion (县级验收: opinion, passed, signedOn)
  const parent = fields[0]?.path.replace(/\.[^.]+$/, "") ?? "";
  const sibling = (kind: string) => [...leaves.keys()].find((p) => p.startsWith(`${parent}.`) && !p.slice(parent.length + 1).includes(".") && fieldMeta(p)?.kind === kind) ?? null;
  const datePath = footFields.find((f) => fieldMeta(f.path)?.kind === "date")?.path ?? sibling("date");
  const passedPath = footFields.find((f) => fieldMeta(f.path)?.kind === "passed")?.path ?? sibling("passed");
  return { tokens, conclusion, verdict: passedPath !== null, datePath, passedPath };
}

/** The fields a cell's foot lines name. */
function footerFields(cell: Cell): FieldRef[] {
  return (cell.footer ?? []).flatMap((l) => [l.left, l.center, l.right].flatMap((part) => fieldsOf(part)));
}

/** The answers a `check` value offers: its own words, or 通过/不通过 for a verdict and 是/否 otherwise (as printed). */
export function checkWords(f: FieldRef): readonly [string, string] {
  if (f.args.length >= 2) return [f.args[0]!, f.args[1]!];
  return fieldMeta(f.path)?.kind === "passed" ? ["通过", "不通过"] : ["是", "否"];
}

interface Placed {
  cell: Cell;
  /** which run of plain rows (or list part) the cell is in; rows count from 0 within it */
  block: number;
  row: number;
  col: number;
}

export function layoutOf(template: FormTemplate): FormLayout {
  const sheets = sheetsOf(template);
  const slots: Slot[] = [];
  const lists: ListSpec[] = [];
  const known = new Set<string>();
  const units = new Set<string>();
  const covered = new Set<string>();
  const prefilled = new Set<string>();

  const addKnown = (s: string | undefined) => {
    if (s && labelKey(s)) known.add(labelKey(s));
  };
  addKnown(template.title);
  addKnown(template.tag);
  if (template.tag) addKnown(`${template.tag}${template.title}`);

  // consecutive plain rows form one block (row spans stay inside it), as the renderer places them
  const blocks: Row[][] = [];
  let run: Row[] = [];
  for (const b of template.rows) {
    if (isList(b)) {
      if (run.length) blocks.push(run);
      run = [];
      const first = b.side ? b.side.span : 0;
      if (b.side?.label) addKnown(b.side.label);
      const header = placeRows(b.header, template.columns.length, first);
      const items = placeRows(b.item, template.columns.length, first);
      const headerRow = header.filter((p) => p.row === b.header.length - 1);
      const columns: ListColumn[] = [];
      for (const item of items) {
        const fields = fieldsOf(item.cell.value, b.list);
        const head = headerRow.find((h) => h.col <= item.col && item.col < h.col + h.cell.span);
        if (!fields.length || !head?.cell.label) continue;
        columns.push({ keys: keysFor(head.cell.label, fields.map((f) => f.path), sheets), display: oneLine(head.cell.label), field: fields[0]! });
        fields.forEach((f) => covered.add(f.path));
      }
      for (const h of header) if (h.cell.label && !columns.some((c) => c.display === oneLine(h.cell.label!))) addKnown(h.cell.label);
      lists.push({ list: b.list, columns, side: b.side?.label ? labelKey(b.side.label) : null });
      for (const field of Object.keys(b.fallback?.item ?? {})) prefilled.add(`${b.list}[].${field}`);
    } else {
      run.push(b);
    }
  }
  if (run.length) blocks.push(run);

  const placedOf = new Map<Slot, Placed>();
  blocks.forEach((rows, block) => {
    const placed = placeRows(rows, template.columns.length, 0, block);
    for (const p of placed) {
      const cell = p.cell;
      if (cell.label !== undefined) continue;
      const fields = fieldsOf(cell.value);
      if (!fields.length) continue;
      [...fields, ...footerFields(cell)].forEach((f) => covered.add(f.path));
      const fixed = [cell.suffix, cell.placeholder].filter((s): s is string => Boolean(s));
      for (const u of [cell.suffix, ...fields.map((f) => fieldMeta(f.path)?.unit)]) {
        const k = u ? labelKey(u).replace(/^\(|\)$/g, "") : "";
        if (k) units.add(k).add(`(${k})`);
      }
      let direction: Direction;
      let label: string | undefined;
      if (cell.prefix) {
        direction = "own";
        label = cell.prefix;
      } else {
        // the nearest cell left of it in its row, when a label; else the label right above it
        const left = placed.filter((q) => q.row === p.row && q.col < p.col).sort((a, b) => b.col - a.col)[0];
        const above = placed.find((q) => q.cell.label !== undefined && q.row + q.cell.rowSpan === p.row && q.col <= p.col && p.col < q.col + q.cell.span);
        if (left?.cell.label !== undefined) {
          direction = "right";
          label = left.cell.label;
        } else if (above) {
          direction = "below";
          label = above.cell.label;
        } else {
          continue; // a value with no label names nothing a clerk could have found
        }
      }
      const slot: Slot = {
        id: slots.length,
        keys: keysFor(label, fields.map((f) => f.path), sheets),
        display: oneLine(label ?? ""),
        fields,
        value: cell.value ?? "",
        direction,
        fixed,
        signOff: signOffOf(cell, fields),
        context: null,
        extra: false,
      };
      slots.push(slot);
      placedOf.set(slot, p);
    }
    // labels that head nothing: section titles (企业基本情况, 企业人员, 减排（吨）)
    for (const p of placed) if (p.cell.label !== undefined && !slots.some((s) => s.display === oneLine(p.cell.label!))) addKnown(p.cell.label);
  });

  // a label printed more than once (吊销时间, 职务, 联系电话) is told apart by the nearest other label left of it in its row
  const twice = (s: Slot) => slots.some((o) => o !== s && o.keys.some((k) => s.keys.includes(k)));
  for (const s of slots) {
    const p = placedOf.get(s);
    if (!p || !twice(s)) continue;
    const lefts = slots
      .filter((o) => !twice(o))
      .filter((o) => {
        const q = placedOf.get(o);
        return q !== undefined && q.block === p.block && q.row === p.row && q.col < p.col;
      })
      .sort((a, b) => placedOf.get(b)!.col - placedOf.get(a)!.col);
    s.context = lefts[0]?.id ?? null;
  }

  // the line above the grid
  const above: AboveLabel[] = [];
  for (const line of template.above) {
    for (const part of [line.left, line.center, line.right]) {
      if (!part) continue;
      const pieces = part.split(/(\{[^{}]*\})/);
      for (let i = 1; i < pieces.length; i += 2) {
        const path = aboveField(placeholders(pieces[i]!)[0]?.path ?? "");
        const label = (pieces[i - 1] ?? "").replace(/[:：\s]+$/, "");
        if (!path || !labelKey(label)) continue;
        above.push({ keys: keysFor(label, [path], sheets), path });
        covered.add(path);
      }
    }
  }

  // a row a county added that only the list layout names (企业整体关闭, 营业执照注销时间): read it too, right of its label
  for (const sheet of sheets.filter((s) => s.kind === "enterprise")) {
    for (const column of sheet.columns) {
      if (covered.has(column.path)) continue;
      const fields = [{ path: column.path, format: "", args: [] }];
      slots.push({ id: slots.length, keys: keysFor(column.label, [column.path], sheets), display: column.label, fields, value: `{${column.path}}`, direction: "right", fixed: [], context: null, extra: true });
      covered.add(column.path);
    }
  }

  const keys = new Set<string>([...known]);
  for (const s of slots) s.keys.forEach((k) => keys.add(k));
  for (const l of lists) for (const c of l.columns) c.keys.forEach((k) => keys.add(k));
  for (const a of above) a.keys.forEach((k) => keys.add(k));
  const required = slots.filter((s) => !s.extra && s.fields.some((f) => fieldMeta(f.path)?.required));
  const part = template.subject?.field ?? null;
  return { id: template.id, tag: template.tag ?? template.id, title: template.title, slots, lists, above, known, units, keys, required, part, prefilled };
}

/** Each cell of some rows with its row (from 0) and first grid column, as the renderer places them. */
function placeRows(rows: readonly Row[], columns: number, first: number, block = -1): Placed[] {
  const { cols } = placeCells(columns, rows, first);
  const out: Placed[] = [];
  rows.forEach((row, r) => row.cells.forEach((cell, k) => out.push({ cell, block, row: r, col: cols[r]?.[k] ?? first })));
  return out;
}
