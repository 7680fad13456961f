// The status logic of record contract §4 as tables of cases: record + as-of date -> statuses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import { chooseAsOf } from "../src/plan/as-of.js";
import { milestoneDue, planDue, planDues } from "../src/plan/due.js";
import { enterpriseMilestones, judge, type MilestoneStatus } from "../src/plan/status.js";
import { ROOT } from "./support/run.js";

const plan2024 = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);
const PLAN2025 = join(ROOT, "test/fixtures/check/xiangyang-2025.yaml");
const plan2025 = parsePlan(readFileSync(PLAN2025, "utf8"), PLAN2025);

type Acc = NonNullable<EnterpriseRecord["acceptance"]>;
type Line = NonNullable<Acc["lines"]>[number];

function rec(parts: { lines?: Line[]; acc?: Partial<Acc>; closed?: boolean; licenses?: EnterpriseRecord["licenses"]; noAnnex2?: boolean } = {}): EnterpriseRecord {
  return {
    county: "随县",
    enterprise: { name: "测试企业", address: "随县", uscc: "91421321MA4001P57G", closedEntirely: parts.closed ?? false },
    licenses: parts.licenses,
    acceptance: parts.noAnnex2 ? undefined : { lines: parts.lines, ...parts.acc },
  };
}

const line = (shutdownOn: string | null, removedOn: string | null = null): Line => ({ model: "水泥磨 1台", shutdownOn, removedOn });
const passed = (signedOn: string | null, ok: boolean | null = true) => ({ opinion: "同意", passed: ok, signedOn });

/** status and done date of one milestone */
const pick = (ms: MilestoneStatus[], id: MilestoneStatus["id"]) => {
  const m = ms.find((x) => x.id === id)!;
  return [m.status, m.done, m.due, m.daysLate ?? m.daysLeft ?? null] as const;
};

describe("judge: inclusive due dates and the warning window", () => {
  const cases: [string, string | null, string, number, string, number | null][] = [
    // due,        done,          asOf,        warn, status,     days
    ["2024-10-31", "2024-10-31", "2024-11-15", 14, "done", null],
    ["2024-10-31", "2024-11-01", "2024-11-15", 14, "late", 1],
    ["2024-12-01", "2024-12-01", "2024-12-01", 14, "done", null],
    ["2024-12-01", "2024-12-02", "2024-12-31", 14, "late", 1],
    ["2024-12-01", null, "2024-12-01", 14, "due-soon", 0],
    ["2024-12-01", null, "2024-12-02", 14, "overdue", 1],
    ["2024-12-01", null, "2024-11-17", 14, "due-soon", 14],
    ["2024-12-01", null, "2024-11-16", 14, "pending", 15],
    ["2024-12-01", null, "2024-11-16", 15, "due-soon", 15],
    ["2024-12-01", null, "2024-12-01", 0, "due-soon", 0],
    ["2024-12-01", null, "2024-11-30", 0, "pending", 1],
    ["2024-02-28", null, "2024-03-01", 14, "overdue", 2], // leap year
    ["2024-12-31", null, "2025-01-01", 14, "overdue", 1],
  ];
  it.each(cases)("due %s done %s as of %s (warn %i) -> %s", (due, done, asOf, warn, status, days) => {
    const r = judge(due, done, asOf, warn);
    expect(r.status).toBe(status);
    expect(r.daysLate ?? r.daysLeft ?? null).toBe(days);
  });
});

describe("enterpriseMilestones against the 2024 plan", () => {
  it("takes its due dates from the plan: 10月底前, 11月底前, 12月1日前 and 年底前", () => {
    const ms = enterpriseMilestones(rec({ closed: true, acc: { province: passed(null, null) } }), plan2024, "2024-07-01");
    expect(ms.map((m) => [m.id, m.due])).toEqual([
      ["shutdown", "2024-10-31"],
      ["dismantle", "2024-11-30"],
      ["county-acceptance", "2024-12-01"],
      ["province-acceptance", "2024-12-31"],
      ["licenses", "2024-12-31"],
    ]);
  });

  type Case = [string, EnterpriseRecord, string, MilestoneStatus["id"], readonly [string, string | null, string | null, number | null]];
  const cases: Case[] = [
    // shutdown
    ["shut down on the deadline day", rec({ lines: [line("2024-10-31")] }), "2024-11-15", "shutdown", ["done", "2024-10-31", "2024-10-31", null]],
    ["shut down the day after", rec({ lines: [line("2024-11-01")] }), "2024-11-15", "shutdown", ["late", "2024-11-01", "2024-10-31", 1]],
    ["shutdown dated after the as-of date has not happened", rec({ lines: [line("2024-10-20")] }), "2024-10-19", "shutdown", ["due-soon", null, "2024-10-31", 12]],
    ["shutdown dated after as-of, past due", rec({ lines: [line("2024-11-20")] }), "2024-11-15", "shutdown", ["overdue", null, "2024-10-31", 15]],
    ["several lines: done when the last is", rec({ lines: [line("2024-10-10"), line("2024-11-03"), line("2024-10-20")] }), "2024-11-15", "shutdown", ["late", "2024-11-03", "2024-10-31", 3]],
    ["several lines, one without a date", rec({ lines: [line("2024-10-10"), line(null)] }), "2024-11-15", "shutdown", ["overdue", null, "2024-10-31", 15]],
    ["several lines, the last not yet as of the date", rec({ lines: [line("2024-10-10"), line("2024-10-30")] }), "2024-10-29", "shutdown", ["due-soon", null, "2024-10-31", 2]],
    ["no Annex 2: not shut down, pending", rec({ noAnnex2: true }), "2024-09-01", "shutdown", ["pending", null, "2024-10-31", 60]],
    ["no Annex 2: overdue once past", rec({ noAnnex2: true }), "2024-11-01", "shutdown", ["overdue", null, "2024-10-31", 1]],
    ["Annex 2 with no lines: nothing shows a shutdown", rec({ acc: { county: passed("2024-11-20") } }), "2024-11-15", "shutdown", ["overdue", null, "2024-10-31", 15]],
    // dismantle
    ["dismantled on the deadline day", rec({ lines: [line("2024-10-01", "2024-11-30")] }), "2024-12-01", "dismantle", ["done", "2024-11-30", "2024-11-30", null]],
    ["dismantled the day after", rec({ lines: [line("2024-10-01", "2024-12-01")] }), "2024-12-05", "dismantle", ["late", "2024-12-01", "2024-11-30", 1]],
    ["dismantling dated after the as-of date", rec({ lines: [line("2024-10-01", "2024-11-20")] }), "2024-11-15", "dismantle", ["pending", null, "2024-11-30", 15]],
    ["several lines: the last dismantling counts", rec({ lines: [line("2024-10-01", "2024-11-02"), line("2024-10-01", "2024-11-28")] }), "2024-12-10", "dismantle", ["done", "2024-11-28", "2024-11-30", null]],
    ["one line standing, not sealed", rec({ lines: [line("2024-10-01", "2024-11-02"), line("2024-10-01")] }), "2024-12-10", "dismantle", ["overdue", null, "2024-11-30", 10]],
    [
      "standing line cut off and sealed",
      rec({ lines: [line("2024-10-01", "2024-11-02"), line("2024-10-01")], acc: { notDismantled: { powerWaterCut: true, sealed: true, reason: "司法查封" } } }),
      "2024-12-10",
      "dismantle",
      ["sealed", null, "2024-11-30", null],
    ],
    [
      "sealed but power and water not cut",
      rec({ lines: [line("2024-10-01")], acc: { notDismantled: { powerWaterCut: false, sealed: true } } }),
      "2024-12-10",
      "dismantle",
      ["overdue", null, "2024-11-30", 10],
    ],
    [
      "power cut but not sealed",
      rec({ lines: [line("2024-10-01")], acc: { notDismantled: { powerWaterCut: true, sealed: false } } }),
      "2024-11-20",
      "dismantle",
      ["due-soon", null, "2024-11-30", 10],
    ],
    [
      "sealed line still running as of the date is not sealed yet",
      rec({ lines: [line("2024-10-20")], acc: { notDismantled: { powerWaterCut: true, sealed: true } } }),
      "2024-10-10",
      "dismantle",
      ["pending", null, "2024-11-30", 51],
    ],
    [
      "all lines dismantled: done even if the sealed box is ticked",
      rec({ lines: [line("2024-10-01", "2024-11-10")], acc: { notDismantled: { powerWaterCut: true, sealed: true } } }),
      "2024-12-10",
      "dismantle",
      ["done", "2024-11-10", "2024-11-30", null],
    ],
    ["no Annex 2: not dismantled", rec({ noAnnex2: true }), "2024-11-20", "dismantle", ["due-soon", null, "2024-11-30", 10]],
    // county acceptance
    ["passed on 12-01 itself", rec({ acc: { county: passed("2024-12-01") } }), "2024-12-01", "county-acceptance", ["done", "2024-12-01", "2024-12-01", null]],
    ["passed on 12-02", rec({ acc: { county: passed("2024-12-02") } }), "2024-12-20", "county-acceptance", ["late", "2024-12-02", "2024-12-01", 1]],
    ["passed, signed after the as-of date", rec({ acc: { county: passed("2024-11-28") } }), "2024-11-20", "county-acceptance", ["due-soon", null, "2024-12-01", 11]],
    ["not passed", rec({ acc: { county: passed("2024-11-28", false) } }), "2024-12-05", "county-acceptance", ["overdue", null, "2024-12-01", 4]],
    // an undated 通过 is "passed, date missing": done (never late), with no date; acceptance-incomplete warns
    ["passed but undated", rec({ acc: { county: passed(null) } }), "2024-12-05", "county-acceptance", ["done", null, "2024-12-01", null]],
    ["passed but undated, before the deadline too", rec({ acc: { county: passed(null) } }), "2024-09-01", "county-acceptance", ["done", null, "2024-12-01", null]],
    ["省级 passed but undated", rec({ acc: { province: passed(null) } }), "2025-01-05", "province-acceptance", ["done", null, "2024-12-31", null]],
    ["no Annex 2: no acceptance", rec({ noAnnex2: true }), "2024-10-01", "county-acceptance", ["pending", null, "2024-12-01", 61]],
    // province acceptance
    ["no 省级 section: not applicable", rec({ acc: { county: passed("2024-11-28") } }), "2024-12-31", "province-acceptance", ["not-applicable", null, null, null]],
    ["empty 省级 section: not applicable", rec({ acc: { province: { opinion: "", passed: null, signedOn: null } } }), "2025-01-05", "province-acceptance", ["not-applicable", null, null, null]],
    ["省级 opinion only: applies, overdue after year end", rec({ acc: { province: { opinion: "待验收" } } }), "2025-01-02", "province-acceptance", ["overdue", null, "2024-12-31", 2]],
    ["省级 passed on 12-31", rec({ acc: { province: passed("2024-12-31") } }), "2025-01-10", "province-acceptance", ["done", "2024-12-31", "2024-12-31", null]],
    ["省级 signed after the as-of date", rec({ acc: { province: passed("2024-12-20") } }), "2024-12-10", "province-acceptance", ["pending", null, "2024-12-31", 21]],
    // licences
    ["not closed entirely: not applicable", rec({ licenses: { business: { revokedOn: "2024-11-01" } } }), "2024-12-31", "licenses", ["not-applicable", null, null, null]],
    ["closed: business licence only", rec({ closed: true, licenses: { business: { revokedOn: "2024-11-25" } } }), "2024-12-31", "licenses", ["done", "2024-11-25", "2024-12-31", null]],
    [
      "closed: the discharge permit it held is still valid",
      rec({ closed: true, licenses: { business: { revokedOn: "2024-11-25" }, discharge: { number: "91421321MA4001P57G001P" } } }),
      "2025-01-03",
      "licenses",
      ["overdue", null, "2024-12-31", 3],
    ],
    [
      "closed: all held licences revoked, the last counts",
      rec({ closed: true, licenses: { business: { revokedOn: "2024-11-25" }, production: { number: "XK08-001-00123", revokedOn: "2025-01-02" }, discharge: { number: "X", revokedOn: "2024-12-01" } } }),
      "2025-01-10",
      "licenses",
      ["late", "2025-01-02", "2024-12-31", 2],
    ],
    [
      "closed: revocation dated after the as-of date",
      rec({ closed: true, licenses: { business: { revokedOn: "2024-12-20" } } }),
      "2024-12-10",
      "licenses",
      ["pending", null, "2024-12-31", 21],
    ],
    ["closed, no Annex 2: judged from Annex 1", rec({ closed: true, noAnnex2: true, licenses: { business: { revokedOn: "2024-09-01" } } }), "2024-10-01", "licenses", ["done", "2024-09-01", "2024-12-31", null]],
    ["closed, nothing revoked", rec({ closed: true }), "2024-12-01", "licenses", ["pending", null, "2024-12-31", 30]],
    // 注销 (cancelled) counts as 吊销 (revoked), seed 二（三）
    ["closed: business licence cancelled", rec({ closed: true, licenses: { business: { cancelledOn: "2024-11-20" } } }), "2024-12-31", "licenses", ["done", "2024-11-20", "2024-12-31", null]],
    [
      "closed: production licence cancelled, discharge permit revoked",
      rec({ closed: true, licenses: { business: { revokedOn: "2024-11-25" }, production: { number: "XK08-001-00123", cancelledOn: "2024-12-05" }, discharge: { number: "X", revokedOn: "2024-12-01" } } }),
      "2024-12-31",
      "licenses",
      ["done", "2024-12-05", "2024-12-31", null],
    ],
    [
      "closed: cancelled and later revoked, the first counts",
      rec({ closed: true, licenses: { business: { cancelledOn: "2024-11-20", revokedOn: "2025-01-05" } } }),
      "2025-01-10",
      "licenses",
      ["done", "2024-11-20", "2024-12-31", null],
    ],
  ];
  it.each(cases)("%s", (_name, record, asOf, id, expected) => {
    expect(pick(enterpriseMilestones(record, plan2024, asOf), id)).toEqual(expected);
  });

  it("uses 14 warning days unless told otherwise", () => {
    const r = rec({ noAnnex2: true });
    expect(pick(enterpriseMilestones(r, plan2024, "2024-10-10"), "shutdown")[0]).toBe("pending");
    expect(pick(enterpriseMilestones(r, plan2024, "2024-10-10", 30), "shutdown")[0]).toBe("due-soon");
    expect(pick(enterpriseMilestones(r, plan2024, "2024-10-17"), "shutdown")[0]).toBe("due-soon");
  });

  it("never changes its input", () => {
    const r = rec({ lines: [line("2024-10-01", "2024-11-02")], acc: { county: passed("2024-11-20") } });
    const copy = structuredClone(r);
    enterpriseMilestones(r, plan2024, "2024-12-01");
    expect(r).toEqual(copy);
  });
});

describe("an approved timetable (三（一）: 确有困难的，制定淘汰时间表)", () => {
  const tt = (timetable: EnterpriseRecord["timetable"], parts: Parameters<typeof rec>[0] = {}) => ({ ...rec(parts), timetable });
  const full = { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" };
  const dues = (r: EnterpriseRecord) => enterpriseMilestones(r, plan2024, "2024-12-31").map((m) => [m.id, m.due, m.timetable ?? false]);

  it("judges shutdown and dismantling by its dates; acceptance and licences move by as many days as dismantling", () => {
    // 11-30 -> 2025-09-30 is 304 days; 12-01 + 304 = 2025-10-01; 12-31 + 304 = 2025-10-31
    expect(dues(tt(full, { closed: true, acc: { province: { opinion: "待验收" } } }))).toEqual([
      ["shutdown", "2025-06-30", true],
      ["dismantle", "2025-09-30", true],
      ["county-acceptance", "2025-10-01", true],
      ["province-acceptance", "2025-10-31", true],
      ["licenses", "2025-10-31", true],
    ]);
  });

  it("is not overdue at the plan's year end, and late only against its own dates", () => {
    const r = tt(full, { lines: [line("2025-07-02", "2025-09-20")], acc: { county: passed("2025-09-28") } });
    expect(enterpriseMilestones(r, plan2024, "2024-12-31").map((m) => m.status)).toEqual(["pending", "pending", "pending", "not-applicable", "not-applicable"]);
    expect(enterpriseMilestones(r, plan2024, "2025-10-15").map((m) => [m.status, m.daysLate ?? null])).toEqual([
      ["late", 2],
      ["done", null],
      ["done", null],
      ["not-applicable", null],
      ["not-applicable", null],
    ]);
  });

  it("moves a date it leaves blank with the other one", () => {
    // dismantling only: shutdown moves by 304 days too (10-31 -> 2025-08-31)
    expect(dues(tt({ dismantleBy: "2025-09-30", approvedBy: "随县人民政府" })).slice(0, 3)).toEqual([
      ["shutdown", "2025-08-31", true],
      ["dismantle", "2025-09-30", true],
      ["county-acceptance", "2025-10-01", true],
    ]);
    // shutdown only: 10-31 -> 2025-03-31 is 151 days; dismantling 11-30 + 151 = 2025-04-30
    expect(dues(tt({ shutdownBy: "2025-03-31" })).slice(0, 3)).toEqual([
      ["shutdown", "2025-03-31", true],
      ["dismantle", "2025-04-30", true],
      ["county-acceptance", "2025-05-01", true],
    ]);
  });

  it("never brings the plan's later deadlines forward", () => {
    expect(dues(tt({ shutdownBy: "2024-09-30", dismantleBy: "2024-10-31" })).slice(0, 3)).toEqual([
      ["shutdown", "2024-09-30", true],
      ["dismantle", "2024-10-31", true],
      ["county-acceptance", "2024-12-01", true],
    ]);
  });

  it("an approving body without dates is no timetable", () => {
    expect(dues(tt({ approvedBy: "随县人民政府" })).slice(0, 2)).toEqual([
      ["shutdown", "2024-10-31", false],
      ["dismantle", "2024-11-30", false],
    ]);
  });

  it("looks the due date up in one place for check and summary alike", () => {
    const r = tt(full);
    expect(milestoneDue(plan2024, r, "dismantle")).toEqual({ due: "2025-09-30", timetable: true });
    expect(milestoneDue(plan2024, rec(), "dismantle")).toEqual({ due: "2024-11-30", timetable: false });
    expect(planDue(plan2024, "county-acceptance")).toBe("2024-12-01");
    expect([...planDues(plan2024)]).toEqual([
      ["shutdown", "2024-10-31"],
      ["dismantle", "2024-11-30"],
      ["county-acceptance", "2024-12-01"],
      ["province-acceptance", "2024-12-31"],
      ["licenses", "2024-12-31"],
    ]);
  });
});

describe("the as-of date once the plan's year is over", () => {
  it.each([
    [null, "2024-11-20", "2024-11-20", null],
    [null, "2024-12-31", "2024-12-31", null],
    [null, "2026-11-30", "2024-12-31", "as-of-year-end"],
    ["2024-11-15", "2026-11-30", "2024-11-15", null],
    ["2025-03-01", "2026-11-30", "2025-03-01", "as-of-past-year"],
    ["2025-03-01", "2024-06-01", "2025-03-01", "as-of-past-year"],
  ] as const)("--as-of %s, today %s -> %s (%s)", (given, today, asOf, note) => {
    const r = chooseAsOf(given, today, 2024);
    expect(r.asOf).toBe(asOf);
    expect(r.note?.messageId ?? null).toBe(note);
  });
});

describe("another plan changes the answers with no code change", () => {
  const r = rec({
    closed: true,
    lines: [line("2024-10-20", "2024-11-20")],
    acc: { county: passed("2024-11-25") },
    licenses: { business: { revokedOn: "2024-11-26" } },
  });
  it("2024 plan: all on time", () => {
    expect(enterpriseMilestones(r, plan2024, "2024-12-31").map((m) => m.status)).toEqual(["done", "done", "done", "not-applicable", "done"]);
  });
  it("2025 plan: other due dates, other answers for the same dates", () => {
    const r25 = rec({
      closed: true,
      lines: [line("2025-10-02", "2025-10-31")],
      acc: { county: passed("2025-11-16"), city: passed("2025-11-20") },
      licenses: { business: { revokedOn: "2025-11-30" } },
    });
    const ms = enterpriseMilestones(r25, plan2025, "2025-12-10");
    expect(ms.map((m) => [m.id, m.due, m.status])).toEqual([
      ["shutdown", "2025-09-30", "late"],
      ["dismantle", "2025-10-31", "done"],
      ["county-acceptance", "2025-11-15", "late"],
      ["province-acceptance", null, "not-applicable"],
      ["licenses", "2025-11-30", "done"],
    ]);
    // the same 2025 record under the 2024 plan: every date is long past its deadline
    expect(enterpriseMilestones(r25, plan2024, "2025-12-10").map((m) => m.status)).toEqual(["late", "late", "late", "not-applicable", "late"]);
  });
  it("a plan without a deadline for a milestone leaves it not applicable", () => {
    const plan = { ...plan2025, deadlines: plan2025.deadlines!.filter((d) => d.milestone !== "licenses") };
    expect(pick(enterpriseMilestones(rec({ closed: true }), plan, "2025-12-31"), "licenses")).toEqual(["not-applicable", null, null, null]);
  });
});
