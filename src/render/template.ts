// A printed form as data: a ruled grid of rows and cells (with spans), each
// cell a fixed label or a text template that names record fields. One generic
// renderer draws every template; a revised form is a new YAML file, not code.
// Everything about the look of a form lives here as data too: row heights for
// filled and blank forms, how far rows may be squeezed to save a page, the
// running header of continuation pages, the lines at the foot of a cell. The
// same data is meant to drive other outputs (Word) and the reading of filled
// forms: every key says what it means, and labels keep the seed's wording
// (a `\n` in a label is only where its line breaks).
import { z } from "zod";
import { leaves } from "../model/fields.js";

const mm = z.number().positive();

export const AlignSchema = z.enum(["left", "center", "right"]);
export const VAlignSchema = z.enum(["top", "middle", "bottom"]);

/**
 * A line of text in three parts: `left` from the left edge, `center` centred,
 * `right` ending at the right edge. Used above the grid (填报单位 … 填报时间),
 * at the top of continuation pages, and at the foot of a cell (签字, 盖章, date).
 */
export const LineSchema = z
  .object({
    left: z.string().optional(),
    center: z.string().optional(),
    right: z.string().optional(),
    /** mm kept free after `right` when every field in it is blank: room to write by hand (填报时间：____) */
    room: z.number().min(0).optional(),
  })
  .strict();

/** A cell's foot lines; one string (the older form) is lines split at `\n`, each set at the right. */
const FooterSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split("\n").map((right) => ({ right })) : v),
  z.array(LineSchema).min(1),
);

export const CellSchema = z
  .object({
    /** grid columns the cell covers */
    span: z.number().int().min(1).default(1),
    /** grid rows the cell covers (within one block) */
    rowSpan: z.number().int().min(1).default(1),
    /** fixed text, as printed on the official form; `\n` forces a line break. Labels print at the form's one text size. */
    label: z.string().optional(),
    /** text with `{field.path}` or `{field.path|format}` placeholders; `{a or b}` prints the first of the fields that is filled */
    value: z.string().optional(),
    /** printed instead of `value` when every field in it is blank, e.g. （注明单位） */
    placeholder: z.string().optional(),
    /** fixed text at the left edge of a value cell, before the value: 资产总额 */
    prefix: z.string().optional(),
    /** fixed text at the right edge of the cell's last line, after the value: 人, （万元） */
    suffix: z.string().optional(),
    /** lines at the foot of the cell: 验收结论, signature and seal, the date */
    footer: FooterSchema.optional(),
    align: AlignSchema.optional(),
    valign: VAlignSchema.optional(),
    /** font size in pt of a value, overriding the template's */
    size: z.number().positive().optional(),
    /** the least size in pt a value is shrunk to before its row grows */
    minSize: z.number().positive().optional(),
  })
  .strict()
  .refine((c) => !(c.label !== undefined && c.value !== undefined), { message: "template.label-and-value" })
  .refine((c) => c.label === undefined || (c.size === undefined && c.minSize === undefined), {
    message: "template.label-size",
  })
  .refine((c) => c.label === undefined || (c.prefix === undefined && c.suffix === undefined && c.placeholder === undefined), {
    message: "template.label-affix",
  });

/** A row's heights in mm for one case: as filled, or blank. */
const HeightsSchema = z
  .object({
    /** the height the row is printed at; it grows to fit its text */
    height: mm.optional(),
    /** the least height the row may be squeezed to (never below its text) when that saves a page */
    minHeight: mm.optional(),
  })
  .strict();

export const RowSchema = z
  .object({
    ...HeightsSchema.shape,
    /** the heights when every field in the row is blank (a blank form, or data not yet known): room for the hand */
    blank: HeightsSchema.optional(),
    cells: z.array(CellSchema).min(1),
  })
  .strict();

/** Rows repeated once per item of a record list; `{item.x}` names a field of the item. */
export const ListSchema = z
  .object({
    list: z.string(),
    /** rows printed even when the list is shorter, as on the official form */
    min: z.number().int().min(0).default(1),
    /** column headings, repeated at the top of a page when the list breaks across pages */
    header: z.array(RowSchema).default([]),
    item: z.array(RowSchema).min(1),
    /** a label cell at the left spanning the header and all items (e.g. 主要淘汰生产设备基本情况) */
    side: CellSchema.optional(),
    /**
     * When the record's list is empty: items made from another list of the
     * record instead, each named field a text over that list's item. E.g. the
     * lines of an acceptance not yet held, from Annex 1's equipment.
     */
    fallback: z
      .object({
        list: z.string(),
        item: z.record(z.string(), z.string()),
      })
      .strict()
      .optional(),
  })
  .strict();

export const BlockSchema = z.union([ListSchema, RowSchema]);

/** A paragraph under the grid, always printed, or only for a record that holds something at `when`. */
export const NoteSchema = z.union([z.string(), z.object({ text: z.string(), when: z.string() }).strict()]);
export type Note = z.infer<typeof NoteSchema>;

/** A note's text, whichever way it is written. */
export const noteText = (n: Note): string => (typeof n === "string" ? n : n.text);

export const FormTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** printed title, also the PDF title */
    title: z.string().min(1),
    /** printed above the title at the left, e.g. 附表2 */
    tag: z.string().optional(),
    /** file name of one enterprise's form, a template (without .pdf) */
    fileName: z.string().min(1),
    /**
     * The running header of continuation pages, in place of the tag and title:
     * whose form it is (附表1（续）, 企业名称, 统一社会信用代码). May use
     * {page} and {pages}. One string (the older form) is one centred line.
     */
    continued: z
      .preprocess((v) => (typeof v === "string" ? [{ center: v }] : v), z.array(LineSchema).min(1))
      .default([{ center: "{title}（续）" }]),
    /** page number line at the foot of every page, printed only when a form takes more than one page */
    pageNumber: z.string().default("第{page}页　共{pages}页"),
    /**
     * The part of the record the form reports on (附表2: the acceptance). A
     * record with nothing there yet is still printed, with the rest of the
     * record only (the enterprise's identity), ready to fill in on site; render
     * tells how many: "N 家企业尚无{name}，已印出仅含企业基本情况的{form}".
     */
    subject: z
      .object({
        /** a record path: acceptance */
        field: z.string(),
        /** what the record lacks then: 验收数据 */
        name: z.string(),
        /** what the form is called in that message (default: the title): 验收意见表 */
        form: z.string().optional(),
      })
      .strict()
      .optional(),
    page: z
      .object({
        width: mm.default(210),
        height: mm.default(297),
        margin: z
          .object({ top: z.number().min(0), right: z.number().min(0), bottom: z.number().min(0), left: z.number().min(0) })
          .strict(),
      })
      .strict(),
    text: z
      .object({
        size: z.number().positive().default(10.5),
        minSize: z.number().positive().default(8),
        titleSize: z.number().positive().default(18),
        tagSize: z.number().positive().default(12),
        noteSize: z.number().positive().default(10),
        /** line height as a multiple of the font size */
        lineHeight: z.number().min(1).default(1.3),
        /** cell padding in mm, left and right */
        padding: z.number().min(0).default(1),
        /** cell padding in mm, top and bottom */
        paddingY: z.number().min(0).default(0.5),
        /** ruling line width in pt */
        rule: z.number().positive().default(0.6),
        /** mm between a cell's foot lines and its left and right rules (the ☐ of 不通过☐ clear of the border) */
        footerPadding: z.number().min(0).default(3),
      })
      .strict()
      .default({ size: 10.5, minSize: 8, titleSize: 18, tagSize: 12, noteSize: 10, lineHeight: 1.3, padding: 1, paddingY: 0.5, rule: 0.6, footerPadding: 3 }),
    /** default row height in mm */
    rowHeight: mm.default(9),
    /** grid column widths in mm */
    columns: z.array(mm).min(1),
    /** lines between the title and the grid, e.g. 填报单位（盖章）… 填报时间… */
    above: z.array(LineSchema).default([]),
    rows: z.array(BlockSchema).min(1),
    /**
     * paragraphs under the grid: 注, 备注; a note `{ text, when }` prints only
     * when the record holds something at `when` (e.g. an approved timetable)
     */
    notes: z.array(NoteSchema).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const width = t.columns.reduce((a, b) => a + b, 0);
    const room = t.page.width - t.page.margin.left - t.page.margin.right;
    if (width > room + 0.01) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: "template.columns-too-wide", params: { width, room } });
    }
    checkGrid(t.columns.length, t.rows, ctx);
    checkPlaceholders(t, ctx);
  });

export type Cell = z.infer<typeof CellSchema>;
export type Row = z.infer<typeof RowSchema>;
export type ListBlock = z.infer<typeof ListSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type FormTemplate = z.infer<typeof FormTemplateSchema>;

export function isList(b: Block): b is ListBlock {
  return "list" in b;
}

/**
 * Places cells like an HTML table: each cell takes the next columns not held
 * by a row span from above. Returns each cell's first column, or an error.
 */
/** A grid that does not add up: a message id of the catalogue and its data. */
export interface GridError {
  id: string;
  data: Record<string, number>;
}

export function placeCells(columns: number, rows: readonly Row[], firstColumn = 0): { cols: number[][]; error?: GridError } {
  const held: number[] = new Array(columns).fill(0); // rows still held by a span, per column
  const cols: number[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const placed: number[] = [];
    let c = firstColumn;
    for (const cell of row.cells) {
      while (c < columns && held[c]! > 0) c++;
      if (c + cell.span > columns) return { cols, error: { id: "template.cells-past-last", data: { row: r + 1 } } };
      for (let k = c; k < c + cell.span; k++) {
        if (held[k]! > 0) return { cols, error: { id: "template.cells-overlap", data: { row: r + 1 } } };
        held[k] = cell.rowSpan;
      }
      placed.push(c);
      c += cell.span;
    }
    for (let k = firstColumn; k < columns; k++) {
      if (held[k]! === 0) return { cols, error: { id: "template.column-not-covered", data: { row: r + 1, column: k + 1 } } };
    }
    cols.push(placed);
    for (let k = firstColumn; k < columns; k++) held[k] = held[k]! - 1;
  }
  if (held.some((h, k) => k >= firstColumn && h > 0)) return { cols, error: { id: "template.span-past-block", data: {} } };
  return { cols };
}

function checkGrid(columns: number, blocks: readonly Block[], ctx: z.RefinementCtx): void {
  // consecutive plain rows form one block for row spans; a list is a block of its own
  let run: Row[] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length === 0) return;
    const { error } = placeCells(columns, run);
    if (error) ctx.addIssue({ code: "custom", path: ["rows", runStart], message: error.id, params: error.data });
    run = [];
  };
  blocks.forEach((b, i) => {
    if (isList(b)) {
      flush();
      const first = b.side ? b.side.span : 0;
      if (b.side && b.side.rowSpan !== 1) ctx.addIssue({ code: "custom", path: ["rows", i, "side"], message: "template.side-row-span" });
      for (const part of [b.header, b.item]) {
        const { error } = placeCells(columns, part, first);
        if (error) ctx.addIssue({ code: "custom", path: ["rows", i], message: error.id, params: error.data });
      }
    } else {
      if (run.length === 0) runStart = i;
      run.push(b);
    }
  });
  flush();
}

const PLACEHOLDER = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;
export const FORMATS = new Set(["", "text", "date", "number", "unit", "check", "signdate"]);
/** placeholders that are not record fields */
const SPECIAL = new Set(["title", "tag", "page", "pages"]);

export interface Placeholder {
  /** the field printed (the first of `paths`) */
  path: string;
  /** `{reportingUnit or county}`: the fields in turn, the first one filled is printed */
  paths: string[];
  format: string;
  args: string[];
}

export function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => {
    const [format = "", ...args] = (m[2] ?? "").split(":");
    const paths = m[1]!.trim().split(/\s+or\s+/);
    return { path: paths[0]!, paths, format: format.trim(), args };
  });
}

type Line = z.infer<typeof LineSchema>;
const lineParts = (l: Line) => [l.left, l.center, l.right];
const isRecordList = (list: string) => [...leaves.keys()].some((k) => k.startsWith(`${list}[].`));

function checkPlaceholders(t: FormTemplate, ctx: z.RefinementCtx): void {
  const check = (text: string | undefined, path: (string | number)[], list?: string) => {
    if (!text) return;
    for (const p of placeholders(text)) {
      if (!FORMATS.has(p.format)) ctx.addIssue({ code: "custom", path, message: "template.unknown-format", params: { format: p.format, placeholder: `{${p.path}|${p.format}}` } });
      for (const one of p.paths) {
        if (SPECIAL.has(one)) continue;
        const full = list && one.startsWith("item.") ? `${list}[].${one.slice(5)}` : one;
        if (!leaves.has(full)) ctx.addIssue({ code: "custom", path, message: "template.not-a-field", params: { field: `{${one}}` } });
      }
    }
  };
  const checkRow = (row: Row, path: (string | number)[], list?: string) =>
    row.cells.forEach((c, k) => {
      for (const key of ["label", "value", "placeholder", "prefix", "suffix"] as const) check(c[key], [...path, "cells", k, key], list);
      c.footer?.forEach((l, f) => lineParts(l).forEach((s) => check(s, [...path, "cells", k, "footer", f], list)));
    });
  const checkRows = (rows: readonly Row[], path: (string | number)[], list?: string) => rows.forEach((row, r) => checkRow(row, [...path, r], list));
  check(t.fileName, ["fileName"]);
  t.continued.forEach((l, i) => lineParts(l).forEach((s) => check(s, ["continued", i])));
  t.above.forEach((l, i) => lineParts(l).forEach((s) => check(s, ["above", i])));
  t.notes.forEach((n, i) => {
    check(noteText(n), ["notes", i]);
    if (typeof n !== "string" && ![...leaves.keys()].some((leaf) => leaf === n.when || leaf.startsWith(`${n.when}.`))) {
      ctx.addIssue({ code: "custom", path: ["notes", i, "when"], message: "template.not-a-field", params: { field: n.when } });
    }
  });
  if (t.subject && ![...leaves.keys()].some((k) => k === t.subject!.field || k.startsWith(`${t.subject!.field}.`))) {
    ctx.addIssue({ code: "custom", path: ["subject", "field"], message: "template.not-a-part", params: { field: t.subject.field } });
  }
  t.rows.forEach((b, i) => {
    if (isList(b)) {
      if (!isRecordList(b.list)) ctx.addIssue({ code: "custom", path: ["rows", i, "list"], message: "template.not-a-list", params: { list: b.list } });
      checkRows(b.header, ["rows", i, "header"]);
      checkRows(b.item, ["rows", i, "item"], b.list);
      check(b.side?.label, ["rows", i, "side"]);
      if (b.fallback) {
        const from = b.fallback.list;
        if (!isRecordList(from)) ctx.addIssue({ code: "custom", path: ["rows", i, "fallback", "list"], message: "template.not-a-list", params: { list: from } });
        for (const [field, text] of Object.entries(b.fallback.item)) {
          if (!leaves.has(`${b.list}[].${field}`)) ctx.addIssue({ code: "custom", path: ["rows", i, "fallback", "item", field], message: "template.not-a-field-of", params: { field, list: b.list } });
          check(text, ["rows", i, "fallback", "item", field], from);
        }
      }
    } else {
      checkRow(b, ["rows", i]);
    }
  });
}
