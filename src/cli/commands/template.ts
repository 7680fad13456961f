import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, langOf, planFrom, type CliState, type CommonOptions } from "../common.js";

interface TemplateOptions extends CommonOptions {
  output?: string;
}

export const DEFAULT_TEMPLATE_FILE = "淘汰落后产能填报表.xlsx";

export function register(program: Command, state: CliState): void {
  program
    .command("template")
    .description("生成空白填报表（.xlsx），发给各县市区填写")
    .option("-o, --output <file>", `输出文件（默认：${DEFAULT_TEMPLATE_FILE}）`)
    .option("--plan <file>", "工作方案文件（默认：随州2024），县市区下拉列表取自其中")
    .option("--force", "覆盖已存在的输出文件")
    .action(
      action(state, async (_opts: TemplateOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as TemplateOptions;
        const lang = langOf(opts);
        const file = opts.output ?? DEFAULT_TEMPLATE_FILE;
        if (!file.toLowerCase().endsWith(".xlsx")) {
          const { UserError } = await import("../../util/errors.js");
          throw new UserError("output-not-xlsx", { file });
        }
        const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
        await assertWritable(file, opts);
        const plan = await planFrom(opts);
        const { buildTemplate } = await import("../../template/build.js");
        await writeFileAtomic(file, await buildTemplate({ plan, lang }), opts);
        state.io.stdout.write(`${t(lang, "template-written", { file })}\n`);
        return 0;
      }),
    );
}
