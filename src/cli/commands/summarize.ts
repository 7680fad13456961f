import type { Command } from "commander";
import { extname, resolve } from "node:path";
import { t, type Lang } from "../../i18n/index.js";
import type { AnySummary } from "../../summary/model.js";
import { SUMMARY_WRITERS, summaryKinds, summaryWriter } from "../../summary/output.js";
import { UserError } from "../../util/errors.js";
import { action, asOfFor, formatOf, helpText, inputsOf, langOf, parseAsOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface SummarizeOptions extends CommonOptions {
  output?: string;
  asOf?: string;
  narrative?: string;
  area?: string;
  compiler?: string;
  allowMixedDates?: boolean;
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  inputsOf(program.command("summarize").description(w("help.summarize")), state, "help.summarize.inputs")
    .option(flag("-o, --output", "file"), w("help.summarize.output", { kinds: summaryKinds(state.lang) }))
    .option(flag("--narrative", "file"), w("help.summarize.narrative"))
    .option(flag("--as-of", "date"), w("help.summarize.as-of"))
    .option(flag("--format", "format"), w("help.summarize.format"))
    .option(flag("--plan", "file"), w("help.plan"))
    .option(flag("--area", "name"), w("help.summarize.area"))
    .option(flag("--compiler", "name"), w("help.summarize.compiler"))
    .option("--allow-mixed-dates", w("help.summarize.mixed-dates"))
    .option("--force", w("help.force-output"))
    .action(
      action(state, async (files: string[], _opts: SummarizeOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as SummarizeOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const given = await parseAsOf(opts.asOf);
        const writer = opts.output ? summaryWriter(opts.output, lang) : null;
        if (opts.narrative && extname(opts.narrative).toLowerCase() !== ".md") {
          throw new UserError("summary-narrative-type", { file: opts.narrative });
        }
        if (opts.output && opts.narrative && resolve(opts.output) === resolve(opts.narrative)) {
          throw new UserError("summary-same-output", { file: opts.output });
        }
        // refuse before any work when an output exists and --force is absent
        const { assertWritable, refuseOverInput, writeFileAtomic } = await import("../../util/write.js");
        for (const f of [opts.output, opts.narrative]) if (f) await assertWritable(f, opts);

        // summary JSONs of other areas are told apart before the record reader sees anything
        const { sortInputs } = await import("../../summary/inputs.js");
        const inputs = await sortInputs(files);
        await refuseOverInput([opts.output, opts.narrative], [...files, ...inputs.rollups.map((r) => r.file)], "summary-output-is-input");
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
        const edge = { faces: async () => (await import("../../render/faces.js")).loadFaces(undefined) };
        if (opts.output && writer) {
          await writeFileAtomic(opts.output, await writer(summary, lang, edge), opts);
          written.push(opts.output);
        }
        if (opts.narrative) {
          const { formatNarrative } = await import("../../summary/narrative.js");
          await writeFileAtomic(opts.narrative, formatNarrative(summary), opts);
          written.push(opts.narrative);
        }

        if (format === "json") {
          state.io.stdout.write(await SUMMARY_WRITERS[".json"]!(summary, lang, edge));
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
  const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
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
