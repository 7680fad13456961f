import type { Command } from "commander";
import { extname } from "node:path";
import { t } from "../../i18n/index.js";
import { UserError } from "../../util/errors.js";
import { action, formatOf, helpText, inputsOf, langOf, planFrom, recordsFor, type CliState, type CommonOptions } from "../common.js";

interface CollectOptions extends CommonOptions {
  output?: string;
}

type Kind = "xlsx" | "yaml" | "json";
const KINDS: Record<string, Kind> = { ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml", ".json": "json" };

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  inputsOf(program.command("collect").description(w("help.collect")), state, "help.collect.inputs")
    .option(flag("-o, --output", "file"), w("help.collect.output"))
    .option(flag("--format", "format"), w("help.collect.format"))
    .option(flag("--plan", "file"), w("help.plan"))
    .option("--force", w("help.collect.force"))
    .action(
      action(state, async (files: string[], _opts: CollectOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as CollectOptions;
        const lang = langOf(opts);
        const format = formatOf(opts);
        const output = opts.output;
        if (!output) throw new UserError("collect-no-output");
        const kind = KINDS[extname(output).toLowerCase()];
        if (!kind) throw new UserError("collect-output-type", { file: output });
        const { assertWritable, refuseOverInput, writeFileAtomic } = await import("../../util/write.js");
        await assertWritable(output, opts);

        const plan = await planFrom(opts, state);
        const { loadInputs } = await import("../../read/inputs.js");
        const input = await recordsFor(await loadInputs(files, { recursive: opts.recursive === true }), plan);
        await refuseOverInput([output], input.files, "collect-output-is-input");
        if (input.records.length === 0) throw new UserError("collect-no-records");

        const { validate } = await import("../../rules/run.js");
        const result = validate(input.records, input.findings, plan);
        const { collectRecord } = await import("../../collect/records.js");
        const collected = input.records.map(collectRecord);
        let bytes: Uint8Array | string;
        if (kind === "json") {
          const { collectJson } = await import("../../collect/write.js");
          bytes = collectJson(collected);
        } else if (kind === "yaml") {
          const { collectYaml } = await import("../../collect/write.js");
          const { schemaFrom } = await import("../../collect/paths.js");
          bytes = collectYaml(collected, schemaFrom(output));
        } else {
          const { collectWorkbook } = await import("../../collect/write.js");
          const typed = input.records.map((r) => new Map([...r.unreadable].flatMap((p) => (r.typed.has(p) ? [[p, r.typed.get(p)!] as const] : []))));
          bytes = await collectWorkbook(collected, typed);
        }
        await writeFileAtomic(output, bytes, opts);
        // the report once the file is written: a failed write is the one JSON document on stdout
        if (format === "json") {
          const { formatValidationJson } = await import("../../report/validate-json.js");
          state.io.stdout.write(formatValidationJson(result, lang));
        } else {
          const { formatValidationHuman } = await import("../../report/validate-human.js");
          const { paintFor } = await import("../../report/paint.js");
          state.io.stdout.write(formatValidationHuman(result, lang, await paintFor(state.io.stdout)));
        }
        const done = t(lang, "collect-written", { file: output, records: collected.length, files: input.files.length });
        (format === "json" ? state.io.stderr : state.io.stdout).write(`${done}\n`);
        return result.errors > 0 ? 1 : 0;
      }),
    );
}
