// Issue 10: one workbook as every producer writes it, in every format, reads as
// the same records with the same findings at the same cells.
//
// The LibreOffice and openpyxl files under test/fixtures/reader/producers/ are
// committed, so CI (which has neither) reads real output of both. Where the
// tools are installed the same files are also made afresh and compared;
//   CAPEXIT_WRITE_FIXTURES=1 npx vitest run test/read-producers.test.ts
// writes them anew after producersCase() changes.
import * as XLSX from "@e965/xlsx";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { readWorkbook } from "../src/read/workbook.js";
import { validate } from "../src/rules/run.js";
import { run } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";
import { modelJson, PRODUCERS_FINDINGS, producersCase, writeByHand, writeWithExceljs, type HandOptions, type ModelSheet } from "./support/workbook-model.js";

const FIXTURES = join(ROOT, "test", "fixtures", "reader", "producers");
const WRITE = process.env.CAPEXIT_WRITE_FIXTURES === "1";
const PYTHON = "/usr/bin/python3";
const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
const hasOpenpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import openpyxl"]).status === 0;

let plan: Plan;
let baseline: Judged;

interface Judged {
  records: string;
  findings: string[];
}

/** What validate makes of a file: its records and where its findings stand. */
async function judge(data: Uint8Array, file: string): Promise<Judged> {
  const read = await readWorkbook(data, file);
  const v = validate(read.records, read.findings, plan);
  return {
    records: JSON.stringify(read.records.map((r) => r.record)),
    findings: v.findings.map((f) => `${f.rule}@${f.location.sheet}!${f.location.cell}`).sort(),
  };
}

/** SheetJS writing the model: the library many web systems export .xls and .ods with. */
function writeWithSheetJs(sheets: readonly ModelSheet[], bookType: "xls" | "ods" | "xlsx"): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        maxC = Math.max(maxC, c);
        const ref = XLSX.utils.encode_cell({ r, c });
        if (typeof cell === "string") ws[ref] = { t: "s", v: cell };
        else if (typeof cell === "number") ws[ref] = { t: "n", v: cell };
        else if (typeof cell === "boolean") ws[ref] = { t: "b", v: cell };
        else if ("date" in cell) ws[ref] = { t: "n", v: (Date.parse(`${cell.date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000, z: "yyyy-mm-dd" };
        else if ("formula" in cell) ws[ref] = { t: "n", v: cell.result, f: cell.formula };
        else ws[ref] = { t: "e", v: cell.error === "#N/A" ? 0x2a : 0x07 };
      }),
    );
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: s.rows.length - 1, c: maxC } });
    ws["!merges"] = (s.merges ?? []).map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ name: s.name, Hidden: s.state === "hidden" ? 1 : s.state === "veryHidden" ? 2 : 0 })) };
  return new Uint8Array(XLSX.write(wb, { bookType, type: "buffer" }) as Buffer);
}

/** LibreOffice converting a file, in a profile of its own (never another LibreOffice that is running). */
async function libreOffice(source: string, to: string, outDir: string): Promise<Uint8Array> {
  const profile = tempDir("capexit-lo-");
  const r = await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, source], { timeout: 180_000 });
  const out = join(outDir, source.replace(/^.*\//, "").replace(/\.[^.]+$/, `.${to.split(":")[0]}`));
  if (r.code !== 0 || !existsSync(out)) throw new Error(`soffice failed: ${r.stderr}`);
  return readFileSync(out);
}

function fixture(name: string): Uint8Array {
  return readFileSync(join(FIXTURES, name));
}

function keep(name: string, data: Uint8Array) {
  if (!WRITE) return;
  mkdirSync(FIXTURES, { recursive: true });
  writeFileSync(join(FIXTURES, name), data);
}

beforeAll(async () => {
  plan = await loadPlan();
  baseline = await judge(await writeWithExceljs(producersCase()), "exceljs.xlsx");
});

describe("the producers' case written by exceljs", () => {
  it("gives its planted findings at their cells", () => {
    expect(baseline.findings).toEqual([...PRODUCERS_FINDINGS].sort());
  });
  it("reads dates, cached formula values, merged cells and the hidden sheet's rows", () => {
    const records = JSON.parse(baseline.records) as { enterprise: { name: string; foundedOn?: string }; assets?: { total?: number }; equipment?: { name: string }[]; acceptance?: { lines?: unknown[]; county?: { signedOn?: string } } }[];
    expect(records.map((r) => r.enterprise.name)).toEqual(["随县甲水泥厂", "随县乙砖厂", "随县丙铸造厂"]);
    expect(records[0]!.enterprise.foundedOn).toBe("2005-03-01");
    expect(records[0]!.assets?.total).toBe(1200);
    expect(records[0]!.equipment?.map((e) => e.name)).toEqual(["Φ2.6×13m水泥磨", "Φ2.4×10m水泥磨"]);
    expect(records[0]!.acceptance?.county?.signedOn).toBe("2024-11-28");
    expect(records[0]!.acceptance?.lines).toHaveLength(1);
  });
});

const HAND: [string, HandOptions][] = [
  ["Excel's zip order: shared strings and styles after the sheets", { order: "excel" }],
  ["shared strings before the sheets", { order: "strings-first" }],
  ["absolute relationship targets (openpyxl)", { absoluteTargets: true }],
  ["inline strings", { inlineStrings: true }],
  ["sheet parts under other names", { partName: (i) => `xl/data/annex_${i}.xml` }],
  ["single-quoted attributes", { quote: "'" }],
  ["prefixed elements (Open XML SDK)", { prefix: "x" }],
  ["the 1904 date system", { date1904: true }],
  ["a chart, an image, a chart sheet, a very hidden sheet and defined names", { extras: true }],
  ["stored parts, no compression", { store: true }],
  ["everything at once", { order: "excel", absoluteTargets: true, inlineStrings: true, partName: (i) => `xl/ws/s${i}.xml`, quote: "'", prefix: "x", date1904: true, extras: true }],
];

describe("hand-made packages: writers we do not have", () => {
  it.each(HAND)("%s", async (_, opts) => {
    expect(await judge(await writeByHand(producersCase(), opts), "hand.xlsx")).toEqual(baseline);
  });
});

describe("SheetJS-written files", () => {
  it.each(["xls", "xlsx"] as const)(".%s", async (bookType) => {
    expect(await judge(writeWithSheetJs(producersCase(), bookType), `sheetjs.${bookType}`)).toEqual(baseline);
  });
  it(".ods, whose writer keeps no error cells and no hidden state", async () => {
    const got = await judge(writeWithSheetJs(producersCase(), "ods"), "sheetjs.ods");
    expect(got.records).toEqual(baseline.records);
    expect(got.findings).toEqual(baseline.findings.filter((f) => !f.startsWith("cell-error@") && !f.startsWith("sheet-hidden@")));
  });
});

describe("committed files of LibreOffice and openpyxl", () => {
  it.each(["libreoffice.xls", "libreoffice.ods", "libreoffice.xlsx", "openpyxl.xlsx"])("%s", async (name) => {
    expect(await judge(fixture(name), name)).toEqual(baseline);
  });
});

describe.skipIf(!hasSoffice)("LibreOffice converting the exceljs file now", () => {
  let dir: string;
  let source: string;
  beforeAll(async () => {
    dir = tempDir("capexit-lo-out-");
    source = join(dir, "producers.xlsx");
    writeFileSync(source, await writeWithExceljs(producersCase()));
  });
  it.each([
    ["xls", "libreoffice.xls"],
    ["ods", "libreoffice.ods"],
    ["xlsx:Calc MS Excel 2007 XML", "libreoffice.xlsx"],
  ])("to %s", async (to, name) => {
    const data = await libreOffice(source, to, join(dir, name.replace(".", "-")));
    keep(name, data);
    expect(await judge(data, name)).toEqual(baseline);
  });
});

describe.skipIf(!hasOpenpyxl)("openpyxl writing the model now", () => {
  it("writes a workbook read the same", async () => {
    const dir = tempDir("capexit-openpyxl-");
    writeFileSync(join(dir, "model.json"), modelJson(producersCase()));
    const out = join(dir, "openpyxl.xlsx");
    const r = await run(PYTHON, [join(ROOT, "test", "fixtures", "reader", "openpyxl-write.py"), join(dir, "model.json"), out]);
    expect(r.stderr).toBe("");
    const data = readFileSync(out);
    keep("openpyxl.xlsx", data);
    expect(await judge(data, "openpyxl.xlsx")).toEqual(baseline);
  });
});
