// The roll-up core: exact sums, the counting rules, every unit present, capacity
// kept per unit of measure, milestone tallies, the JSON of record contract §4.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { findDuplicates } from "../src/summary/duplicates.js";
import { locationInText as describeLocation } from "../src/report/location.js";
import { summarize } from "../src/summary/index.js";
import { summaryJson } from "../src/summary/json.js";
import { NUMERIC_KEYS, OTHER_UNIT, UNSTATED_UNIT, type MilestoneLike } from "../src/summary/model.js";
import { capacityUnitKey, enterpriseFigures, rollUp } from "../src/summary/rollup.js";
import { decimalsOf, Sum, sum } from "../src/summary/sum.js";
import { summaryTitle } from "../src/summary/title.js";
import { expectedJson, heldOutSet, UNITS } from "./fixtures/summary/held-out.js";
import { loaded } from "./support/loaded.js";
import { ROOT } from "./support/run.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);
const PLAN2025 = join(ROOT, "test/fixtures/check/xiangyang-2025.yaml");

type Acc = NonNullable<EnterpriseRecord["acceptance"]>;

function rec(county: string | null, uscc: string, acc?: Partial<Acc>, equipment?: EnterpriseRecord["equipment"]): EnterpriseRecord {
  return { county, enterprise: { name: `企业${uscc}`, address: "地址", uscc }, equipment, acceptance: acc ? { ...acc } : undefined };
}

describe("Sum: what adding by hand gives", () => {
  const cases: [number[], number][] = [
    [[0.1, 0.2], 0.3],
    [Array(10).fill(0.1), 1],
    [[1.005, 2.01], 3.015],
    [[1e9, 0.01], 1000000000.01],
    [[12.5, 30000, 0.3], 30012.8],
    [[0.7, 0.1, 0.2], 1],
    [[3, 4], 7],
    [[], 0],
  ];
  it.each(cases)("sum(%j) = %d", (xs, want) => expect(sum(xs)).toBe(want));
  it("skips blanks", () => expect(new Sum().add(null).add(undefined).add(2.5).value).toBe(2.5));
  it.each([
    [3, 0],
    [1.25, 2],
    [0.1, 1],
    [1e-9, 6],
  ])("decimalsOf(%d) = %d", (n, d) => expect(decimalsOf(n)).toBe(d));

  it("agrees with integer arithmetic on hundredths (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 200 }), (hs) => {
        expect(sum(hs.map((h) => h / 100))).toBe(hs.reduce((a, b) => a + b, 0) / 100);
      }),
    );
  });
});

describe("one enterprise's figures", () => {
  const asOf = "2024-12-31";
  const fig = (r: EnterpriseRecord, date = asOf) => enterpriseFigures(r, date).figures;

  it("counts machines: a listed item without a quantity is one machine; 0 stays 0", () => {
    const r = rec("随县", "A", undefined, [{ name: "磨", quantity: 3 }, { name: "窑", quantity: null }, { name: "炉" }, { name: "空", quantity: 0 }]);
    expect(fig(r).equipmentUnits).toBe(5);
  });

  it("adds design capacity as given per item (not multiplied by quantity)", () => {
    const r = rec("随县", "A", undefined, [{ designCapacity: 0.1, quantity: 2 }, { designCapacity: 0.2 }, { designCapacity: null }]);
    expect(fig(r).designCapacity).toBe(0.3);
  });

  const lines = (...xs: [string | null, string | null][]) => xs.map(([shutdownOn, removedOn]) => ({ model: "线", shutdownOn, removedOn }));
  const cases: [string, Partial<Acc>, string, { linesDismantled: number; linesSealed: number; linesShutdown: number }][] = [
    ["dismantled by the date", { lines: lines(["2024-10-01", "2024-11-01"]) }, asOf, { linesDismantled: 1, linesSealed: 0, linesShutdown: 1 }],
    ["dismantled after the date: not yet", { lines: lines(["2024-10-01", "2025-01-05"]) }, asOf, { linesDismantled: 0, linesSealed: 0, linesShutdown: 1 }],
    ["dismantled on the date itself", { lines: lines(["2024-10-01", asOf]) }, asOf, { linesDismantled: 1, linesSealed: 0, linesShutdown: 1 }],
    [
      "standing, cut off and sealed",
      { lines: lines(["2024-10-01", null], ["2024-10-01", "2024-11-01"]), notDismantled: { powerWaterCut: true, sealed: true } },
      asOf,
      { linesDismantled: 1, linesSealed: 1, linesShutdown: 2 },
    ],
    ["standing, sealed but power still on", { lines: lines(["2024-10-01", null]), notDismantled: { powerWaterCut: false, sealed: true } }, asOf, { linesDismantled: 0, linesSealed: 0, linesShutdown: 1 }],
    ["standing, cut off but not sealed", { lines: lines(["2024-10-01", null]), notDismantled: { powerWaterCut: true, sealed: null } }, asOf, { linesDismantled: 0, linesSealed: 0, linesShutdown: 1 }],
    [
      "sealed line still running on the date is not sealed yet",
      { lines: lines(["2024-12-20", null]), notDismantled: { powerWaterCut: true, sealed: true } },
      "2024-12-10",
      { linesDismantled: 0, linesSealed: 0, linesShutdown: 0 },
    ],
    ["no lines", {}, asOf, { linesDismantled: 0, linesSealed: 0, linesShutdown: 0 }],
  ];
  it.each(cases)("%s", (_name, acc, date, want) => {
    const f = fig(rec("随县", "A", acc), date);
    expect({ linesDismantled: f.linesDismantled, linesSealed: f.linesSealed, linesShutdown: f.linesShutdown }).toEqual(want);
  });

  const level = (passed: boolean | null, signedOn: string | null) => ({ passed, signedOn, opinion: null });
  it.each([
    ["passed and signed before", level(true, "2024-11-28"), 1],
    ["passed, no date", level(true, null), 1],
    ["passed but signed after the as-of date", level(true, "2025-01-03"), 0],
    ["not passed", level(false, "2024-11-28"), 0],
    ["blank conclusion", level(null, "2024-11-28"), 0],
  ] as const)("county acceptance %s", (_n, county, want) => {
    expect(fig(rec("随县", "A", { county })).countyPassed).toBe(want);
  });

  it.each([
    ["万吨", "万吨"],
    [" 万 吨 ", "万吨"],
    ["万千伏安", "万千伏安"],
    ["", UNSTATED_UNIT],
    [null, UNSTATED_UNIT],
  ] as const)("capacity unit %j -> %s", (typed, key) => expect(capacityUnitKey(typed)).toBe(key));
});

describe("roll-up of held-out record sets: exact per unit and in 合计", () => {
  const sets = [
    { seed: 1, count: 40, asOf: "2024-12-31" },
    { seed: 2, count: 25, asOf: "2024-11-30", emptyUnits: ["广水市"] },
    { seed: 3, count: 60, asOf: "2024-12-15", strayShare: 0.1 },
    { seed: 4, count: 3, asOf: "2024-12-31", emptyUnits: ["曾都区", "随县"] },
    { seed: 5, count: 120, asOf: "2024-12-01", strayShare: 0.05 },
    { seed: 6, count: 0, asOf: "2024-12-31" },
  ];
  it.each(sets)("seed $seed: $count records as of $asOf", (o) => {
    const set = heldOutSet(o);
    const s = summarize(set.records, plan, o.asOf);
    const json = summaryJson(s);
    const capUnits = Object.keys(json.total.capacityEliminated as Record<string, number>);
    // every capacity unit the records use, and only those, each kept apart
    expect(new Set(capUnits)).toEqual(new Set(Object.keys(set.total.capacity100)));
    expect(json.asOf).toBe(o.asOf);
    const strays = set.byUnit.get(OTHER_UNIT)?.enterprises ?? 0;
    expect(json.units.map((u) => u.county)).toEqual([...UNITS, ...(strays ? [OTHER_UNIT] : [])]);
    for (const u of json.units) {
      const { county, ...figures } = u;
      expect(figures, String(county)).toEqual(expectedJson(set.byUnit.get(String(county))!, capUnits));
    }
    expect(json.total).toEqual(expectedJson(set.total, capUnits));
    expect(json.total.enterprises).toBe(o.count);
  });

  it("a hand-counted set gives the hand-counted figures", () => {
    const asOf = "2024-12-31";
    const records: EnterpriseRecord[] = [
      rec("曾都区", "Z1", {
        staff: { involved: 10, resettled: 9 },
        fixedAssetsNet: 0.1,
        capacity: { amount: 0.1, unit: "万吨" },
        effects: { energySavedTce: 0.1, so2: 0.1, co2: 100, cod: 0, nox: 0.1, landFreedMu: 0.1 },
        lines: [{ shutdownOn: "2024-10-01", removedOn: "2024-11-01" }],
        county: { passed: true, signedOn: "2024-11-28" },
        city: { passed: true, signedOn: "2024-12-10" },
      }, [{ quantity: 2, designCapacity: 0.1 }]),
      rec("曾都区", "Z2", {
        staff: { involved: 5, resettled: 5 },
        fixedAssetsNet: 0.2,
        capacity: { amount: 0.2, unit: "万吨" },
        effects: { energySavedTce: 0.2, so2: 0.2, nox: 0.2, landFreedMu: 0.2 },
        lines: [{ shutdownOn: "2024-10-01", removedOn: null }, { shutdownOn: "2024-10-02", removedOn: null }],
        notDismantled: { powerWaterCut: true, sealed: true },
        county: { passed: true, signedOn: "2024-11-30" },
      }, [{ designCapacity: 0.2 }]),
      rec("高新区", "G1", { capacity: { amount: 3, unit: "万千伏安" }, province: { passed: true, signedOn: "2024-12-20" } }),
    ];
    const json = summaryJson(summarize(records, plan, asOf));
    expect(json.units.map((u) => u.county)).toEqual(["曾都区", "随县", "广水市", "随州高新区"]);
    expect(json.units[0]).toEqual({
      county: "曾都区", enterprises: 2, equipmentUnits: 3, designCapacity: 0.3, capacityEliminated: { 万吨: 0.3, 万千伏安: 0 },
      staffInvolved: 15, staffResettled: 14, fixedAssetsNet: 0.3, energySavedTce: 0.3, so2: 0.3, co2: 100, cod: 0, nox: 0.3,
      landFreedMu: 0.3, linesDismantled: 1, linesSealed: 2, countyPassed: 2, cityPassed: 1, provincePassed: 0,
    });
    expect(json.units[1]).toEqual({
      county: "随县", enterprises: 0, equipmentUnits: 0, designCapacity: 0, capacityEliminated: { 万吨: 0, 万千伏安: 0 },
      staffInvolved: 0, staffResettled: 0, fixedAssetsNet: 0, energySavedTce: 0, so2: 0, co2: 0, cod: 0, nox: 0,
      landFreedMu: 0, linesDismantled: 0, linesSealed: 0, countyPassed: 0, cityPassed: 0, provincePassed: 0,
    });
    expect(json.units[3]).toMatchObject({ county: "随州高新区", enterprises: 1, capacityEliminated: { 万吨: 0, 万千伏安: 3 }, provincePassed: 1 });
    expect(json.total).toMatchObject({ enterprises: 3, equipmentUnits: 3, capacityEliminated: { 万吨: 0.3, 万千伏安: 3 }, linesSealed: 2, countyPassed: 2, provincePassed: 1 });
  });

  it("keeps the JSON keys of record contract §4 exactly, in order, with area and plan beside them", () => {
    const json = summaryJson(summarize(heldOutSet({ seed: 9, count: 5, asOf: "2024-12-31" }).records, plan, "2024-12-31"));
    expect(Object.keys(json)).toEqual(["area", "plan", "asOf", "units", "total"]);
    expect(json).toMatchObject({ area: "随州市", plan: "suizhou-2024" });
    const keys = ["enterprises", "equipmentUnits", "designCapacity", "capacityEliminated", "staffInvolved", "staffResettled", "fixedAssetsNet", "energySavedTce", "so2", "co2", "cod", "nox", "landFreedMu", "linesDismantled", "linesSealed", "countyPassed", "cityPassed", "provincePassed"];
    for (const u of json.units) expect(Object.keys(u)).toEqual(["county", ...keys]);
    expect(Object.keys(json.total)).toEqual(keys);
  });

  it("total = the exact sum of the units, whatever the records (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 30 }), (seed, count) => {
        const set = heldOutSet({ seed, count, asOf: "2024-12-31", strayShare: 0.1 });
        const s = summarize(set.records, plan, "2024-12-31");
        for (const k of NUMERIC_KEYS) expect(s.total.figures[k]).toBe(sum(s.units.map((u) => u.figures[k])));
        expect(s.total.figures.enterprises).toBe(count);
        expect(s.enterprises).toHaveLength(count);
      }),
      { numRuns: 40 },
    );
  });
});

describe("which row an enterprise is counted in", () => {
  it.each([
    ["随县", "随县"],
    ["随 县", "随县"],
    ["高新区", "随州高新区"],
    ["随州高新技术产业开发区", "随州高新区"],
    ["随州市区", OTHER_UNIT],
    [null, OTHER_UNIT],
  ] as const)("%j -> %s", (county, unit) => {
    const s = summarize([rec(county, "X")], plan, "2024-12-31");
    expect(s.enterprises[0]!.unit).toBe(unit);
    const row = s.units.find((u) => u.county === unit)!;
    expect(row.figures.enterprises).toBe(1);
    expect(row.inPlan).toBe(unit !== OTHER_UNIT);
  });

  it("lists enterprises by plan unit, then in input order", () => {
    const s = summarize([rec("广水市", "1"), rec("曾都区", "2"), rec("其他县", "3"), rec("广水市", "4"), rec("曾都区", "5")], plan, "2024-12-31");
    expect(s.enterprises.map((e) => e.uscc)).toEqual(["2", "5", "1", "4", "3"]);
  });
});

describe("milestone tallies per unit", () => {
  const fake = (statuses: Record<string, MilestoneLike["status"]>) => (r: EnterpriseRecord) =>
    (["shutdown", "dismantle", "county-acceptance"] as const).map((id) => ({ id, due: "2024-10-31", done: null, status: statuses[`${r.enterprise.uscc}:${id}`] ?? "not-applicable" }));

  it("counts on time, late, overdue, open and sealed from the statuses", () => {
    const records = ["a", "b", "c", "d", "e"].map((u) => rec("随县", u));
    const s = rollUp(records, plan, "2024-12-31", fake({
      "a:shutdown": "done", "b:shutdown": "late", "c:shutdown": "overdue", "d:shutdown": "due-soon", "e:shutdown": "pending",
      "a:dismantle": "sealed", "b:dismantle": "done", "c:dismantle": "overdue",
      "a:county-acceptance": "late",
    }));
    const p = s.units.find((u) => u.county === "随县")!.progress;
    expect(p.shutdown).toEqual({ onTime: 1, late: 1, overdue: 1, open: 2, sealed: 0 });
    expect(p.dismantle).toEqual({ onTime: 1, late: 0, overdue: 1, open: 0, sealed: 1 });
    expect(p["county-acceptance"]).toEqual({ onTime: 0, late: 1, overdue: 0, open: 0, sealed: 0 });
    expect(s.total.progress).toEqual(p);
  });

  it("uses the plan's deadlines as of the date (status.ts)", () => {
    const onTime = rec("曾都区", "1", { lines: [{ shutdownOn: "2024-10-31", removedOn: "2024-11-30" }], county: { passed: true, signedOn: "2024-12-01" } });
    const late = rec("曾都区", "2", { lines: [{ shutdownOn: "2024-11-01", removedOn: "2024-12-01" }], county: { passed: true, signedOn: "2024-12-02" } });
    const sealed = rec("随县", "3", { lines: [{ shutdownOn: "2024-10-01", removedOn: null }], notDismantled: { powerWaterCut: true, sealed: true } });
    const nothing = rec("随县", "4");
    const s = summarize([onTime, late, sealed, nothing], plan, "2024-12-31");
    const [zd, sx] = s.units;
    expect(zd!.progress.shutdown).toMatchObject({ onTime: 1, late: 1, overdue: 0 });
    expect(zd!.progress.dismantle).toMatchObject({ onTime: 1, late: 1, overdue: 0 });
    expect(zd!.progress["county-acceptance"]).toMatchObject({ onTime: 1, late: 1, overdue: 0 });
    expect(sx!.progress.shutdown).toMatchObject({ onTime: 1, overdue: 1 });
    expect(sx!.progress.dismantle).toMatchObject({ sealed: 1, overdue: 1 });
    expect(sx!.progress["county-acceptance"]).toMatchObject({ overdue: 2 });
    // before the deadlines nothing is overdue
    const early = summarize([nothing], plan, "2024-09-01");
    expect(early.total.progress.shutdown).toEqual({ onTime: 0, late: 0, overdue: 0, open: 1, sealed: 0 });
  });
});

describe("title and duplicates", () => {
  it("takes the area from the plan, or from --area and --compiler when given", () => {
    const other = parsePlan(readFileSync(PLAN2025, "utf8"), PLAN2025);
    const s = summarize([], other, "2025-12-31");
    expect([s.area, s.plan, s.title, s.compiler]).toEqual(["襄阳市", "xiangyang-2025", "襄阳市2025年淘汰落后产能工作汇总表", "襄阳市经济和信息化局"]);
    const named = { ...plan, area: "随州市本级" } as Plan;
    expect(summarize([], named, "2024-12-31").title).toBe("随州市本级2024年淘汰落后产能工作汇总表");
    const given = summarize([], plan, "2024-12-31", { area: " 随州 ", compiler: "随州市经信局" });
    expect([given.area, given.title, given.compiler, summaryJson(given).area]).toEqual(["随州", "随州2024年淘汰落后产能工作汇总表", "随州市经信局", "随州"]);
  });

  it("derives the title from the plan: city and year", () => {
    expect(summaryTitle(plan)).toBe("随州市2024年淘汰落后产能工作汇总表");
    const other = parsePlan(readFileSync(PLAN2025, "utf8"), PLAN2025);
    expect(summaryTitle(other)).toMatch(/^.+市2025年淘汰落后产能工作汇总表$/);
    const explicit = { ...plan, summaryTitle: "随州市2024年淘汰落后和过剩产能汇总表" } as Plan;
    expect(summaryTitle(explicit)).toBe("随州市2024年淘汰落后和过剩产能汇总表");
  });

  it("finds the same USCC in two files, naming both", () => {
    const a = rec("随县", "91421321MA4001P57G");
    const dups = findDuplicates([loaded(a, "随县.yaml"), loaded(rec("随县", "91421321MA4002ABCD"), "随县.yaml"), loaded(a, "曾都区.yaml")]);
    expect(dups).toHaveLength(1);
    expect(dups[0]!.uscc).toBe("91421321MA4001P57G");
    expect(dups[0]!.first.file).toBe("随县.yaml");
    expect(dups[0]!.again.file).toBe("曾都区.yaml");
    expect(describeLocation({ file: "a.xlsx", sheet: "附表1", row: 5, cell: "F5", line: null }, "zh-CN")).toBe("a.xlsx 附表1 第5行");
  });
});
