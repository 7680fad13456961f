import type { Command } from "commander";
import { action, formatOf, langOf, planFrom, type CliState, type CommonOptions } from "../common.js";

interface ValidateOptions extends CommonOptions {
  annotate?: string;
}

export function register(program: Command, state: CliState): void {
  program
    .command("validate")
    .description("校验填报的表格或 YAML 文件，逐格指出错误")
    .argument("<files...>", ".xlsx / .yaml 文件或文件夹")
    .option("--format <format>", "human（默认）或 json")
    .option("--plan <file>", "工作方案文件（默认：随州2024）")
    .action(
      action(state, async (files: string[], _opts: ValidateOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as ValidateOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const plan = await planFrom(opts);
        const { loadInputs } = await import("../../read/inputs.js");
        const { validate } = await import("../../rules/run.js");
        const input = await loadInputs(files);
        const result = validate(input.records, input.findings, plan);
        if (format === "json") {
          const { formatValidationJson } = await import("../../report/validate-json.js");
          state.io.stdout.write(formatValidationJson(result, lang));
        } else {
          const { formatValidationHuman } = await import("../../report/validate-human.js");
          const { paintFor } = await import("../../report/paint.js");
          state.io.stdout.write(formatValidationHuman(result, lang, await paintFor(state.io.stdout)));
        }
        return result.errors > 0 ? 1 : 0;
      }),
    );
}
