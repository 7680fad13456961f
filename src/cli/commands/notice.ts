import type { Command } from "commander";
import { extname } from "node:path";
import type { Lang } from "../../i18n/index.js";
import type { Period } from "../../notice/period.js";
import { UserError } from "../../util/errors.js";
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

type OutputKind = "pdf" | "xlsx" | "docx" | "md";
const KINDS: Record<string, OutputKind> = { ".pdf": "pdf", ".xlsx": "xlsx", ".docx": "docx", ".md": "md" };

function outputKind(file: string): OutputKind {
  const kind = KINDS[extname(file).toLowerCase()];
  if (!kind) throw new UserError("notice-output-type", { file });
  return kind;
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

/** One line on stderr saying what is happening, on a terminal only, cleared when done. */
class Progress {
  private shown = false;
  constructor(private readonly io: CliIO) {}

  say(text: string): void {
    if (this.io.stderr.isTTY !== true) return;
    this.io.stderr.write(`\r\u001b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr.write("\r\u001b[K");
    this.shown = false;
  }
}

/** A date option in any spelling a clerk types. */
async function dateOption(option: string, value: string): Promise<string> {
  const { parseDate } = await import("../../values/date.js");
  const parsed = parseDate(value);
  if (!parsed.ok) throw new UserError("notice-bad-date", { option, value });
  return parsed.value;
}

function daysOption(value: string): number {
  const v = value.normalize("NFKC").trim();
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 365) throw new UserError("notice-bad-days", { value });
  return n;
}

/** The 公示期: --from (today) for --days (7), or up to --to. */
async function periodFrom(opts: NoticeCliOptions): Promise<Period> {
  if (opts.days !== undefined && opts.to !== undefined) throw new UserError("notice-days-and-to");
  const { DEFAULT_DAYS, periodOfDays, periodTo } = await import("../../notice/period.js");
  const from = opts.from === undefined ? today() : await dateOption("--from", opts.from);
  if (opts.to === undefined) return periodOfDays(from, opts.days === undefined ? DEFAULT_DAYS : daysOption(opts.days));
  const to = await dateOption("--to", opts.to);
  const period = periodTo(from, to);
  if (!period) throw new UserError("notice-to-before-from", { from, to });
  return period;
}

async function runNotice(files: string[], opts: NoticeCliOptions, lang: Lang, io: CliIO, progress: Progress): Promise<number> {
  const { t } = await import("../../i18n/index.js");
  // every option is checked before any reading
  const kind = opts.output ? outputKind(opts.output) : null;
  const period = await periodFrom(opts);
  const issuedOn = opts.date === undefined ? period.from : await dateOption("--date", opts.date);
  const asOf = (await parseAsOf(opts.asOf)) ?? undefined;
  const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
  if (opts.output) await assertWritable(opts.output, opts);
  const plan = await planFrom(opts);

  progress.say(t(lang, "notice-reading"));
  const { loadInputs } = await import("../../read/inputs.js");
  const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
  progress.clear();

  const { resolve } = await import("node:path");
  if (opts.output && input.files.some((f) => resolve(f) === resolve(opts.output!))) {
    throw new UserError("notice-output-is-input", { file: opts.output });
  }
  if (input.records.length === 0) throw new UserError("notice-no-records");
  // an enterprise listed twice would be published twice: refuse, naming both places
  const { findDuplicates, describeLocation } = await import("../../summary/duplicates.js");
  const dups = findDuplicates(input.records);
  if (dups.length) {
    const d = dups[0]!;
    throw new UserError("notice-duplicate", {
      uscc: d.uscc,
      first: describeLocation(d.first, lang),
      again: describeLocation(d.again, lang),
      more: dups.length > 1 ? t(lang, "summary-duplicate-more", { count: dups.length - 1 }) : "",
    });
  }

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

  if (!opts.output || !kind) {
    const { formatSummaryMarkdown } = await import("../../summary/markdown.js");
    io.stdout.write(formatSummaryMarkdown(doc, lang));
    return exitCode;
  }
  progress.say(t(lang, "notice-writing", { file: opts.output, rows: notice.rows.length }));
  let bytes: Uint8Array | string;
  if (kind === "md") {
    const { formatSummaryMarkdown } = await import("../../summary/markdown.js");
    bytes = formatSummaryMarkdown(doc, lang);
  } else if (kind === "xlsx") {
    const { summaryWorkbook } = await import("../../summary/xlsx.js");
    bytes = await summaryWorkbook(doc);
  } else if (kind === "docx") {
    const { documentDocx } = await import("../../notice/docx.js");
    bytes = await documentDocx(doc, lang);
  } else {
    const { summaryPdf } = await import("../../summary/pdf.js");
    const { loadFaces } = await import("../../render/faces.js");
    bytes = await summaryPdf(doc, await loadFaces(undefined), lang);
  }
  await writeFileAtomic(opts.output, bytes, opts);
  progress.clear();
  io.stdout.write(`${t(lang, "notice-written", { file: opts.output, enterprises: notice.enterprises, rows: notice.rows.length })}\n`);
  return exitCode;
}
