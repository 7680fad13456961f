import type { Command } from "commander";
import { t, type Lang } from "../../i18n/index.js";
import { noticeWriter } from "../../notice/output.js";
import { UserError } from "../../util/errors.js";
import { Progress } from "../progress.js";
import { action, helpText, inputsOf, langOf, parseAsOf, planFrom, recordsFor, today, type CliIO, type CliState, type CommonOptions } from "../common.js";

interface NoticeCliOptions extends CommonOptions {
  output?: string;
  title?: string;
  area?: string;
  from?: string;
  days?: string;
  to?: string;
  contact?: string;
  issuer?: string;
  date?: string;
  asOf?: string;
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  inputsOf(program.command("notice").description(w("help.notice")), state)
    .option(flag("-o, --output", "file"), w("help.notice.output"))
    .option(flag("--title", "text"), w("help.notice.title"))
    .option(flag("--area", "name"), w("help.notice.area"))
    .option(flag("--from", "date"), w("help.notice.from"))
    .option(flag("--days", "n"), w("help.notice.days"))
    .option(flag("--to", "date"), w("help.notice.to"))
    .option(flag("--contact", "text"), w("help.notice.contact"))
    .option(flag("--issuer", "name"), w("help.notice.issuer"))
    .option(flag("--date", "date"), w("help.notice.date"))
    .option(flag("--as-of", "date"), w("help.notice.as-of"))
    .option(flag("--plan", "file"), w("help.plan"))
    .option("--force", w("help.force-output"))
    .action(
      action(state, async (files: string[], _opts: NoticeCliOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as NoticeCliOptions;
        const progress = new Progress(state.io);
        try {
          return await runNotice(files, opts, langOf(opts), state.io, progress);
        } finally {
          progress.clear();
        }
      }),
    );
}

async function runNotice(files: string[], opts: NoticeCliOptions, lang: Lang, io: CliIO, progress: Progress): Promise<number> {
  // every option is checked before any reading
  const writer = opts.output ? noticeWriter(opts.output, lang) : null;
  const { noticeDates } = await import("../../notice/options.js");
  const { period, issuedOn } = noticeDates(opts, today());
  const asOf = (await parseAsOf(opts.asOf)) ?? undefined;
  const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
  if (opts.output) await assertWritable(opts.output, opts);
  const plan = await planFrom(opts);

  progress.say(t(lang, "notice-reading"));
  const { loadInputs } = await import("../../read/inputs.js");
  const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
  progress.clear();
  await (await import("../../util/write.js")).refuseOverInput([opts.output], input.files, "notice-output-is-input");
  if (input.records.length === 0) throw new UserError("notice-no-records");
  // an enterprise listed twice would be published twice: refuse, naming both places
  (await import("../../summary/duplicates.js")).refuseDuplicates(input.records, lang, "notice-duplicate");

  // inputs with errors still make a notice (to check before publishing); the count goes to stderr
  const { validate } = await import("../../rules/run.js");
  const validation = validate(input.records, input.findings, plan);
  const warn = (id: string, data: Record<string, string | number>) => io.stderr.write(`capexit: ${t(lang, id, data)}\n`);
  if (validation.errors || validation.warnings) warn("notice-input-errors", { errors: validation.errors, warnings: validation.warnings });

  const { buildNotice } = await import("../../notice/model.js");
  const { noticeDocument } = await import("../../notice/document.js");
  const { findUnit } = await import("../../plan/units.js");
  const records = input.records.map((r) => r.record);
  const notice = buildNotice(records, plan, { title: opts.title, area: opts.area, period, contact: opts.contact, issuer: opts.issuer, issuedOn, asOf });
  const others = records.filter((r) => !r.county || !findUnit(plan, r.county)).length;
  if (others) warn("notice-other-unit", { count: others });
  if (!notice.contact) warn("notice-no-contact", { issuer: notice.issuer });
  const doc = noticeDocument(notice, lang);
  const exitCode = validation.errors > 0 ? 1 : 0;
  if (!opts.output || !writer) {
    io.stdout.write((await import("../../summary/markdown.js")).formatSummaryMarkdown(doc, lang));
    return exitCode;
  }
  progress.say(t(lang, "notice-writing", { file: opts.output, rows: notice.rows.length }));
  const edge = { faces: async () => (await import("../../render/faces.js")).loadFaces(undefined) };
  await writeFileAtomic(opts.output, await writer(doc, lang, edge), opts);
  progress.clear();
  io.stdout.write(`${t(lang, "notice-written", { file: opts.output, enterprises: notice.enterprises, rows: notice.rows.length })}\n`);
  return exitCode;
}
