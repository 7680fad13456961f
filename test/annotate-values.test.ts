// .xls, .ods and .csv cannot be edited in place: their marked copy is a new
// .xlsx built from their values, sheet for sheet at the same cell addresses,
// then marked like any workbook. Their values come from the reader's adapter
// through `plainSheetsOf` (src/annotate/plain-sheets.ts).
import * as XLSX from "@e965/xlsx";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotateWorkbook, FILL } from "../src/annotate/annotate.js";
import { freshWorkbook } from "../src/annotate/fresh.js";
import { plainSheetsOf } from "../src/annotate/plain-sheets.js";
import { annotateMessages } from "../src/annotate/messages.js";
import { loadPlan } from "../src/plan/load.js";
import { loadInputs } from "../src/read/inputs.js";
import { validate, type Validation } from "../src/rules/run.js";
import { FAULTY } from "./fixtures/annotate/clerk-exceljs.js";
import { marksOf, partsOf, resultRows } from "./support/package.js";
import { capexit, tempDir } from "./support/run.js";

const MARK = annotateMessages["zh-CN"].mark!;

/** The faulty example saved as another format by SheetJS (a CSV holds 附表1 only). */
function saveAs(bookType: "xls" | "ods" | "csv"): Uint8Array {
  const wb = XLSX.read(readFileSync(FAULTY), { type: "buffer", cellDates: true });
  if (bookType === "csv") return Buffer.from("\ufeff" + XLSX.utils.sheet_to_csv(wb.Sheets["附表1"]!), "utf8");
  return XLSX.write(wb, { bookType, type: "buffer" }) as Buffer;
}

/** What the values of each sheet are, as text, by address. */
function texts(bytes: Uint8Array, csv = false): Map<string, string> {
  const wb = csv ? XLSX.read(new TextDecoder().decode(bytes), { type: "string", raw: true }) : XLSX.read(bytes, { type: "buffer", cellDates: true });
  const out = new Map<string, string>();
  for (const name of wb.SheetNames) {
    for (const [addr, c] of Object.entries(wb.Sheets[name]!)) {
      if (addr.startsWith("!")) continue;
      const cell = c as XLSX.CellObject;
      if (cell.v === undefined || cell.v === "") continue;
      out.set(`${csv ? "附表1" : name}!${addr}`, cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v));
    }
  }
  return out;
}

describe.each([
  ["xls", "表格.xls"],
  ["ods", "表格.ods"],
  ["csv", "附表1.csv"],
] as const)("the marked copy of a .%s file", (kind, name) => {
  const dir = tempDir();
  let source: Uint8Array;
  let fresh: Uint8Array;
  let result: Validation;
  let marked: Uint8Array;

  beforeAll(async () => {
    source = saveAs(kind);
    writeFileSync(join(dir, name), source);
    fresh = await freshWorkbook(await plainSheetsOf(source, name));
    // the findings the reader gives for the same sheets and cells (read here from the new workbook)
    writeFileSync(join(dir, "values.xlsx"), fresh);
    const input = await loadInputs([join(dir, "values.xlsx")]);
    result = validate(input.records, input.findings, await loadPlan());
    marked = await annotateWorkbook(fresh, result, { lang: "zh-CN", file: name });
  }, 60_000);

  it("has the sheets and values of the original at the same addresses", () => {
    const original = texts(source, kind === "csv");
    const copy = texts(fresh);
    expect(original.size).toBeGreaterThan(100);
    for (const [k, v] of original) expect(copy.get(k), k).toBe(v);
    expect([...copy.keys()].filter((k) => !original.has(k))).toEqual([]);
  });

  it("is the same bytes every time", async () => {
    expect(Buffer.from(await freshWorkbook(await plainSheetsOf(source, name))).equals(Buffer.from(fresh))).toBe(true);
  });

  it("fills and notes every finding's cell and lists every finding", async () => {
    const cells = result.findings.filter((f) => f.location.cell);
    expect(cells.length).toBeGreaterThan(kind === "csv" ? 3 : 10);
    const bySheet = new Map<string, ReturnType<typeof marksOf>>();
    for (const f of cells) {
      const sheet = f.location.sheet!;
      if (!bySheet.has(sheet)) bySheet.set(sheet, marksOf(marked, sheet));
      const m = bySheet.get(sheet)!.get(f.location.cell!);
      expect(m?.note, f.location.cell!).toContain(MARK);
      expect([FILL.error, FILL.warning], f.location.cell!).toContain(m?.fill);
    }
    expect(resultRows(await partsOf(marked), marked).map((r) => r.rule)).toEqual(result.findings.map((f) => f.rule));
  });

  it("is refused under any name but .xlsx", () => {
    const r = capexit(["validate", join(dir, name), "--annotate", join(dir, `copy.${kind}`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(".xlsx");
  });

  it("is written by validate --annotate, with a sentence on stderr", () => {
    const out = join(dir, "copy.xlsx");
    const r = capexit(["validate", join(dir, name), "--annotate", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toContain(".xlsx");
    expect(readFileSync(join(dir, name)).equals(Buffer.from(source))).toBe(true);
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});
