// Pure: the summary's tables -> A4 landscape pages of ruling lines and text, in
// the draw operations of src/render (which subsets the fonts and writes the PDF).
// Each table starts a page; every page repeats the title, the compiler / as-of
// line and the table's header, and carries 第N页 共M页 at its foot. A document
// with prose (a notice) has its lead paragraph under the first title, and its
// closing paragraphs and signature after the last table.
import { t, type Lang } from "../i18n/index.js";
import { MISSING_MARK } from "../render/format.js";
import type { DrawOp, Face, LayoutFonts, PageLayout } from "../render/layout.js";
import { breakLines, type Measure } from "../render/linebreak.js";
import type { Column, SummaryDocument, Table } from "./tables.js";
import { cellText } from "./text.js";

const MM = 72 / 25.4;
export const A4_LANDSCAPE = { width: 297 * MM, height: 210 * MM };
const MARGIN = { left: 10 * MM, right: 10 * MM, top: 10 * MM, bottom: 12 * MM };
const TITLE_SIZE = 15;
const INFO_SIZE = 9;
const FOOT_SIZE = 8;
/** prose: the lead and closing paragraphs and the signature */
const PARA_SIZE = 11;
const PARA_LEAD = 1.5;
const RULE = 0.5;
const PAD_X = 1.8;
const PAD_Y = 1.6;
const LEAD = 1.22;
/** the ideographic em box sits 0.88 em above the baseline */
const ASCENT = 0.88;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Metrics {
  fonts: LayoutFonts;
  measure: Record<Face, Measure>;
}

function measurer(fonts: LayoutFonts, face: Face): Measure {
  const f = fonts[face];
  return (text) => {
    let w = 0;
    for (const ch of text) w += f.advance(ch.codePointAt(0)!);
    return w;
  };
}

/** Characters the face lacks print as 〓 rather than as an empty box. */
function printable(text: string, m: Metrics, face: Face): string {
  let out = "";
  for (const ch of text) out += /\s/.test(ch) || m.fonts[face].has(ch.codePointAt(0)!) ? ch : MISSING_MARK;
  return out;
}

class Pages {
  readonly pages: PageLayout[] = [];
  private ops: DrawOp[] = [];

  newPage(): void {
    this.ops = [];
    this.pages.push({ ...A4_LANDSCAPE, ops: this.ops });
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push({ op: "rule", x1, y1, x2, y2, width: RULE });
  }

  rect(b: Box): void {
    const [x1, y1, x2, y2] = [b.x, b.y, b.x + b.w, b.y + b.h];
    this.ops.push(
      { op: "rule", x1, y1, x2, y2: y1, width: RULE },
      { op: "rule", x1, y1: y2, x2, y2, width: RULE },
      { op: "rule", x1, y1, x2: x1, y2, width: RULE },
      { op: "rule", x1: x2, y1, x2, y2, width: RULE },
    );
  }

  text(x: number, baseline: number, size: number, text: string, face: Face): void {
    if (text.trim()) this.ops.push({ op: "text", x, y: baseline, size, text, face });
  }
}

type Align = "left" | "center" | "right";

/** Lines of a cell's text at a size within a width. */
function wrap(text: string, width: number, size: number, m: Metrics, face: Face): string[] {
  if (!text) return [];
  const shown = printable(text, m, face);
  const room = Math.max(size, width - 2 * PAD_X);
  // most cells (every number) fit on one line: skip the line breaker
  if (!shown.includes("\n") && m.measure[face](shown) * size <= room) return [shown];
  return breakLines(shown, room, size, m.measure[face]);
}

const heightOf = (lines: number, size: number) => Math.max(1, lines) * size * LEAD + 2 * PAD_Y;

function drawLines(p: Pages, box: Box, lines: readonly string[], size: number, face: Face, align: Align, m: Metrics): void {
  const block = lines.length * size * LEAD;
  let top = box.y + (box.h - block) / 2;
  for (const line of lines) {
    const w = m.measure[face](line) * size;
    const x = align === "left" ? box.x + PAD_X : align === "right" ? box.x + box.w - PAD_X - w : box.x + (box.w - w) / 2;
    p.text(x, top + (LEAD - 1) * size * 0.5 + ASCENT * size, size, line, face);
    top += size * LEAD;
  }
}

interface HeaderCell {
  box: Box;
  lines: string[];
}

/** The header: group labels spanning their columns above, a column without a group spanning both rows. */
function headerCells(t: Table, xs: readonly number[], widths: readonly number[], size: number, m: Metrics): { cells: HeaderCell[]; height: number } {
  const twoRows = t.columns.some((c) => c.group);
  const labelLines = t.columns.map((c, i) => wrap(c.label, widths[i]!, size, m, "bold"));
  if (!twoRows) {
    const h = Math.max(...labelLines.map((l) => heightOf(l.length, size)));
    return { cells: t.columns.map((_, i) => ({ box: { x: xs[i]!, y: 0, w: widths[i]!, h }, lines: labelLines[i]! })), height: h };
  }
  const groups: { label: string; from: number; to: number }[] = [];
  t.columns.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (c.group && last && last.label === c.group && last.to === i - 1) last.to = i;
    else if (c.group) groups.push({ label: c.group, from: i, to: i });
  });
  const span = (g: { from: number; to: number }) => xs[g.to]! + widths[g.to]! - xs[g.from]!;
  const groupLines = groups.map((g) => wrap(g.label, span(g), size, m, "bold"));
  const top = Math.max(...groupLines.map((l) => heightOf(l.length, size)));
  let bottom = Math.max(...t.columns.map((c, i) => (c.group ? heightOf(labelLines[i]!.length, size) : 0)));
  const tallest = Math.max(...t.columns.map((c, i) => (c.group ? 0 : heightOf(labelLines[i]!.length, size))));
  bottom = Math.max(bottom, tallest - top);
  const cells: HeaderCell[] = [];
  groups.forEach((g, k) => cells.push({ box: { x: xs[g.from]!, y: 0, w: span(g), h: top }, lines: groupLines[k]! }));
  t.columns.forEach((c, i) => {
    cells.push(
      c.group
        ? { box: { x: xs[i]!, y: top, w: widths[i]!, h: bottom }, lines: labelLines[i]! }
        : { box: { x: xs[i]!, y: 0, w: widths[i]!, h: top + bottom }, lines: labelLines[i]! },
    );
  });
  return { cells, height: top + bottom };
}

const alignOf = (c: Column): Align => (c.kind === "text" ? "left" : "right");

const BODY_BOTTOM = A4_LANDSCAPE.height - MARGIN.bottom - FOOT_SIZE * 2;

/** The page's title, centred; returns the top of what follows it. */
function drawTitle(p: Pages, title: string, m: Metrics): number {
  const shown = printable(title, m, "bold");
  const tw = m.measure.bold(shown) * TITLE_SIZE;
  p.text((A4_LANDSCAPE.width - tw) / 2, MARGIN.top + ASCENT * TITLE_SIZE, TITLE_SIZE, shown, "bold");
  return MARGIN.top + TITLE_SIZE * 1.6;
}

/** A paragraph's lines across the page, the first indented two characters as Chinese prose is. */
function paragraphLines(text: string, m: Metrics): string[] {
  const width = A4_LANDSCAPE.width - MARGIN.left - MARGIN.right;
  return breakLines(`\u3000\u3000${printable(text, m, "regular")}`, width, PARA_SIZE, m.measure.regular);
}

/** Draws paragraphs from `top`; returns the top of what follows them. */
function drawParagraphs(p: Pages, paragraphs: readonly string[][], top: number): number {
  for (const lines of paragraphs) {
    for (const line of lines) {
      p.text(MARGIN.left, top + (PARA_LEAD - 1) * PARA_SIZE * 0.5 + ASCENT * PARA_SIZE, PARA_SIZE, line, "regular");
      top += PARA_SIZE * PARA_LEAD;
    }
  }
  return top;
}

function layoutTable(p: Pages, doc: SummaryDocument, t: Table, title: string, m: Metrics, lead: readonly string[] = []): number {
  const avail = A4_LANDSCAPE.width - MARGIN.left - MARGIN.right;
  const units = t.columns.reduce((n, c) => n + c.width, 0);
  const scale = avail / units;
  const widths = t.columns.map((c) => c.width * scale);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), MARGIN.left);
  // a Chinese character takes two width units: size it to fit, 5.5–9 pt
  const size = Math.min(9, Math.max(5.5, scale * 1.8));
  const header = headerCells(t, xs, widths, size, m);
  const bottom = BODY_BOTTOM;
  const leadLines = lead.map((text) => paragraphLines(text, m));

  let y = 0;
  let firstPage = true;
  let bodyTop = 0;
  // the body's column rules run from the header to the last row of the page, one per column
  const closeBody = () => {
    if (y <= bodyTop) return;
    for (const x of [...xs, xs[xs.length - 1]! + widths[widths.length - 1]!]) p.line(x, bodyTop, x, y);
  };
  const startPage = () => {
    if (y > 0) closeBody();
    p.newPage();
    let top = drawTitle(p, title, m);
    if (firstPage && leadLines.length) top = drawParagraphs(p, leadLines, top) + PARA_SIZE * 0.5;
    firstPage = false;
    // a document without a compiler or as-of line (a notice without --as-of) gives the line no room
    if (doc.compilerLine.trim() || doc.asOfLine.trim()) {
      p.text(MARGIN.left, top + ASCENT * INFO_SIZE, INFO_SIZE, printable(doc.compilerLine, m, "regular"), "regular");
      const asOf = printable(doc.asOfLine, m, "regular");
      p.text(A4_LANDSCAPE.width - MARGIN.right - m.measure.regular(asOf) * INFO_SIZE, top + ASCENT * INFO_SIZE, INFO_SIZE, asOf, "regular");
      top += INFO_SIZE * 1.7;
    }
    for (const c of header.cells) {
      const box = { ...c.box, y: c.box.y + top };
      p.rect(box);
      drawLines(p, box, c.lines, size, "bold", "center", m);
    }
    y = top + header.height;
    bodyTop = y;
  };

  const rows = [...t.rows.map((r) => ({ cells: r, face: "regular" as Face })), ...(t.total ? [{ cells: t.total, face: "bold" as Face }] : [])];
  startPage();
  for (const row of rows) {
    const lines = row.cells.map((v, i) => wrap(cellText(v), widths[i]!, size, m, row.face));
    const h = Math.max(...lines.map((l) => heightOf(l.length, size)));
    if (y + h > bottom) startPage();
    p.line(MARGIN.left, y + h, MARGIN.left + avail, y + h);
    row.cells.forEach((_, i) => {
      const box = { x: xs[i]!, y, w: widths[i]!, h };
      const isTotalLabel = row.face === "bold" && i === 0;
      drawLines(p, box, lines[i]!, size, row.face, isTotalLabel ? "center" : alignOf(t.columns[i]!), m);
    });
    y += h;
  }
  closeBody();
  return y;
}

/**
 * The closing paragraphs and the signature under the last table, on a new page
 * (with the title) where they do not fit. The signature follows the usage of
 * official documents: its lines centred on one another, the block set in from
 * the right margin, kept together with nothing left alone above it.
 */
function layoutClosing(p: Pages, doc: SummaryDocument, m: Metrics, y: number): void {
  const paragraphs = (doc.closing ?? []).map((text) => paragraphLines(text, m));
  const signature = (doc.signature ?? []).map((s) => printable(s, m, "regular")).filter((s) => s.trim());
  if (!paragraphs.length && !signature.length) return;
  const lineHeight = PARA_SIZE * PARA_LEAD;
  let top = y + PARA_SIZE * 0.8;
  const room = (lines: number) => {
    if (top + lines * lineHeight <= BODY_BOTTOM) return;
    p.newPage();
    top = drawTitle(p, doc.title, m);
  };
  paragraphs.forEach((lines, i) => {
    // the last paragraph goes with the signature: a signature alone on a page says nothing
    const last = i === paragraphs.length - 1;
    room(lines.length + (last && signature.length ? signature.length + 1 : 0));
    top = drawParagraphs(p, [lines], top);
  });
  if (!signature.length) return;
  room(signature.length + 1);
  top += lineHeight;
  const widths = signature.map((s) => m.measure.regular(s) * PARA_SIZE);
  const block = Math.max(...widths);
  const right = A4_LANDSCAPE.width - MARGIN.right - PARA_SIZE * 4;
  signature.forEach((s, i) => {
    const x = right - block + (block - widths[i]!) / 2;
    p.text(x, top + (PARA_LEAD - 1) * PARA_SIZE * 0.5 + ASCENT * PARA_SIZE, PARA_SIZE, s, "regular");
    top += lineHeight;
  });
}

export function layoutSummaryPdf(doc: SummaryDocument, fonts: LayoutFonts, lang: Lang): PageLayout[] {
  const m: Metrics = { fonts, measure: { regular: measurer(fonts, "regular"), bold: measurer(fonts, "bold") } };
  const p = new Pages();
  let y = 0;
  doc.tables.forEach((t, i) => (y = layoutTable(p, doc, t, i === 0 ? doc.title : `${doc.title}（${t.name}）`, m, i === 0 ? (doc.lead ?? []) : [])));
  layoutClosing(p, doc, m, y);
  const total = p.pages.length;
  p.pages.forEach((page, i) => {
    const text = t(lang, "page-of", { page: i + 1, pages: total });
    const w = m.measure.regular(text) * FOOT_SIZE;
    page.ops.push({ op: "text", x: (page.width - w) / 2, y: page.height - MARGIN.bottom + ASCENT * FOOT_SIZE, size: FOOT_SIZE, text, face: "regular" });
  });
  return p.pages;
}
