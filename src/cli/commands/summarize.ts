import type { Command } from "commander";
import { extname } from "node:path";
import { t } from "../../i18n/index.js";
import { UserError } from "../../util/errors.js";
import { action, asOfFor, formatOf, langOf, parseAsOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface SummarizeOptions extends CommonOptions {
  output?: string;
  asOf?: string;
  narrative?: string;
}

type OutputKind = "xlsx" | "pdf" | "md" | "json";
const KINDS: Record<string, OutputKind> = { ".xlsx": "xlsx", ".pdf": "pdf", ".md": "md", ".json": "json" };

function outputKind(file: string): OutputKind {
  const kind = KINDS[extname(file).toLowerCase()];
  if (!kind) throw new UserError("summary-output-type", { file });
  return kind;
}

export function register(program: Command, state: CliState): void {
  program
    .command("summarize")
    .description("汇总各地填报的表格：分县市区和合计的年度汇总表（xlsx/pdf/md/json）与工作总结草稿")
    .argument("<files...>", "表格（.xlsx .xls .ods .et，以附表命名的 .csv）、.yaml 文件或文件夹（每个县市区一个文件）")
    .option("-o, --output <file>", "写出汇总表：.xlsx、.pdf、.md 或 .json（不指定则显示在终端）")
    .option("--narrative <file>", "另写出工作总结草稿（Markdown，.md）")
    .option("--as-of <date>", "统计截至日期（默认：今天；工作方案年度已过则为年度末）")
    .option("--format <format>", "human（默认）或 json（汇总 JSON 写到标准输出）")
    .option("--plan <file>", "工作方案文件（默认：随州2024）")
    .option("--force", "覆盖已存在的输出文件")
    .action(
      action(state, async (files: string[], _opts: SummarizeOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as SummarizeOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const given = await parseAsOf(opts.asOf);
        const kind = opts.output ? outputKind(opts.output) : null;
        if (opts.narrative && extname(opts.narrative).toLowerCase() !== ".md") {
          throw new UserError("summary-narrative-type", { file: opts.narrative });
        }
        const { resolve } = await import("node:path");
        if (opts.output && opts.narrative && resolve(opts.output) === resolve(opts.narrative)) {
          throw new UserError("summary-same-output", { file: opts.output });
        }
        // refuse before any work when an output exists and --force is absent
        const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
        for (const f of [opts.output, opts.narrative]) if (f) await assertWritable(f, opts);

        const plan = await planFrom(opts, state);
        const { loadInputs } = await import("../../read/inputs.js");
        const { validate } = await import("../../rules/run.js");
        const { findDuplicates, describeLocation } = await import("../../summary/duplicates.js");
        const input = await recordsFor(await loadInputs(files), plan);

        // the same enterprise twice would be counted twice: refuse, naming both places
        const dups = findDuplicates(input.records);
        if (dups.length) {
          const d = dups[0]!;
          throw new UserError("summary-duplicate", {
            uscc: d.uscc,
            first: describeLocation(d.first, lang),
            again: describeLocation(d.again, lang),
            more: dups.length > 1 ? t(lang, "summary-duplicate-more", { count: dups.length - 1 }) : "",
          });
        }

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
        );
        const others = summary.units.find((u) => !u.inPlan)?.figures.enterprises ?? 0;
        if (others) state.io.stderr.write(`capexit: ${t(lang, "summary-other-unit", { count: others })}\n`);

        const { summaryDocument } = await import("../../summary/tables.js");
        const written: string[] = [];
        if (opts.output && kind) {
          let bytes: Uint8Array | string;
          if (kind === "json") {
            const { formatSummaryJson } = await import("../../summary/json.js");
            bytes = formatSummaryJson(summary);
          } else if (kind === "md") {
            const { formatSummaryMarkdown } = await import("../../summary/markdown.js");
            bytes = formatSummaryMarkdown(summaryDocument(summary, lang), lang);
          } else if (kind === "xlsx") {
            const { summaryWorkbook } = await import("../../summary/xlsx.js");
            bytes = await summaryWorkbook(summaryDocument(summary, lang));
          } else {
            const { summaryPdf } = await import("../../summary/pdf.js");
            bytes = await summaryPdf(summaryDocument(summary, lang), lang);
          }
          await writeFileAtomic(opts.output, bytes, opts);
          written.push(opts.output);
        }
        if (opts.narrative) {
          const { formatNarrative } = await import("../../summary/narrative.js");
          await writeFileAtomic(opts.narrative, formatNarrative(summary), opts);
          written.push(opts.narrative);
        }

        if (format === "json") {
          const { formatSummaryJson } = await import("../../summary/json.js");
          state.io.stdout.write(formatSummaryJson(summary));
        } else if (!opts.output) {
          const { formatSummaryTerminal } = await import("../../summary/terminal.js");
          const { paintFor } = await import("../../report/paint.js");
          const footnote = t(lang, "summary-footnote", { count: summary.total.figures.enterprises });
          state.io.stdout.write(formatSummaryTerminal(summaryDocument(summary, lang), await paintFor(state.io.stdout), footnote));
        }
        const report = format === "json" ? state.io.stderr : state.io.stdout;
        for (const f of written) report.write(`${t(lang, "summary-written", { file: f })}\n`);
        return validation.errors > 0 ? 1 : 0;
      }),
    );
}
