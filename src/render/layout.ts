// The generic form renderer: a template (data) and a record -> pages of
// drawing operations (ruling lines and positioned text). Pure: font metrics
// come in as functions, nothing is read or written here.
//
// The template's rows are filled from the record (form.ts, the reading every
// output shares) and cut into bands (rows that row spans tie together, one
// per list item); cells.ts fits each cell's
// text and measures the rows; flow.ts pours the bands onto pages. Where a
// form would run onto another page, rows with room to spare (a `minHeight`
// below their `height`) give it up first, as far as that saves a page.
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import { Fitter, type BandRow, type CellSpec, type RowHeights } from "./cells.js";
import { Pen, PT_PER_MM, type CellMetrics, type FilledLine, type LayoutFonts, type PageLayout } from "./draw.js";
import { flowPages, type BandKind, type Flowed, type ListInfo, type Measured } from "./flow.js";
import { fillForm, filler, type FilledForm, type FormCell, type FormLine, type FormRow } from "./form.js";
import type { FillContext } from "./format.js";
import type { FormTemplate } from "./template.js";

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
  const fillIn = filler(t, input.record, ctx);

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
  const form = fillForm(t, input.record, fillIn);
  const title = form.title;

  const { bands, sides } = expand(form);
  const measured = bands.map((b) => ({ band: b, heights: fitter.measure(b.rows) }));
  const settle = (squeeze: number): Measured[] => measured.map(({ band, heights }) => settleBand(fitter, band, heights, squeeze));
  const setup = { template: t, notes: form.notes, pen, fitter, metrics, colX, title, recordId: input.recordId, locate: input.locate, fill: (text: string, sp?: Record<string, string>) => fillIn(text, { specials: sp }) };
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

/** A filled cell as the PDF fits it: points, and its texts as printed. */
function spec(cell: FormCell): CellSpec {
  const line = (l: FormLine): FilledLine => ({ left: l.left.text, center: l.center.text, right: l.right.text, room: l.room * PT_PER_MM });
  return {
    col: cell.col,
    span: cell.span,
    rowSpan: cell.rowSpan,
    text: cell.body.text,
    prefix: cell.prefix,
    suffix: cell.suffix,
    footer: cell.footer.map(line),
    align: cell.align,
    valign: cell.valign,
    size: cell.size,
    minSize: cell.minSize,
    label: cell.label,
    fields: cell.fields,
  };
}

function bandRows(rows: readonly FormRow[]): BandRow[] {
  return rows.map((row) => ({ height: row.height * PT_PER_MM, minHeight: row.minHeight * PT_PER_MM, cells: row.cells.map(spec) }));
}

/** The filled grid -> bands: runs of rows that row spans tie together, one per list item. */
function expand(form: FilledForm): Expanded {
  const bands: Band[] = [];
  const sides: (CellSpec | null)[] = [];
  for (const block of form.blocks) {
    if (block.kind === "rows") {
      const rows = bandRows(block.rows);
      let start = 0;
      let reach = 0; // last row a span started so far reaches
      rows.forEach((row, r) => {
        for (const c of row.cells) reach = Math.max(reach, r + c.rowSpan - 1);
        if (reach <= r) {
          bands.push({ kind: { kind: "plain" }, rows: rows.slice(start, r + 1) });
          start = r + 1;
        }
      });
      continue;
    }
    const list = sides.length;
    sides.push(block.side ? spec(block.side) : null);
    if (block.header.length > 0) bands.push({ kind: { kind: "header", list }, rows: bandRows(block.header) });
    block.items.forEach((item, i) => bands.push({ kind: { kind: "item", list, first: i === 0 }, rows: bandRows(item) }));
  }
  return { bands, sides };
}
