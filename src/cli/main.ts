// The thin CLI: commander wiring only. Each command's body is imported when it runs.
import { Command, CommanderError, Option } from "commander";
import { t, type Lang } from "../i18n/index.js";
import { chooseLang, formatsInArgv, wantsJson } from "./argv.js";
import { errorOf, refuse, type CliIO, type CliState } from "./common.js";
import { localiseHelp } from "./help.js";
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
  const json = wantsJson(formatsInArgv(argv));
  // the language first: --help is worded in it, and an unknown one stops every command
  const choice = chooseLang(argv, process.env);
  if (choice.refused) {
    refuse(io, { id: "lang-invalid", message: t(choice.lang, "lang-invalid", choice.refused) }, json);
    return 2;
  }
  const lang = choice.lang;
  const state: CliState = { io, exitCode: 0, lang };
  let usageError = "";
  const program = new Command("capexit")
    .description(t(lang, "help.program"))
    .addOption(new Option(`--lang <${t(lang, "help.ph.lang")}>`, t(lang, "help.lang")))
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // worded in the user's language once we know which mistake it was
      outputError: (s) => void (usageError = s.replace(/^error: /, "").trim()),
    })
    .exitOverride();
  localiseHelp(program, lang, VERSION);

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
      // bare `capexit`: the help, on stderr, is the whole answer
      if (e.code === "commander.help") return 2;
      refuse(io, usageRefusal(e.code, usageError, lang), json);
      return 2;
    }
    refuse(io, errorOf(e, lang), json);
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
function usageRefusal(code: string, commanderText: string, lang: Lang): { id: string; message: string } {
  const id = USAGE_IDS[code];
  if (!id) return { id: code, message: commanderText };
  const name = /'([^']+)'/.exec(commanderText)?.[1] ?? "";
  return { id, message: t(lang, id, { name }) };
}
