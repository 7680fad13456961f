// checkRecords, the pure core of `capexit check`: grouping, counts, date findings, timeline.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { checkRecords, isDateFinding, timeline } from "../src/plan/check.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import { formatCheckHuman } from "../src/report/check-human.js";
import { plain } from "../src/report/paint.js";
import { validate } from "../src/rules/run.js";
import { loaded } from "./support/loaded.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);

const rec = (county: string, name: string, uscc: string, acceptance?: EnterpriseRecord["acceptance"]): EnterpriseRecord => ({
  county,
  enterprise: { name, address: "某地", uscc },
  acceptance,
});

describe("checkRecords", () => {
  const records = [
    loaded(rec("广水市", "乙", "91421381MA4001RX9P", { lines: [{ shutdownOn: "2024-10-25", removedOn: "2024-11-25" }] })),
    loaded(rec("随州市区", "丙", "91421300MA4001UP2W")),
    loaded(rec("曾都区", "甲", "91421303MA4001MD3Y", { lines: [{ shutdownOn: "2024-11-02" }] })),
    loaded(rec("高新区", "丁", "91421300MA4001UQ0P")),
  ];

  it("groups by the plan's units in plan order, every unit present, unknown units last", () => {
    const r = checkRecords(records, plan, { asOf: "2024-11-15" });
    expect(r.units.map((u) => [u.unit, u.enterprises.map((e) => e.name)])).toEqual([
      ["曾都区", ["甲"]],
      ["随县", []],
      ["广水市", ["乙"]],
      ["随州高新区", ["丁"]],
      [null, ["丙"]],
    ]);
    expect(r.units[3]!.enterprises[0]!.county).toBe("随州高新区");
    expect(r.units[4]!.enterprises[0]!.county).toBe("随州市区");
  });

  it("counts statuses per unit and in total, and knows when anything is behind", () => {
    const r = checkRecords(records, plan, { asOf: "2024-11-15" });
    expect(r.units[0]!.counts).toMatchObject({ late: 1, pending: 2, "not-applicable": 2, done: 0 });
    expect(r.counts.late + r.counts.overdue).toBe(1 + 2); // 甲 late shutdown; 丙 and 丁 overdue shutdown
    expect(r.behind).toBe(true);
    expect(checkRecords(records.slice(0, 1), plan, { asOf: "2024-12-15" }).behind).toBe(true); // county acceptance overdue
    expect(checkRecords(records.slice(0, 1), plan, { asOf: "2024-11-15" }).behind).toBe(false);
  });

  it("keeps the findings that touch dates, each with its enterprise", () => {
    const bad = loaded(rec("随县", "戊", "91421321MA4001P57G", { lines: [{ shutdownOn: "2024-11-20", removedOn: "2024-11-10" }] }));
    const v = validate([bad], [], plan);
    const r = checkRecords([bad], plan, { asOf: "2024-12-31", findings: v.findings });
    const e = r.units[1]!.enterprises[0]!;
    expect(e.dateFindings.map((f) => [f.rule, f.field])).toEqual([["date-order", "acceptance.lines[0].removedOn"]]);
    expect(v.findings.filter((f) => !isDateFinding(f)).length).toBeGreaterThan(0); // the others are not shown
    // still checked as far as its dates allow
    expect(e.milestones.map((m) => m.status).slice(0, 2)).toEqual(["late", "done"]);
  });
});

describe("undated verdicts and timetables", () => {
  it("shows an undated pass as done without a date, and keeps the warning among the date problems", () => {
    const r = loaded(rec("随县", "戊", "91421321MA4001P57G", { county: { opinion: "同意通过验收", passed: true, signedOn: null } }));
    const v = validate([r], [], plan);
    const c = checkRecords([r], plan, { asOf: "2024-12-31", findings: v.findings });
    const e = c.units[1]!.enterprises[0]!;
    expect(e.milestones.find((m) => m.id === "county-acceptance")).toMatchObject({ status: "done", done: null, undated: true });
    expect(e.dateFindings.map((f) => [f.rule, f.field, f.severity])).toContainEqual(["acceptance-incomplete", "acceptance.county.signedOn", "warning"]);
    const human = formatCheckHuman(c, plan, "zh-CN", plain);
    expect(human.split("\n").find((l) => l.includes("戊"))).toMatch(/已完成（未填日期）/);
    expect(human).toMatch(/县级验收结论.*为“通过”，但未填写县级验收日期/);
    expect(formatCheckHuman(c, plan, "en", plain)).toMatch(/done \(no date\)/);
  });

  it("marks an enterprise on a timetable and its milestones", () => {
    const r = loaded({ ...rec("随县", "己", "91421321MA4001P57G"), timetable: { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" } });
    const c = checkRecords([r], plan, { asOf: "2024-12-31" });
    const e = c.units[1]!.enterprises[0]!;
    expect(e.timetable).toBe(true);
    expect(e.milestones.slice(0, 3).map((m) => [m.due, m.status, m.timetable])).toEqual([
      ["2025-06-30", "pending", true],
      ["2025-09-30", "pending", true],
      ["2025-10-01", "pending", true],
    ]);
    expect(c.behind).toBe(false);
  });

  it("groups a record by the unit its 填报单位 names", () => {
    const r = loaded(rec("随县科经局", "庚", "91421321MA4001P57G"));
    const c = checkRecords([r], plan, { asOf: "2024-09-01" });
    expect(c.units.find((u) => u.unit === "随县")!.enterprises.map((e) => [e.name, e.county])).toEqual([["庚", "随县"]]);
  });

  it("carries the plan's per-project limits, not counted down", () => {
    expect(checkRecords([], plan, { asOf: "2024-09-01" }).terms.map((t) => [t.id, t.limit])).toEqual([["retrofit", "每个项目一般不超过3年"]]);
  });
});

describe("timeline", () => {
  it("says where each of the plan's deadlines stands", () => {
    const t = Object.fromEntries(timeline(plan, "2024-10-25").map((e) => [e.id, [e.state, e.daysLeft, e.daysToStart]]));
    expect(t).toMatchObject({
      survey: ["past", -59, null],
      inspection: ["upcoming", 16, 7],
      "county-acceptance": ["open", 37, null],
      target: ["open", 67, null],
    });
    // a per-project cap is no date of the timeline
    expect(timeline(plan, "2024-10-25").map((e) => e.id)).not.toContain("retrofit");
    expect(timeline(plan, "2024-11-10").find((e) => e.id === "inspection")).toMatchObject({ state: "open", daysLeft: 0 });
    expect(timeline(plan, "2024-11-11").find((e) => e.id === "inspection")).toMatchObject({ state: "past", daysLeft: -1 });
  });
});
