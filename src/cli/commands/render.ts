import type { Command } from "commander";
import type { Lang } from "../../i18n/index.js";
import type { LoadedRecord } from "../../model/source.js";
import type { Plan } from "../../plan/schema.js";
import { UserError } from "../../util/errors.js";
import { action, langOf, planFrom, recordsFor, type CliIO, type CliState, type CommonOptions } from "../common.js";

interface RenderOptions extends Omit<CommonOptions, "format"> {
  output?: string;
  blank?: boolean;
  font?: string;
  format?: string[];
}

export function register(program: Command, state: CliState): void {
  program
    .command("render")
    .description("打印附表1、附表2：每家企业一份 PDF 或 Word 文档，或全部合为一个文件")
    .argument("<form>", "annex1（附表1 基本情况表）、annex2（附表2 验收意见表）或表格模板 .yaml")
    .argument("[files...]", "表格（.xlsx .xls .ods .et，以附表命名的 .csv）、.yaml 文件或文件夹")
    .option("-o, --output <path>", "文件夹（每家企业一个文件），或以 .pdf / .docx 结尾的文件（全部合为一个）")
    .option("--blank", "打印空白表，供手工填写")
    .option("--font <file>", "PDF 的字体：TTF/OTF 文件；TTC 字体集用 文件.ttc#编号（编号从 0 起）")
    .option("--force", "覆盖已有的文件")
    .option("--format <format>", "表格文件 pdf（默认）或 docx（Word）；报告 human（默认）或 json；可用逗号合写或写两次，如 docx,json", (v: string, all: string[] = []) => [...all, v])
    .option("--plan <file>", "工作方案文件（默认：随州2024），用于统计输入中的错误")
    .action(
      action(state, async (form: string, files: string[], _opts: RenderOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as RenderOptions;
        const run = { form, files, output: opts.output, blank: !!opts.blank, font: opts.font, force: !!opts.force };
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

  if (!run.output) throw new UserError("render-no-output");
  const out = renderOutput(run.format ? [run.format] : [], run.output);
  const date = sourceDate(process.env.SOURCE_DATE_EPOCH);
  const template = await loadFormTemplate(run.form);
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
    const input = await recordsFor(await loadInputs(run.files), plan);
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
