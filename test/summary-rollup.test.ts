// One level up (record contract §4): summary JSONs read back, checked, and rolled up one
// unit per area. Totals are checked against the held-out sets' own expected
// figures, added in whole hundredths, never against the roll-up's own sums.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import { rollUpAreas, type AreaOptions } from "../src/summary/areas.js";
import { summarize } from "../src/summary/index.js";
import { formatSummaryJson, summaryJson } from "../src/summary/json.js";
import type { AreaSummary, Summary } from "../src/summary/model.js";
import { formatNarrative } from "../src/summary/narrative.js";
import { looksLikeRollup, readRollupJson, type RollupInput } from "../src/summary/rollup-json.js";
import { flatLabel, summaryDocument } from "../src/summary/tables.js";
import { UserError } from "../src/util/errors.js";
import { addExpected, expectedJson, heldOutSet, XIANGYANG } from "./fixtures/summary/held-out.js";
import { ROOT } from "./support/run.js";

const SUIZHOU_PLAN = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);
const XY_FILE = join(ROOT, "test/fixtures/summary/xiangyang-2024.yaml");
const XIANGYANG_PLAN = parsePlan(readFileSync(XY_FILE, "utf8"), XY_FILE);
const AS_OF = "2024-12-20";

const sz = heldOutSet({ seed: 41, count: 30, asOf: AS_OF, strayShare: 0.1 });
const xy = heldOutSet({ seed: 42, count: 20, asOf: AS_OF, city: XIANGYANG, strayShare: 0.1 });
const szSummary = summarize(sz.records, SUIZHOU_PLAN, AS_OF);
const xySummary = summarize(xy.records, XIANGYANG_PLAN, AS_OF);

/** A city's summary as its JSON file says it, read back as a roll-up input. */
function input(file: string, s: Summary | AreaSummary, edit: (json: Record<string, unknown>) => void = () => {}): RollupInput {
  const json = JSON.parse(formatSummaryJson(s)) as Record<string, unknown>;
  edit(json);
  const text = JSON.stringify(json, null, 2);
  return { file, data: readRollupJson(text, file) };
}

const OPTS: AreaOptions = { asOf: null, allowMixedDates: false };

function refusal(f: () => unknown): { id: string; data: Record<string, string | number> } {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return { id: e.messageId, data: e.data };
    throw e;
  }
  throw new Error("not refused");
}

describe("a summary JSON read back", () => {
  it("is what summarize wrote, area and plan included", () => {
    const text = formatSummaryJson(szSummary);
    expect(readRollupJson(text, "随州.json")).toEqual(JSON.parse(text));
    expect(readRollupJson(text, "随州.json")).toMatchObject({ area: "随州市", plan: "suizhou-2024", asOf: AS_OF });
  });

  it.each([
    [{ units: [], total: {} }, true],
    [{ area: "随州市", units: [{}], total: null }, true],
    [{ records: [] }, false],
    [[{ units: [], total: {} }], false],
    [{ units: [] }, false],
    [null, false],
  ])("looksLikeRollup(%j) = %s", (data, want) => expect(looksLikeRollup(data)).toBe(want));

  /** The line of `"key"` inside the n-th unit of the text, found by reading the text. */
  const lineOfUnitKey = (text: string, county: string, key: string) => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes(`"county": "${county}"`));
    return at + 1 + lines.slice(at).findIndex((l) => l.includes(`"${key}"`));
  };

  const base = JSON.parse(formatSummaryJson(szSummary)) as Record<string, unknown> & { units: Record<string, unknown>[]; total: Record<string, unknown> };
  type Case = [string, (j: typeof base) => void, string, string];
  const cases: Case[] = [
    ["a negative amount", (j) => (j.units[1]!.so2 = -1), "summary-rollup-invalid.amount", "units[1].so2"],
    ["a count with decimals", (j) => (j.units[2]!.enterprises = 1.5), "summary-rollup-invalid.count", "units[2].enterprises"],
    ["a number as text", (j) => (j.units[0]!.co2 = "12"), "summary-rollup-invalid.amount", "units[0].co2"],
    ["a missing key", (j) => delete j.units[2]!.cityPassed, "summary-rollup-invalid.missing", "units[2].cityPassed"],
    ["an impossible date", (j) => (j.asOf = "2024-02-30"), "summary-rollup-invalid.date", "asOf"],
    ["a date in another spelling", (j) => (j.asOf = "2024年12月20日"), "summary-rollup-invalid.date", "asOf"],
    ["no units", (j) => (j.units = []), "summary-rollup-invalid.list", "units"],
    ["a unit without a name", (j) => (j.units[3]!.county = " "), "summary-rollup-invalid.text", "units[3].county"],
    ["a total that is not the sum", (j) => (j.total.landFreedMu = 1), "summary-rollup-invalid.total-mismatch", "total.landFreedMu"],
    ["a capacity total that is not the sum", (j) => ((j.total.capacityEliminated as Record<string, number>)["万吨"] = 0.01), "summary-rollup-invalid.total-mismatch", "total.capacityEliminated.万吨"],
    ["a plan that is a number", (j) => (j.plan = 2024), "summary-rollup-invalid.plan", "plan"],
    ["no area", (j) => delete j.area, "summary-rollup-no-area", ""],
    ["a blank area", (j) => (j.area = ""), "summary-rollup-no-area", ""],
  ];

  it.each(cases)("%s is refused in one sentence naming the key and its line", (_name, edit, id, field) => {
    const json = structuredClone(base);
    edit(json);
    const text = JSON.stringify(json, null, 2);
    const r = refusal(() => readRollupJson(text, "随州.json"));
    expect(r.id).toBe(id);
    expect(r.data.file).toBe("随州.json");
    if (!field) return;
    expect(r.data.field).toBe(field);
    const m = /^units\[(\d+)\]\.(\w+)$/.exec(field);
    if (m && m[2] !== "county" && id !== "summary-rollup-invalid.missing") {
      const county = (base.units[Number(m[1])] as { county: string }).county;
      expect(r.data.line).toBe(lineOfUnitKey(text, county, m[2]!));
    }
    if (field === "asOf") expect(r.data.line).toBe(text.split("\n").findIndex((l) => l.includes('"asOf"')) + 1);
  });

  it("refuses text that is not JSON, naming the line where the parser says", () => {
    const r = refusal(() => readRollupJson('{\n  "area": "随州市",\n  "units": [1,,]\n}', "x.json"));
    expect(r.id).toBe("summary-json-syntax-at");
    expect(r.data.line).toBe(3);
    expect(refusal(() => readRollupJson('{"units": [', "x.json")).id).toMatch(/^summary-json-syntax/);
  });
});

describe("the roll-up one level up", () => {
  const both = rollUpAreas([input("随州.json", szSummary), input("襄阳.json", xySummary)], { ...OPTS, area: "湖北省", compiler: "湖北省经济和信息化厅" });
  const json = summaryJson(both);
  const caps = Object.keys(json.total.capacityEliminated);

  it("has one unit per area, each the area's own expected total", () => {
    expect(json.units.map((u) => u.county)).toEqual(["随州市", "襄阳市"]);
    expect(new Set(caps)).toEqual(new Set([...Object.keys(sz.total.capacity100), ...Object.keys(xy.total.capacity100)]));
    const [a, b] = json.units as Record<string, unknown>[];
    expect({ ...a, county: undefined }).toEqual({ county: undefined, ...expectedJson(sz.total, caps) });
    expect({ ...b, county: undefined }).toEqual({ county: undefined, ...expectedJson(xy.total, caps) });
  });

  it("totals the held-out sums, added in whole hundredths", () => {
    expect(json.total).toEqual(expectedJson(addExpected(sz.total, xy.total), caps));
    expect([json.area, json.plan, json.asOf]).toEqual(["湖北省", null, AS_OF]);
    expect(both.title).toBe("湖北省2024年淘汰落后产能工作汇总表");
  });

  it("totals exactly for any two cities' sets (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (seed, n1, n2) => {
        const a = heldOutSet({ seed, count: n1, asOf: AS_OF, strayShare: 0.2 });
        const b = heldOutSet({ seed: seed + 1, count: n2, asOf: AS_OF, city: XIANGYANG, strayShare: 0.2 });
        const up = summaryJson(
          rollUpAreas([input("a.json", summarize(a.records, SUIZHOU_PLAN, AS_OF)), input("b.json", summarize(b.records, XIANGYANG_PLAN, AS_OF))], OPTS),
        );
        expect(up.total).toEqual(expectedJson(addExpected(a.total, b.total), Object.keys(up.total.capacityEliminated)));
      }),
      { numRuns: 40 },
    );
  });

  it("rolls up again: a province's JSON with its --area is an input one more level up", () => {
    const province = input("湖北.json", both);
    expect(province.data).toMatchObject({ area: "湖北省", plan: null });
    const other = input("某省.json", rollUpAreas([input("襄阳.json", xySummary)], { ...OPTS, area: "某省" }));
    const top = rollUpAreas([province, other], OPTS);
    expect(top.ofCities).toBe(false);
    expect(summaryJson(top).total).toEqual(expectedJson(addExpected(sz.total, xy.total, xy.total), Object.keys(top.total.capacityEliminated)));
    // without --area a roll-up names no area, and cannot be told from another one level up
    const nameless = rollUpAreas([input("襄阳.json", xySummary)], OPTS);
    expect(refusal(() => input("无名.json", nameless)).id).toBe("summary-rollup-no-area");
  });

  it.each([
    ["the same area twice", ["随州.json", "随州2.json"], {}, "summary-rollup-same-area"],
    ["the same area spelt with a space", ["随州.json", "随 州 市.json"], {}, "summary-rollup-same-area"],
    ["different dates", ["随州.json", "襄阳1210.json"], {}, "summary-rollup-mixed-dates"],
    ["--as-of other than the areas' date", ["随州.json", "襄阳.json"], { asOf: "2024-12-31" }, "summary-rollup-as-of-differs"],
    ["an area later than --as-of, even with --allow-mixed-dates", ["随州.json", "襄阳1210.json"], { asOf: "2024-12-15", allowMixedDates: true }, "summary-rollup-after-as-of"],
  ] as const)("refuses %s", (_name, files, opts, id) => {
    const made: Record<string, RollupInput> = {
      "随州.json": input("随州.json", szSummary),
      "随州2.json": input("随州2.json", szSummary),
      "随 州 市.json": input("随 州 市.json", szSummary, (j) => (j.area = "随 州 市")),
      "襄阳.json": input("襄阳.json", xySummary),
      "襄阳1210.json": input("襄阳1210.json", summarize(xy.records, XIANGYANG_PLAN, "2024-12-10")),
    };
    const r = refusal(() => rollUpAreas(files.map((f) => made[f]!), { ...OPTS, ...opts }));
    expect(r.id).toBe(id);
    const named = Object.values(r.data).map(String);
    expect(named.some((v) => (files as readonly string[]).includes(v))).toBe(true);
  });

  it("with --allow-mixed-dates sums areas of different dates, labelling each with its own", () => {
    const early = summarize(xy.records, XIANGYANG_PLAN, "2024-12-10");
    const s = rollUpAreas([input("随州.json", szSummary), input("襄阳.json", early)], { ...OPTS, allowMixedDates: true });
    expect([s.asOf, s.mixedDates]).toEqual([AS_OF, true]);
    const doc = summaryDocument(s, "zh-CN");
    expect(doc.tables[0]!.rows.map((r) => r[0])).toEqual(["随州市（截至12月20日）", "襄阳市（截至12月10日）"]);
    expect(doc.asOfLine).toContain("各地截至日期不同");
    expect(summaryDocument(s, "en").tables[0]!.rows.map((r) => r[0])).toEqual(["随州市 (as of 2024-12-20)", "襄阳市 (as of 2024-12-10)"]);
    const text = formatNarrative(s);
    expect(text).toContain("随州市（数据截至2024年12月20日）列入淘汰企业");
    expect(text).toContain("襄阳市（数据截至2024年12月10日）列入淘汰企业");
    // an --as-of no earlier than every area is the roll-up's date
    expect(rollUpAreas([input("随州.json", szSummary), input("襄阳.json", early)], { asOf: "2024-12-31", allowMixedDates: true }).asOf).toBe("2024-12-31");
  });
});

describe("the roll-up's tables and narrative", () => {
  const s = rollUpAreas([input("随州.json", szSummary), input("襄阳.json", xySummary)], { ...OPTS, area: "湖北省" });
  const doc = summaryDocument(s, "zh-CN");
  const cityDoc = summaryDocument(szSummary, "zh-CN");

  it("has 汇总 with the same figure columns as a city's, less those the JSON report does not carry", () => {
    expect(doc.tables.map((t) => t.name)).toEqual(["汇总", "明细"]);
    const labels = (t: (typeof doc.tables)[number]) => t.columns.slice(1).map(flatLabel);
    const carried = labels(cityDoc.tables[0]!).filter((l) => l !== "其中按时间表（家）" && l !== "生产线（设备）（条）·已关停");
    expect(labels(doc.tables[0]!)).toEqual(carried);
    expect(doc.tables[0]!.columns[0]!.label).toBe("市州");
    expect(doc.tables[0]!.total).toEqual(["合计", ...doc.tables[0]!.columns.slice(1).map((_, i) => doc.tables[0]!.rows.reduce((n, r) => n + Math.round(Number(r[i + 1]) * 100), 0) / 100)]);
  });

  it("lists each area's units in 明细, with the same figures", () => {
    const detail = doc.tables[1]!;
    expect(detail.columns.slice(0, 3).map((c) => c.label)).toEqual(["序号", "市州", "县市区"]);
    expect(detail.rows.map((r) => [r[1], r[2]])).toEqual([...szSummary.units.map((u) => ["随州市", u.county]), ...xySummary.units.map((u) => ["襄阳市", u.county])]);
    expect(detail.rows.map((r) => r[3])).toEqual([...szSummary.units, ...xySummary.units].map((u) => u.figures.enterprises));
  });

  it("writes the narrative for the province, city by city", () => {
    const text = formatNarrative(s);
    const n = sz.total.enterprises + xy.total.enterprises;
    expect(text).toMatch(/^# 湖北省2024年依法依规推动落后产能退出工作总结（草稿）/);
    expect(text).toContain(`全省共列入淘汰落后产能企业${n}家，涉及2个市州`);
    expect(text).toContain(`### （一）随州市\n\n随州市列入淘汰企业${sz.total.enterprises}家`);
    expect(text).toContain(`### （二）襄阳市\n\n襄阳市列入淘汰企业${xy.total.enterprises}家`);
    expect(text.split("\n").filter((l) => l.startsWith("## "))).toEqual(["## 一、总体完成情况", "## 二、主要做法", "## 三、各市州完成情况", "## 四、存在问题", "## 五、下一步工作"]);
    expect(text.trimEnd().split("\n").slice(-2)).toEqual(["（编制单位）", "2024年12月20日"]);
    expect(text).not.toMatch(/(?<![\d.])0(?:条|家|人|台)/);
    const signed = formatNarrative(rollUpAreas([input("随州.json", szSummary)], { ...OPTS, compiler: "湖北省经济和信息化厅" }));
    expect(signed.trimEnd().split("\n").slice(-2)).toEqual(["湖北省经济和信息化厅", "2024年12月20日"]);
  });
});
