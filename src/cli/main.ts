// The thin CLI: commander wiring only. Each command's body is imported when it runs.
import { Command, CommanderError } from "commander";
import { parseLang, t, type Lang } from "../i18n/index.js";
import type { CliIO, CliState } from "./common.js";
import { register as registerValidate } from "./commands/validate.js";
import { register as registerTemplate } from "./commands/template.js";
import { register as registerSchema } from "./commands/schema.js";
import { register as registerCheck } from "./commands/check.js";
import { register as registerSummarize } from "./commands/summarize.js";
import { register as registerRender } from "./commands/render.js";
import { register as registerNotice } from "./commands/notice.js";
import { register as registerCollect } from "./commands/collect.js";

const VERSION = "0.1.0";

export async function run(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const state: CliState = { io, exitCode: 0 };
  let usageError = "";
  const program = new Command("capexit")
    .description("依法依规推动落后产能退出：表格校验、进度检查、表格打印、年度汇总")
    .version(VERSION, "-V, --version")
    .option("--lang <lang>", "zh-CN（默认）或 en")
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // worded in the user's language once we know which mistake it was
      outputError: (s) => void (usageError = s.replace(/^error: /, "").trim()),
    })
    .exitOverride();

  registerValidate(program, state);
  registerTemplate(program, state);
  registerSchema(program, state);
  registerCheck(program, state);
  registerSummarize(program, state);
  registerRender(program, state);
  registerNotice(program, state);
  registerCollect(program, state);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0
      if (e.exitCode === 0) return 0;
      io.stderr.write(`capexit: ${usageMessage(e.code, usageError, langFromArgv(argv))}\n`);
      return 2;
    }
    io.stderr.write(`capexit: ${t(parseLang(process.env.CAPEXIT_LANG), "internal-error", { detail: String(e) })}\n`);
    return 2;
  }
  return state.exitCode;
}

const USAGE_IDS: Record<string, string> = {
  "commander.missingArgument": "usage.missing-argument",
  "commander.unknownCommand": "usage.unknown-command",
  "commander.unknownOption": "usage.unknown-option",
  "commander.optionMissingArgument": "usage.option-missing-value",
  "commander.excessArguments": "usage.excess-arguments",
};

/** A command-line mistake in one sentence; commander's own words where we have none. */
function usageMessage(code: string, commanderText: string, lang: Lang): string {
  const id = USAGE_IDS[code];
  if (!id) return commanderText;
  const name = /'([^']+)'/.exec(commanderText)?.[1] ?? "";
  return t(lang, id, { name });
}

/** `--lang` before commander has parsed anything (the parse is what failed). */
function langFromArgv(argv: readonly string[]): Lang {
  const i = argv.indexOf("--lang");
  const inline = argv.find((a) => a.startsWith("--lang="));
  return parseLang(i >= 0 ? argv[i + 1] : inline ? inline.slice(7) : process.env.CAPEXIT_LANG);
}
