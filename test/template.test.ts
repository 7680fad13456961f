// The blank workbook: its layout comes from record contract §2, its checks from the field
// kinds, and a template filled in as a clerk would validates cleanly.
import ExcelJS from "exceljs";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fieldMeta } from "../src/model/fields.js";
import { getPath } from "../src/model/paths.js";
import type { EnterpriseRecord } from "../src/model/record.js";
import { JOIN_PATH, SHEETS, type SheetSpec } from "../src/model/sheets.js";
import { loadPlan } from "../src/plan/load.js";
import { parsePlan } from "../src/plan/load.js";
import { buildTemplate } from "../src/template/build.js";
import { DATA_ROWS, FIRST_DATA_ROW, GUIDE_SHEET, HEADER_ROW } from "../src/template/layout.js";
import { templateMessages } from "../src/template/messages.js";
import { sampleRecords } from "./support/records.js";
import { capexit, tempDir } from "./support/run.js";

async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

type Validations = Record<string, ExcelJS.DataValidation | undefined>;
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model;
const noteText = (note: ExcelJS.Cell["note"]) => (typeof note === "string" ? note : (note?.texts ?? []).map((r) => r.text).join(""));
const letter = (n: number) => (n <= 26 ? String.fromCharCode(64 + n) : String.fromCharCode(64 + Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

describe("template layout", async () => {
  const plan = await loadPlan();
  const wb = await load(await buildTemplate({ plan, lang: "zh-CN" }));

  it("has the guide first, then the four sheets of record contract §2 in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([GUIDE_SHEET, ...SHEETS.map((s) => s.name)]);
    expect(wb.worksheets.every((w) => w.state === "visible")).toBe(true);
  });

  it("explains, on the guide sheet, which plan it follows and which units to pick", () => {
    const text = wb.getWorksheet(GUIDE_SHEET)!.getColumn(1).values.filter((v) => typeof v === "string").join("\n");
    expect(text).toContain(plan.documentNo);
    for (const u of plan.units) expect(text).toContain(u.name);
  });

  describe.each(SHEETS.map((s) => [s.name, s] as [string, SheetSpec]))("%s", (_name, spec) => {
    const ws = wb.getWorksheet(spec.name)!;

    it("carries the exact labels in the header row, a title above it, and frozen panes", () => {
      const labels = spec.columns.map((_, i) => ws.getRow(HEADER_ROW).getCell(i + 1).value);
      expect(labels).toEqual(spec.columns.map((c) => c.label));
      expect(ws.getRow(HEADER_ROW).getCell(spec.columns.length + 1).value).toBeNull();
      expect(String(ws.getCell("A1").value)).toMatch(/\S/);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
      expect((ws.views[0] as { xSplit: number }).xSplit).toBeGreaterThanOrEqual(1);
    });

    it("notes every header cell with what to enter, and the unit where there is one", () => {
      spec.columns.forEach((col, i) => {
        const meta = fieldMeta(col.path)!;
        const text = noteText(ws.getRow(HEADER_ROW).getCell(i + 1).note);
        expect(text.startsWith(col.label), col.label).toBe(true);
        expect(text.length, col.label).toBeGreaterThan(col.label.length + 4);
        if (meta.unit) expect(text, col.label).toContain(meta.unit);
        if (meta.required) expect(text, col.label).toContain("必填");
      });
    });

    it("checks the data rows by the kind of each column, and formats dates and codes", () => {
      const dv = validations(ws);
      spec.columns.forEach((col, i) => {
        const meta = fieldMeta(col.path)!;
        const first = dv[`${letter(i + 1)}${FIRST_DATA_ROW}`];
        const last = dv[`${letter(i + 1)}${FIRST_DATA_ROW + DATA_ROWS - 1}`];
        const header = dv[`${letter(i + 1)}${HEADER_ROW}`];
        expect(header, col.label).toBeUndefined();
        const expected: Partial<ExcelJS.DataValidation> | undefined = {
          county: { type: "list" as const, formulae: [`"${plan.units.map((u) => u.name).join(",")}"`] },
          yesNo: { type: "list" as const, formulae: ['"是,否"'] },
          passed: { type: "list" as const, formulae: ['"通过,不通过"'] },
          count: { type: "whole" as const, operator: "greaterThanOrEqual" as const, formulae: [0] },
          amount: { type: "decimal" as const, operator: "greaterThanOrEqual" as const, formulae: [0] },
          uscc: { type: "textLength" as const, formulae: [18] },
        }[meta.kind as string];
        if (expected) {
          expect(first, col.label).toMatchObject(expected);
          expect(last, col.label).toMatchObject(expected);
        } else if (meta.kind === "date") {
          expect(first?.type, col.label).toBe("date");
          expect(first?.errorStyle, col.label).toBe("warning"); // dates typed as text are read too
        } else {
          expect(first, col.label).toBeUndefined();
        }
        const fmt = ws.getCell(`${letter(i + 1)}${FIRST_DATA_ROW + 7}`).numFmt;
        if (meta.kind === "date") expect(fmt, col.label).toBe("yyyy-mm-dd");
        if (["uscc", "orgCode", "taxNo", "phone", "mobile", "partialDate"].includes(meta.kind)) expect(fmt, col.label).toBe("@");
        expect(ws.getColumn(i + 1).width, col.label).toBeGreaterThanOrEqual(8);
      });
    });
  });

  it("points the join column of item sheets at the sheet it joins", () => {
    for (const spec of SHEETS.filter((s) => s.kind === "items")) {
      const col = spec.columns.findIndex((c) => c.path === JOIN_PATH) + 1;
      expect(noteText(wb.getWorksheet(spec.name)!.getRow(HEADER_ROW).getCell(col).note)).toContain(spec.joinsTo!);
    }
  });
});

describe("template options", () => {
  const base = readFileSync(new URL("../templates/plans/suizhou-2024.yaml", import.meta.url), "utf8");

  it("takes the 县市区 drop-down from the plan given", async () => {
    const plan = parsePlan(base.replace(/units:[\s\S]*$/, "units:\n  - name: 甲县\n  - name: 乙区\n"), "p.yaml");
    const ws = (await load(await buildTemplate({ plan, lang: "zh-CN" }))).getWorksheet("附表1")!;
    expect(validations(ws)[`A${FIRST_DATA_ROW}`]?.formulae).toEqual(['"甲县,乙区"']);
  });

  it("moves a long unit list to a hidden sheet rather than break Excel's 255-character limit", async () => {
    const units = Array.from({ length: 40 }, (_, i) => `  - name: 示例第${i + 1}经济技术开发区`).join("\n");
    const plan = parsePlan(base.replace(/units:[\s\S]*$/, `units:\n${units}\n`), "p.yaml");
    const wb = await load(await buildTemplate({ plan, lang: "zh-CN" }));
    const lists = wb.worksheets.find((w) => w.state === "veryHidden")!;
    expect(lists.getCell("A40").value).toBe("示例第40经济技术开发区");
    expect(validations(wb.getWorksheet("附表1")!)[`A${FIRST_DATA_ROW}`]?.formulae?.[0]).toMatch(/^'.+'!\$A\$1:\$A\$40$/);
  });

  it("writes notes and the guide in English with --lang en, labels unchanged", async () => {
    const wb = await load(await buildTemplate({ plan: await loadPlan(), lang: "en" }));
    const ws = wb.getWorksheet("附表1")!;
    expect(ws.getRow(HEADER_ROW).getCell(1).value).toBe("县市区");
    expect(noteText(ws.getRow(HEADER_ROW).getCell(1).note)).toContain("Pick your unit");
  });

  it("has every message in both languages", () => {
    expect(Object.keys(templateMessages.en).sort()).toEqual(Object.keys(templateMessages["zh-CN"]).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(templateMessages["zh-CN"])) expect([key, holes(templateMessages.en[key]!)]).toEqual([key, holes(zh)]);
  });
});

// ---------------------------------------------------------------- end to end

/** A record's value as a clerk types it into the template. */
function typed(value: unknown, path: string, n: number): ExcelJS.CellValue {
  const meta = fieldMeta(path)!;
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return meta.kind === "passed" ? (value ? "通过" : "不通过") : value ? "是" : "否";
  if (meta.kind === "date" && typeof value === "string") {
    // most clerks pick a date cell; some type it in Chinese
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    return n % 3 === 2 ? `${y}年${m}月${d}日` : new Date(Date.UTC(y, m - 1, d));
  }
  return value as ExcelJS.CellValue;
}

function fill(wb: ExcelJS.Workbook, records: EnterpriseRecord[]) {
  const next = new Map<string, number>(SHEETS.map((s) => [s.name, FIRST_DATA_ROW]));
  const put = (spec: SheetSpec, values: (path: string) => unknown) => {
    const ws = wb.getWorksheet(spec.name)!;
    const r = next.get(spec.name)!;
    spec.columns.forEach((col, i) => {
      ws.getCell(r, i + 1).value = typed(values(col.path), col.path, r);
    });
    next.set(spec.name, r + 1);
  };
  for (const rec of records) {
    for (const spec of SHEETS) {
      if (spec.kind === "enterprise") {
        if (spec.name === "附表2" && !rec.acceptance) continue;
        put(spec, (p) => getPath(rec, p));
      } else {
        const items = (getPath(rec, spec.list!) as unknown[] | null | undefined) ?? [];
        items.forEach((_, i) => put(spec, (p) => (p === JOIN_PATH ? rec.enterprise.uscc : getPath(rec, p.replace("[]", `[${i}]`)))));
      }
    }
  }
}

describe("capexit template (end to end)", () => {
  it("writes a blank workbook that, filled in by hand, validates cleanly", async () => {
    const dir = tempDir();
    const blank = join(dir, "blank.xlsx");
    const made = capexit(["template", "-o", blank]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(blank);

    const wb = await load(readFileSync(blank));
    const records = sampleRecords();
    expect(new Set(records.map((r) => r.county)).size).toBe(4);
    fill(wb, records);
    const filled = join(dir, "filled.xlsx");
    writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));

    const r = capexit(["validate", filled, "--format", "json"]);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.records).toBe(records.length);
  });

  it("goes the whole round trip: blank → filled with a mistake → marked copy that keeps the template's aids", async () => {
    const dir = tempDir();
    const blank = join(dir, "blank.xlsx");
    expect(capexit(["template", "-o", blank]).code).toBe(0);
    const wb = await load(readFileSync(blank));
    const records = sampleRecords().slice(0, 3);
    records[1]!.staff = { ...records[1]!.staff, contract: 999 }; // more contract staff than staff on duty
    fill(wb, records);
    const filled = join(dir, "随县.xlsx");
    writeFileSync(filled, new Uint8Array(await wb.xlsx.writeBuffer()));

    const marked = join(dir, "随县-标注.xlsx");
    const r = capexit(["validate", filled, "--annotate", marked, "--format", "json"]);
    expect(r.code).toBe(1);
    const [finding] = JSON.parse(r.stdout).findings;
    expect(finding).toMatchObject({ rule: "staff-contract", sheet: "附表1", row: FIRST_DATA_ROW + 1 });

    const copy = await load(readFileSync(marked));
    const ws = copy.getWorksheet("附表1")!;
    expect(noteText(ws.getCell(finding.cell).note)).toContain(finding.message);
    // the template's drop-downs, header notes and frozen panes survive the marking
    expect(validations(ws)[`A${FIRST_DATA_ROW + 100}`]?.type).toBe("list");
    expect(noteText(ws.getRow(HEADER_ROW).getCell(1).note)).toBe(noteText(wb.getWorksheet("附表1")!.getRow(HEADER_ROW).getCell(1).note));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    expect(copy.worksheets.map((w) => w.name)).toEqual([GUIDE_SHEET, ...SHEETS.map((s) => s.name), "校验结果"]);
  });

  it("never overwrites without --force, and writes only .xlsx", () => {
    const dir = tempDir();
    const out = join(dir, "t.xlsx");
    writeFileSync(out, "mine");
    const refused = capexit(["template", "-o", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(out, "utf8")).toBe("mine");
    expect(capexit(["template", "-o", out, "--force"]).code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(10_000);
    const txt = capexit(["template", "-o", join(dir, "t.txt")]);
    expect(txt.code).toBe(2);
    expect(existsSync(join(dir, "t.txt"))).toBe(false);
  });

  it("names the file itself when -o is not given", () => {
    const dir = tempDir();
    expect(capexit(["template"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "淘汰落后产能填报表.xlsx"))).toBe(true);
  });
});
