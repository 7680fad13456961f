// The document as Word (.docx), for the office that edits before publishing:
// A4 landscape, the title, the lead paragraph, each table with its header rows
// repeated on every page, the closing paragraphs and the signature, and
// 第N页 共M页 in the footer. Written with the `docx` package from the same
// document as the PDF, workbook and Markdown.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from "docx";
import { t, type Lang } from "../i18n/index.js";
import type { Column, SummaryDocument, Table as DocTable } from "../summary/tables.js";
import { cellText } from "../summary/text.js";

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
/** half-points: 小二 18 pt title, 四号 14 pt prose, 小五 9 pt table (as the PDF: a credit code and a date fit their columns) */
const TITLE_SIZE = 36;
const PROSE_SIZE = 28;
const TABLE_SIZE = 18;
const INFO_SIZE = 21;
const MARGIN_MM = { top: 20, bottom: 18, left: 15, right: 15 };
/** about 1 mm either side of a cell's text (Word's default is twice that) */
const CELL_MARGINS = { left: 57, right: 57, top: 20, bottom: 20 };
/** the text width of an A4 landscape page inside the margins, in twips */
const TEXT_WIDTH = convertMillimetersToTwip(297 - MARGIN_MM.left - MARGIN_MM.right);

const rule = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
/** set once on the table, not on each cell: a list of 10,000 rows is big enough without */
const BORDERS = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };
/** paragraph styles of the table's text: its size and weight live here rather than on each run */
const CELL_STYLE = "capexitCell";
const HEAD_STYLE = "capexitHead";

function run(text: string, size: number, bold = false): TextRun {
  return new TextRun({ text, size, bold, font: FONT });
}

function prose(text: string): Paragraph {
  // 2 characters of first-line indent, as Chinese prose is set (in characters for Word, in twips for other readers)
  return new Paragraph({ children: [run(text, PROSE_SIZE)], indent: { firstLineChars: 200, firstLine: PROSE_SIZE * 20 }, spacing: { line: 360, after: 60 } });
}

/** Group labels spanning their columns: [label, first column, last column]. */
function groups(columns: readonly Column[]): { label: string; from: number; to: number }[] {
  const out: { label: string; from: number; to: number }[] = [];
  columns.forEach((c, i) => {
    const last = out[out.length - 1];
    if (c.group && last && last.label === c.group && last.to === i - 1) last.to = i;
    else if (c.group) out.push({ label: c.group, from: i, to: i });
  });
  return out;
}

function headerCell(text: string, width: number, span: { columns?: number; rows?: number } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ style: HEAD_STYLE, children: [new TextRun(text)] })],
    width: { size: width, type: WidthType.DXA },
    columnSpan: span.columns,
    rowSpan: span.rows,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: { type: ShadingType.CLEAR, fill: "E7E6E6", color: "auto" },
  });
}

/** The header: one row, or two where columns are grouped; marked to repeat on every page. */
function headerRows(t: DocTable, widths: readonly number[]): TableRow[] {
  const gs = groups(t.columns);
  if (!gs.length) {
    return [new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => headerCell(c.label, widths[i]!)) })];
  }
  const top: TableCell[] = [];
  for (let i = 0; i < t.columns.length; i++) {
    const g = gs.find((x) => x.from === i);
    if (g) {
      const w = widths.slice(g.from, g.to + 1).reduce((a, b) => a + b, 0);
      top.push(headerCell(g.label, w, { columns: g.to - g.from + 1 }));
      i = g.to;
    } else {
      top.push(headerCell(t.columns[i]!.label, widths[i]!, { rows: 2 }));
    }
  }
  const bottom = t.columns.flatMap((c, i) => (c.group ? [headerCell(c.label, widths[i]!)] : []));
  return [new TableRow({ tableHeader: true, cantSplit: true, children: top }), new TableRow({ tableHeader: true, cantSplit: true, children: bottom })];
}

/** A body cell: as little markup as will do (style, alignment of numbers, bold for a total). */
function bodyCell(text: string, column: Column, bold: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        style: CELL_STYLE,
        alignment: column.kind === "text" ? undefined : AlignmentType.RIGHT,
        children: text ? [bold ? new TextRun({ text, bold }) : new TextRun(text)] : [],
      }),
    ],
  });
}

function table(t: DocTable): Table {
  const units = t.columns.reduce((n, c) => n + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((TEXT_WIDTH * c.width) / units));
  const body = [...t.rows.map((r) => ({ cells: r, bold: false })), ...(t.total ? [{ cells: t.total, bold: true }] : [])];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: CELL_MARGINS,
    rows: [
      ...headerRows(t, widths),
      ...body.map((r) => new TableRow({ cantSplit: true, children: r.cells.map((v, i) => bodyCell(cellText(v), t.columns[i]!, r.bold)) })),
    ],
  });
}

export async function documentDocx(doc: SummaryDocument, lang: Lang): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const title = (text: string, pageBreak: boolean) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [...(pageBreak ? [new PageBreak()] : []), run(text, TITLE_SIZE, true)],
    });
  doc.tables.forEach((t, i) => {
    children.push(title(i === 0 ? doc.title : `${doc.title}（${t.name}）`, i > 0));
    if (i === 0) for (const p of doc.lead ?? []) children.push(prose(p));
    if (doc.compilerLine.trim() || doc.asOfLine.trim()) {
      // the compiler at the left margin, the as-of date against the right
      children.push(
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
          spacing: { before: 60, after: 60 },
          children: [new TextRun({ font: FONT, size: INFO_SIZE, children: [doc.compilerLine, new Tab(), doc.asOfLine] })],
        }),
      );
    }
    children.push(table(t));
  });
  if (doc.closing?.length) children.push(new Paragraph({ children: [] }));
  for (const p of doc.closing ?? []) children.push(prose(p));
  if (doc.signature?.length) {
    children.push(new Paragraph({ children: [] }));
    for (const line of doc.signature) {
      children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: convertMillimetersToTwip(20) }, children: [run(line, PROSE_SIZE)] }));
    }
  }

  // the page line with Word's own page fields where the catalogue says {page} and {pages}
  const [before, middle, after] = t(lang, "page-of", { page: "\u0000", pages: "\u0000" }).split("\u0000") as [string, string, string];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: FONT, size: 18, children: [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, after] })],
      }),
    ],
  });
  const document = new Document({
    creator: "capexit",
    title: doc.title,
    styles: {
      default: { document: { run: { font: FONT, size: PROSE_SIZE } } },
      paragraphStyles: [
        { id: CELL_STYLE, name: "capexit 表格", run: { font: FONT, size: TABLE_SIZE }, paragraph: { spacing: { before: 0, after: 0 } } },
        { id: HEAD_STYLE, name: "capexit 表头", basedOn: CELL_STYLE, run: { bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            // A4 in twips, exactly (210 × 297 mm); given upright, turned by the orientation
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: {
              top: convertMillimetersToTwip(MARGIN_MM.top),
              bottom: convertMillimetersToTwip(MARGIN_MM.bottom),
              left: convertMillimetersToTwip(MARGIN_MM.left),
              right: convertMillimetersToTwip(MARGIN_MM.right),
            },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
