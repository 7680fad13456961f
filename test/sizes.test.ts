// The house's size limits: a source file a reader can hold in mind (400 lines),
// and commands that only wire options to the core (120 lines).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/run.js";

const SRC = join(ROOT, "src");
const COMMANDS = join(SRC, "cli", "commands");
const MAX_LINES = 400;
const MAX_COMMAND_LINES = 120;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Lines as an editor counts them: a final newline ends the last line, it starts none. */
const lineCount = (file: string) => readFileSync(file, "utf8").replace(/\n$/, "").split("\n").length;

describe("file sizes", () => {
  it(`no file in src/ is over ${MAX_LINES} lines`, () => {
    const over = tsFiles(SRC)
      .map((f) => [relative(ROOT, f), lineCount(f)] as const)
      .filter(([, n]) => n > MAX_LINES);
    expect(over).toEqual([]);
  });

  it(`no command in src/cli/commands is over ${MAX_COMMAND_LINES} lines`, () => {
    const over = tsFiles(COMMANDS)
      .map((f) => [relative(COMMANDS, f), lineCount(f)] as const)
      .filter(([, n]) => n > MAX_COMMAND_LINES);
    expect(over).toEqual([]);
  });

  it("walks the whole of src/, subfolders included", () => {
    const files = tsFiles(SRC).map((f) => relative(SRC, f));
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join("cli", "commands", "validate.ts"));
    expect(files).toContain(join("render", "docx", "table.ts"));
  });
});
