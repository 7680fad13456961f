// Filled forms as a Word document: one section per form (a new page each),
// A4 as the template says, with the tag (附表1), the title, the lines above
// the grid (填报单位 … 填报时间), the grid as a table and the notes (注,
// 备注). A form that runs onto another page carries the template's running
// header there (附表1（续）, whose form it is) and its page number, as the
// PDF does; Word lays the pages out, so these are the section's header and
// footer for the pages after its first. Pure.
import { AlignmentType, Document, Footer, Header, PageOrientation, Paragraph, SectionType, TextRun, type ISectionOptions, type Table } from "docx";
import { fillForm, filler, fillLine, type FilledForm, type FillText } from "../form.js";
import { plainContext } from "../format.js";
import type { FormTemplate } from "../template.js";
import { halfPoints, lineCount, lineParagraph, lines, PAGE_MARKS, runs, twips, WordGrid } from "./table.js";

/** One enterprise's form (record null: a blank form). */
export interface WordForm {
  template: FormTemplate;
  record: unknown;
}

const PT_PER_MM = 72 / 25.4;

/** The room (mm) the grid has on the first page: the page less its margins, the lines above the grid and the notes. */
function gridRoom(t: FormTemplate, notes: readonly string[]): number {
  const { text, page } = t;
  const width = t.columns.reduce((a, b) => a + b, 0) * PT_PER_MM;
  const above = (t.tag ? text.tagSize * 1.5 : 0) + text.titleSize * 1.9 + t.above.length * text.size * (text.lineHeight + 0.5);
  const noteLines = notes.reduce((n, note) => n + lineCount(note, text.noteSize, width, true), 0);
  const below = notes.length > 0 ? text.noteSize * 0.6 + noteLines * text.noteSize * text.lineHeight : 1;
  // rules and rounding: a little to spare
  return page.height - page.margin.top - page.margin.bottom - (above + below) / PT_PER_MM - 3;
}

/**
 * One form as a section. `alone`: the document holds this form only, so its
 * page count is the document's (NUMPAGES, which every word processor shows);
 * with several forms it is the section's (SECTIONPAGES).
 */
function section(form: FilledForm, fillIn: FillText, first: boolean, alone: boolean): ISectionOptions {
  const t = form.template;
  const { text, page } = t;
  const gridWidth = twips(t.columns.reduce((a, b) => a + b, 0));
  const notes = form.notes.map((note) => fillIn(note));
  const grid = new WordGrid(form);
  grid.fitRows(gridRoom(t, notes.map((n) => n.text)));
  const children: (Paragraph | Table)[] = [];
  if (t.tag) children.push(new Paragraph({ spacing: lines(text.tagSize, 1.5), children: runs(fillIn(t.tag).parts, text.tagSize) }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: lines(text.titleSize, 1.6, text.titleSize * 0.3),
      children: [new TextRun({ text: form.title, bold: true, size: halfPoints(text.titleSize) })],
    }),
  );
  for (const l of t.above) children.push(lineParagraph(fillLine(l, fillIn), gridWidth, text.size, text.lineHeight, 0, 0, text.size * 0.5));
  children.push(grid.table());
  notes.forEach((note, i) =>
    children.push(new Paragraph({ spacing: lines(text.noteSize, text.lineHeight, i === 0 ? text.noteSize * 0.6 : 0), children: runs(note.parts, text.noteSize) })),
  );
  // a section ends with a paragraph, not a table
  if (notes.length === 0) children.push(new Paragraph({ spacing: lines(1, 1), children: [] }));

  // the pages after the first: whose form it is, and the page number
  const marks = { page: PAGE_MARKS.page, pages: alone ? PAGE_MARKS.documentPages : PAGE_MARKS.pages };
  const paged: FillText = (s, scope = {}) => fillIn(s, { ...scope, specials: { ...scope.specials, ...marks } });
  // set as the PDF sets them: the first line where the tag stands, the others as the lines above the grid
  const continued = t.continued.map((l, k) =>
    k === 0 ? lineParagraph(fillLine(l, paged), gridWidth, text.tagSize, 1.5) : lineParagraph(fillLine(l, paged), gridWidth, text.size, text.lineHeight, 0, 0, text.size * 0.5),
  );
  const number = new Paragraph({ alignment: AlignmentType.CENTER, spacing: lines(text.noteSize, text.lineHeight), children: runs(paged(t.pageNumber).parts, text.noteSize) });
  const empty = () => [new Paragraph({ children: [] })];
  const { margin } = page;
  return {
    properties: {
      type: first ? undefined : SectionType.NEXT_PAGE,
      titlePage: true,
      page: {
        size: { width: twips(page.width), height: twips(page.height), orientation: PageOrientation.PORTRAIT },
        margin: {
          top: twips(margin.top),
          right: twips(margin.right),
          bottom: twips(margin.bottom),
          left: twips(margin.left),
          header: twips(Math.min(margin.top / 2, 10)),
          footer: twips(Math.max(margin.bottom / 2 - 2, 0)),
          gutter: 0,
        },
        pageNumbers: { start: 1 },
      },
    },
    headers: { first: new Header({ children: empty() }), default: new Header({ children: continued }) },
    footers: { first: new Footer({ children: empty() }), default: new Footer({ children: [number] }) },
    children,
  };
}

/** The forms, each in a section of its own, as one Word document (not yet packed: package.ts writes its styles). */
export function wordDocument(forms: readonly WordForm[], title: string): Document {
  const sections = forms.map((f, i) => {
    const fillIn = filler(f.template, f.record, plainContext());
    return section(fillForm(f.template, f.record, fillIn), fillIn, i === 0, forms.length === 1);
  });
  return new Document({ title, creator: "capexit", sections });
}
