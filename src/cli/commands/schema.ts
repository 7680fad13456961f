import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, helpText, langOf, type CliState, type CommonOptions } from "../common.js";

interface SchemaOptions extends CommonOptions {
  output?: string;
}

export function register(program: Command, state: CliState): void {
  const { w, flag } = helpText(state);
  program
    .command("schema")
    .description(w("help.schema"))
    .option(flag("-o, --output", "dir"), w("help.schema.output"))
    .option("--force", w("help.schema.force"))
    .action(
      action(state, async (_opts: SchemaOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals() as SchemaOptions;
        const lang = langOf(opts);
        const { join } = await import("node:path");
        const { assertWritable, writeFileAtomic } = await import("../../util/write.js");
        const { schemaFiles } = await import("../../schema/json-schema.js");
        const files = schemaFiles().map((f) => ({ ...f, path: join(opts.output ?? ".", f.name) }));
        // refuse before writing anything, so a refusal leaves no half-written set
        for (const f of files) await assertWritable(f.path, opts);
        for (const f of files) {
          await writeFileAtomic(f.path, f.text, opts);
          state.io.stdout.write(`${t(lang, "schema-written", { file: f.path })}\n`);
        }
        return 0;
      }),
    );
}
