import type { Command } from "commander";
import type { Lang } from "../../i18n/index.js";
import { UserError } from "../../util/errors.js";
import { action, asOfFor, formatOf, helpText, inputsOf, langOf, parseAsOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface CheckOptions extends CommonOptions {
  asOf?: string;
  warnDays?: string;
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  inputsOf(program.command("check").description(w("help.check")), state)
    .option(flag("--as-of", "date"), w("help.check.as-of"))
    .option(flag("--warn-days", "n"), w("help.check.warn-days"))
    .option(flag("--format", "format"), w("help.format"))
    .option(flag("--plan", "file"), w("help.plan"))
    .action(
      action(state, async (files: string[], _opts: CheckOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as CheckOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const { checkText } = await import("../../report/check-human.js");
        const given = await parseAsOf(opts.asOf);
        const warnDays = warnDaysFrom(opts.warnDays, lang, checkText);
        const plan = await planFrom(opts, state);
        if (!plan.deadlines?.some((d) => d.milestone)) {
          throw new UserError("plan-invalid", { file: opts.plan ?? plan.id, detail: checkText(lang, "plan-no-deadlines", { file: opts.plan ?? plan.id }) });
        }
        const { loadInputs } = await import("../../read/inputs.js");
        const { validate } = await import("../../rules/run.js");
        const { checkRecords } = await import("../../plan/check.js");
        const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
        const asOf = await asOfFor(given, plan, state, lang);
        const validation = validate(input.records, input.findings, plan);
        const result = checkRecords(input.records, plan, { asOf, warnDays, findings: validation.findings });
        if (format === "json") {
          const { formatCheckJson } = await import("../../report/check-json.js");
          state.io.stdout.write(formatCheckJson(result));
        } else {
          const { formatCheckHuman } = await import("../../report/check-human.js");
          const { paintFor } = await import("../../report/paint.js");
          state.io.stdout.write(formatCheckHuman(result, plan, lang, await paintFor(state.io.stdout)));
        }
        return result.behind ? 1 : 0;
      }),
    );
}

type Words = (lang: Lang, id: string, data?: Record<string, string | number>) => string;

function warnDaysFrom(value: string | undefined, lang: Lang, words: Words): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n > 366) {
    throw new UserError("bad-option", { option: "--warn-days", value, detail: words(lang, "warn-days-invalid") });
  }
  return n;
}
