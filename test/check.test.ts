// `capexit check` end to end: the built binary on workbooks written with exceljs.
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkMessages } from "../src/report/check-messages.js";
import { day, writeWorkbook } from "./fixtures/check/workbook.js";
import { makeUscc } from "./support/records.js";
import { capexit, ROOT, tempDir } from "./support/run.js";

interface CheckJson {
  asOf: string;
  enterprises: { uscc: string; name: string; county: string; milestones: { id: string; due: string | null; done: string | null; status: string }[] }[];
}

const PLAN2025 = join(ROOT, "test/fixtures/check/xiangyang-2025.yaml");
/** a plan whose year is far ahead: today is within it */
const PLAN_FAR = join(ROOT, "test/fixtures/check/far-2099.yaml");

// 2024: six enterprises, one per situation the plan's deadlines care about
const U = {
  a: makeUscc("421303", 9001), // 曾都区: everything on the deadline day itself
  b: makeUscc("421303", 9002), // 曾都区: closed entirely, two lines (one late), province acceptance
  c: makeUscc("421321", 9003), // 随县: lines sealed instead of dismantled
  d: makeUscc("421321", 9004), // 随县: no Annex 2 yet
  e: makeUscc("421381", 9005), // 广水市: an impossible dismantling date, acceptance refused
  f: makeUscc("421300", 9006), // 高新区 (alias): dismantled late
};

const annex1 = (uscc: string, county: string, name: string, extra: Record<string, string | number | boolean | Date | null> = {}) => ({
  县市区: county,
  填报时间: day("2024-08-20"),
  企业名称: name,
  建厂时间: "2005-03",
  企业地址: `${county}示例路1号`,
  统一社会信用代码: uscc,
  企业整体关闭: "否",
  ...extra,
});
const annex2 = (uscc: string, name: string, extra: Record<string, string | number | boolean | Date | null> = {}) => ({
  统一社会信用代码: uscc,
  企业名称: name,
  ...extra,
});
const line = (uscc: string, model: string, shutdownOn: string | number | Date | null, removedOn: string | number | Date | null) => ({
  统一社会信用代码: uscc,
  "淘汰生产线（设备）型号及数量": model,
  关停时间: shutdownOn,
  主体设备拆除时间: removedOn,
  设备去向: removedOn ? "拆解报废" : "封存",
});

let dir = "";
let wb2024 = "";
let wb2025 = "";

beforeAll(async () => {
  dir = tempDir("capexit-check-");
  wb2024 = join(dir, "随州2024进度.xlsx");
  await writeWorkbook(wb2024, {
    附表1: [
      annex1(U.a, "曾都区", "甲水泥有限公司"),
      annex1(U.b, "曾都区", "乙铸造有限公司", {
        企业整体关闭: "是",
        营业执照吊销时间: "2024/11/25",
        排污许可证证书号: `${U.b}001P`,
        排污许可证吊销时间: "2025-01-03",
      }),
      annex1(U.c, "随县", "丙水泥有限公司"),
      annex1(U.d, "随县", "丁砖瓦厂"),
      annex1(U.e, "广水市", "戊铁合金有限公司"),
      annex1(U.f, "高新区", "己印染有限公司"),
    ],
    附表2: [
      annex2(U.a, "甲水泥有限公司", { 县级验收意见: "同意通过验收", 县级验收结论: "通过", 县级验收日期: 20241201 }),
      annex2(U.b, "乙铸造有限公司", {
        县级验收结论: "通过",
        县级验收日期: day("2024-12-05"),
        省级验收意见: "同意通过验收",
        省级验收结论: "通过",
        省级验收日期: "2024年12月28日",
      }),
      annex2(U.c, "丙水泥有限公司", {
        是否具备恢复生产的能力: "否",
        主体设备未拆除的原因: "待司法拍卖处置",
        是否断电断水: "是",
        主体设备是否封存: "是",
        县级验收结论: "通过",
        县级验收日期: "2024.11.29",
      }),
      annex2(U.e, "戊铁合金有限公司", { 县级验收结论: "不通过", 县级验收日期: "2024-11-28" }),
      annex2(U.f, "己印染有限公司", { 县级验收结论: "通过", 县级验收日期: "2024-12-22" }),
    ],
    附表2生产线: [
      line(U.a, "Φ2.6×13m水泥磨 1台", "2024年10月31日", "2024.11.30"),
      line(U.b, "0.5吨中频炉 1台", day("2024-10-20"), day("2024-11-10")),
      line(U.b, "0.25吨中频炉 1台", "2024-11-01", "2024-12-03"),
      line(U.c, "Φ2.4×10m水泥磨 1台", "2024-10-15", null),
      line(U.c, "Φ3.0×9m机立窑 1台", "2024-10-15", null),
      line(U.e, "6300千伏安矿热炉 1台", "2024-10-28", "2024-11-31"),
      line(U.f, "平网印花机 1台", "20241031", "2024-12-20"),
    ],
  });

  wb2025 = join(dir, "襄阳2025进度.xlsx");
  const x = makeUscc("420607", 9101);
  const z = makeUscc("420683", 9102);
  await writeWorkbook(wb2025, {
    附表1: [annex1(x, "襄州区", "襄州示例水泥有限公司"), annex1(z, "枣阳市", "枣阳示例铸造有限公司")],
    附表2: [annex2(x, "襄州示例水泥有限公司", { 县级验收结论: "通过", 县级验收日期: "2025-11-15" })],
    附表2生产线: [line(x, "水泥磨 1台", "2025-09-30", "2025-10-31")],
  });
});

function check(args: string[]) {
  const r = capexit(["check", ...args]);
  return { ...r, json: r.stdout.trimStart().startsWith("{") ? (JSON.parse(r.stdout) as CheckJson) : null };
}

/** enterprise name -> the statuses of its five milestones, in order */
function statuses(j: CheckJson): Record<string, string[]> {
  return Object.fromEntries(j.enterprises.map((e) => [e.name, e.milestones.map((m) => (m.done ? `${m.status} ${m.done}` : m.status))]));
}

describe("check --format json on a 2024 workbook, as of several dates", () => {
  // shutdown, dismantle, county-acceptance, province-acceptance, licenses
  const table: [string, number, Record<string, string[]>][] = [
    [
      "2024-10-31",
      0,
      {
        甲水泥有限公司: ["done 2024-10-31", "pending", "pending", "not-applicable", "not-applicable"],
        乙铸造有限公司: ["due-soon", "pending", "pending", "pending", "pending"],
        丙水泥有限公司: ["done 2024-10-15", "sealed", "pending", "not-applicable", "not-applicable"],
        丁砖瓦厂: ["due-soon", "pending", "pending", "not-applicable", "not-applicable"],
        戊铁合金有限公司: ["done 2024-10-28", "pending", "pending", "not-applicable", "not-applicable"],
        己印染有限公司: ["done 2024-10-31", "pending", "pending", "not-applicable", "not-applicable"],
      },
    ],
    [
      "2024-11-01",
      1,
      {
        甲水泥有限公司: ["done 2024-10-31", "pending", "pending", "not-applicable", "not-applicable"],
        乙铸造有限公司: ["late 2024-11-01", "pending", "pending", "pending", "pending"],
        丙水泥有限公司: ["done 2024-10-15", "sealed", "pending", "not-applicable", "not-applicable"],
        丁砖瓦厂: ["overdue", "pending", "pending", "not-applicable", "not-applicable"],
        戊铁合金有限公司: ["done 2024-10-28", "pending", "pending", "not-applicable", "not-applicable"],
        己印染有限公司: ["done 2024-10-31", "pending", "pending", "not-applicable", "not-applicable"],
      },
    ],
    [
      "2024-12-01",
      1,
      {
        甲水泥有限公司: ["done 2024-10-31", "done 2024-11-30", "done 2024-12-01", "not-applicable", "not-applicable"],
        乙铸造有限公司: ["late 2024-11-01", "overdue", "due-soon", "pending", "pending"],
        丙水泥有限公司: ["done 2024-10-15", "sealed", "done 2024-11-29", "not-applicable", "not-applicable"],
        丁砖瓦厂: ["overdue", "overdue", "due-soon", "not-applicable", "not-applicable"],
        戊铁合金有限公司: ["done 2024-10-28", "overdue", "due-soon", "not-applicable", "not-applicable"],
        己印染有限公司: ["done 2024-10-31", "overdue", "due-soon", "not-applicable", "not-applicable"],
      },
    ],
    [
      "2024-12-31",
      1,
      {
        甲水泥有限公司: ["done 2024-10-31", "done 2024-11-30", "done 2024-12-01", "not-applicable", "not-applicable"],
        乙铸造有限公司: ["late 2024-11-01", "late 2024-12-03", "late 2024-12-05", "done 2024-12-28", "due-soon"],
        丙水泥有限公司: ["done 2024-10-15", "sealed", "done 2024-11-29", "not-applicable", "not-applicable"],
        丁砖瓦厂: ["overdue", "overdue", "overdue", "not-applicable", "not-applicable"],
        戊铁合金有限公司: ["done 2024-10-28", "overdue", "overdue", "not-applicable", "not-applicable"],
        己印染有限公司: ["done 2024-10-31", "late 2024-12-20", "late 2024-12-22", "not-applicable", "not-applicable"],
      },
    ],
  ];

  it.each(table)("as of %s", (asOf, code, expected) => {
    const r = check([wb2024, "--as-of", asOf, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(code);
    expect(r.json!.asOf).toBe(asOf);
    expect(statuses(r.json!)).toEqual(expected);
  });

  it("prints exactly the shape of record contract §4, enterprises in the plan's unit order", () => {
    const j = check([wb2024, "--as-of", "2025-01-10", "--format", "json"]).json!;
    expect(Object.keys(j)).toEqual(["asOf", "enterprises"]);
    for (const e of j.enterprises) {
      expect(Object.keys(e)).toEqual(["uscc", "name", "county", "milestones"]);
      expect(e.milestones.map((m) => m.id)).toEqual(["shutdown", "dismantle", "county-acceptance", "province-acceptance", "licenses"]);
      for (const m of e.milestones) expect(Object.keys(m)).toEqual(["id", "due", "done", "status"]);
    }
    expect(j.enterprises.map((e) => [e.uscc, e.county])).toEqual([
      [U.a, "曾都区"],
      [U.b, "曾都区"],
      [U.c, "随县"],
      [U.d, "随县"],
      [U.e, "广水市"],
      [U.f, "随州高新区"], // typed 高新区: the plan's own name
    ]);
    const b = j.enterprises[1]!.milestones;
    expect(b[4]).toEqual({ id: "licenses", due: "2024-12-31", done: "2025-01-03", status: "late" });
    expect(j.enterprises[0]!.milestones[3]).toEqual({ id: "province-acceptance", due: null, done: null, status: "not-applicable" });
  });

  it("widens the warning window with --warn-days", () => {
    const at = (w: string[]) => statuses(check([wb2024, "--as-of", "2024-11-16", "--format", "json", ...w]).json!)["丁砖瓦厂"]!;
    // as of 11-16: dismantling is due in 14 days, county acceptance in 15
    expect(at([])).toEqual(["overdue", "due-soon", "pending", "not-applicable", "not-applicable"]);
    expect(at(["--warn-days", "0"])).toEqual(["overdue", "pending", "pending", "not-applicable", "not-applicable"]);
    expect(at(["--warn-days", "15"])).toEqual(["overdue", "due-soon", "due-soon", "not-applicable", "not-applicable"]);
  });

  it("without --as-of, once the plan's year is over, takes its last day and says so on stderr", () => {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const r = check([wb2024, "--format", "json"]);
    expect(today > "2024-12-31").toBe(true); // the bundled plan's year is over for every run from now on
    expect(r.json!.asOf).toBe("2024-12-31");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/2024-12-31/);
    expect(r.stderr).toContain(today);
  });

  it("without --as-of, within the plan's year, takes today", () => {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const r = check([wb2024, "--plan", PLAN_FAR, "--format", "json"]);
    expect(r.json!.asOf).toBe(today);
    expect(r.stderr).toBe("");
  });

  it("honours an --as-of past the plan's year, with one line on stderr", () => {
    const r = check([wb2024, "--as-of", "2025-03-01", "--format", "json"]);
    expect(r.json!.asOf).toBe("2025-03-01");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--as-of 2025-03-01.*2024-12-31/);
    expect(capexit(["--lang", "en", "check", wb2024, "--as-of", "2025-03-01", "--format", "json"]).stderr).toMatch(/past the end of the plan's year/);
  });

  it("reads the as-of date the way clerks type dates", () => {
    expect(check([wb2024, "--as-of", "2024年11月1日", "--format", "json"]).json!.asOf).toBe("2024-11-01");
  });
});

describe("check, human report", () => {
  it("has one table per unit in plan order, the counts, the date problems and the plan's timeline", () => {
    const r = check([wb2024, "--as-of", "2024-12-01"]);
    expect(r.code).toBe(1);
    const out = r.stdout;
    const at = (s: string) => {
      const i = out.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    // units in plan order, each before its enterprises
    const order = ["曾都区", "甲水泥有限公司", "乙铸造有限公司", "随县", "丙水泥有限公司", "丁砖瓦厂（未填附表2）", "广水市", "戊铁合金有限公司", "随州高新区", "己印染有限公司"];
    const positions = order.map(at);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    // a row: the enterprise with its statuses and days
    const row = out.split("\n").find((l) => l.includes("乙铸造有限公司"))!;
    expect(row).toMatch(/逾期完成 11-01（晚1天）\s+逾期 1天\s+即将到期 今天截止\s+剩30天\s+剩30天/);
    expect(out.split("\n").find((l) => l.includes("丙水泥有限公司"))).toMatch(/已封存/);
    // the unit's counts
    expect(out).toMatch(/小计：按期完成 3，逾期完成 1，逾期未完成 1，即将到期 1，未到期 2，不适用 2/);
    // the impossible date is shown at its cell, with the rule that touches it
    const problems = out.slice(at("日期相关的问题"));
    expect(problems).toMatch(/戊铁合金有限公司\n\s+\S+ › 附表2生产线 › D\d+ .*主体设备拆除时间/);
    expect(problems).toContain("2024-11-31");
    // the timeline, with days left as of the date
    const timeline = out.slice(at("工作方案时间节点（截至 2024-12-01）"));
    expect(timeline).toMatch(/2024-08-27\s+全面排查\s+已过96天/);
    expect(timeline).toMatch(/2024-11-01～11-10\s+市直部门督促检查\s+已过21天/);
    expect(timeline).toMatch(/2024-12-01\s+完成检查验收并逐户出具书面验收意见\s+今天截止/);
    expect(timeline).toMatch(/2024-12-31\s+报送年度工作总结\s+剩30天/);
    // the 3-year retrofit cap is a rule per project, never counted down
    expect(timeline).not.toMatch(/2027/);
    const terms = out.slice(at("按项目计的时限"));
    expect(terms).toMatch(/能效改造升级和淘汰时限\s+每个项目一般不超过3年\s+二（一）/);
    expect(out).not.toMatch(/\x1b\[/); // no colour off a terminal
  });

  it("speaks English with --lang en", () => {
    const r = check([wb2024, "--as-of", "2024-10-31", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Progress check/);
    expect(r.stdout).toMatch(/due soon, today/);
    expect(r.stdout).toMatch(/The plan's timeline \(as of 2024-10-31\)/);
    expect(r.stdout).toMatch(/Survey completed\s+65d ago/);
    expect(r.stdout).not.toMatch(/[逾期剩未到]/);
  });

  it("shows every unit of the plan, even one with no records", async () => {
    const f = join(dir, "only-suixian.xlsx");
    await writeWorkbook(f, { 附表1: [annex1(U.d, "随县", "丁砖瓦厂")] });
    const r = check([f, "--as-of", "2024-09-01"]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/（尚无记录）/g)).toHaveLength(3);
  });
});

describe("another plan, with no code change", () => {
  it("judges a 2025 workbook against the 2025 plan of another city", () => {
    const r = check([wb2025, "--plan", PLAN2025, "--as-of", "2025-11-15", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const j = r.json!;
    // the plan's unit order: 枣阳市 before 襄州区
    expect(j.enterprises.map((e) => e.county)).toEqual(["枣阳市", "襄州区"]);
    expect(j.enterprises.map((e) => e.milestones.map((m) => [m.due, m.status]))).toEqual([
      [["2025-09-30", "overdue"], ["2025-10-31", "overdue"], ["2025-11-15", "due-soon"], [null, "not-applicable"], [null, "not-applicable"]],
      [["2025-09-30", "done"], ["2025-10-31", "done"], ["2025-11-15", "done"], [null, "not-applicable"], [null, "not-applicable"]],
    ]);
    const human = check([wb2025, "--plan", PLAN2025, "--as-of", "2025-10-15"]).stdout;
    expect(human).toContain("襄经信发〔2025〕7号");
    expect(human).toMatch(/樊城区[^\n]*\n\s+（尚无记录）/);
    expect(human).toMatch(/2025-10-11～10-20\s+督促检查\s+进行中，剩5天/);
    expect(human).not.toMatch(/随州|曾都区|广水市/);
  });

  it("the same 2025 workbook under the default plan gives other answers", () => {
    const j = check([wb2025, "--as-of", "2025-11-15", "--format", "json"]).json!;
    const x = j.enterprises.find((e) => e.name === "襄州示例水泥有限公司")!;
    expect(x.milestones.map((m) => [m.due, m.status])).toEqual([
      ["2024-10-31", "late"],
      ["2024-11-30", "late"],
      ["2024-12-01", "late"],
      [null, "not-applicable"],
      [null, "not-applicable"],
    ]);
    expect(check([wb2025, "--as-of", "2025-11-15"]).stdout).toContain("不在工作方案所列单位的记录");
  });
});

describe("command errors exit 2 with one sentence and nothing on stdout", () => {
  it.each([
    [["--as-of", "2024-13-01"], /--as-of/],
    [["--as-of", "明天"], /--as-of/],
    [["--warn-days", "-3"], /--warn-days/],
    [["--warn-days", "two"], /--warn-days/],
    [["--format", "xml"], /--format/],
    [["--plan", "/nonexistent/plan.yaml"], /plan\.yaml/],
  ])("%s", (args, message) => {
    const r = capexit(["check", wb2024, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("refuses a plan without deadlines", () => {
    const plan = join(dir, "no-deadlines.yaml");
    writeFileSync(plan, "id: x\ntitle: 某方案\ndocumentNo: 某〔2030〕1号\nissuedOn: 2030-01-01\nissuer: 某局\nyear: 2030\ncityDivision: '420600'\ncompiler: 某局\nunits: [{name: 甲县}]\n");
    const r = capexit(["check", wb2024, "--plan", plan]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/deadlines/);
    expect(r.stdout).toBe("");
  });

  it("a missing file", () => {
    const r = capexit(["check", join(dir, "nope.xlsx"), "--as-of", "2024-11-01"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.xlsx/);
  });
});

describe("check's words", () => {
  it("exist in both languages with the same placeholders", () => {
    const zh = checkMessages["zh-CN"];
    const en = checkMessages.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh)) expect([k, holes(en[k]!)]).toEqual([k, holes(zh[k]!)]);
  });
});

describe("plan files", () => {
  const planWith = (due: string) =>
    `id: x\ntitle: 某方案\ndocumentNo: 某〔2024〕1号\nissuedOn: 2024-01-01\nissuer: 某局\nyear: 2024\ncityDivision: '420600'\ncompiler: 某局\nunits: [{name: 甲县}]\ndeadlines:\n  - id: shutdown\n    milestone: shutdown\n    title: 停产\n    due: ${due}\n    source: 某句。\n`;

  it("refuses an impossible date, naming the file and the line (exit 2)", () => {
    const plan = join(dir, "bad-date.yaml");
    writeFileSync(plan, planWith("2025-10-32"));
    for (const args of [["check", "--as-of", "2024-11-01"], ["summarize", "--as-of", "2024-11-01"], ["validate"]]) {
      const cmd = args[0]!;
      const r = capexit([...args, wb2024, "--plan", plan]);
      expect(r.code, cmd).toBe(2);
      expect(r.stdout, cmd).toBe("");
      expect(r.stderr.trim().split("\n"), cmd).toHaveLength(1);
      expect(r.stderr, cmd).toMatch(/bad-date\.yaml 第14行.*2025-10-32/);
    }
  });

  it("warns of a deadline outside the plan's year on stderr, and goes on", () => {
    const plan = join(dir, "far-date.yaml");
    writeFileSync(plan, planWith("2042-10-31"));
    const r = capexit(["check", wb2024, "--plan", plan, "--as-of", "2024-11-01", "--format", "json"]);
    expect(JSON.parse(r.stdout).asOf).toBe("2024-11-01");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/far-date\.yaml 第14行.*shutdown.*2042-10-31/);
  });

  it("answers a plan given as records in one sentence", () => {
    const plan = join(ROOT, "templates", "plans", "suizhou-2024.yaml");
    for (const args of [["validate", plan], ["check", plan, "--as-of", "2024-11-01"], ["summarize", plan, "--as-of", "2024-11-01"]]) {
      const r = capexit(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout, args[0]).toBe("");
      expect(r.stderr.trim().split("\n"), args[0]).toHaveLength(1);
      expect(r.stderr, args[0]).toMatch(/suizhou-2024\.yaml 是工作方案文件.*--plan/);
    }
    expect(capexit(["--lang", "en", "validate", plan]).stderr).toMatch(/is a plan file.*--plan/);
  });
});

describe("a timetable and a 填报单位, end to end (xlsx and YAML -> check -> summarize)", () => {
  const T = { g: makeUscc("421321", 9201), h: makeUscc("421321", 9202) };
  let xlsx = "";
  let yamlFile = "";

  beforeAll(async () => {
    xlsx = join(dir, "随县时间表.xlsx");
    // 填报单位 alone stands for the county: the department resolves to 随县
    const a1 = (uscc: string, name: string, extra: Record<string, string | number | boolean | Date | null> = {}) => {
      const { 县市区: _county, ...rest } = annex1(uscc, "随县", name, extra);
      return { 填报单位: "随县科经局", ...rest };
    };
    await writeWorkbook(xlsx, {
      附表1: [
        a1(T.g, "庚水泥有限公司", { 时间表停产期限: "2025年6月30日", 时间表拆除期限: day("2025-09-30"), 时间表批准单位: "随县人民政府" }),
        a1(T.h, "辛砖瓦厂"),
      ],
      附表2: [annex2(T.g, "庚水泥有限公司")],
      附表2生产线: [line(T.g, "Φ3.0×9m机立窑 1台", "2025-06-20", "2025-09-15")],
    });
    yamlFile = join(dir, "随县时间表.yaml");
    writeFileSync(
      yamlFile,
      [
        "reportingUnit: 随县科经局",
        "county: 随县",
        "reportedOn: 2024-08-20",
        "enterprise: { name: 壬铸造有限公司, address: 随县示例路2号, uscc: " + makeUscc("421321", 9203) + " }",
        "timetable:",
        "  shutdownBy: 2025-03-31",
        "  dismantleBy: 2025-05-31",
        "  approvedBy: 随县人民政府",
        "",
      ].join("\n"),
    );
  });

  it("check judges the timetabled enterprise against its own dates, the other against the plan", () => {
    const r = check([xlsx, yamlFile, "--as-of", "2024-12-31", "--format", "json"]);
    const j = r.json!;
    const byName = Object.fromEntries(j.enterprises.map((e) => [e.name, e]));
    expect(byName["庚水泥有限公司"]!.county).toBe("随县");
    expect(byName["庚水泥有限公司"]!.milestones.slice(0, 3).map((m) => [m.due, m.status])).toEqual([
      ["2025-06-30", "pending"],
      ["2025-09-30", "pending"],
      ["2025-10-01", "pending"],
    ]);
    expect(byName["壬铸造有限公司"]!.milestones.slice(0, 2).map((m) => [m.due, m.status])).toEqual([
      ["2025-03-31", "pending"],
      ["2025-05-31", "pending"],
    ]);
    // the enterprise without a timetable is overdue against the plan
    expect(byName["辛砖瓦厂"]!.milestones[0]).toEqual({ id: "shutdown", due: "2024-10-31", done: null, status: "overdue" });
    expect(r.code).toBe(1);

    const later = check([xlsx, "--as-of", "2025-07-01", "--format", "json"]).json!;
    expect(later.enterprises.find((e) => e.name === "庚水泥有限公司")!.milestones[0]).toEqual({ id: "shutdown", due: "2025-06-30", done: "2025-06-20", status: "done" });
  });

  it("check's report marks 按时间表", () => {
    const out = check([xlsx, "--as-of", "2024-12-31"]).stdout;
    const row = out.split("\n").find((l) => l.includes("庚水泥有限公司"))!;
    expect(row).toContain("（按时间表）");
    expect(row).toMatch(/剩181天（按时间表 2025-06-30）/);
    expect(out).toMatch(/按时间表：/);
    expect(out.split("\n").find((l) => l.includes("辛砖瓦厂"))).not.toContain("按时间表");
  });

  it("validate finds no unit problem with the department, and summarize counts it in 随县, in its own timetable column", () => {
    const v = JSON.parse(capexit(["validate", xlsx, yamlFile, "--format", "json"]).stdout) as { findings: { rule: string }[] };
    expect(v.findings.map((f) => f.rule)).not.toContain("county-unit");
    const md = join(dir, "timetable.md");
    const s = capexit(["summarize", xlsx, yamlFile, "--as-of", "2024-12-31", "-o", md]);
    expect(s.code).toBe(0);
    const lines = readFileSync(md, "utf8").split("\n");
    const header = lines.find((l) => l.includes("其中按时间表（家）"))!;
    const col = header.split("|").findIndex((c) => c.trim() === "其中按时间表（家）");
    const cell = (unit: string) => lines.find((l) => l.startsWith(`| ${unit} `))!.split("|")[col]!.trim();
    expect(cell("随县")).toBe("2");
    expect(cell("曾都区")).toBe("0");
    expect(readFileSync(md, "utf8")).toContain("2025-06-30前停产，2025-09-30前拆除");
    const j = JSON.parse(capexit(["summarize", xlsx, yamlFile, "--as-of", "2024-12-31", "--format", "json"]).stdout);
    expect(j.units.find((u: { county: string }) => u.county === "随县").enterprises).toBe(3);
  });
});
