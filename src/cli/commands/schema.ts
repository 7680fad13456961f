import type { Command } from "commander";
import { t } from "../../i18n/index.js";
import { action, langOf, type CliState, type CommonOptions } from "../common.js";

interface SchemaOptions extends CommonOptions {
  output?: string;
}

export function register(program: Command, state: CliState): void {
  program
    .command("schema")
    .description("写出记录和工作方案的 JSON Schema，供编辑器补全和检查 YAML")
    .option("-o, --output <dir>", "输出文件夹（默认：当前文件夹）")
    .option("--force", "覆盖已存在的文件")
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
