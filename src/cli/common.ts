// What every command shares: the language, the error boundary, and the plan.
import type { Command } from "commander";
import { parseLang, t, type Lang } from "../i18n/index.js";
import type { LoadedRecord } from "../model/source.js";
import type { Plan } from "../plan/schema.js";
import { UserError } from "../util/errors.js";

export interface CommonOptions {
  lang?: string;
  format?: string;
  plan?: string;
  force?: boolean;
}

/** Where output goes; a test can swap it. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CliState {
  io: CliIO;
  exitCode: number;
}

export function langOf(opts: CommonOptions): Lang {
  return parseLang(opts.lang ?? process.env.CAPEXIT_LANG);
}

export function formatOf(opts: CommonOptions, allowed: readonly string[] = ["human", "json"]): string {
  const f = (opts.format ?? "human").toLowerCase();
  if (!allowed.includes(f)) throw new UserError("bad-option", { option: "--format", value: f, detail: allowed.join(" | ") });
  return f;
}

/** Runs a command body; a user's mistake becomes one sentence on stderr and exit code 2. */
export function action<A extends unknown[]>(
  state: CliState,
  body: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const cmd = args[args.length - 1] as Command;
    const lang = langOf(cmd.optsWithGlobals() as CommonOptions);
    try {
      state.exitCode = await body(...args);
    } catch (e) {
      state.exitCode = 2;
      state.io.stderr.write(`capexit: ${errorMessage(e, lang)}\n`);
      if (process.env.CAPEXIT_DEBUG && e instanceof Error) state.io.stderr.write(`${e.stack}\n`);
    }
  };
}

export function errorMessage(e: unknown, lang: Lang): string {
  if (e instanceof UserError) return t(lang, e.messageId, e.data);
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOSPC") return t(lang, "output-unwritable", { file: err.path ?? "" });
  if (err?.code === "EACCES" || err?.code === "EPERM") return t(lang, "file-unreadable", { file: err.path ?? "" });
  return t(lang, "internal-error", { detail: err?.message?.split("\n")[0] ?? String(e) });
}

/** The plan: `--plan FILE` or the bundled default; what looks wrong in it goes to stderr, a line each. */
export async function planFrom(opts: CommonOptions, state?: CliState) {
  const { loadPlanWithWarnings } = await import("../plan/load.js");
  const { plan, warnings } = await loadPlanWithWarnings(opts.plan);
  if (state) {
    const lang = langOf(opts);
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
