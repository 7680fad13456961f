import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, formatOf, langOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface ValidateOptions extends CommonOptions {
  annotate?: string;
}

export function register(program: Command, state: CliState): void {
  program
    .command("validate")
    .description("校验填报的表格或 YAML 文件，逐格指出错误")
    .argument("<files...>", "表格（.xlsx .xls .ods .et，以附表命名的 .csv）、.yaml 文件或文件夹")
    .option("--format <format>", "human（默认）或 json")
    .option("--plan <file>", "工作方案文件（默认：随州2024）")
    .option("--annotate <file>", "另存一份标注副本（.xlsx；含宏的表格为 .xlsm）：错误标红、警告标黄、附“校验结果”工作表；原文件不动")
    .option("--force", "覆盖已存在的标注副本")
    .action(
      action(state, async (files: string[], _opts: ValidateOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as ValidateOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const plan = await planFrom(opts, state);
        const annotate = opts.annotate
          ? await (await import("../../annotate/write.js")).prepareAnnotate(files, opts.annotate, Boolean(opts.force))
          : null;
        const { loadInputs } = await import("../../read/inputs.js");
        const { validate } = await import("../../rules/run.js");
        const input = await recordsFor(await loadInputs(files), plan);
        const result = validate(input.records, input.findings, plan);
        if (format === "json") {
          const { formatValidationJson } = await import("../../report/validate-json.js");
          state.io.stdout.write(formatValidationJson(result, lang));
        } else {
          const { formatValidationHuman } = await import("../../report/validate-human.js");
          const { paintFor } = await import("../../report/paint.js");
          state.io.stdout.write(formatValidationHuman(result, lang, await paintFor(state.io.stdout)));
        }
        if (annotate) {
          const { writeAnnotated } = await import("../../annotate/write.js");
          const { rebuilt } = await writeAnnotated(annotate, result, lang, Boolean(opts.force));
          if (rebuilt) state.io.stderr.write(`${t(lang, "annotate-rebuilt", { file: annotate.file, format: annotate.format })}\n`);
          if (format !== "json") state.io.stdout.write(`${t(lang, "annotate-written", { file: annotate.output })}\n`);
        }
        return result.errors > 0 ? 1 : 0;
      }),
    );
}
