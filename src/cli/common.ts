// What every command shares: the language, the error boundary, and the plan.
import type { Command } from "commander";
import { parseLang, t, type Lang } from "../i18n/index.js";
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

/** The plan: `--plan FILE` or the bundled default. */
export async function planFrom(opts: CommonOptions) {
  const { loadPlan } = await import("../plan/load.js");
  return loadPlan(opts.plan);
}

/** The clerk's calendar day: the clock is read here, at the edge, never in the core. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** `--as-of`: any date spelling a clerk types; today when absent. */
export async function asOfFrom(value: string | undefined): Promise<string> {
  if (value === undefined) return today();
  const { parseDate } = await import("../values/date.js");
  const parsed = parseDate(value);
  if (!parsed.ok) throw new UserError("bad-as-of", { value });
  return parsed.value;
}
