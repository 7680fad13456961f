import type { Command } from "commander";
import type { Lang } from "../../i18n/index.js";
import type { Finding } from "../../model/finding.js";
import type { LoadedRecord } from "../../model/source.js";
import type { Plan } from "../../plan/schema.js";
import type { Faces } from "../../render/index.js";
import { UserError } from "../../util/errors.js";
import { action, formatOf, langOf, planFrom, recordsFor, type CliIO, type CliState, type CommonOptions } from "../common.js";

interface RenderOptions extends CommonOptions {
  output?: string;
  blank?: boolean;
  font?: string;
}

export function register(program: Command, state: CliState): void {
  program
    .command("render")
    .description("打印附表1、附表2：每家企业一份 PDF，或全部合为一个 PDF")
    .argument("<form>", "annex1（附表1 基本情况表）、annex2（附表2 验收意见表）或表格模板 .yaml")
    .argument("[files...]", "表格（.xlsx .xls .ods .et，以附表命名的 .csv）、.yaml 文件或文件夹")
    .option("-o, --output <path>", "文件夹（每家企业一个 PDF）或以 .pdf 结尾的文件（合为一个）")
    .option("--blank", "打印空白表，供手工填写")
    .option("--font <file>", "字体：TTF/OTF 文件；TTC 字体集用 文件.ttc#编号（编号从 0 起）")
    .option("--force", "覆盖已有的文件")
    .option("--format <format>", "human（默认）或 json")
    .option("--plan <file>", "工作方案文件（默认：随州2024），用于统计输入中的错误")
    .action(
      action(state, async (form: string, files: string[], _opts: RenderOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as RenderOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        return runRender({ form, files, output: opts.output, blank: !!opts.blank, font: opts.font, force: !!opts.force, format, lang, plan: () => planFrom(opts) }, state.io);
      }),
    );
}

interface RenderRun {
  form: string;
  files: string[];
  output?: string;
  blank: boolean;
  font?: string;
  force: boolean;
  format: string;
  lang: Lang;
  plan: () => Promise<Plan>;
}

/** `SOURCE_DATE_EPOCH` (seconds) as the PDF date; without it the PDF carries no date. */
function sourceDate(): Date | undefined {
  const v = process.env.SOURCE_DATE_EPOCH;
  if (v === undefined || v === "") return undefined;
  if (!/^\d{1,12}$/.test(v.trim())) throw new UserError("render-source-date", { value: v });
  return new Date(Number(v.trim()) * 1000);
}

/** `file.ttc#2` -> face 2 of file.ttc; a file whose own name has a # is taken as it is when it exists. */
export function parseFontArg(arg: string, exists: (f: string) => boolean): { file: string; index: number } {
  const m = /^(.*)#(\d+)$/.exec(arg);
  if (m && !exists(arg)) return { file: m[1]!, index: Number(m[2]) };
  return { file: arg, index: 0 };
}

async function loadFaces(font: string | undefined): Promise<Faces> {
  const { readFile } = await import("node:fs/promises");
  const { existsSync } = await import("node:fs");
  const { loadFace, bundledFontFile, FontError } = await import("../../render/font.js");
  if (!font) {
    const [regular, bold] = await Promise.all([readFile(bundledFontFile("regular")), readFile(bundledFontFile("bold"))]);
    return { regular: await loadFace(regular), bold: await loadFace(bold) };
  }
  const { file, index } = parseFontArg(font, existsSync);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UserError("file-missing", { file });
  }
  try {
    // a user's font serves for the title too
    const face = await loadFace(bytes, index);
    return { regular: face, bold: face };
  } catch (e) {
    if (e instanceof FontError && e.reason === "no-such-face") throw new UserError("font-no-face", { file, index, faces: e.faces });
    throw new UserError("font-invalid", { file });
  }
}

export async function runRender(run: RenderRun, io: CliIO): Promise<number> {
  const { t } = await import("../../i18n/index.js");
  const path = await import("node:path");
  const { stat } = await import("node:fs/promises");
  const { assertWritable, exists, writeFileAtomic } = await import("../../util/write.js");
  const { loadFormTemplate } = await import("../../render/templates.js");
  const { planForms, formsToPdf, recordId, formFileNames, layoutRecord } = await import("../../render/index.js");

  if (!run.output) throw new UserError("render-no-output");
  const date = sourceDate();
  const template = await loadFormTemplate(run.form);
  const combined = /\.pdf$/i.test(run.output);
  const out = run.output;
  if (combined) await assertWritable(out, { force: run.force });
  else {
    const st = await stat(out).catch(() => null);
    if (st && !st.isDirectory()) throw new UserError("render-output-not-dir", { file: out });
  }

  // the font first: a wrong --font is found before a long read
  const faces = await loadFaces(run.font);

  // records, and how many errors validation finds in them
  let inputErrors = 0;
  let records: (LoadedRecord | null)[] = [null];
  if (!run.blank) {
    const { loadInputs } = await import("../../read/inputs.js");
    const { validate } = await import("../../rules/run.js");
    const plan = await run.plan();
    const input = await recordsFor(await loadInputs(run.files), plan);
    inputErrors = validate(input.records, input.findings, plan).errors;
    records = input.records;
    if (records.length === 0) throw new UserError("render-no-records");
  }
  // before drawing: a font that lacks most characters is refused
  const { preflight, missingCharacters } = await import("../../render/preflight.js");
  const pre = preflight(template, records, faces.regular, run.font ?? "");
  if (pre.refuse) throw new UserError(pre.refuse.id, pre.refuse.data);

  const findings: Finding[] = [];
  const pdfOpts = { date, producer: "capexit" };
  const written: { file: string; record: LoadedRecord | null; pages: number; bytes: number }[] = [];

  if (combined) {
    const forms = planForms(template, records, faces);
    for (const f of forms) findings.push(...f.layout.findings);
    const title = forms.length === 1 ? forms[0]!.layout.title : `${template.title}（${forms.length}份）`;
    const bytes = await formsToPdf(forms, faces, pdfOpts, title);
    await writeFileAtomic(out, bytes, { force: run.force });
    for (const f of forms) written.push({ file: out, record: f.record, pages: f.layout.pages.length, bytes: bytes.length });
  } else {
    const dir = path.resolve(out);
    const names = formFileNames(template, records);
    const targets = names.map((name) => {
      const target = path.join(dir, name);
      // names are sanitised; this guards the folder all the same
      if (path.relative(dir, target).startsWith("..") || path.dirname(target) !== dir) throw new UserError("output-unwritable", { file: target });
      return target;
    });
    if (!run.force) {
      for (const target of targets) if (await exists(target)) throw new UserError("output-exists", { file: target });
    }
    const progress = io.stderr.isTTY === true && records.length > 1;
    let lastTick = 0;
    // files are written (and synced) while the next forms are made; a few at a time
    const inFlight = new Set<Promise<void>>();
    // One form at a time, from layout to file, so memory stays flat however long the list;
    // a form's streams are deflated (on the thread pool) while the next form is laid out.
    const finish = async (i: number, pdf: Promise<Uint8Array>, pages: number) => {
      const bytes = await pdf;
      if (inFlight.size >= 4) await Promise.race(inFlight);
      const write: Promise<void> = writeFileAtomic(targets[i]!, bytes, { force: run.force }).finally(() => inFlight.delete(write));
      write.catch(() => undefined); // its failure is met at the next race or at the end
      inFlight.add(write);
      written.push({ file: targets[i]!, record: records[i]!, pages, bytes: bytes.length });
      if (progress && (Date.now() - lastTick > 100 || i === records.length - 1)) {
        lastTick = Date.now();
        io.stderr.write(`\r${t(run.lang, "render-progress", { done: i + 1, total: records.length })}`);
      }
    };
    let previous: (() => Promise<void>) | null = null;
    for (let i = 0; i < records.length; i++) {
      const layout = layoutRecord(template, records[i]!, faces);
      findings.push(...layout.findings);
      const pdf = formsToPdf([{ record: records[i]!, layout, fileName: names[i]! }], faces, pdfOpts);
      pdf.catch(() => undefined); // met when it is finished
      if (previous) await previous();
      const index = i;
      previous = () => finish(index, pdf, layout.pages.length);
    }
    if (previous) await previous();
    await Promise.all(inFlight);
    if (progress) io.stderr.write("\r\u001b[K");
  }

  // a few characters the font lacks are told in one line, and the forms are to be checked by hand
  const missing = missingCharacters(findings, records);
  const notes = missing.note ? [missing.note, ...pre.notes] : pre.notes;
  const { describe } = await import("../../report/describe.js");
  const { findingJson } = await import("../../report/validate-json.js");
  if (run.format === "json") {
    io.stdout.write(
      JSON.stringify(
        {
          form: template.id,
          output: out,
          combined,
          forms: written.map((w) => ({
            file: w.file,
            record: w.record ? recordId(w.record) : null,
            name: w.record?.record.enterprise?.name ?? null,
            county: w.record?.record.county ?? null,
            pages: w.pages,
            bytes: w.bytes,
          })),
          inputErrors,
          identityOnly: pre.identityOnly,
          missingCharacters: missing.chars,
          findings: findings.map((f) => findingJson(f, run.lang)),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    const { fieldLabel } = await import("../../model/fields.js");
    const sep = run.lang === "en" ? ": " : "：";
    // characters the font lacks are summed up in one line below, not told one by one
    for (const f of findings.filter((f) => f.rule !== "render-missing-glyph")) {
      const who = [f.record, f.field ? fieldLabel(f.field, run.lang) : ""].filter(Boolean).join(" ");
      io.stderr.write(`capexit: ${t(run.lang, "report.warning")}${sep}${who ? who + sep : ""}${describe(f, run.lang)}\n`);
    }
    if (inputErrors > 0) io.stderr.write(`capexit: ${t(run.lang, "render-input-errors", { errors: inputErrors })}\n`);
    io.stdout.write(
      combined
        ? `${t(run.lang, "render-written-file", { count: records.length, title: template.title, file: out })}\n`
        : `${t(run.lang, "render-written-dir", { count: records.length, title: template.title, dir: out })}\n`,
    );
  }
  if (inputErrors > 0 && run.format === "json") io.stderr.write(`capexit: ${t(run.lang, "render-input-errors", { errors: inputErrors })}\n`);
  for (const note of notes) io.stderr.write(`capexit: ${t(run.lang, note.id, note.data)}\n`);
  return inputErrors > 0 || missing.note ? 1 : 0;
}
