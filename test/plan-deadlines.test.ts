// The plan as data: the bundled 2024 plan's deadlines, and what the schema refuses.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, parsePlan, readPlan } from "../src/plan/load.js";
import { MILESTONE_IDS, quotes } from "../src/plan/schema.js";
import { UserError } from "../src/util/errors.js";
import { ROOT } from "./support/run.js";

const text = readFileSync(DEFAULT_PLAN, "utf8");
const plan = parsePlan(text, DEFAULT_PLAN);
const SEED = join(ROOT, "..", "shared", "seed", "suizhou-2024-work-plan.txt");
const FIXTURE = join(ROOT, "test", "fixtures", "plan", "suizhou-2024-passages.txt");

/** The plan's passages copied into the fixture, by section (二（三） …). */
const passages: Map<string, string> = (() => {
  const out = new Map<string, string>();
  let section: string | null = null;
  for (const line of readFileSync(FIXTURE, "utf8").split("\n")) {
    if (line.startsWith("## ")) section = line.slice(3).trim();
    else if (section && line.trim() && !line.startsWith("#")) out.set(section, (out.get(section) ?? "") + line.trim());
  }
  return out;
})();
const squeeze = (s: string) => s.replace(/\s+/g, "");

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
      licenses: [null, "2024-12-31", "licenses"], // no date in 二（三）/二（四）: the year's end of 四（一）
      target: [null, "2024-12-31", null], // 四（一）: 2024年12月底前全面完成
      summary: [null, "2024-12-31", null], // 2024年12月底前
    });
    expect(MILESTONE_IDS.every((id) => plan.deadlines!.some((d) => d.milestone === id))).toBe(true);
    expect(plan.deadlines!.filter((d) => d.field).map((d) => [d.id, d.field])).toEqual([["survey", "reportedOn"]]);
  });

  it("quotes every deadline and term word for word from the section it names", () => {
    for (const d of [...plan.deadlines!, ...plan.terms!]) {
      for (const q of quotes(d)) {
        expect(q.section, d.id).not.toBeNull();
        expect(passages.get(q.section!), `${d.id} cites ${q.section}`).toContain(squeeze(q.text));
      }
    }
  });

  it("cites for licences what the plan says of them, and says plainly it gives no date", () => {
    const licenses = plan.deadlines!.find((d) => d.id === "licenses")!;
    const cited = quotes(licenses);
    expect(cited.map((q) => q.section)).toEqual(["二（三）", "二（四）", "四（一）"]);
    expect(cited[0]!.text).toContain("注销生产许可证");
    expect(cited[1]!.text).toContain("吊销其相关证照");
    // the two licence sentences carry no date; the year's end comes from 四（一）
    for (const q of cited.slice(0, 2)) expect(q.text).not.toMatch(/\d+月|年底|年内|前/);
    expect(cited[2]!.text).toContain("2024年12月底前全面完成今年淘汰落后产能目标任务");
    expect(licenses.reading).toMatch(/没有规定时限/);
    expect(licenses.reading).toContain("四（一）");
    expect(licenses.reading).toMatch(/注销/);
  });

  it("adds 四（一）'s year-end target as a deadline", () => {
    const target = plan.deadlines!.find((d) => d.id === "target")!;
    expect(target).toMatchObject({ due: "2024-12-31", section: "四（一）" });
    expect(passages.get("四（一）")).toContain(squeeze(quotes(target)[0]!.text));
  });

  it("shows the retrofit cap as a per-project rule, not a deadline", () => {
    expect(plan.deadlines!.some((d) => d.id === "retrofit")).toBe(false);
    const retrofit = plan.terms!.find((t) => t.id === "retrofit")!;
    expect(retrofit.limit).toContain("一般不超过3年");
    expect(retrofit.section).toBe("二（一）");
    expect(retrofit).not.toHaveProperty("due");
    expect(passages.get("二（一）")).toContain("明确改造升级和淘汰时限（一般不超过3年）");
  });

  it("reads the survey deadline (08-27) from 三（一）'s 两个月之内", () => {
    expect(passages.get("三（一）")).toContain("排查工作自通知下发之日起两个月之内完成");
  });

  // Every test above runs on the fixture. This one checks the fixture itself against
  // the source document, which a clone has none of: it runs only beside the seed.
  it.skipIf(!existsSync(SEED))("the fixture's passages are the plan's own words (only where the seed document is at hand)", () => {
    const seed = squeeze(readFileSync(SEED, "utf8"));
    for (const [section, text] of passages) expect(seed, section).toContain(text);
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
    ["an impossible date", (p: Record<string, unknown>) => (deadlines(p)[0]!.due = "2024-07-32")],
    ["a date that is no date", (p: Record<string, unknown>) => (deadlines(p)[0]!.due = "7月中旬")],
    ["two deadlines for one milestone", (p: Record<string, unknown>) => (deadlines(p)[1]!.milestone = "shutdown")],
    ["a repeated id", (p: Record<string, unknown>) => (deadlines(p)[1]!.id = "plans")],
    ["a window ending before it starts", (p: Record<string, unknown>) => (deadlines(p)[3]!.from = "2024-11-20")],
    ["an unknown milestone", (p: Record<string, unknown>) => (deadlines(p)[2]!.milestone = "demolish")],
    ["a deadline without its sentence", (p: Record<string, unknown>) => delete deadlines(p)[2]!.source],
  ])("refuses %s", (_name, edit) => {
    expect(bad(edit)).toThrow(UserError);
  });

  it("accepts a plan without deadlines (other commands need none)", () => {
    expect(bad((p) => delete p.terms)).not.toThrow();
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

describe("reading a plan's dates as strictly as records' dates", () => {
  const planText = (deadlines: string) =>
    [
      "id: t",
      "title: 某市2024年方案",
      "documentNo: 某〔2024〕1号",
      "issuedOn: 2024-03-01",
      "issuer: 某局",
      "year: 2024",
      "cityDivision: '420600'",
      "compiler: 某局",
      "units: [{name: 甲县}]",
      "deadlines:",
      deadlines,
    ].join("\n");
  const deadline = (id: string, due: string, extra = "") => `  - id: ${id}\n    title: 某事\n    due: ${due}\n    source: 某句。${extra}`;
  const thrown = (text: string): UserError => {
    try {
      readPlan(text, "方案.yaml");
    } catch (e) {
      return e as UserError;
    }
    throw new Error("no error");
  };

  it.each([
    ["2025-10-32", 17],
    ["2024-02-30", 17],
    ["2024年13月1日", 17],
    ["明年", 17],
  ])("refuses due %s, naming the file and line", (due, line) => {
    const e = thrown(planText(`${deadline("a", "2024-10-31")}\n${deadline("b", due)}`));
    expect(e).toBeInstanceOf(UserError);
    expect(e.messageId).toBe("plan-date-invalid");
    // the field is named by its label (截止日期), its line by the number
    expect(e.data).toMatchObject({ file: "方案.yaml", line, field: "截止日期", value: due });
  });

  it("reads the spellings clerks type, stored as YYYY-MM-DD", () => {
    const { plan: p } = readPlan(planText(`${deadline("a", "2024年10月31日")}\n${deadline("b", "2024/11/30")}\n${deadline("c", "20241201")}`), "x.yaml");
    expect(p.deadlines!.map((d) => d.due)).toEqual(["2024-10-31", "2024-11-30", "2024-12-01"]);
  });

  it("warns of a deadline outside the plan's year and the next, with its line", () => {
    const { warnings } = readPlan(
      planText([deadline("a", "2024-10-31"), deadline("b", "2025-01-15"), deadline("c", "2042-10-31"), deadline("d", "2023-12-31")].join("\n")),
      "x.yaml",
    );
    expect(warnings).toEqual([
      { messageId: "plan-date-outside-year", data: { file: "x.yaml", line: 21, id: "c", date: "2042-10-31", year: 2024 } },
      { messageId: "plan-date-outside-year", data: { file: "x.yaml", line: 25, id: "d", date: "2023-12-31", year: 2024 } },
    ]);
  });

  it("the bundled plans raise no warning", () => {
    expect(readPlan(text, DEFAULT_PLAN).warnings).toEqual([]);
    const file = join(ROOT, "test/fixtures/check/xiangyang-2025.yaml");
    expect(readPlan(readFileSync(file, "utf8"), file).warnings).toEqual([]);
  });

  it("names the line of any other problem", () => {
    const e = thrown(planText(`${deadline("a", "2024-10-31")}\n  - id: b\n    title: 某事\n    due: 2024-11-30`));
    expect(e.messageId).toBe("plan-invalid-at");
    expect(e.data).toMatchObject({ file: "方案.yaml", line: 15 });
  });
});
