// Reading stays light: commands that only read never import exceljs (about
// 170 ms before any work), and `--help` imports no spreadsheet library at all.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "./support/run.js";

const TRACE = join(ROOT, "test", "support", "import-trace.mjs");
const EXAMPLE = join(ROOT, "examples", "随州市2024.xlsx");

/** The modules a run of the binary imported, as package names or dist paths. */
function imported(args: string[]): string[] {
  const file = join(tempDir(), "trace.txt");
  const r = spawnSync(process.execPath, ["--import", TRACE, BIN, ...args], { encoding: "utf8", env: { ...process.env, CAPEXIT_IMPORT_TRACE: file } });
  expect(r.status, r.stderr).toBeLessThanOrEqual(1);
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
}
const loads = (trace: string[], pkg: string) => trace.some((url) => url.includes(`/node_modules/${pkg}/`));

describe("what a command imports", () => {
  it("validate reads with SheetJS and never imports exceljs or pdf-lib", () => {
    for (const input of [EXAMPLE, join(ROOT, "examples", "随州市2024.xls"), join(ROOT, "examples", "随州市2024.ods")]) {
      const trace = imported(["validate", input, "--format", "json"]);
      expect(loads(trace, "@e965/xlsx")).toBe(true);
      expect(loads(trace, "exceljs")).toBe(false);
      expect(loads(trace, "pdf-lib")).toBe(false);
    }
  });

  it("check and summarize to the terminal do not import exceljs either", () => {
    expect(loads(imported(["check", EXAMPLE, "--as-of", "2024-11-20"]), "exceljs")).toBe(false);
    expect(loads(imported(["summarize", EXAMPLE, "--as-of", "2024-12-31"]), "exceljs")).toBe(false);
  });

  it("validate --annotate does import exceljs, to write the marked copy (the trace sees it)", () => {
    const out = join(tempDir(), "标注.xlsx");
    expect(loads(imported(["validate", EXAMPLE, "--annotate", out]), "exceljs")).toBe(true);
  });

  it("--help imports no spreadsheet library", () => {
    const trace = imported(["--help"]);
    expect(trace.length).toBeGreaterThan(0);
    expect(loads(trace, "@e965/xlsx")).toBe(false);
    expect(loads(trace, "exceljs")).toBe(false);
  });
});
