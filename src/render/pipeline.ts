// The render pipeline: forms for the records, as PDF or Word, into one file
// or one file per enterprise in a folder. The files are written through a
// sink the caller gives (atomically, never over a file without --force), so
// this module touches neither the file system nor the clock; progress is
// told to the sink. Per-enterprise files are made one at a time, from layout
// to bytes, so memory stays flat however long the list: a form's bytes are
// packed (PDF streams deflated on the thread pool) while the next is laid out,
// and a few files are written at once.
import { join, relative, dirname, resolve } from "node:path";
import type { Finding } from "../model/finding.js";
import type { LoadedRecord } from "../model/source.js";
import { UserError } from "../util/errors.js";
import { formsToDocx } from "./docx/index.js";
import { formFileNames, formsTitle, formsToPdf, formTitle, layoutRecord, planForms, type Faces } from "./index.js";
import type { OutputKind } from "./output.js";
import type { FormTemplate } from "./template.js";

export interface RenderJob {
  template: FormTemplate;
  /** null: a blank form */
  records: readonly (LoadedRecord | null)[];
  kind: OutputKind;
  /** the folder, or the one file (combined) */
  output: string;
  combined: boolean;
  force: boolean;
  /** the PDF's font faces; Word brings its own fonts */
  faces: Faces | null;
  /** the documents' date (SOURCE_DATE_EPOCH); none without it */
  date?: Date;
}

export interface RenderSink {
  exists(file: string): Promise<boolean>;
  /** writes the whole file or nothing, over an existing one only with --force */
  write(file: string, bytes: Uint8Array): Promise<void>;
  progress?(done: number, total: number): void;
}

export interface WrittenForm {
  file: string;
  record: LoadedRecord | null;
  /** pages of the form; null for Word, which lays out its own pages */
  pages: number | null;
  /** size of the file the form is in */
  bytes: number;
}

/** What a render run did, for its reports (src/report/render-*.ts). */
export interface RenderReport extends Rendered {
  form: string;
  title: string;
  kind: OutputKind;
  output: string;
  combined: boolean;
  /** errors validation found in the input */
  inputErrors: number;
  identityOnly: number;
  /** characters the font lacks, printed as 〓 */
  missingCharacters: string[];
}

export interface Rendered {
  written: WrittenForm[];
  /** what drawing found (characters the font lacks, text that did not fit) */
  findings: Finding[];
}

const PRODUCER = "capexit";
/** files being written at once */
const IN_FLIGHT = 4;

/** One form made: its bytes (still being packed), its pages and what drawing found. */
interface Made {
  bytes: Promise<Uint8Array>;
  pages: number | null;
  findings: Finding[];
}

function needFaces(job: RenderJob): Faces {
  if (!job.faces) throw new Error("PDF forms need font faces");
  return job.faces;
}

/** One enterprise's form, from layout to bytes. */
function makeOne(job: RenderJob, rec: LoadedRecord | null): Made {
  const meta = { date: job.date, producer: PRODUCER };
  if (job.kind === "docx") {
    const title = formTitle(job.template.title, rec);
    return { bytes: formsToDocx([{ template: job.template, record: rec?.record ?? null }], { ...meta, title, size: job.template.text.size }), pages: null, findings: [] };
  }
  const faces = needFaces(job);
  const layout = layoutRecord(job.template, rec, faces);
  return { bytes: formsToPdf([{ record: rec, layout, fileName: "" }], faces, meta), pages: layout.pages.length, findings: layout.findings };
}

/** Every form in one file. */
async function writeCombined(job: RenderJob, sink: RenderSink): Promise<Rendered> {
  const meta = { date: job.date, producer: PRODUCER };
  if (job.kind === "docx") {
    const title = formsTitle(job.template, job.records, formTitle(job.template.title, job.records[0] ?? null));
    const forms = job.records.map((r) => ({ template: job.template, record: r?.record ?? null }));
    const bytes = await formsToDocx(forms, { ...meta, title, size: job.template.text.size });
    await sink.write(job.output, bytes);
    return { written: job.records.map((record) => ({ file: job.output, record, pages: null, bytes: bytes.length })), findings: [] };
  }
  const faces = needFaces(job);
  const forms = planForms(job.template, job.records, faces);
  const findings = forms.flatMap((f) => f.layout.findings);
  const bytes = await formsToPdf(forms, faces, meta, formsTitle(job.template, job.records, forms[0]?.layout.title ?? ""));
  await sink.write(job.output, bytes);
  return { written: forms.map((f) => ({ file: job.output, record: f.record, pages: f.layout.pages.length, bytes: bytes.length })), findings };
}

/** One file per enterprise in the folder, named by unit and enterprise. */
async function writeEach(job: RenderJob, sink: RenderSink): Promise<Rendered> {
  const dir = resolve(job.output);
  const targets = formFileNames(job.template, job.records, `.${job.kind}`).map((name) => {
    const target = join(dir, name);
    // names are sanitised; this guards the folder all the same
    if (relative(dir, target).startsWith("..") || dirname(target) !== dir) throw new UserError("output-unwritable", { file: target });
    return target;
  });
  if (!job.force) for (const target of targets) if (await sink.exists(target)) throw new UserError("output-exists", { file: target });

  const written: WrittenForm[] = [];
  const findings: Finding[] = [];
  const inFlight = new Set<Promise<void>>();
  const finish = async (i: number, made: Made) => {
    const bytes = await made.bytes;
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    const write: Promise<void> = sink.write(targets[i]!, bytes).finally(() => inFlight.delete(write));
    write.catch(() => undefined); // its failure is met at the next race or at the end
    inFlight.add(write);
    written.push({ file: targets[i]!, record: job.records[i]!, pages: made.pages, bytes: bytes.length });
    sink.progress?.(i + 1, job.records.length);
  };
  let previous: (() => Promise<void>) | null = null;
  for (let i = 0; i < job.records.length; i++) {
    const made = makeOne(job, job.records[i]!);
    findings.push(...made.findings);
    made.bytes.catch(() => undefined); // met when it is finished
    if (previous) await previous();
    const index = i;
    previous = () => finish(index, made);
  }
  if (previous) await previous();
  await Promise.all(inFlight);
  return { written, findings };
}

/** Makes and writes the forms. */
export function writeForms(job: RenderJob, sink: RenderSink): Promise<Rendered> {
  return job.combined ? writeCombined(job, sink) : writeEach(job, sink);
}
