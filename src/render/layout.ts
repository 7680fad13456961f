// The generic form renderer: a template (data) and a record -> pages of
// drawing operations (ruling lines and positioned text). Pure: font metrics
// come in as functions, nothing is read or written here.
//
// Rows grow to fit their text: a cell first wraps within its row, then shrinks
// down to the minimum size, and only then makes its row taller. Rows that do
// not fit on the page move to the next one; a list breaking across pages
// repeats its heading row; a single row taller than the space left continues
// on the next page. Nothing is clipped silently: what cannot be placed is reported.
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import { fill, TICKED, UNTICKED, type Coverage, type FillContext, type Scope } from "./format.js";
import { breakLines, type Measure } from "./linebreak.js";
import { isList, placeCells, placeholders, type Cell, type FormTemplate, type Row } from "./template.js";

export const PT_PER_MM = 72 / 25.4;
const EPS = 0.01;
/** the ideographic em box sits 0.88 em above and 0.12 em below the baseline */
const EM_ABOVE = 0.88;
const EM_CENTER = EM_ABOVE - 0.5;

export interface FaceMetrics extends Coverage {
  /** advance width of a code point in em */
  advance(codePoint: number): number;
}

export type Face = "regular" | "bold";
export type LayoutFonts = Record<Face, FaceMetrics>;

export type DrawOp =
  | { op: "rule"; x1: number; y1: number; x2: number; y2: number; width: number }
  | { op: "text"; x: number; y: number; size: number; text: string; face: Face };

/** A page in points, y measured down from the top edge; `y` of text is its baseline. */
export interface PageLayout {
  width: number;
  height: number;
  ops: DrawOp[];
}

export interface FormLayout {
  /** the form's title for this record (PDF metadata) */
  title: string;
  pages: PageLayout[];
  findings: Finding[];
}

export interface LayoutInput {
  template: FormTemplate;
  /** null prints an empty form for filling by hand */
  record: unknown;
  fonts: LayoutFonts;
  /** the enterprise named in findings */
  recordId: string | null;
  locate(path: string): Location;
}

type Align = "left" | "center" | "right";
type VAlign = "top" | "middle" | "bottom";

/** A cell with its text filled in, before it is fitted to a box. */
interface CellSpec {
  col: number;
  span: number;
  rowSpan: number;
  text: string;
  footer: string;
  suffix: string;
  align: Align;
  valign: VAlign;
  size: number;
  minSize: number;
  label: boolean;
  fields: string[];
}

/** A cell fitted: its size and lines. */
interface Fitted extends CellSpec {
  fontSize: number;
  lines: string[];
  footerSize: number;
  footerLines: string[];
}

interface BandRow {
  minHeight: number;
  cells: CellSpec[];
}

type BandKind = { kind: "plain" } | { kind: "header"; list: number } | { kind: "item"; list: number; first: boolean };

interface Band {
  kind: BandKind;
  rows: BandRow[];
}

interface Measured {
  kind: BandKind;
  heights: number[];
  /** fitted cells by the row they start in */
  cells: Fitted[][];
  total: number;
}

interface ListInfo {
  side: CellSpec | null;
  headers: Measured[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function layoutForm(input: LayoutInput): FormLayout {
  return new FormLayouter(input).run();
}

class FormLayouter {
  private readonly t: FormTemplate;
  private readonly findings: Finding[] = [];
  private readonly ctx: FillContext;
  private readonly colX: number[];
  private readonly gridLeft: number;
  private readonly gridWidth: number;
  private readonly pad: number;
  private readonly padY: number;
  private readonly lh: number;
  private readonly measure: Record<Face, Measure>;
  private readonly title: string;

  private pages: PageLayout[] = [];
  private ops: DrawOp[] = [];
  private y = 0;
  private bottom = 0;
  private gridOnPage = false;
  private readonly sides: { page: number; list: number; top: number; bottom: number }[] = [];

  constructor(private readonly input: LayoutInput) {
    this.t = input.template;
    this.ctx = {
      coverage: input.fonts.regular,
      record: input.recordId,
      locate: input.locate,
      findings: this.findings,
      reported: new Set(),
    };
    this.gridWidth = sum(this.t.columns) * PT_PER_MM;
    this.gridLeft = (this.t.page.width * PT_PER_MM - this.gridWidth) / 2;
    this.colX = [this.gridLeft];
    for (const w of this.t.columns) this.colX.push(this.colX[this.colX.length - 1]! + w * PT_PER_MM);
    this.pad = this.t.text.padding * PT_PER_MM;
    this.padY = this.t.text.paddingY * PT_PER_MM;
    this.lh = this.t.text.lineHeight;
    this.measure = { regular: measurer(input.fonts.regular), bold: measurer(input.fonts.bold) };
    this.title = this.fillText(this.t.title, {});
  }

  run(): FormLayout {
    const { bands, lists } = this.expand();
    const measured = bands.map((b) => this.measureBand(b));
    const listInfo: ListInfo[] = lists.map((side, i) => ({
      side,
      headers: measured.filter((m) => m.kind.kind === "header" && m.kind.list === i),
    }));

    this.newPage();
    for (let i = 0; i < measured.length; i++) {
      let band: Measured | null = measured[i]!;
      if (band.kind.kind === "header") {
        // keep a heading with the first item under it
        const next = measured[i + 1];
        const withNext = band.total + (next?.kind.kind === "item" ? next.total : 0);
        if (this.gridOnPage && this.y + withNext > this.bottom + EPS) this.newPage();
      }
      if (i === measured.length - 1 && this.gridOnPage) {
        // the notes stay with the last row: 注 and 备注 never stand alone on a page
        const notes = this.notesHeight();
        if (this.y + band.total + notes > this.bottom + EPS && band.total <= this.bottom - this.y + EPS) this.breakPage(band, listInfo);
      }
      while (band) band = this.placeOrBreak(band, listInfo);
    }
    this.closeSides(listInfo);
    this.placeNotes();
    this.numberPages();
    return { title: `${this.title}`, pages: this.pages, findings: this.findings };
  }

  // ---- filling the template -------------------------------------------------

  private fillText(text: string, scope: Partial<Scope>): string {
    return fill(text, { record: this.input.record, ...scope, specials: { title: this.t.title, ...scope.specials } }, this.ctx).text;
  }

  private spec(cell: Cell, col: number, minHeight: number, scope: Partial<Scope>): CellSpec {
    const full = { record: this.input.record, ...scope, specials: { title: this.t.title } };
    let text = "";
    let fields: string[] = [];
    if (cell.label !== undefined) {
      text = fill(cell.label, full, this.ctx).text;
    } else if (cell.value !== undefined) {
      const filled = fill(cell.value, full, this.ctx);
      text = filled.blank && cell.placeholder !== undefined ? fill(cell.placeholder, full, this.ctx).text : filled.text;
      fields = placeholders(cell.value).map((p) =>
        scope.list !== undefined && p.path.startsWith("item.") ? `${scope.list}[${scope.index}].${p.path.slice(5)}` : p.path,
      );
    }
    void minHeight;
    const label = cell.label !== undefined;
    return {
      col,
      span: cell.span,
      rowSpan: cell.rowSpan,
      text,
      footer: cell.footer !== undefined ? fill(cell.footer, full, this.ctx).text : "",
      suffix: cell.suffix !== undefined ? fill(cell.suffix, full, this.ctx).text : "",
      align: cell.align ?? (label ? "center" : "left"),
      valign: cell.valign ?? "middle",
      size: cell.size ?? this.t.text.size,
      minSize: Math.min(cell.minSize ?? this.t.text.minSize, cell.size ?? this.t.text.size),
      label,
      fields,
    };
  }

  private rows(rows: readonly Row[], firstCol: number, scope: Partial<Scope>): BandRow[] {
    const { cols } = placeCells(this.t.columns.length, rows, firstCol);
    return rows.map((row, r) => {
      const minHeight = (row.height ?? this.t.rowHeight) * PT_PER_MM;
      return { minHeight, cells: row.cells.map((c, k) => this.spec(c, cols[r]![k]!, minHeight, scope)) };
    });
  }

  /** Template blocks -> bands: runs of rows that row spans tie together, one per list item. */
  private expand(): { bands: Band[]; lists: (CellSpec | null)[] } {
    const bands: Band[] = [];
    const lists: (CellSpec | null)[] = [];
    let run: Row[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const rows = this.rows(run, 0, {});
      let start = 0;
      let reach = 0; // last row a span started so far reaches
      rows.forEach((row, r) => {
        for (const c of row.cells) reach = Math.max(reach, r + c.rowSpan - 1);
        if (reach <= r) {
          bands.push({ kind: { kind: "plain" }, rows: rows.slice(start, r + 1) });
          start = r + 1;
        }
      });
      run = [];
    };
    for (const block of this.t.rows) {
      if (!isList(block)) {
        run.push(block);
        continue;
      }
      flush();
      const list = lists.length;
      const first = block.side?.span ?? 0;
      lists.push(block.side ? this.spec(block.side, 0, 0, {}) : null);
      if (block.header.length > 0) bands.push({ kind: { kind: "header", list }, rows: this.rows(block.header, first, {}) });
      const items = this.input.record ? listLength(this.input.record, block.list) : 0;
      const count = Math.max(block.min, items);
      for (let i = 0; i < count; i++) {
        bands.push({ kind: { kind: "item", list, first: i === 0 }, rows: this.rows(block.item, first, { list: block.list, index: i }) });
      }
    }
    flush();
    return { bands, lists };
  }

  // ---- fitting text ---------------------------------------------------------

  private width(cell: { col: number; span: number }): number {
    return this.colX[cell.col + cell.span]! - this.colX[cell.col]!;
  }

  /** fitted lines by cell and size: a cell is tried at several sizes while its row is measured */
  private readonly fitted = new WeakMap<CellSpec, Map<number, Fitted>>();

  private fitAt(cell: CellSpec, size: number, boxWidth: number): Fitted {
    let bySize = this.fitted.get(cell);
    if (!bySize) this.fitted.set(cell, (bySize = new Map()));
    let f = bySize.get(size);
    if (!f) bySize.set(size, (f = this.fitAtUncached(cell, size, boxWidth)));
    return f;
  }

  private fitAtUncached(cell: CellSpec, size: number, boxWidth: number): Fitted {
    const inner = boxWidth - 2 * this.pad;
    const m = this.measure.regular;
    let footerSize = cell.size;
    let footerLines: string[] = [];
    if (cell.footer) {
      const widest = Math.max(...cell.footer.split("\n").map((l) => m(l)));
      footerSize = Math.max(cell.minSize, Math.min(cell.size, inner / Math.max(widest, EPS)));
      footerSize = Math.floor(footerSize * 2) / 2;
      footerLines = breakLines(cell.footer, inner, footerSize, m);
    }
    const suffixWidth = cell.suffix ? m(cell.suffix) * size + size * 0.3 : 0;
    const lines = cell.text ? breakLines(cell.text, Math.max(inner - suffixWidth, size), size, m) : [];
    return { ...cell, fontSize: size, lines, footerSize, footerLines };
  }

  private need(f: Fitted): number {
    const body = f.lines.length * f.fontSize * this.lh;
    const foot = f.footerLines.length * f.footerSize * this.lh;
    return 2 * this.padY + body + foot + (body > 0 && foot > 0 ? f.fontSize * 0.3 : 0);
  }

  /** The largest size (in half points) at which the text fits the box; the minimum size if none does. */
  private fit(cell: CellSpec, boxWidth: number, boxHeight: number): Fitted {
    for (let s = cell.size; s >= cell.minSize - EPS; s -= 0.5) {
      const f = this.fitAt(cell, s, boxWidth);
      if (this.need(f) <= boxHeight + EPS) return f;
    }
    return this.fitAt(cell, cell.minSize, boxWidth);
  }

  private measureBand(band: Band): Measured {
    const heights = band.rows.map((r) => r.minHeight);
    band.rows.forEach((row, r) => {
      for (const c of row.cells) {
        if (c.rowSpan !== 1) continue;
        // most cells fit at their own size: then the minimum size need not be tried
        const atSize = this.need(this.fitAt(c, c.size, this.width(c)));
        heights[r] = Math.max(heights[r]!, atSize <= heights[r]! + EPS ? atSize : this.need(this.fitAt(c, c.minSize, this.width(c))));
      }
    });
    band.rows.forEach((row, r) => {
      for (const c of row.cells) {
        if (c.rowSpan === 1) continue;
        const last = Math.min(r + c.rowSpan, heights.length) - 1;
        const have = sum(heights.slice(r, last + 1));
        const want = this.need(this.fitAt(c, c.minSize, this.width(c)));
        if (want > have) heights[last]! += want - have;
      }
    });
    const cells = band.rows.map((row, r) =>
      row.cells.map((c) => this.fit(c, this.width(c), sum(heights.slice(r, r + c.rowSpan)))),
    );
    return { kind: band.kind, heights, cells, total: sum(heights) };
  }

  // ---- pages ----------------------------------------------------------------

  private newPage(): void {
    const { page } = this.t;
    this.ops = [];
    this.pages.push({ width: page.width * PT_PER_MM, height: page.height * PT_PER_MM, ops: this.ops });
    this.y = page.margin.top * PT_PER_MM;
    this.bottom = (page.height - page.margin.bottom) * PT_PER_MM;
    this.gridOnPage = false;
    const right = this.gridLeft + this.gridWidth;
    if (this.pages.length === 1) {
      if (this.t.tag) {
        const s = this.t.text.tagSize;
        this.text(this.gridLeft, this.y + s * EM_ABOVE, s, this.fillText(this.t.tag, {}), "regular");
        this.y += s * 1.5;
      }
      const ts = this.t.text.titleSize;
      this.y += ts * 0.3;
      this.centered(this.title, this.y + ts * EM_ABOVE, ts, "bold");
      this.y += ts * 1.6;
      const s = this.t.text.size;
      for (const line of this.t.above) {
        const base = this.y + s * EM_ABOVE;
        if (line.left) this.text(this.gridLeft, base, s, this.fillText(line.left, {}), "regular");
        if (line.center) this.centered(this.fillText(line.center, {}), base, s, "regular");
        if (line.right) {
          const txt = this.fillText(line.right, {});
          this.text(right - this.measure.regular(txt) * s, base, s, txt, "regular");
        }
        this.y += s * this.lh + s * 0.5;
      }
    } else {
      const s = this.t.text.tagSize;
      this.centered(this.fillText(this.t.continued, {}), this.y + s * EM_ABOVE, s, "regular");
      this.y += s * 1.8;
    }
  }

  private numberPages(): void {
    if (this.pages.length < 2) return;
    const s = this.t.text.noteSize;
    this.pages.forEach((p, i) => {
      const text = this.fillText(this.t.pageNumber, { specials: { page: String(i + 1), pages: String(this.pages.length) } });
      const base = p.height - (this.t.page.margin.bottom * PT_PER_MM) / 2;
      p.ops.push(...this.textOps((p.width - this.measure.regular(text) * s) / 2, base, s, text, "regular"));
    });
  }

  /** Places a band, or the part of it that fits; returns what is left for the next page. */
  private placeOrBreak(band: Measured, lists: ListInfo[]): Measured | null {
    const room = this.bottom - this.y;
    if (band.total <= room + EPS) {
      this.place(band);
      return null;
    }
    const splittable = this.splittable(band);
    if (splittable && room >= this.minSplit(band)) {
      const [head, rest] = this.split(band, room);
      this.place(head);
      this.breakPage(band, lists);
      return rest;
    }
    if (this.gridOnPage) {
      this.breakPage(band, lists);
      return band;
    }
    // a fresh page and still too tall
    if (splittable) {
      const [head, rest] = this.split(band, room);
      this.place(head);
      this.breakPage(band, lists);
      return rest;
    }
    this.place(band);
    const field = band.cells.flat().find((c) => c.fields.length > 0)?.fields[0] ?? null;
    this.findings.push({
      severity: "warning",
      rule: "render-overflow",
      field,
      record: this.input.recordId,
      location: field ? this.input.locate(field) : { file: "", sheet: null, row: null, cell: null, line: null },
      data: { page: this.pages.length },
    });
    return null;
  }

  /** Ends the page; a list item continuing on the next page gets its list's heading again. */
  private breakPage(band: Measured, lists: ListInfo[]): void {
    this.closeSides(lists);
    this.newPage();
    if (band.kind.kind === "item") for (const h of lists[band.kind.list]!.headers) this.place(h);
  }

  private splittable(band: Measured): boolean {
    return band.heights.length === 1 && band.cells[0]!.some((c) => c.lines.length > 1);
  }

  private minSplit(band: Measured): number {
    const size = Math.max(...band.cells[0]!.map((c) => c.fontSize));
    return 2 * this.padY + 2 * size * this.lh;
  }

  /** Cuts a one-row band after the lines that fit in `room`; labels are repeated on the continuation. */
  private split(band: Measured, room: number): [Measured, Measured] {
    const head: Fitted[] = [];
    const rest: Fitted[] = [];
    for (const c of band.cells[0]!) {
      if (this.need(c) <= room + EPS) {
        head.push(c);
        rest.push(c.label ? c : { ...c, lines: [], footerLines: [], suffix: "" });
        continue;
      }
      const n = Math.max(1, Math.floor((room - 2 * this.padY) / (c.fontSize * this.lh) + EPS));
      head.push({ ...c, lines: c.lines.slice(0, n), footerLines: [], suffix: "", valign: "top" });
      rest.push({ ...c, lines: c.lines.slice(n), valign: "top" });
    }
    const restHeight = Math.max(...rest.map((c) => this.need(c)), 2 * this.padY + this.t.text.size * this.lh);
    return [
      { kind: band.kind, heights: [room], cells: [head], total: room },
      { kind: band.kind, heights: [restHeight], cells: [rest], total: restHeight },
    ];
  }

  private place(band: Measured): void {
    const tops = [this.y];
    for (const h of band.heights) tops.push(tops[tops.length - 1]! + h);
    band.cells.forEach((row, r) => {
      for (const c of row) {
        const top = tops[r]!;
        const height = tops[Math.min(r + c.rowSpan, band.heights.length)]! - top;
        this.drawCell(c, this.colX[c.col]!, top, this.width(c), height);
      }
    });
    if (band.kind.kind !== "plain") {
      const list = band.kind.list;
      const page = this.pages.length - 1;
      const open = this.sides.find((s) => s.page === page && s.list === list);
      if (open) open.bottom = this.y + band.total;
      else this.sides.push({ page, list, top: this.y, bottom: this.y + band.total });
    }
    this.y += band.total;
    this.gridOnPage = true;
  }

  /** Draws each list's side label beside the rows of the list on each page. */
  private closeSides(lists: ListInfo[]): void {
    for (const s of this.sides.splice(0)) {
      const side = lists[s.list]!.side;
      if (!side) continue;
      const page = this.pages[s.page]!;
      const saved = this.ops;
      this.ops = page.ops;
      const width = this.width(side);
      this.drawCell(this.fit(side, width, s.bottom - s.top), this.colX[side.col]!, s.top, width, s.bottom - s.top);
      this.ops = saved;
    }
  }

  private notesHeight(): number {
    const s = this.t.text.noteSize;
    const lines = this.t.notes.reduce((n, note) => n + breakLines(this.fillText(note, {}), this.gridWidth, s, this.measure.regular).length, 0);
    return s * 0.6 + lines * s * this.lh;
  }

  private placeNotes(): void {
    const s = this.t.text.noteSize;
    this.y += s * 0.6;
    for (const note of this.t.notes) {
      for (const line of breakLines(this.fillText(note, {}), this.gridWidth, s, this.measure.regular)) {
        if (this.y + s * this.lh > this.bottom + EPS) this.newPage();
        this.text(this.gridLeft, this.y + (s * this.lh) / 2 + EM_CENTER * s, s, line, "regular");
        this.y += s * this.lh;
      }
    }
  }

  // ---- drawing --------------------------------------------------------------

  private rule(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push({ op: "rule", x1, y1, x2, y2, width: this.t.text.rule });
  }

  private drawCell(c: Fitted, x: number, y: number, w: number, h: number): void {
    this.rule(x, y, x + w, y);
    this.rule(x, y + h, x + w, y + h);
    this.rule(x, y, x, y + h);
    this.rule(x + w, y, x + w, y + h);
    const m = this.measure.regular;
    const s = c.fontSize;
    const line = s * this.lh;
    const footH = c.footerLines.length * c.footerSize * this.lh;
    const areaTop = y + this.padY;
    const areaBottom = y + h - this.padY - footH - (footH > 0 && c.lines.length > 0 ? s * 0.3 : 0);
    const bodyH = c.lines.length * line;
    const top = c.valign === "top" ? areaTop : c.valign === "bottom" ? areaBottom - bodyH : areaTop + (areaBottom - areaTop - bodyH) / 2;
    const suffixW = c.suffix ? m(c.suffix) * s : 0;
    const left = x + this.pad;
    const right = x + w - this.pad - (suffixW ? suffixW + s * 0.3 : 0);
    let base = top + line / 2 + EM_CENTER * s;
    for (const text of c.lines) {
      const tw = m(text) * s;
      const tx = c.align === "left" ? left : c.align === "right" ? right - tw : left + (right - left - tw) / 2;
      this.text(tx, base, s, text, "regular");
      base += line;
    }
    if (c.suffix) {
      const sb = c.lines.length > 0 ? base - line : (areaTop + areaBottom) / 2 + EM_CENTER * s;
      this.text(x + w - this.pad - suffixW, sb, s, c.suffix, "regular");
    }
    let fb = y + h - this.padY - footH + (c.footerSize * this.lh) / 2 + EM_CENTER * c.footerSize;
    for (const text of c.footerLines) {
      this.text(x + w - this.pad - m(text) * c.footerSize, fb, c.footerSize, text, "regular");
      fb += c.footerSize * this.lh;
    }
  }

  private centered(text: string, baseline: number, size: number, face: Face): void {
    this.text(this.gridLeft + (this.gridWidth - this.measure[face](text) * size) / 2, baseline, size, text, face);
  }

  private text(x: number, y: number, size: number, text: string, face: Face): void {
    this.ops.push(...this.textOps(x, y, size, text, face));
  }

  /** Text ops; a ☑/☐ the font lacks is drawn as □ with ✓ set inside it. */
  private textOps(x: number, y: number, size: number, text: string, face: Face): DrawOp[] {
    if (!text.trim()) return [];
    const font = this.input.fonts[face];
    if (font.has(TICKED.codePointAt(0)!) && font.has(UNTICKED.codePointAt(0)!)) return [{ op: "text", x, y, size, text, face }];
    const out: DrawOp[] = [];
    const m = this.measure[face];
    let cx = x;
    for (const part of text.split(/([☑☐])/u)) {
      if (!part) continue;
      if (part === TICKED || part === UNTICKED) {
        out.push({ op: "text", x: cx, y, size, text: BOX, face });
        // the tick in the bold face, where there is one, so it reads at a glance
        const tickFace: Face = this.input.fonts.bold.has(TICK.codePointAt(0)!) ? "bold" : face;
        if (part === TICKED && this.input.fonts[tickFace].has(TICK.codePointAt(0)!)) {
          const ts = size * 0.95;
          const bw = m(BOX) * size;
          out.push({ op: "text", x: cx + (bw - this.measure[tickFace](TICK) * ts) / 2, y: y - size * 0.04, size: ts, text: TICK, face: tickFace });
        }
        cx += m(BOX) * size;
      } else {
        if (part.trim()) out.push({ op: "text", x: cx, y, size, text: part, face });
        cx += m(part) * size;
      }
    }
    return out;
  }
}

const BOX = "□";
const TICK = "✓";

/** Width of a string at 1 pt; ☑/☐ the font lacks measure as □. */
function measurer(font: FaceMetrics): Measure {
  const composed = !(font.has(TICKED.codePointAt(0)!) && font.has(UNTICKED.codePointAt(0)!));
  const box = BOX.codePointAt(0)!;
  return (text) => {
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      w += font.advance(composed && (ch === TICKED || ch === UNTICKED) ? box : cp);
    }
    return w;
  };
}

function listLength(record: unknown, path: string): number {
  let cur: unknown = record;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return 0;
    cur = (cur as Record<string, unknown>)[k];
  }
  return Array.isArray(cur) ? cur.length : 0;
}
