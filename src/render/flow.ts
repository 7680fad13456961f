// Page flow: measured bands of rows -> pages. Rows that do not fit on the
// page move to the next one; a list's heading stays with its first item and
// is repeated when the list breaks across pages; a single row taller than
// the space left continues on the next page; the notes stay with the last
// row. Continuation pages carry the template's running header (whose form it
// is) and every page of a multi-page form its number. Nothing is clipped
// silently: what cannot be placed is reported.
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import type { CellMetrics, FilledLine, PageLayout } from "./draw.js";
import { EM_ABOVE, EM_CENTER, PT_PER_MM, type Pen } from "./draw.js";
import type { CellSpec, Fitted, Fitter } from "./cells.js";
import { breakLines } from "./linebreak.js";
import type { FormTemplate } from "./template.js";

const EPS = 0.01;

export type BandKind = { kind: "plain" } | { kind: "header"; list: number } | { kind: "item"; list: number; first: boolean };

/** A band of rows that stay together (row spans tie them), measured and fitted. */
export interface Measured {
  kind: BandKind;
  heights: number[];
  /** fitted cells by the row they start in */
  cells: Fitted[][];
  total: number;
}

export interface ListInfo {
  side: CellSpec | null;
  headers: Measured[];
}

export interface FlowSetup {
  template: FormTemplate;
  /** the notes under the grid that apply to this record */
  notes: readonly string[];
  pen: Pen;
  fitter: Fitter;
  metrics: CellMetrics;
  colX: readonly number[];
  /** a template text filled from the record, with the page placeholders given */
  fill(text: string, specials?: Record<string, string>): { text: string; blank: boolean };
  title: string;
  recordId: string | null;
  locate(path: string): Location;
}

export interface Flowed {
  pages: PageLayout[];
  findings: Finding[];
}

export function flowPages(setup: FlowSetup, bands: readonly Measured[], lists: readonly ListInfo[]): Flowed {
  return new PageFlow(setup, lists).run(bands);
}

const NOWHERE: Location = { file: "", sheet: null, row: null, cell: null, line: null };

class PageFlow {
  private readonly t: FormTemplate;
  private readonly pen: Pen;
  private readonly gridLeft: number;
  private readonly gridRight: number;
  private readonly pages: PageLayout[] = [];
  private readonly findings: Finding[] = [];
  /** running headers of continuation pages, drawn once the page count is known */
  private readonly heads: { page: number; y: number }[] = [];
  private readonly sides: { page: number; list: number; top: number; bottom: number }[] = [];
  private y = 0;
  private bottom = 0;
  private gridOnPage = false;

  constructor(
    private readonly s: FlowSetup,
    private readonly lists: readonly ListInfo[],
  ) {
    this.t = s.template;
    this.pen = s.pen;
    this.gridLeft = s.colX[0]!;
    this.gridRight = s.colX[s.colX.length - 1]!;
  }

  run(bands: readonly Measured[]): Flowed {
    this.newPage();
    for (let i = 0; i < bands.length; i++) {
      let band: Measured | null = bands[i]!;
      if (band.kind.kind === "header") {
        // keep a heading with the first item under it
        const next = bands[i + 1];
        const withNext = band.total + (next?.kind.kind === "item" ? next.total : 0);
        if (this.gridOnPage && this.y + withNext > this.bottom + EPS) this.newPage();
      }
      if (i === bands.length - 1 && this.gridOnPage) {
        // the notes stay with the last row: 注 and 备注 never stand alone on a page
        const notes = this.notesHeight();
        if (this.y + band.total + notes > this.bottom + EPS && band.total <= this.bottom - this.y + EPS) this.breakPage(band);
      }
      while (band) band = this.placeOrBreak(band);
    }
    this.closeSides();
    this.placeNotes();
    this.finishPages();
    return { pages: this.pages, findings: this.findings };
  }

  private line(l: { left?: string; center?: string; right?: string; room?: number }, specials?: Record<string, string>): FilledLine {
    const part = (s: string | undefined) => (s ? this.s.fill(s, specials) : { text: "", blank: false });
    const right = part(l.right);
    return { left: part(l.left).text, center: part(l.center).text, right: right.text, room: right.blank ? (l.room ?? 0) * PT_PER_MM : 0 };
  }

  private newPage(): void {
    const { page, text } = this.t;
    this.pen.ops = [];
    this.pages.push({ width: page.width * PT_PER_MM, height: page.height * PT_PER_MM, ops: this.pen.ops });
    this.y = page.margin.top * PT_PER_MM;
    this.bottom = (page.height - page.margin.bottom) * PT_PER_MM;
    this.gridOnPage = false;
    if (this.pages.length > 1) {
      // the running header: drawn at the end, when {pages} is known
      this.heads.push({ page: this.pages.length - 1, y: this.y });
      this.y += this.headHeight();
      return;
    }
    if (this.t.tag) {
      const s = text.tagSize;
      this.pen.text(this.gridLeft, this.y + s * EM_ABOVE, s, this.s.fill(this.t.tag).text);
      this.y += s * 1.5;
    }
    const ts = text.titleSize;
    this.y += ts * 0.3;
    this.pen.line({ left: "", center: this.s.title, right: "", room: 0 }, this.gridLeft, this.gridRight, this.y + ts * EM_ABOVE, ts, "bold");
    this.y += ts * 1.6;
    for (const l of this.t.above) {
      this.pen.line(this.line(l), this.gridLeft, this.gridRight, this.y + text.size * EM_ABOVE, text.size);
      this.y += text.size * this.s.metrics.lh + text.size * 0.5;
    }
  }

  /** Running headers of continuation pages and page numbers, now that the count is known. */
  private finishPages(): void {
    if (this.pages.length < 2) return;
    const { text } = this.t;
    const pages = String(this.pages.length);
    this.pages.forEach((p, i) => {
      this.pen.ops = p.ops;
      const specials = { page: String(i + 1), pages };
      const head = this.heads.find((h) => h.page === i);
      if (head) {
        // the first line where the tag stands on the first page, the others as the lines above the grid
        let y = head.y;
        this.t.continued.forEach((l, k) => {
          const size = k === 0 ? text.tagSize : text.size;
          this.pen.line(this.line(l, specials), this.gridLeft, this.gridRight, y + size * EM_ABOVE, size);
          y += k === 0 ? size * 1.5 : size * this.s.metrics.lh + size * 0.5;
        });
      }
      const number = this.s.fill(this.t.pageNumber, specials).text;
      const base = p.height - (this.t.page.margin.bottom * PT_PER_MM) / 2;
      this.pen.line({ left: "", center: number, right: "", room: 0 }, this.gridLeft, this.gridRight, base, text.noteSize);
    });
  }

  /** Places a band, or the part of it that fits; returns what is left for the next page. */
  private placeOrBreak(band: Measured): Measured | null {
    const room = this.bottom - this.y;
    if (band.total <= room + EPS) {
      this.place(band);
      return null;
    }
    // a row that would fit on a page of its own moves there whole; a taller one is cut
    const splittable = this.splittable(band) && band.total > this.freshRoom() + EPS;
    if (splittable && room >= this.minSplit(band)) {
      const [head, rest] = this.split(band, room);
      this.place(head);
      this.breakPage(band);
      return rest;
    }
    if (this.gridOnPage) {
      this.breakPage(band);
      return band;
    }
    // a fresh page and still too tall
    if (splittable) {
      const [head, rest] = this.split(band, room);
      this.place(head);
      this.breakPage(band);
      return rest;
    }
    this.place(band);
    const field = band.cells.flat().find((c) => c.fields.length > 0)?.fields[0] ?? null;
    this.findings.push({
      severity: "warning",
      rule: "render-overflow",
      field,
      record: this.s.recordId,
      location: field ? this.s.locate(field) : NOWHERE,
      data: { page: this.pages.length },
    });
    return null;
  }

  /** Ends the page; a list item continuing on the next page gets its list's heading again. */
  private breakPage(band: Measured): void {
    this.closeSides();
    this.newPage();
    if (band.kind.kind === "item") for (const h of this.lists[band.kind.list]!.headers) this.place(h);
  }

  /** The room for the grid on a continuation page. */
  private freshRoom(): number {
    const { page } = this.t;
    return (page.height - page.margin.top - page.margin.bottom) * PT_PER_MM - this.headHeight();
  }

  /** The height of a continuation page's running header. */
  private headHeight(): number {
    const { text } = this.t;
    return text.tagSize * 1.5 + (this.t.continued.length - 1) * (text.size * this.s.metrics.lh + text.size * 0.5) + text.size * 0.3;
  }

  private splittable(band: Measured): boolean {
    return band.heights.length === 1 && band.cells[0]!.some((c) => c.lines.length > 1);
  }

  private minSplit(band: Measured): number {
    const size = Math.max(...band.cells[0]!.map((c) => c.fontSize));
    return 2 * this.s.metrics.padY + 2 * size * this.s.metrics.lh;
  }

  /** Cuts a one-row band after the lines that fit in `room`; labels are repeated on the continuation. */
  private split(band: Measured, room: number): [Measured, Measured] {
    const { padY, lh } = this.s.metrics;
    const head: Fitted[] = [];
    const rest: Fitted[] = [];
    for (const c of band.cells[0]!) {
      if (this.s.fitter.need(c) <= room + EPS) {
        head.push(c);
        rest.push(c.label ? c : { ...c, lines: [], footer: [], prefix: "", suffix: "" });
        continue;
      }
      const n = Math.max(1, Math.floor((room - 2 * padY) / (c.fontSize * lh) + EPS));
      head.push({ ...c, lines: c.lines.slice(0, n), footer: [], suffix: "", valign: "top" });
      rest.push({ ...c, lines: c.lines.slice(n), prefix: "", valign: "top" });
    }
    const restHeight = Math.max(...rest.map((c) => this.s.fitter.need(c)), 2 * padY + this.t.text.size * lh);
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
        this.pen.cell(c, this.s.colX[c.col]!, top, this.s.fitter.width(c), height, this.s.metrics);
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
  private closeSides(): void {
    for (const s of this.sides.splice(0)) {
      const side = this.lists[s.list]!.side;
      if (!side) continue;
      const saved = this.pen.ops;
      this.pen.ops = this.pages[s.page]!.ops;
      const width = this.s.fitter.width(side);
      this.pen.cell(this.s.fitter.fit(side, width, s.bottom - s.top), this.s.colX[side.col]!, s.top, width, s.bottom - s.top, this.s.metrics);
      this.pen.ops = saved;
    }
  }

  private noteLines(): string[][] {
    const width = this.gridRight - this.gridLeft;
    return this.s.notes.map((note) => breakLines(this.s.fill(note).text, width, this.t.text.noteSize, this.pen.measure.regular));
  }

  private notesHeight(): number {
    const s = this.t.text.noteSize;
    return s * 0.6 + this.noteLines().flat().length * s * this.s.metrics.lh;
  }

  private placeNotes(): void {
    const s = this.t.text.noteSize;
    const line = s * this.s.metrics.lh;
    this.y += s * 0.6;
    for (const text of this.noteLines().flat()) {
      if (this.y + line > this.bottom + EPS) this.newPage();
      this.pen.text(this.gridLeft, this.y + line / 2 + EM_CENTER * s, s, text);
      this.y += line;
    }
  }
}
