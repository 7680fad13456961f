// The generic form renderer: a template (data) and a record -> pages of
// drawing operations (ruling lines and positioned text). Pure: font metrics
// come in as functions, nothing is read or written here.
//
// The template's rows are filled from the record and cut into bands (rows
// that row spans tie together, one per list item); cells.ts fits each cell's
// text and measures the rows; flow.ts pours the bands onto pages. Where a
// form would run onto another page, rows with room to spare (a `minHeight`
// below their `height`) give it up first, as far as that saves a page.
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import { Fitter, type BandRow, type CellSpec, type RowHeights } from "./cells.js";
import { Pen, PT_PER_MM, type CellMetrics, type FilledLine, type LayoutFonts, type PageLayout } from "./draw.js";
import { flowPages, type BandKind, type Flowed, type ListInfo, type Measured } from "./flow.js";
import { fill, type FillContext, type Scope } from "./format.js";
import { listItems } from "./lists.js";
import { isList, placeCells, placeholders, type Cell, type FormTemplate, type Row } from "./template.js";

export { PT_PER_MM } from "./draw.js";
export type { DrawOp, Face, FaceMetrics, LayoutFonts, PageLayout } from "./draw.js";

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

interface Band {
  kind: BandKind;
  rows: BandRow[];
}

interface Expanded {
  bands: Band[];
  sides: (CellSpec | null)[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function layoutForm(input: LayoutInput): FormLayout {
  const t = input.template;
  const findings: Finding[] = [];
  const ctx: FillContext = { coverage: input.fonts.regular, record: input.recordId, locate: input.locate, findings, reported: new Set() };
  const specials = { title: t.title, tag: t.tag ?? "" };
  const record = input.record;
  const fillIn = (text: string, scope: Partial<Scope> = {}) => fill(text, { record, ...scope, specials: { ...specials, ...scope.specials } }, ctx);

  const gridWidth = sum(t.columns) * PT_PER_MM;
  const colX = [(t.page.width * PT_PER_MM - gridWidth) / 2];
  for (const w of t.columns) colX.push(colX[colX.length - 1]! + w * PT_PER_MM);
  const metrics: CellMetrics = {
    pad: t.text.padding * PT_PER_MM,
    padY: t.text.paddingY * PT_PER_MM,
    lh: t.text.lineHeight,
    labelSize: t.text.size,
    footPad: t.text.footerPadding * PT_PER_MM,
  };
  const pen = new Pen(input.fonts, t.text.rule);
  const fitter = new Fitter(pen, metrics, colX, t.text.minSize);
  const title = fillIn(t.title).text;

  const { bands, sides } = expand(t, (cell, col, scope) => spec(t, cell, col, scope, fillIn), record);
  const measured = bands.map((b) => ({ band: b, heights: fitter.measure(b.rows) }));
  const settle = (squeeze: number): Measured[] => measured.map(({ band, heights }) => settleBand(fitter, band, heights, squeeze));
  const setup = { template: t, pen, fitter, metrics, colX, title, recordId: input.recordId, locate: input.locate, fill: (text: string, sp?: Record<string, string>) => fillIn(text, { specials: sp }) };
  const flow = (squeeze: number): Flowed => {
    const settled = settle(squeeze);
    const lists: ListInfo[] = sides.map((side, i) => ({ side, headers: settled.filter((m) => m.kind.kind === "header" && m.kind.list === i) }));
    return flowPages(setup, settled, lists);
  };

  // Rows print at their full height unless squeezing them saves a page;
  // then squeezed no more than it takes to save it.
  let best = flow(0);
  if (best.pages.length > 1 && measured.some(({ heights }) => heights.least.some((h, r) => h < heights.full[r]!))) {
    const tight = flow(1);
    if (tight.pages.length < best.pages.length) {
      best = tight;
      let enough = 1; // a squeeze that saves the page
      let short = 0; // one that does not
      for (let i = 0; i < 6; i++) {
        const mid = (enough + short) / 2;
        const f = flow(mid);
        if (f.pages.length <= tight.pages.length) {
          best = f;
          enough = mid;
        } else short = mid;
      }
    }
  }
  return { title, pages: best.pages, findings: [...findings, ...best.findings] };
}

/** Heights `squeeze` of the way from full to least, and the cells fitted to them. */
function settleBand(fitter: Fitter, band: Band, rows: RowHeights, squeeze: number): Measured {
  const heights = rows.full.map((h, r) => h - squeeze * (h - rows.least[r]!));
  const cells = band.rows.map((row, r) => row.cells.map((c) => fitter.fit(c, fitter.width(c), sum(heights.slice(r, r + c.rowSpan)))));
  return { kind: band.kind, heights, cells, total: sum(heights) };
}

type Fill = (text: string, scope?: Partial<Scope>) => { text: string; blank: boolean };

/** A cell with its text filled in; `blank` is null for a cell that prints no field. */
function spec(t: FormTemplate, cell: Cell, col: number, scope: Partial<Scope>, fillIn: Fill): { spec: CellSpec; blank: boolean | null } {
  const label = cell.label !== undefined;
  const lit = (s: string | undefined) => (s === undefined ? "" : fillIn(s, scope).text);
  let text = "";
  let blank: boolean | null = null;
  let fields: string[] = [];
  if (cell.label !== undefined) text = lit(cell.label);
  else if (cell.value !== undefined) {
    const filled = fillIn(cell.value, scope);
    blank = filled.blank;
    text = filled.blank && cell.placeholder !== undefined ? lit(cell.placeholder) : filled.text;
    fields = placeholders(cell.value).map((p) =>
      scope.list !== undefined && p.path.startsWith("item.") ? `${scope.list}[${scope.index}].${p.path.slice(5)}` : p.path,
    );
  }
  const footer: FilledLine[] = (cell.footer ?? []).map((l) => {
    const part = (s: string | undefined) => {
      if (s === undefined) return { text: "", blank: false };
      const filled = fillIn(s, scope);
      if (placeholders(s).length > 0) blank = (blank ?? true) && filled.blank;
      return filled;
    };
    const [left, center, right] = [part(l.left), part(l.center), part(l.right)];
    return { left: left.text, center: center.text, right: right.text, room: right.blank ? (l.room ?? 0) * PT_PER_MM : 0 };
  });
  const size = label ? t.text.size : (cell.size ?? t.text.size);
  return {
    blank,
    spec: {
      col,
      span: cell.span,
      rowSpan: cell.rowSpan,
      text,
      prefix: lit(cell.prefix),
      suffix: lit(cell.suffix),
      footer,
      align: cell.align ?? (label ? "center" : "left"),
      valign: cell.valign ?? "middle",
      size,
      minSize: label ? size : Math.min(cell.minSize ?? t.text.minSize, size),
      label,
      fields,
    },
  };
}

type MakeSpec = (cell: Cell, col: number, scope: Partial<Scope>) => { spec: CellSpec; blank: boolean | null };

/** A template's rows filled in; a row whose every field is blank takes the template's blank heights. */
function bandRows(t: FormTemplate, rows: readonly Row[], firstCol: number, scope: Partial<Scope>, make: MakeSpec): BandRow[] {
  const { cols } = placeCells(t.columns.length, rows, firstCol);
  return rows.map((row, r) => {
    const made = row.cells.map((c, k) => make(c, cols[r]![k]!, scope));
    const fields = made.filter((m) => m.blank !== null);
    const heights = fields.length > 0 && fields.every((m) => m.blank) && row.blank ? { ...row, ...row.blank } : row;
    const height = (heights.height ?? t.rowHeight) * PT_PER_MM;
    return { height, minHeight: heights.minHeight !== undefined ? heights.minHeight * PT_PER_MM : height, cells: made.map((m) => m.spec) };
  });
}

/** Template blocks -> bands: runs of rows that row spans tie together, one per list item. */
function expand(t: FormTemplate, make: MakeSpec, record: unknown): Expanded {
  const bands: Band[] = [];
  const sides: (CellSpec | null)[] = [];
  let run: Row[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const rows = bandRows(t, run, 0, {}, make);
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
  for (const block of t.rows) {
    if (!isList(block)) {
      run.push(block);
      continue;
    }
    flush();
    const list = sides.length;
    const first = block.side?.span ?? 0;
    sides.push(block.side ? make(block.side, 0, {}).spec : null);
    if (block.header.length > 0) bands.push({ kind: { kind: "header", list }, rows: bandRows(t, block.header, first, {}, make) });
    const items = listItems(block, record);
    const count = Math.max(block.min, items.count);
    for (let i = 0; i < count; i++) {
      const scope = { record: items.record, list: block.list, index: i };
      bands.push({ kind: { kind: "item", list, first: i === 0 }, rows: bandRows(t, block.item, first, scope, make) });
    }
  }
  flush();
  return { bands, sides };
}
