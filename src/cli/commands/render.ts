import type { Command } from "commander";
import type { Lang } from "../../i18n/index.js";
import type { LoadedRecord } from "../../model/source.js";
import type { Plan } from "../../plan/schema.js";
import { UserError } from "../../util/errors.js";
import { action, helpText, inputsOf, langOf, planFrom, recordsFor, type CliIO, type CliState, type CommonOptions } from "../common.js";

interface RenderOptions extends Omit<CommonOptions, "format"> {
  output?: string;
  blank?: boolean;
  font?: string;
  format?: string[];
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  const command = program.command("render").description(w("help.render")).argument(`<${w("help.ph.form")}>`, w("help.render.form"));
  inputsOf(command, state, "help.inputs", true)
    .option(flag("-o, --output", "path"), w("help.render.output"))
    .option("--blank", w("help.render.blank"))
    .option(flag("--font", "file"), w("help.render.font"))
    .option("--force", w("help.render.force"))
    .option(flag("--format", "format"), w("help.render.format"), (v: string, all: string[] = []) => [...all, v])
    .option(flag("--plan", "file"), w("help.render.plan"))
    .action(
      action(state, async (form: string, files: string[], _opts: RenderOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as RenderOptions;
        const run = { form, files, output: opts.output, blank: !!opts.blank, font: opts.font, force: !!opts.force, recursive: !!opts.recursive };
        const common = { lang: opts.lang, plan: opts.plan };
        return runRender({ ...run, format: (opts.format ?? []).join(","), lang: langOf(common), plan: () => planFrom(common) }, state.io);
      }),
    );
}

export interface RenderRun {
  form: string;
  files: string[];
  output?: string;
  blank: boolean;
  font?: string;
  force: boolean;
  recursive: boolean;
  /** --format: words comma separated (pdf | docx, human | json) */
  format: string;
  lang: Lang;
  plan: () => Promise<Plan>;
}

export async function runRender(run: RenderRun, io: CliIO): Promise<number> {
  const { stat } = await import("node:fs/promises");
  const { assertWritable, exists, writeFileAtomic } = await import("../../util/write.js");
  const { renderOutput, sourceDate } = await import("../../render/output.js");
  const { loadFormTemplate } = await import("../../render/templates.js");

  // the form first: an unknown one is the first thing to put right
  const template = await loadFormTemplate(run.form, run.lang);
  if (!run.output) throw new UserError("render-no-output");
  if (!run.blank && run.files.length === 0) throw new UserError("render-no-input");
  const out = renderOutput(run.format ? [run.format] : [], run.output);
  const date = sourceDate(process.env.SOURCE_DATE_EPOCH);
  if (out.combined) await assertWritable(run.output, { force: run.force });
  else if ((await stat(run.output).catch(() => null))?.isDirectory() === false) throw new UserError("render-output-not-dir", { file: run.output });
  if (run.font && out.kind === "docx") throw new UserError("render-font-docx", { font: run.font });

  // the font first: a wrong --font is found before a long read
  const faces = out.kind === "pdf" ? await (await import("../../render/faces.js")).loadFaces(run.font) : null;

  // records, and how many errors validation finds in them
  let inputErrors = 0;
  let records: (LoadedRecord | null)[] = [null];
  if (!run.blank) {
    const { loadInputs } = await import("../../read/inputs.js");
    const { validate } = await import("../../rules/run.js");
    const plan = await run.plan();
    const input = await recordsFor(await loadInputs(run.files, { recursive: run.recursive }), plan);
    inputErrors = validate(input.records, input.findings, plan).errors;
    records = input.records;
    if (records.length === 0) throw new UserError("render-no-records");
  }
  // before drawing a PDF: a font that lacks most characters is refused
  const { preflight, missingCharacters, subjectNotes } = await import("../../render/preflight.js");
  const pre = faces ? preflight(template, records, faces.regular, run.font ?? "") : { refuse: null, ...subjectNotes(template, records) };
  if (pre.refuse) throw new UserError(pre.refuse.id, pre.refuse.data);

  const { writeForms } = await import("../../render/pipeline.js");
  const { t } = await import("../../i18n/index.js");
  const progress = io.stderr.isTTY === true && records.length > 1;
  let lastTick = 0;
  const rendered = await writeForms(
    { template, records, kind: out.kind, output: run.output, combined: out.combined, force: run.force, faces, date },
    {
      exists,
      write: (file, bytes) => writeFileAtomic(file, bytes, { force: run.force }),
      progress: (done, total) => {
        if (!progress || (Date.now() - lastTick <= 100 && done < total)) return;
        lastTick = Date.now();
        io.stderr.write(`\r${t(run.lang, "render-progress", { done, total })}`);
      },
    },
  );
  if (progress && !out.combined) io.stderr.write("\r\u001b[K");

  // a few characters the font lacks are told in one line, and the forms are to be checked by hand
  const missing = missingCharacters(rendered.findings, records);
  const notes = missing.note ? [missing.note, ...pre.notes] : pre.notes;
  const report = { ...rendered, form: template.id, title: template.title, kind: out.kind, output: run.output, combined: out.combined, inputErrors, identityOnly: pre.identityOnly, missingCharacters: missing.chars };
  if (out.report === "json") io.stdout.write((await import("../../report/render-json.js")).formatRenderJson(report, run.lang));
  const { formatRenderHuman, formatRenderLog } = await import("../../report/render-human.js");
  if (out.report === "human") io.stdout.write(formatRenderHuman(report, run.lang));
  io.stderr.write(formatRenderLog(report, notes, run.lang, out.report === "human"));
  return inputErrors > 0 || missing.note ? 1 : 0;
}
