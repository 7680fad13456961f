import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, formatOf, helpText, inputsOf, langOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface ValidateOptions extends CommonOptions {
  annotate?: string;
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  inputsOf(program.command("validate").description(w("help.validate")), state)
    .option(flag("--format", "format"), w("help.format"))
    .option(flag("--plan", "file"), w("help.plan"))
    .option(flag("--annotate", "file"), w("help.validate.annotate"))
    .option("--force", w("help.validate.force"))
    .action(
      action(state, async (files: string[], _opts: ValidateOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as ValidateOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const plan = await planFrom(opts, state);
        const annotate = opts.annotate
          ? await (await import("../../annotate/write.js")).prepareAnnotate(files, opts.annotate, Boolean(opts.force), opts.recursive === true)
          : null;
        const { loadInputs } = await import("../../read/inputs.js");
        const { validate } = await import("../../rules/run.js");
        const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
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
