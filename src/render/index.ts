// Forms for a set of records: lay out each (pure), then make PDFs of one or
// many forms. Font faces and the date come in from the caller.
import type { Finding } from "../model/finding.js";
import { locate, recordName, type LoadedRecord } from "../model/source.js";
import type { FontFace } from "./font.js";
import { fill } from "./format.js";
import { layoutForm, type Face, type FormLayout } from "./layout.js";
import { sanitiseFileName, uniqueFileNames } from "./names.js";
import { writePdf } from "./pdf.js";
import type { FormTemplate } from "./template.js";

export type Faces = Record<Face, FontFace>;

export interface PlannedForm {
  /** null for a blank form */
  record: LoadedRecord | null;
  layout: FormLayout;
  /** sanitised, unique, with .pdf */
  fileName: string;
}

export interface PdfOptions {
  /** from SOURCE_DATE_EPOCH; no date is written without it */
  date?: Date;
  producer: string;
}

const NOWHERE = { file: "", sheet: null, row: null, cell: null, line: null };

function nameOf(template: FormTemplate, rec: LoadedRecord | null, n: number): string {
  const sink: Finding[] = [];
  const ctx = { coverage: { has: () => true }, record: null, locate: () => NOWHERE, findings: sink, reported: new Set<string>() };
  if (!rec) return sanitiseFileName(`${template.title}（空白）`);
  const filled = fill(template.fileName, { record: rec.record, specials: { title: template.title } }, ctx);
  const fallback = rec.record.enterprise?.uscc ?? `企业${n + 1}`;
  return sanitiseFileName(filled.blank ? fallback : filled.text.replace(/^_+|_+$/g, ""), fallback);
}

/** The file name of each record's form: sanitised, unique among them, with the extension (.pdf). Pure. */
export function formFileNames(template: FormTemplate, records: readonly (LoadedRecord | null)[], extension = ".pdf"): string[] {
  return uniqueFileNames(
    records.map((r, i) => nameOf(template, r, i)),
    extension,
  );
}

/** A form's title as a document's title: the template's, then the enterprise (—名称). */
export function formTitle(title: string, rec: LoadedRecord | null): string {
  const name = rec?.record.enterprise?.name;
  return name ? `${title}—${name}` : title;
}

/** The title of a document holding several forms. */
export function formsTitle(template: FormTemplate, records: readonly (LoadedRecord | null)[], first: string): string {
  return records.length === 1 ? first : `${template.title}（${records.length}份）`;
}

/** Lays out one record's form (null: a blank form). Pure. */
export function layoutRecord(template: FormTemplate, rec: LoadedRecord | null, faces: Faces): FormLayout {
  const layout = layoutForm({
    template,
    record: rec ? rec.record : null,
    fonts: faces,
    recordId: rec ? recordName(rec) : null,
    locate: (path) => (rec ? locate(rec, path) : NOWHERE),
  });
  layout.title = formTitle(layout.title, rec);
  return layout;
}

/** Lays out one form per record (or one blank form per null). Pure. */
export function planForms(template: FormTemplate, records: readonly (LoadedRecord | null)[], faces: Faces): PlannedForm[] {
  const names = formFileNames(template, records);
  return records.map((rec, i) => ({ record: rec, layout: layoutRecord(template, rec, faces), fileName: names[i]! }));
}

/** One PDF holding the given forms, in order. */
export function formsToPdf(forms: readonly PlannedForm[], faces: Faces, opts: PdfOptions, title?: string): Promise<Uint8Array> {
  const first = forms[0]?.layout;
  return writePdf(
    forms.flatMap((f) => f.layout.pages),
    faces,
    { title: title ?? first?.title ?? "", producer: opts.producer, date: opts.date },
  );
}
