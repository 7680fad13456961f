import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, helpText, langOf, planFrom, type CliState, type CommonOptions } from "../common.js";

interface TemplateOptions extends CommonOptions {
  output?: string;
}

export const DEFAULT_TEMPLATE_FILE = "淘汰落后产能填报表.xlsx";

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  program
    .command("template")
    .description(w("help.template"))
    .option(flag("-o, --output", "file"), w("help.template.output", { file: DEFAULT_TEMPLATE_FILE }))
    .option(flag("--plan", "file"), w("help.template.plan"))
    .option("--force", w("help.force-output"))
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
