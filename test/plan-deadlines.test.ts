// The plan as data: the bundled 2024 plan's deadlines, and what the schema refuses.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import { MILESTONE_IDS } from "../src/plan/schema.js";
import { UserError } from "../src/util/errors.js";
import { ROOT } from "./support/run.js";

const text = readFileSync(DEFAULT_PLAN, "utf8");
const plan = parsePlan(text, DEFAULT_PLAN);
const SEED = join(ROOT, "..", "shared", "seed", "suizhou-2024-work-plan.txt");

describe("the bundled plan (随经信发〔2024〕2号)", () => {
  it("keeps its identity and units", () => {
    expect(plan).toMatchObject({ documentNo: "随经信发〔2024〕2号", issuedOn: "2024-06-27", year: 2024, cityDivision: "421300" });
    expect(plan.units.map((u) => u.name)).toEqual(["曾都区", "随县", "广水市", "随州高新区"]);
  });

  it("reads every deadline of section 三 as the clerk would", () => {
    const due = Object.fromEntries(plan.deadlines!.map((d) => [d.id, [d.from ?? null, d.due, d.milestone ?? null]]));
    expect(due).toEqual({
      plans: [null, "2024-07-12", null], // 半个月内 from 06-27
      survey: [null, "2024-08-27", null], // 两个月之内 from 06-27
      shutdown: [null, "2024-10-31", "shutdown"], // 10月底前
      inspection: ["2024-11-01", "2024-11-10", null], // 11月初
      dismantle: [null, "2024-11-30", "dismantle"], // 11月底前
      "county-acceptance": [null, "2024-12-01", "county-acceptance"], // 12月1日前: the 1st itself still counts
      "province-acceptance": [null, "2024-12-31", "province-acceptance"], // 年底前
      licenses: [null, "2024-12-31", "licenses"],
      summary: [null, "2024-12-31", null], // 2024年12月底前
      retrofit: [null, "2027-06-27", null], // 一般不超过3年
    });
    expect(MILESTONE_IDS.every((id) => plan.deadlines!.some((d) => d.milestone === id))).toBe(true);
  });

  it.skipIf(!existsSync(SEED))("quotes each deadline's sentence word for word from the plan", () => {
    const seed = readFileSync(SEED, "utf8").replace(/\s+/g, "");
    for (const d of plan.deadlines!) expect(seed, d.id).toContain(d.source.replace(/\s+/g, ""));
  });
});

describe("the plan schema", () => {
  const bad = (edit: (p: Record<string, unknown>) => void) => {
    const p = structuredClone(plan) as unknown as Record<string, unknown>;
    edit(p);
    return () => parsePlan(JSON.stringify(p), "x.yaml");
  };
  const deadlines = (p: Record<string, unknown>) => p.deadlines as Record<string, unknown>[];

  it.each([
    ["an impossible date format", (p: Record<string, unknown>) => (deadlines(p)[0]!.due = "2024/7/12")],
    ["two deadlines for one milestone", (p: Record<string, unknown>) => (deadlines(p)[1]!.milestone = "shutdown")],
    ["a repeated id", (p: Record<string, unknown>) => (deadlines(p)[1]!.id = "plans")],
    ["a window ending before it starts", (p: Record<string, unknown>) => (deadlines(p)[3]!.from = "2024-11-20")],
    ["an unknown milestone", (p: Record<string, unknown>) => (deadlines(p)[2]!.milestone = "demolish")],
    ["a deadline without its sentence", (p: Record<string, unknown>) => delete deadlines(p)[2]!.source],
  ])("refuses %s", (_name, edit) => {
    expect(bad(edit)).toThrow(UserError);
  });

  it("accepts a plan without deadlines (other commands need none)", () => {
    expect(bad((p) => delete p.deadlines)).not.toThrow();
  });

  it("loads the 2025 test plan of another city", () => {
    const file = join(ROOT, "test/fixtures/check/xiangyang-2025.yaml");
    const p = parsePlan(readFileSync(file, "utf8"), file);
    expect(p.units.map((u) => u.name)).toEqual(["枣阳市", "襄州区", "樊城区"]);
    expect(p.deadlines!.find((d) => d.milestone === "county-acceptance")!.due).toBe("2025-11-15");
  });
});

describe("nothing in the check code assumes a city or a year", () => {
  const files = [
    ...readdirSync(join(ROOT, "src/plan")).filter((f) => f.endsWith(".ts") && f !== "load.ts").map((f) => join("src/plan", f)),
    ...["check-human.ts", "check-json.ts", "check-table.ts"].map((f) => join("src/report", f)),
  ];
  it.each(files)("%s", (file) => {
    // comments may give examples; code may not
    const code = readFileSync(join(ROOT, file), "utf8")
      .split("\n")
      .filter((l) => !/^\s*(\/\/|\/\*\*?|\*)/.test(l))
      .map((l) => l.replace(/\s\/\/.*$/, ""))
      .join("\n");
    expect(code).not.toMatch(/随州|曾都|随县|广水|\b20\d\d\b/);
  });
});
