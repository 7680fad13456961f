// The filled grid as a Word table: the template's columns (mm) as the table
// grid, spans as gridSpan, row spans and a list's side label as vMerge, rows
// at least the template's height, labels centred, values placed as the
// template says (prefix at the left, the value, its suffix at the right),
// yes/no answers as checkbox content controls, a sign-off cell's foot lines
// at its foot. Pure: the form comes in, docx objects go out.
import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  HeightRule,
  LineRuleType,
  PageNumber,
  Tab,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
  type TabStopDefinition,
} from "docx";
import { affixGap } from "../draw.js";
import type { Align, FilledForm, FormCell, FormLine, FormRow } from "../form.js";
import type { Part } from "../format.js";
import { BOX_FONT } from "./package.js";

export const TWIPS_PER_MM = 1440 / 25.4;
export const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** a size in pt as Word's half points */
export const halfPoints = (pt: number) => Math.round(pt * 2);

const BOX_TICKED = "2611";
const BOX_UNTICKED = "2610";

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const VALIGN = { top: VerticalAlignTable.TOP, middle: VerticalAlignTable.CENTER, bottom: VerticalAlignTable.BOTTOM } as const;

/** A yes/no box that can be ticked in Word; `answer` (是, 否, 通过…) names it. */
export function checkbox(checked: boolean, answer: string): CheckBox {
  return new CheckBox({
    checked,
    alias: answer,
    checkedState: { value: BOX_TICKED, font: BOX_FONT },
    uncheckedState: { value: BOX_UNTICKED, font: BOX_FONT },
  });
}

/** Where {page} and {pages} stand in a filled text (fill them with these): Word writes its PAGE and SECTIONPAGES (or NUMPAGES) fields there. */
export const PAGE_MARKS = { page: "\u{F0001}", pages: "\u{F0002}", documentPages: "\u{F0003}" };
const FIELDS: Record<string, (typeof PageNumber)[keyof typeof PageNumber]> = {
  [PAGE_MARKS.page]: PageNumber.CURRENT,
  [PAGE_MARKS.pages]: PageNumber.TOTAL_PAGES_IN_SECTION,
  [PAGE_MARKS.documentPages]: PageNumber.TOTAL_PAGES,
};

/** Runs of one line of text; the page marks become page fields. */
function lineRuns(line: string, size: number, br: boolean): TextRun[] {
  const out: TextRun[] = [];
  let buf = "";
  let brk = br;
  const push = (r: Omit<ConstructorParameters<typeof TextRun>[0] & object, "size" | "break">) => {
    out.push(new TextRun({ ...r, size: halfPoints(size), break: brk ? 1 : undefined }));
    brk = false;
  };
  for (const ch of line) {
    const field = FIELDS[ch];
    if (!field) {
      buf += ch;
      continue;
    }
    if (buf) push({ text: buf });
    buf = "";
    push({ children: [field] });
  }
  if (buf || out.length === 0) push({ text: buf });
  return out;
}

/** Runs of filled text at `size` pt: a line end is a break (w:br), a yes/no box a checkbox. */
export function runs(parts: readonly Part[], size: number): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const part of parts) {
    if ("box" in part) {
      out.push(checkbox(part.box, part.answer));
      continue;
    }
    part.text.split("\n").forEach((line, i) => {
      if (line || i > 0) out.push(...lineRuns(line, size, i > 0));
    });
  }
  return out;
}

const text = (s: string, size: number): ParagraphChild[] => (s ? runs([{ text: s }], size) : []);
const tab = (size: number) => new TextRun({ children: [new Tab()], size: halfPoints(size) });

/** Exact line spacing, as the PDF sets it: `lineHeight` times the size. */
export function lines(size: number, lineHeight: number, before = 0, after = 0) {
  return { line: Math.round(size * lineHeight * 20), lineRule: LineRuleType.EXACT, before: Math.round(before * 20), after: Math.round(after * 20) };
}

/**
 * A three-part line in a box `width` twips wide from `inset` to `width - inset`:
 * one part alone is aligned; several are set with tab stops (centre, right),
 * the right part `room` short of the edge.
 */
export function lineParagraph(l: FormLine, width: number, size: number, lineHeight: number, inset = 0, spacingBefore = 0, spacingAfter = 0): Paragraph {
  const parts = { left: l.left.parts, center: l.center.parts, right: l.right.parts };
  const has = (k: keyof typeof parts) => parts[k].length > 0 && (l[k].text !== "" || parts[k].some((p) => "box" in p));
  const present = (["left", "center", "right"] as const).filter(has);
  const room = twips(l.room);
  const spacing = lines(size, lineHeight, spacingBefore, spacingAfter);
  const indent = { left: inset, right: inset + (present.length === 1 && present[0] === "right" ? room : 0) };
  if (present.length <= 1) {
    const only = present[0] ?? "left";
    return new Paragraph({ alignment: ALIGN[only], spacing, indent, children: runs(parts[only], size) });
  }
  const tabStops: TabStopDefinition[] = [];
  const children: ParagraphChild[] = [...runs(parts.left, size)];
  if (has("center")) {
    tabStops.push({ type: TabStopType.CENTER, position: Math.round(width / 2) });
    children.push(tab(size), ...runs(parts.center, size));
  }
  if (has("right")) {
    tabStops.push({ type: TabStopType.RIGHT, position: width - inset - room });
    children.push(tab(size), ...runs(parts.right, size));
  }
  return new Paragraph({ alignment: AlignmentType.LEFT, spacing, indent: { left: inset, right: inset }, tabStops, children });
}

const WIDE = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * The width in em of a text as 宋体 sets it: Chinese and full-width a whole
 * em, the rest half. `spaced`: as the widest word processor sets it, with a
 * quarter em between Chinese and Latin or digits (LibreOffice's East Asian
 * auto spacing, which it keeps whatever the document says) and a little
 * more for Latin: for deciding whether a form fits its page.
 */
function ems(s: string, spaced = false): number {
  let w = 0;
  let prev: boolean | null = null;
  for (const ch of s) {
    const wide = WIDE.test(ch);
    w += wide ? 1 : spaced ? 0.55 : 0.5;
    if (spaced && prev !== null && prev !== wide && ch.trim() !== "") w += 0.25;
    prev = wide;
  }
  return w;
}

/**
 * Lines a text takes at `size` pt in `width` pt: an estimate from 宋体's
 * widths, for what a word processor will lay out itself. `spaced`: the most
 * it may take, the widths spaced and a line a little short of full (a comma
 * may not start a line, a Latin word is not broken).
 */
export function lineCount(s: string, size: number, width: number, spaced = false): number {
  const room = Math.max(width * (spaced ? 0.92 : 1), size);
  return s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((ems(line, spaced) * size) / room - 1e-9)), 0);
}

const PT_PER_MM = 72 / 25.4;

/** The heights (mm) the rows of a form print at in Word. */
export type RowHeights = Map<FormRow, number>;

export class WordGrid {
  private readonly t: FilledForm["template"];
  /** twips */
  private readonly columns: number[];
  private heights: RowHeights = new Map();

  constructor(private readonly form: FilledForm) {
    this.t = form.template;
    this.columns = this.t.columns.map(twips);
  }

  /** Width in twips of the columns a cell covers. */
  private width(cell: { col: number; span: number }): number {
    return this.columns.slice(cell.col, cell.col + cell.span).reduce((a, b) => a + b, 0);
  }

  /** The text area of a cell in twips: its width less the padding left and right. */
  private inner(cell: FormCell): number {
    return this.width(cell) - 2 * twips(this.t.text.padding);
  }

  /** Lines the body takes at `size` (an estimate from 宋体's widths; `spaced`: the widest a word processor sets it). */
  private bodyLines(cell: FormCell, size: number, spaced = false): number {
    if (!cell.body.text && !cell.prefix && !cell.suffix) return 0;
    const affixes = ems(`${cell.prefix}${cell.suffix}`, spaced) * this.t.text.size;
    return lineCount(cell.body.text, size, this.inner(cell) / 20 - affixes, spaced);
  }

  /**
   * The size a value prints at: as the PDF does, a value that would break
   * onto more lines than its row holds (2024年10月15日 in a narrow column) is
   * set smaller, down to its least size; labels keep the form's one size.
   */
  private fitSize(cell: FormCell, height: number): number {
    const { lineHeight, paddingY } = this.t.text;
    if (cell.label || !cell.body.text || cell.footer.length > 0) return cell.size;
    const holds = (size: number) => this.bodyLines(cell, size) * size * lineHeight <= (height - 2 * paddingY) * PT_PER_MM + 0.01;
    if (holds(cell.size) || !holds(cell.minSize)) return cell.size;
    let size = cell.size;
    while (size - 0.5 >= cell.minSize - 1e-9 && !holds(size)) size -= 0.5;
    return size;
  }

  /** The most height (mm) a cell's text may need, body and foot lines, at the size it prints at. */
  private need(cell: FormCell, height: number): number {
    const { lineHeight, paddingY, size: labelSize } = this.t.text;
    const size = this.fitSize(cell, height);
    return 2 * paddingY + (Math.max(1, this.bodyLines(cell, size, true)) * size * lineHeight + cell.footer.length * labelSize * lineHeight) / PT_PER_MM;
  }

  /** The body: the label, or prefix, value and suffix set as the template places them. */
  private body(cell: FormCell, height: number): Paragraph {
    const { lineHeight } = this.t.text;
    const labelSize = this.t.text.size;
    const size = this.fitSize(cell, height);    const spacing = lines(size, lineHeight);
    const value = cell.body.parts;
    if (!cell.prefix && !cell.suffix) return new Paragraph({ alignment: ALIGN[cell.align], spacing, children: runs(value, size) });
    // prefix at the left edge, suffix at the right edge, the value between them as aligned
    const inner = this.inner(cell);
    const tabStops: TabStopDefinition[] = [];
    const children: ParagraphChild[] = [...text(cell.prefix, labelSize)];
    const filled = cell.body.text !== "" || value.some((p) => "box" in p);
    const gap = cell.suffix && filled && affixGap(cell.suffix, "suffix") > 0 ? " " : "";
    const align: Align = cell.align;
    if (align === "right") {
      tabStops.push({ type: TabStopType.RIGHT, position: inner });
      children.push(tab(labelSize), ...runs(value, size), ...text(gap + cell.suffix, labelSize));
    } else {
      if (align === "center") {
        tabStops.push({ type: TabStopType.CENTER, position: Math.round(inner / 2) });
        children.push(tab(size));
      }
      children.push(...runs(value, size));
      if (cell.suffix) {
        tabStops.push({ type: TabStopType.RIGHT, position: inner });
        children.push(tab(labelSize), ...text(cell.suffix, labelSize));
      }
    }
    return new Paragraph({ alignment: AlignmentType.LEFT, spacing, tabStops, children });
  }

  /** A cell: its body, then its foot lines set at the foot of `height` (mm) by the space before them. */
  private cell(cell: FormCell, height: number, rowSpan: number): TableCell {
    const { lineHeight, paddingY, footerPadding, padding, size: labelSize } = this.t.text;
    const children: Paragraph[] = [this.body(cell, height)];
    if (cell.footer.length > 0) {
      const usedPt = Math.max(1, this.bodyLines(cell, cell.size)) * cell.size * lineHeight + cell.footer.length * labelSize * lineHeight;
      const freePt = (height - 2 * paddingY) * PT_PER_MM - usedPt;
      const inset = twips(Math.max(0, footerPadding - padding));
      cell.footer.forEach((l, i) => children.push(lineParagraph(l, this.inner(cell), labelSize, lineHeight, inset, i === 0 ? Math.max(0, freePt) : 0)));
    }
    return new TableCell({
      children,
      columnSpan: cell.span > 1 ? cell.span : undefined,
      rowSpan: rowSpan > 1 ? rowSpan : undefined,
      verticalAlign: cell.footer.length > 0 ? VALIGN.top : VALIGN[cell.valign],
    });
  }

  private height(row: FormRow): number {
    return this.heights.get(row) ?? row.height;
  }

  private row(row: FormRow, rowsBelow: readonly FormRow[], lead: TableCell[], last: boolean): TableRow {
    return new TableRow({
      cantSplit: true,
      // the notes (注, 备注) stay with the last row
      keepNext: last || undefined,
      height: { value: twips(this.height(row)), rule: HeightRule.ATLEAST },
      children: [
        ...lead,
        ...row.cells.map((c) => {
          const spanned = [row, ...rowsBelow].slice(0, c.rowSpan);
          return this.cell(c, spanned.reduce((h, r) => h + this.height(r), 0), c.rowSpan);
        }),
      ],
    });
  }

  /** Every row of the grid in order. */
  private rows(): FormRow[] {
    return this.form.blocks.flatMap((b) => (b.kind === "rows" ? b.rows : [...b.header, ...b.items.flat()]));
  }

  /**
   * The rows' heights: as the template gives them, grown to their text.
   * Where the grid would not fit the page's `room` (mm) but may with its
   * rows squeezed towards their least height (`minHeight`), they give up that
   * room, as in the PDF, so a form with four equipment items stays on one page.
   * Word lays out the pages itself: the heights of the text are estimates.
   */
  fitRows(room: number): void {
    const rows = this.rows();
    const need = (r: FormRow, h: number) => Math.max(0, ...r.cells.filter((c) => c.rowSpan === 1).map((c) => this.need(c, h)));
    // the heights written: the template's, squeezed `s` of the way to the least (never below the text)
    const least = rows.map((r) => Math.min(r.height, Math.max(r.minHeight, need(r, r.minHeight))));
    const written = (s: number) => rows.map((r, i) => r.height - s * (r.height - least[i]!));
    // the heights a word processor may lay out: as written, or taller where the text needs it
    const laid = (s: number) => written(s).reduce((sum, h, i) => sum + Math.max(h, need(rows[i]!, h)), 0);
    let squeeze = 0;
    // the estimates err on the tall side: squeeze all the way when that may just save the page, not when the form runs on anyway
    if (laid(0) > room && laid(1) <= room * 1.1) {
      let [short, enough] = [0, 1];
      for (let k = 0; k < 8 && laid(1) <= room; k++) {
        const mid = (short + enough) / 2;
        if (laid(mid) <= room) enough = mid;
        else short = mid;
      }
      squeeze = enough;
    }
    const hs = written(squeeze);
    this.heights = new Map(rows.map((r, i) => [r, hs[i]!]));
  }

  table(): Table {
    const rows: TableRow[] = [];
    const count = this.rows().length;
    for (const block of this.form.blocks) {
      if (block.kind === "rows") {
        block.rows.forEach((row, r) => rows.push(this.row(row, block.rows.slice(r + 1), [], rows.length === count - 1)));
        continue;
      }
      const all = [...block.header, ...block.items.flat()];
      const side = block.side ? [this.cell(block.side, all.reduce((h, r) => h + this.height(r), 0), all.length)] : [];
      all.forEach((row, r) => rows.push(this.row(row, [], r === 0 ? side : [], rows.length === count - 1)));
    }
    const rule = { style: BorderStyle.SINGLE, size: Math.max(2, Math.round(this.t.text.rule * 8)), color: "000000" };
    const padX = twips(this.t.text.padding);
    const padY = twips(this.t.text.paddingY);
    return new Table({
      rows,
      columnWidths: this.columns,
      width: { size: this.columns.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins: { left: padX, right: padX, top: padY, bottom: padY },
      borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    });
  }
}
