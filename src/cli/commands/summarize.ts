import type { Command } from "commander";
import { extname, resolve } from "node:path";
import { t, type Lang } from "../../i18n/index.js";
import type { AnySummary } from "../../summary/model.js";
import { UserError } from "../../util/errors.js";
import { action, asOfFor, formatOf, langOf, parseAsOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface SummarizeOptions extends CommonOptions {
  output?: string;
  asOf?: string;
  narrative?: string;
  area?: string;
  compiler?: string;
  allowMixedDates?: boolean;
}

export function register(program: Command, state: CliState): void {
  program
    .command("summarize")
    .description("汇总各地填报的表格：分县市区和合计的年度汇总表（xlsx/pdf/md/json）与工作总结草稿；也可汇总各市的汇总 JSON")
    .argument("<files...>", "表格（.xlsx .xls .ods .et，以附表命名的 .csv）、.yaml 文件或文件夹（每个县市区一个文件）；或各市 summarize 写出的 .json（上一级汇总）")
    .option("-o, --output <file>", "写出汇总表：.xlsx、.pdf、.md 或 .json（不指定则显示在终端）")
    .option("--narrative <file>", "另写出工作总结草稿（Markdown，.md）")
    .option("--as-of <date>", "统计截至日期（默认：今天；工作方案年度已过则为年度末；汇总 JSON 时取其日期）")
    .option("--format <format>", "human（默认）或 json（汇总 JSON 写到标准输出）")
    .option("--plan <file>", "工作方案文件（默认：随州2024）")
    .option("--area <name>", "地区名称，用于标题、工作总结和 JSON 的 area（默认：工作方案的地区；汇总 JSON 时如 湖北省）")
    .option("--compiler <name>", "编制单位（默认：工作方案的编制单位）")
    .option("--allow-mixed-dates", "汇总 JSON 的截至日期不同时照常汇总，每行注明其截至日期")
    .option("--force", "覆盖已存在的输出文件")
    .action(
      action(state, async (files: string[], _opts: SummarizeOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as SummarizeOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const given = await parseAsOf(opts.asOf);
        const { outputKind, refuseOutputOverInput, summaryBytes } = await import("../../summary/output.js");
        const kind = opts.output ? outputKind(opts.output) : null;
        if (opts.narrative && extname(opts.narrative).toLowerCase() !== ".md") {
          throw new UserError("summary-narrative-type", { file: opts.narrative });
        }
        if (opts.output && opts.narrative && resolve(opts.output) === resolve(opts.narrative)) {
          throw new UserError("summary-same-output", { file: opts.output });
        }
        // refuse before any work when an output exists and --force is absent
        const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
        for (const f of [opts.output, opts.narrative]) if (f) await assertWritable(f, opts);

        // summary JSONs of other areas are told apart before the record reader sees anything
        const { sortInputs } = await import("../../summary/inputs.js");
        const inputs = await sortInputs(files);
        refuseOutputOverInput([opts.output, opts.narrative], [...files, ...inputs.rollups.map((r) => r.file)]);
        let summary: AnySummary;
        let code = 0;
        if (inputs.rollups.length) {
          if (opts.plan) throw new UserError("summary-rollup-plan", { file: opts.plan });
          const { rollUpAreas } = await import("../../summary/areas.js");
          summary = rollUpAreas(inputs.rollups, { asOf: given, allowMixedDates: opts.allowMixedDates === true, area: opts.area, compiler: opts.compiler });
        } else {
          ({ summary, code } = await fromRecords(inputs.records, opts, given, state, lang));
        }

        const written: string[] = [];
        if (opts.output && kind) {
          await writeFileAtomic(opts.output, await summaryBytes(kind, summary, lang), opts);
          written.push(opts.output);
        }
        if (opts.narrative) {
          const { formatNarrative } = await import("../../summary/narrative.js");
          await writeFileAtomic(opts.narrative, formatNarrative(summary), opts);
          written.push(opts.narrative);
        }

        if (format === "json") {
          state.io.stdout.write(await summaryBytes("json", summary, lang));
        } else if (!opts.output) {
          const { formatSummaryTerminal } = await import("../../summary/terminal.js");
          const { summaryDocument } = await import("../../summary/tables.js");
          const { paintFor } = await import("../../report/paint.js");
          const enterprises = summary.level === "records" ? summary.total.figures.enterprises : summary.total.enterprises;
          const footnote = t(lang, "summary-footnote", { count: enterprises });
          state.io.stdout.write(formatSummaryTerminal(summaryDocument(summary, lang), await paintFor(state.io.stdout), footnote));
        }
        const report = format === "json" ? state.io.stderr : state.io.stdout;
        for (const f of written) report.write(`${t(lang, "summary-written", { file: f })}\n`);
        return code;
      }),
    );
}

/** The counties' record files under the plan: duplicates refused, errors counted (exit 1) but summed. */
async function fromRecords(files: string[], opts: SummarizeOptions, given: string | null, state: CliState, lang: Lang) {
  const plan = await planFrom(opts, state);
  const { loadInputs } = await import("../../read/inputs.js");
  const { validate } = await import("../../rules/run.js");
  const { refuseDuplicates } = await import("../../summary/duplicates.js");
  const input = await recordsFor(await loadInputs(files), plan);
  refuseDuplicates(input.records, lang);

  // inputs with errors are still summed (unreadable values count as blank); the count goes to stderr
  const validation = validate(input.records, input.findings, plan);
  if (validation.errors || validation.warnings) {
    state.io.stderr.write(`capexit: ${t(lang, "summary-input-errors", { errors: validation.errors, warnings: validation.warnings })}\n`);
  }
  const asOf = await asOfFor(given, plan, state, lang);
  const { summarize } = await import("../../summary/index.js");
  const summary = summarize(
    input.records.map((r) => r.record),
    plan,
    asOf,
    { area: opts.area, compiler: opts.compiler },
  );
  const others = summary.units.find((u) => !u.inPlan)?.figures.enterprises ?? 0;
  if (others) state.io.stderr.write(`capexit: ${t(lang, "summary-other-unit", { count: others })}\n`);
  return { summary, code: validation.errors > 0 ? 1 : 0 };
}
