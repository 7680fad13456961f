// `capexit summarize` one level up, as a province's clerk runs it: each city
// summarises its counties' files into a JSON under its own plan (随州 under the
// bundled plan, 襄阳 under a fixture plan of the same year), and the province
// rolls the two JSON files up. Totals are checked against sums the test works
// out itself from the two files, in whole hundredths, and against the held-out
// sets the cities' records were made from.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addExpected, expectedJson, heldOutSet, XIANGYANG } from "./fixtures/summary/held-out.js";
// the built binary without blocking this worker: a PDF takes seconds on a busy machine
import { capexitAsync as capexit } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";

const AS_OF = "2024-12-20";
const XY_PLAN = join(ROOT, "test/fixtures/summary/xiangyang-2024.yaml");
const sz = heldOutSet({ seed: 51, count: 36, asOf: AS_OF, strayShare: 0.05 });
const xy = heldOutSet({ seed: 52, count: 24, asOf: AS_OF, city: XIANGYANG });

let dir: string;
const at = (name: string) => join(dir, name);
const readJson = (name: string) => JSON.parse(readFileSync(at(name), "utf8")) as CityJson;

type Figures = Record<string, number | Record<string, number>>;
interface CityJson {
  area: string | null;
  plan: string | null;
  asOf: string;
  units: (Figures & { county: string })[];
  total: Figures;
}

/** The sum of the files' totals, worked out here in whole hundredths: the independent oracle. */
function sumOfFiles(files: CityJson[]): Figures {
  const out: Figures = {};
  const cents = (v: number) => Math.round(v * 100);
  for (const key of Object.keys(files[0]!.total)) {
    if (key === "capacityEliminated") {
      const cap: Record<string, number> = {};
      for (const f of files) for (const [u, v] of Object.entries(f.total.capacityEliminated as Record<string, number>)) cap[u] = (cap[u] ?? 0) + cents(v);
      out[key] = Object.fromEntries(Object.entries(cap).map(([u, c]) => [u, c / 100]));
    } else out[key] = files.reduce((n, f) => n + cents(f.total[key] as number), 0) / 100;
  }
  return out;
}

beforeAll(async () => {
  dir = tempDir("capexit-rollup-");
  writeFileSync(at("随州.yaml"), stringify(sz.records, { lineWidth: 0 }));
  writeFileSync(at("襄阳.yaml"), stringify(xy.records, { lineWidth: 0 }));
  const made = await Promise.all([
    capexit(["summarize", at("随州.yaml"), "--as-of", AS_OF, "-o", at("随州.json")]),
    capexit(["summarize", at("襄阳.yaml"), "--plan", XY_PLAN, "--as-of", AS_OF, "-o", at("襄阳.json")]),
    capexit(["summarize", at("襄阳.yaml"), "--plan", XY_PLAN, "--as-of", "2024-12-10", "-o", at("襄阳1210.json")]),
  ]);
  // generated records break a few rules (exit 1) but are summed all the same
  for (const r of made) expect(r.code, r.stderr).toBeLessThanOrEqual(1);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a city's summary JSON", () => {
  it("names its area and plan beside asOf, units and total", () => {
    const a = readJson("随州.json");
    const b = readJson("襄阳.json");
    expect(Object.keys(a)).toEqual(["area", "plan", "asOf", "units", "total"]);
    expect([a.area, a.plan, a.asOf]).toEqual(["随州市", "suizhou-2024", AS_OF]);
    expect([b.area, b.plan, b.units.map((u) => u.county)]).toEqual(["襄阳市", "xiangyang-2024", ["枣阳市", "襄州区", "樊城区"]]);
  });
});

describe("summarize one level up", () => {
  it("rolls up two cities' JSON files: one unit per area, totals the sum of the files", async () => {
    const r = await capexit(["summarize", at("随州.json"), at("襄阳.json"), "--area", "湖北省", "-o", at("湖北.json")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("湖北.json");
    const [a, b, up] = [readJson("随州.json"), readJson("襄阳.json"), readJson("湖北.json")];
    expect([up.area, up.plan, up.asOf]).toEqual(["湖北省", null, AS_OF]);
    expect(up.units.map((u) => u.county)).toEqual(["随州市", "襄阳市"]);
    const caps = Object.keys(up.total.capacityEliminated);
    const filled = (f: Figures) => ({ ...f, capacityEliminated: Object.fromEntries(caps.map((u) => [u, (f.capacityEliminated as Record<string, number>)[u] ?? 0])) });
    expect(up.units[0]).toEqual({ county: "随州市", ...filled(a.total) });
    expect(up.units[1]).toEqual({ county: "襄阳市", ...filled(b.total) });
    expect(up.total).toEqual(filled(sumOfFiles([a, b])));
    // and the records the cities started from, added in whole hundredths
    expect(up.total).toEqual(expectedJson(addExpected(sz.total, xy.total), caps));
  });

  it("writes every format with the same columns: xlsx, pdf, md, terminal, and JSON on stdout", async () => {
    const args = ["summarize", at("随州.json"), at("襄阳.json"), "--area", "湖北省", "--compiler", "湖北省经济和信息化厅"];
    const [xlsx, pdf, md, term, stdout] = await Promise.all([
      capexit([...args, "-o", at("湖北.xlsx")]),
      capexit([...args, "-o", at("湖北.pdf")]),
      capexit([...args, "-o", at("湖北.md")]),
      capexit(args),
      capexit([...args, "--format", "json"]),
    ]);
    for (const r of [xlsx, pdf, md, term, stdout]) expect([r.code, r.stderr]).toEqual([0, ""]);
    const files = [readJson("随州.json"), readJson("襄阳.json")];
    const want = sumOfFiles(files);

    // the workbook: 汇总 (one row per city, 合计 as formulas with their results) and 明细 (each city's units)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("湖北.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "明细"]);
    const ws = wb.getWorksheet("汇总")!;
    expect(ws.getCell("A1").value).toBe("湖北省2024年淘汰落后产能工作汇总表");
    expect([5, 6, 7].map((r) => ws.getCell(r, 1).value)).toEqual(["随州市", "襄阳市", "合计"]);
    const total = ws.getCell(7, 2).value as ExcelJS.CellFormulaValue;
    expect([total.formula, total.result]).toEqual(["SUM(B5:B6)", want.enterprises]);
    const header = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => String(v ?? ""));
    const labels = header(ws.getRow(4));
    const so2 = labels.indexOf("SO2") + 1;
    expect((ws.getCell(7, so2).value as ExcelJS.CellFormulaValue).result).toBe(want.so2);
    const detail = wb.getWorksheet("明细")!;
    const n = files.reduce((k, f) => k + f.units.length, 0);
    expect(detail.getCell(4 + n, 2).value).toBe("襄阳市");
    expect(detail.getCell(4 + n, 3).value).toBe("樊城区");

    const doc = await PDFDocument.load(readFileSync(at("湖北.pdf")));
    expect(doc.getTitle()).toBe("湖北省2024年淘汰落后产能工作汇总表");
    expect(doc.getPageCount()).toBe(2);

    // the same columns in Markdown and on the terminal as in the workbook
    const text = readFileSync(at("湖北.md"), "utf8");
    const mdHeader = text.split("\n").find((l) => l.startsWith("| 市州 |"))!.split("|").slice(2, -1).map((s) => s.trim());
    expect(mdHeader).toHaveLength(labels.length - 1);
    expect(mdHeader).toContain("减排（吨）·SO2");
    expect(mdHeader).not.toContain("其中按时间表（家）");
    expect(text).toMatch(new RegExp(`\\| \\*\\*合计\\*\\* \\| ${want.enterprises} \\|`));
    const rows = term.stdout.split("\n");
    expect(rows.find((l) => l.trim().startsWith("随州市"))!).toMatch(/随州市\s+襄阳市\s+合计/);
    for (const label of mdHeader) expect(rows.some((l) => l.startsWith(label)), label).toBe(true);
    expect(term.stdout).toContain("编制单位：湖北省经济和信息化厅");

    expect(JSON.parse(stdout.stdout).total).toEqual(readJson("湖北.json").total);
  });

  it("writes the narrative for the province, city by city, signed on the as-of date", async () => {
    const r = await capexit(["summarize", at("随州.json"), at("襄阳.json"), "--area", "湖北省", "--narrative", at("湖北总结.md")]);
    expect(r.code).toBe(0);
    const text = readFileSync(at("湖北总结.md"), "utf8");
    const want = sumOfFiles([readJson("随州.json"), readJson("襄阳.json")]);
    expect(text).toContain(`全省共列入淘汰落后产能企业${want.enterprises}家，涉及2个市州`);
    expect(text).toContain(`### （一）随州市\n\n随州市列入淘汰企业${readJson("随州.json").total.enterprises}家`);
    expect(text).toContain(`### （二）襄阳市\n\n襄阳市列入淘汰企业${readJson("襄阳.json").total.enterprises}家`);
    expect(text.trimEnd().endsWith("2024年12月20日")).toBe(true);
  });

  it("with --allow-mixed-dates sums cities of different dates, each row labelled with its date", async () => {
    const r = await capexit(["summarize", at("随州.json"), at("襄阳1210.json"), "--allow-mixed-dates", "-o", at("mixed.md")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const text = readFileSync(at("mixed.md"), "utf8");
    expect(text).toContain("| 随州市（截至12月20日） |");
    expect(text).toContain("| 襄阳市（截至12月10日） |");
    expect(text).toContain("截至 2024年12月20日（各地截至日期不同，见各行）");
  });

  it("takes a folder of city JSONs; a folder of record files keeps its own summary JSON out", async () => {
    mkdirSync(at("各市"));
    copyFileSync(at("随州.json"), join(at("各市"), "随州.json"));
    copyFileSync(at("襄阳.json"), join(at("各市"), "襄阳.json"));
    const up = await capexit(["summarize", at("各市"), "--format", "json"]);
    expect(up.code).toBe(0);
    // a folder's files in name order, as for record files
    expect(JSON.parse(up.stdout).units.map((u: { county: string }) => u.county)).toEqual(["襄阳市", "随州市"]);

    mkdirSync(at("随州表格"));
    copyFileSync(at("随州.yaml"), join(at("随州表格"), "随州.yaml"));
    copyFileSync(at("随州.json"), join(at("随州表格"), "汇总.json"));
    const again = await capexit(["summarize", at("随州表格"), "--as-of", AS_OF, "--format", "json"]);
    expect(again.code).toBeLessThanOrEqual(1);
    expect(JSON.parse(again.stdout)).toEqual(readJson("随州.json"));
  });
});

describe("what summarize refuses one level up: one sentence, exit 2, nothing written", () => {
  beforeAll(() => {
    copyFileSync(at("随州.json"), at("随州副本.json"));
    const bad = readJson("随州.json");
    (bad.units[1] as Figures).so2 = -3;
    writeFileSync(at("负数.json"), JSON.stringify(bad, null, 2));
    const edited = readJson("随州.json");
    edited.total.co2 = 1;
    writeFileSync(at("改过.json"), JSON.stringify(edited, null, 2));
    writeFileSync(at("坏的.json"), readFileSync(at("随州.json"), "utf8").slice(0, 200));
    const old = readJson("随州.json") as Partial<CityJson>;
    delete old.area;
    writeFileSync(at("旧版.json"), JSON.stringify(old, null, 2));
  });

  it.each([
    ["a roll-up with record files", ["随州.json", "襄阳.yaml"], [], /汇总 JSON（.*随州\.json）不能与填报文件（.*襄阳\.yaml）/],
    ["the same area twice", ["随州.json", "随州副本.json"], [], /随州市的汇总出现了两次/],
    ["different dates", ["随州.json", "襄阳1210.json"], [], /截至日期不同.*--allow-mixed-dates/],
    ["--as-of other than the files' date", ["随州.json", "襄阳.json"], ["--as-of", "2024-12-31"], /与 --as-of 2024-12-31 不同/],
    ["a negative figure", ["负数.json", "襄阳.json"], [], /负数\.json 不是有效的汇总 JSON：第\d+行 units\[1\]\.so2 应为不小于 0 的数/],
    ["a total that is not the sum of its units", ["改过.json", "襄阳.json"], [], /改过\.json 不是有效的汇总 JSON：第\d+行 total\.co2 为 1/],
    ["a file that is not JSON", ["坏的.json", "襄阳.json"], [], /坏的\.json (第\d+行)?不是有效的 JSON/],
    ["a summary from before area was written", ["旧版.json", "襄阳.json"], [], /旧版\.json 没有写明地区（area）/],
    ["--plan with roll-ups", ["随州.json", "襄阳.json"], ["--plan", XY_PLAN], /--plan .* 只用于县市区的填报文件/],
  ])("%s", async (_name, files, extra, message) => {
    const out = at(`refused-${files.join("-")}.xlsx`);
    const r = await capexit(["summarize", ...files.map(at), ...extra, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/Error|at .*\.js/);
    expect(existsSync(out)).toBe(false);
  });

  it("never writes over an input, even with --force", async () => {
    copyFileSync(at("随州.json"), at("覆盖.json"));
    const before = readFileSync(at("覆盖.json"), "utf8");
    const r = await capexit(["summarize", at("覆盖.json"), at("襄阳.json"), "-o", at("覆盖.json"), "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/汇总文件不能写在输入文件上/);
    expect(readFileSync(at("覆盖.json"), "utf8")).toBe(before);
  });

  it("says it in English with --lang en", async () => {
    const r = await capexit(["--lang", "en", "summarize", at("随州.json"), at("随州副本.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the summary of 随州市 is given twice/);
  });
});
