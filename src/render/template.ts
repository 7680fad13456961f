// A printed form as data: a ruled grid of rows and cells (with spans), each
// cell a fixed label or a text template that names record fields. One generic
// renderer draws every template; a revised form is a new YAML file, not code.
import { z } from "zod";
import { leaves } from "../model/fields.js";

const mm = z.number().positive();

export const AlignSchema = z.enum(["left", "center", "right"]);
export const VAlignSchema = z.enum(["top", "middle", "bottom"]);

export const CellSchema = z
  .object({
    /** grid columns the cell covers */
    span: z.number().int().min(1).default(1),
    /** grid rows the cell covers (within one block) */
    rowSpan: z.number().int().min(1).default(1),
    /** fixed text, as printed on the official form; `\n` forces a line break */
    label: z.string().optional(),
    /** text with `{field.path}` or `{field.path|format}` placeholders */
    value: z.string().optional(),
    /** printed instead of `value` when every field in it is blank, e.g. （注明单位） */
    placeholder: z.string().optional(),
    /** fixed text drawn at the right edge of the cell's last line, e.g. 人, （万元） */
    suffix: z.string().optional(),
    /** a line at the foot of the cell: signature, seal and date blanks */
    footer: z.string().optional(),
    align: AlignSchema.optional(),
    valign: VAlignSchema.optional(),
    /** font size in pt, overriding the template's */
    size: z.number().positive().optional(),
    minSize: z.number().positive().optional(),
  })
  .strict()
  .refine((c) => !(c.label !== undefined && c.value !== undefined), { message: "a cell has a label or a value, not both" });

export const RowSchema = z
  .object({
    /** least height in mm; a row grows to fit its text */
    height: mm.optional(),
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
  })
  .strict();

export const BlockSchema = z.union([ListSchema, RowSchema]);

export const LineSchema = z
  .object({
    left: z.string().optional(),
    center: z.string().optional(),
    right: z.string().optional(),
  })
  .strict();

export const FormTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** printed title, also the PDF title */
    title: z.string().min(1),
    /** printed above the title at the left, e.g. 附表2 */
    tag: z.string().optional(),
    /** file name of one enterprise's form, a template (without .pdf) */
    fileName: z.string().min(1),
    /** caption of continuation pages */
    continued: z.string().default("{title}（续）"),
    /** page number line, printed only when a form takes more than one page */
    pageNumber: z.string().default("第{page}页　共{pages}页"),
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
      })
      .strict()
      .default({ size: 10.5, minSize: 8, titleSize: 18, tagSize: 12, noteSize: 10, lineHeight: 1.3, padding: 1, paddingY: 0.5, rule: 0.6 }),
    /** default least row height in mm */
    rowHeight: mm.default(9),
    /** grid column widths in mm */
    columns: z.array(mm).min(1),
    /** lines between the title and the grid, e.g. 填报单位（盖章）… 填报时间… */
    above: z.array(LineSchema).default([]),
    rows: z.array(BlockSchema).min(1),
    /** paragraphs under the grid: 注, 备注 */
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const width = t.columns.reduce((a, b) => a + b, 0);
    const room = t.page.width - t.page.margin.left - t.page.margin.right;
    if (width > room + 0.01) {
      ctx.addIssue({ code: "custom", path: ["columns"], message: `columns are ${width} mm wide, the page has room for ${room} mm` });
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
export function placeCells(columns: number, rows: readonly Row[], firstColumn = 0): { cols: number[][]; error?: string } {
  const held: number[] = new Array(columns).fill(0); // rows still held by a span, per column
  const cols: number[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const placed: number[] = [];
    let c = firstColumn;
    for (const cell of row.cells) {
      while (c < columns && held[c]! > 0) c++;
      if (c + cell.span > columns) return { cols, error: `row ${r + 1}: cells run past the last column` };
      for (let k = c; k < c + cell.span; k++) {
        if (held[k]! > 0) return { cols, error: `row ${r + 1}: a cell overlaps a row span from above` };
        held[k] = cell.rowSpan;
      }
      placed.push(c);
      c += cell.span;
    }
    for (let k = firstColumn; k < columns; k++) {
      if (held[k]! === 0) return { cols, error: `row ${r + 1}: column ${k + 1} is not covered` };
    }
    cols.push(placed);
    for (let k = firstColumn; k < columns; k++) held[k] = held[k]! - 1;
  }
  if (held.some((h, k) => k >= firstColumn && h > 0)) return { cols, error: "a row span runs past the end of its block" };
  return { cols };
}

function checkGrid(columns: number, blocks: readonly Block[], ctx: z.RefinementCtx): void {
  // consecutive plain rows form one block for row spans; a list is a block of its own
  let run: Row[] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length === 0) return;
    const { error } = placeCells(columns, run);
    if (error) ctx.addIssue({ code: "custom", path: ["rows", runStart], message: error });
    run = [];
  };
  blocks.forEach((b, i) => {
    if (isList(b)) {
      flush();
      const first = b.side ? b.side.span : 0;
      if (b.side && b.side.rowSpan !== 1) ctx.addIssue({ code: "custom", path: ["rows", i, "side"], message: "a side cell spans the whole list: no rowSpan" });
      for (const part of [b.header, b.item]) {
        const { error } = placeCells(columns, part, first);
        if (error) ctx.addIssue({ code: "custom", path: ["rows", i], message: error });
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
const SPECIAL = new Set(["title", "page", "pages"]);

export function placeholders(text: string): { path: string; format: string; args: string[] }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => {
    const [format = "", ...args] = (m[2] ?? "").split(":");
    return { path: m[1]!.trim(), format: format.trim(), args };
  });
}

function checkPlaceholders(t: FormTemplate, ctx: z.RefinementCtx): void {
  const check = (text: string | undefined, path: (string | number)[], list?: string) => {
    if (!text) return;
    for (const p of placeholders(text)) {
      if (!FORMATS.has(p.format)) ctx.addIssue({ code: "custom", path, message: `unknown format "${p.format}" in {${p.path}|${p.format}}` });
      if (SPECIAL.has(p.path)) continue;
      const full = list && p.path.startsWith("item.") ? `${list}[].${p.path.slice(5)}` : p.path;
      if (!leaves.has(full)) ctx.addIssue({ code: "custom", path, message: `{${p.path}} is not a field of the record` });
    }
  };
  const checkRow = (row: Row, path: (string | number)[], list?: string) =>
    row.cells.forEach((c, k) => {
      for (const key of ["label", "value", "placeholder", "suffix", "footer"] as const) check(c[key], [...path, "cells", k, key], list);
    });
  const checkRows = (rows: readonly Row[], path: (string | number)[], list?: string) => rows.forEach((row, r) => checkRow(row, [...path, r], list));
  check(t.fileName, ["fileName"]);
  check(t.continued, ["continued"]);
  t.above.forEach((l, i) => [l.left, l.center, l.right].forEach((s) => check(s, ["above", i])));
  t.notes.forEach((n, i) => check(n, ["notes", i]));
  t.rows.forEach((b, i) => {
    if (isList(b)) {
      if (![...leaves.keys()].some((k) => k.startsWith(`${b.list}[].`))) {
        ctx.addIssue({ code: "custom", path: ["rows", i, "list"], message: `${b.list} is not a list of the record` });
      }
      checkRows(b.header, ["rows", i, "header"]);
      checkRows(b.item, ["rows", i, "item"], b.list);
      check(b.side?.label, ["rows", i, "side"]);
    } else {
      checkRow(b, ["rows", i]);
    }
  });
}
