// What every command shares: the language, the error boundary, and the plan.
import type { Command } from "commander";
import { parseLang, t, type Lang } from "../i18n/index.js";
import { envLang, wantsJson } from "./argv.js";
import type { LoadedRecord } from "../model/source.js";
import type { Plan } from "../plan/schema.js";
import { UserError } from "../util/errors.js";

export interface CommonOptions {
  lang?: string;
  format?: string;
  plan?: string;
  force?: boolean;
  recursive?: boolean;
}

/** Where output goes; a test can swap it. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CliState {
  io: CliIO;
  exitCode: number;
  /** the language, known before parsing (help is worded when commands are registered) */
  lang: Lang;
}

/** `--lang` as parsed (already checked before parsing), else CAPEXIT_LANG or the locale. */
export function langOf(opts: CommonOptions): Lang {
  return opts.lang !== undefined ? parseLang(opts.lang) : envLang(process.env);
}

export function formatOf(opts: CommonOptions, allowed: readonly string[] = ["human", "json"]): string {
  const f = (opts.format ?? "human").toLowerCase();
  if (!allowed.includes(f)) throw new UserError("bad-option", { option: "--format", value: f, detail: allowed.join(" | ") });
  return f;
}

/** --help in the session's language: `w(id)` words a catalogue id, `flag("--plan", "file")` is `--plan <文件>`. */
export function helpText(state: CliState) {
  const w = (id: string, data?: Record<string, string | number>) => t(state.lang, id, data);
  return { w, flag: (flags: string, placeholder: string) => `${flags} <${w(`help.ph.${placeholder}`)}>` };
}

/** The inputs argument and `-r, --recursive`, as every command that reads files takes them. */
export function inputsOf(cmd: Command, state: CliState, describe = "help.inputs", optional = false): Command {
  const { w } = helpText(state);
  const name = w("help.ph.files");
  return cmd.argument(optional ? `[${name}...]` : `<${name}...>`, w(describe)).option("-r, --recursive", w("help.recursive"));
}

/** Runs a command body; a user's mistake becomes one sentence on stderr and exit code 2. */
export function action<A extends unknown[]>(
  state: CliState,
  body: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as Omit<CommonOptions, "format"> & { format?: string | string[] };
    const lang = langOf({ lang: opts.lang });
    try {
      state.exitCode = await body(...args);
    } catch (e) {
      state.exitCode = 2;
      refuse(state.io, errorOf(e, lang), wantsJson([opts.format ?? []].flat()));
      if (process.env.CAPEXIT_DEBUG && e instanceof Error) state.io.stderr.write(`${e.stack}\n`);
    }
  };
}

/** What stopped a command: its message id and the sentence. */
export interface Refusal {
  id: string;
  message: string;
}

export function errorOf(e: unknown, lang: Lang): Refusal {
  const worded = (id: string, data: Record<string, string | number>) => ({ id, message: t(lang, id, data) });
  if (e instanceof UserError) return worded(e.messageId, e.data);
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOSPC") return worded("output-unwritable", { file: err.path ?? "" });
  if (err?.code === "EACCES" || err?.code === "EPERM") return worded("file-unreadable", { file: err.path ?? "" });
  return worded("internal-error", { detail: err?.message?.split("\n")[0] ?? String(e) });
}

/** Exit 2's sentence on stderr; with --format json, the same as a JSON document on stdout, so a script's parser gets one. */
export function refuse(io: CliIO, refusal: Refusal, json: boolean): void {
  io.stderr.write(`capexit: ${refusal.message}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: refusal }, null, 2)}\n`);
}

/** The plan: `--plan FILE` or the bundled default; what looks wrong in it goes to stderr, a line each. */
export async function planFrom(opts: CommonOptions, state?: CliState) {
  const { loadPlanWithWarnings } = await import("../plan/load.js");
  const lang = langOf(opts);
  const { plan, warnings } = await loadPlanWithWarnings(opts.plan, lang);
  if (state) {
    for (const w of warnings) state.io.stderr.write(`capexit: ${t(lang, w.messageId, w.data)}\n`);
  }
  return plan;
}

/** Records with their 县市区 (or 填报单位) resolved to the plan's unit, as every command reads them. */
export async function recordsFor<R extends { records: LoadedRecord[] }>(input: R, plan: Plan): Promise<R> {
  const { resolveCounties } = await import("../plan/units.js");
  return { ...input, records: resolveCounties(input.records, plan) };
}

/** The clerk's calendar day: the clock is read here, at the edge, never in the core. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** `--as-of`: any date spelling a clerk types; null when not given. */
export async function parseAsOf(value: string | undefined): Promise<string | null> {
  if (value === undefined) return null;
  const { parseDate } = await import("../values/date.js");
  const parsed = parseDate(value);
  if (!parsed.ok) throw new UserError("bad-as-of", { value });
  return parsed.value;
}

/**
 * The as-of date for a plan: `--as-of` as given, else today, else (once the
 * plan's year is over) its last day; a date past the year says so on stderr.
 */
export async function asOfFor(given: string | null, plan: Plan, state: CliState, lang: Lang): Promise<string> {
  const { chooseAsOf } = await import("../plan/as-of.js");
  const { asOf, note } = chooseAsOf(given, today(), plan.year);
  if (note) state.io.stderr.write(`capexit: ${t(lang, note.messageId, note.data)}\n`);
  return asOf;
}
