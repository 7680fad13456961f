// The thin CLI: commander wiring only. Each command's body is imported when it runs.
import { Command, CommanderError } from "commander";
import { parseLang, t } from "../i18n/index.js";
import type { CliIO, CliState } from "./common.js";
import { register as registerValidate } from "./commands/validate.js";
import { register as registerTemplate } from "./commands/template.js";
import { register as registerSchema } from "./commands/schema.js";
import { register as registerCheck } from "./commands/check.js";
import { register as registerSummarize } from "./commands/summarize.js";
import { register as registerRender } from "./commands/render.js";

const VERSION = "0.1.0";

export async function run(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const state: CliState = { io, exitCode: 0 };
  const program = new Command("capexit")
    .description("依法依规推动落后产能退出：表格校验、进度检查、表格打印、年度汇总")
    .version(VERSION, "-V, --version")
    .option("--lang <lang>", "zh-CN（默认）或 en")
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`capexit: ${s.replace(/^error: /, "")}`),
    })
    .exitOverride();

  registerValidate(program, state);
  registerTemplate(program, state);
  registerSchema(program, state);
  registerCheck(program, state);
  registerSummarize(program, state);
  registerRender(program, state);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0
      return e.exitCode === 0 ? 0 : 2;
    }
    io.stderr.write(`capexit: ${t(parseLang(process.env.CAPEXIT_LANG), "internal-error", { detail: String(e) })}\n`);
    return 2;
  }
  return state.exitCode;
}
