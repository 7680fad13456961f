// `capexit summarize` as a user runs it: one file per unit, clerk-style
// workbooks (title rows, broken labels, dates typed several ways) and YAML.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildListWorkbook } from "../src/export/list-workbook.js";
import { expectedJson, heldOutSet, UNITS } from "./fixtures/summary/held-out.js";
import { capexit, ROOT, tempDir } from "./support/run.js";

const AS_OF = "2024-12-20";
const set = heldOutSet({ seed: 21, count: 48, asOf: AS_OF, clean: true });
let dir: string;
let inputs: string[];

beforeAll(async () => {
  dir = tempDir("capexit-summary-");
  inputs = [];
  // three units as workbooks, one as YAML; the YAML unit is the last one
  for (const unit of UNITS) {
    const mine = set.records.filter((r) => set.byUnit.get(unit) && unitOf(r) === unit);
    if (unit === "随州高新区") {
      const f = join(dir, `${unit}.yaml`);
      writeFileSync(f, stringify(mine, { lineWidth: 0 }));
      inputs.push(f);
    } else {
      const f = join(dir, `${unit}.xlsx`);
      await buildListWorkbook(mine, { titleRows: true, unit, style: "clerk" }).xlsx.writeFile(f);
      inputs.push(f);
    }
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** which unit a generated record belongs to: its USCC's division, 421300 for 高新区 */
function unitOf(r: (typeof set.records)[number]): string {
  const d = r.enterprise.uscc!.slice(2, 8);
  return { "421303": "曾都区", "421321": "随县", "421381": "广水市", "421300": "随州高新区" }[d]!;
}

describe("summarize end to end", () => {
  it("merges one file per unit and gives exactly the expected figures per unit and in 合计", () => {
    const out = join(dir, "汇总.json");
    const r = capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", out]);
    // the generated data breaks a few rules (dates out of order, standing lines not sealed): summed anyway, exit 1
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^capexit: 输入中有 \d+ 个错误/);
    expect(r.stderr).not.toMatch(/Error|at .*\.js/);
    expect(r.stdout).toContain("汇总.json");
    const json = JSON.parse(readFileSync(out, "utf8"));
    const caps = Object.keys(json.total.capacityEliminated);
    expect(new Set(caps)).toEqual(new Set(Object.keys(set.total.capacity100)));
    expect(json.asOf).toBe(AS_OF);
    expect(json.units.map((u: { county: string }) => u.county)).toEqual([...UNITS]);
    for (const u of json.units) {
      const { county, ...figures } = u;
      expect(figures, county).toEqual(expectedJson(set.byUnit.get(county)!, caps));
    }
    expect(json.total).toEqual(expectedJson(set.total, caps));
  });

  it("--format json prints the same JSON and nothing else on stdout", () => {
    const r = capexit(["summarize", ...inputs, "--as-of", AS_OF, "--format", "json"]);
    const json = JSON.parse(r.stdout);
    expect(json.total.enterprises).toBe(set.records.length);
    expect(Object.keys(json)).toEqual(["area", "plan", "asOf", "units", "total"]);
    expect([json.area, json.plan]).toEqual(["随州市", "suizhou-2024"]);
  });

  it("writes the workbook, whose 合计 shows numbers without recalculation", async () => {
    const out = join(dir, "2024年汇总.xlsx");
    const r = capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", out]);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("汇总")!;
    expect(ws.getCell("A1").value).toBe("随州市2024年淘汰落后产能工作汇总表");
    const total = ws.getCell(5 + UNITS.length, 2).value as ExcelJS.CellFormulaValue;
    expect(ws.getCell(5 + UNITS.length, 1).value).toBe("合计");
    expect(total.formula).toBe(`SUM(B5:B${4 + UNITS.length})`);
    expect(total.result).toBe(set.records.length);
    expect(wb.getWorksheet("明细")!.getCell(4 + set.records.length, 1).value).toBe(set.records.length);
  });

  it("writes Markdown, a PDF and the narrative; no -o prints the table", () => {
    const md = join(dir, "汇总.md");
    const pdf = join(dir, "汇总.pdf");
    const story = join(dir, "工作总结.md");
    expect(capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", md, "--narrative", story]).code).toBe(1);
    expect(readFileSync(md, "utf8")).toMatch(/^# 随州市2024年淘汰落后产能工作汇总表\n/);
    expect(readFileSync(story, "utf8")).toContain(`全市共列入淘汰落后产能企业${set.records.length}家`);
    expect(capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", pdf]).code).toBe(1);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const term = capexit(["summarize", ...inputs, "--as-of", AS_OF]);
    expect(term.stdout).toMatch(/曾都区.*随县.*广水市.*随州高新区.*合计/);
    expect(term.stdout).toContain(`企业（家）`);
  });

  it("never overwrites without --force", () => {
    const out = join(dir, "once.json");
    writeFileSync(out, "keep");
    const r = capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--force");
    expect(readFileSync(out, "utf8")).toBe("keep");
    const f = capexit(["summarize", ...inputs, "--as-of", AS_OF, "-o", out, "--force"]);
    expect(f.code).toBe(1);
    expect(JSON.parse(readFileSync(out, "utf8")).total.enterprises).toBe(set.records.length);
  });

  it("refuses the same enterprise in two files, naming both files", () => {
    const one = set.records.find((r) => unitOf(r) === "曾都区")!;
    writeFileSync(join(dir, "dup.yaml"), stringify([one]));
    const out = join(dir, "dup.json");
    const r = capexit(["summarize", inputs[0]!, join(dir, "dup.yaml"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(one.enterprise.uscc!);
    expect(r.stderr).toContain("曾都区.xlsx");
    expect(r.stderr).toContain("dup.yaml");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const en = capexit(["--lang", "en", "summarize", inputs[0]!, join(dir, "dup.yaml")]);
    expect(en.stderr).toMatch(/entered twice/);
  });

  it("sums input with errors anyway, reporting the count on stderr and exiting 1", () => {
    const bad = join(dir, "faulty.yaml");
    writeFileSync(
      bad,
      stringify({ county: "随县", enterprise: { name: "有错企业", address: "随县", uscc: "91421321MA4001P57G" }, acceptance: { staff: { involved: "很多" }, fixedAssetsNet: 12.5, county: { passed: "通过", signedOn: "2024-02-30" } } }),
    );
    const r = capexit(["summarize", bad, "--as-of", AS_OF, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\d+ 个错误/);
    const json = JSON.parse(r.stdout);
    expect(json.total).toMatchObject({ enterprises: 1, staffInvolved: 0, fixedAssetsNet: 12.5, countyPassed: 1 });
  });

  it("without --as-of, past the plan's year: as of its last day, said on stderr, the narrative dated then", () => {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    expect(today > "2024-12-31").toBe(true); // the bundled plan's year is over for every run from now on
    const story = join(dir, "default-as-of.md");
    const r = capexit(["summarize", ...inputs, "--format", "json", "--narrative", story]);
    expect(JSON.parse(r.stdout).asOf).toBe("2024-12-31");
    const notes = r.stderr.split("\n").filter((l) => l.includes("--as-of"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("2024-12-31");
    const text = readFileSync(story, "utf8");
    expect(text).toContain("数据截至2024年12月31日");
    expect(text.trimEnd().endsWith("2024年12月31日")).toBe(true);
    expect(text).not.toContain(`${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`);
  });

  it("puts an enterprise whose county is no unit in 其他, counted in 合计, with a warning", () => {
    const f = join(dir, "stray.yaml");
    writeFileSync(f, stringify({ county: "随州市区", enterprise: { name: "无主企业", address: "随州", uscc: "91421300MA4009ZZ5X" } }));
    const r = capexit(["summarize", f, "--as-of", AS_OF, "--format", "json"]);
    const json = JSON.parse(r.stdout);
    expect(json.units.map((u: { county: string }) => u.county)).toEqual([...UNITS, "其他"]);
    expect(json.units[4].enterprises).toBe(1);
    expect(json.total.enterprises).toBe(1);
    expect(r.stderr).toContain("其他");
  });

  it.each([
    [["-o", "out.txt"], /\.xlsx/],
    [["--as-of", "2024-13-01"], /--as-of/],
    [["--narrative", "n.txt"], /\.md/],
    [["-o", "same.md", "--narrative", "same.md"], /--narrative/],
  ])("refuses %j with exit 2 and one sentence", (args, msg) => {
    const r = capexit(["summarize", inputs[0]!, ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("summarises the examples (valid: exit 0)", () => {
    const r = capexit(["summarize", join(ROOT, "examples", "随州市2024.xlsx"), "--as-of", "2024-12-31", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).total.enterprises).toBe(8);
    expect(statSync(join(ROOT, "examples", "随州市2024.xlsx")).size).toBeGreaterThan(0);
  });
});
