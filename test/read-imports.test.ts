// Reading stays light: commands that only read never import exceljs (about
// 170 ms before any work), and `--help` imports no spreadsheet library at all.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./support/run-async.js";
import { BIN, ROOT, tempDir } from "./support/run.js";

const TRACE = join(ROOT, "test", "support", "import-trace.mjs");
const EXAMPLE = join(ROOT, "examples", "随州市2024.xlsx");

/** The modules a run of the binary imported, as package names or dist paths. */
async function imported(args: string[]): Promise<string[]> {
  const file = join(tempDir(), "trace.txt");
  const r = await run(process.execPath, ["--import", TRACE, BIN, ...args], { env: { CAPEXIT_IMPORT_TRACE: file } });
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
}
const loads = (trace: string[], pkg: string) => trace.some((url) => url.includes(`/node_modules/${pkg}/`));

describe("what a command imports", () => {
  it("validate reads with SheetJS and never imports exceljs or pdf-lib", async () => {
    for (const input of [EXAMPLE, join(ROOT, "examples", "随州市2024.xls"), join(ROOT, "examples", "随州市2024.ods")]) {
      const trace = await imported(["validate", input, "--format", "json"]);
      expect(loads(trace, "@e965/xlsx")).toBe(true);
      expect(loads(trace, "exceljs")).toBe(false);
      expect(loads(trace, "pdf-lib")).toBe(false);
    }
  });

  it("check and summarize to the terminal do not import exceljs either", async () => {
    expect(loads(await imported(["check", EXAMPLE, "--as-of", "2024-11-20"]), "exceljs")).toBe(false);
    expect(loads(await imported(["summarize", EXAMPLE, "--as-of", "2024-12-31"]), "exceljs")).toBe(false);
  });

  it("validate --annotate edits an .xlsx package without exceljs, and builds a .xls's copy with it (the trace sees it)", async () => {
    expect(loads(await imported(["validate", EXAMPLE, "--annotate", join(tempDir(), "标注.xlsx")]), "exceljs")).toBe(false);
    const xls = EXAMPLE.replace(/\.xlsx$/, ".xls");
    expect(loads(await imported(["validate", xls, "--annotate", join(tempDir(), "标注.xlsx")]), "exceljs")).toBe(true);
  });

  it("--help imports no spreadsheet library", async () => {
    const trace = await imported(["--help"]);
    expect(trace.length).toBeGreaterThan(0);
    expect(loads(trace, "@e965/xlsx")).toBe(false);
    expect(loads(trace, "exceljs")).toBe(false);
  });
});
