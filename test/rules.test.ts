import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { loadPlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { rules } from "../src/rules/index.js";
import { validate } from "../src/rules/run.js";
import { loaded } from "./support/loaded.js";
import { sampleRecords } from "./support/records.js";
import { ROOT } from "./support/run.js";

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

/** The example enterprises by a short name (looked up by name, never by position). */
const NAMES = {
  zdCement: "随州市曾都区示例水泥粉磨有限公司", // dismantled, county and city passed
  zdFoundry: "随州示例铸造有限公司", // closed entirely, licences revoked, county passed
  sxCement: "随县示例水泥有限公司", // two lines sealed, not dismantled, county passed
  sxBrick: "随县示例砖瓦厂", // Annex 1 only (the survey)
  gsAlloy: "广水市示例铁合金有限公司", // two lines, county and city passed
  gsPaper: "广水示例造纸有限公司", // one line, county passed, tax number and org code given
  gxDye: "随州高新区示例印染有限公司", // three items, three lines, registered by the city
  gxParts: "随州示例专用汽车配件有限公司", // Annex 2 without any verdict yet
} as const;
type Key = keyof typeof NAMES;

/** The example record of that name, to break. */
function of(records: EnterpriseRecord[], key: Key): EnterpriseRecord {
  const r = records.find((x) => x.enterprise.name === NAMES[key]);
  if (!r) throw new Error(`no example named ${NAMES[key]}`);
  return r;
}
const acc = (r: EnterpriseRecord) => r.acceptance!;

type Case = [what: string, breakIt: (get: (k: Key) => EnterpriseRecord) => void, want: [rule: string, field: string][]];

/** [what a clerk did, how to change a valid record set, expected [rule, field] findings] — silent cases expect []. */
const CASES: Case[] = [
  // staff
  ["contract staff above staff on duty", (g) => (g("zdCement").staff!.contract = 200), [["staff-contract", "staff.contract"]]],
  ["resettled above involved", (g) => (acc(g("zdCement")).staff!.resettled = 87), [["staff-resettled", "acceptance.staff.resettled"]]],
  // codes
  ["org code not USCC 9–17", (g) => (g("gsPaper").enterprise.orgCode = "MA4001MD3"), [["orgcode-uscc", "enterprise.orgCode"]]],
  ["tax number another code", (g) => (g("gsPaper").enterprise.taxNo = g("zdCement").enterprise.uscc), [["taxno-uscc", "enterprise.taxNo"]]],
  ["old tax number of another org", (g) => (g("gsPaper").enterprise.taxNo = `421381${g("zdCement").enterprise.uscc!.slice(8, 17)}`), [["taxno-uscc", "enterprise.taxNo"]]],
  ["old tax number matching", (g) => (g("gsPaper").enterprise.taxNo = `421381${g("gsPaper").enterprise.uscc!.slice(8, 17)}`), []],
  ["same USCC twice", (g) => (g("zdFoundry").enterprise.uscc = g("zdCement").enterprise.uscc), [["uscc-duplicate", "enterprise.uscc"]]],
  // dates in order
  [
    "dismantled before shut down",
    (g) => {
      acc(g("zdCement")).lines![0]!.removedOn = "2024-10-01";
      g("zdCement").equipment![0]!.removedOn = "2024-10-01";
    },
    [["date-order", "acceptance.lines[0].removedOn"]],
  ],
  ["city accepted before county", (g) => (acc(g("zdCement")).city!.signedOn = "2024-11-26"), [["date-order", "acceptance.city.signedOn"]]],
  ["founded after reporting", (g) => (g("sxBrick").enterprise.foundedOn = "2025"), [["date-order", "reportedOn"]]],
  ["founded the same year (partial date)", (g) => (g("sxBrick").enterprise.foundedOn = "2024"), []],
  [
    "county accepted before the last line was dismantled",
    (g) => {
      acc(g("gsPaper")).lines![0]!.removedOn = "2024-11-30";
      g("gsPaper").equipment![0]!.removedOn = "2024-11-30";
    },
    [["date-order", "acceptance.county.signedOn"]],
  ],
  [
    "accepted on the day the last line was dismantled",
    (g) => {
      acc(g("gsPaper")).lines![0]!.removedOn = "2024-11-28";
      g("gsPaper").equipment![0]!.removedOn = "2024-11-28";
    },
    [],
  ],
  ["accepted while lines stand sealed (no dismantling date to follow)", () => {}, []],
  ["timetable: dismantling due before shutdown", (g) => (g("sxBrick").timetable = { shutdownBy: "2025-06-30", dismantleBy: "2025-03-31", approvedBy: "随县人民政府" }), [["date-order", "timetable.dismantleBy"]]],
  ["business licence cancelled before the enterprise was founded", (g) => (g("zdFoundry").licenses!.business = { cancelledOn: "2002-01-01" }), [["date-order", "licenses.business.cancelledOn"]]],
  // closed entirely: licences
  ["closed entirely without revocation, at acceptance", (g) => (g("zdFoundry").licenses!.business = null), [["closed-licenses", "licenses.business.revokedOn"]]],
  ["closed entirely, permit not revoked, at acceptance", (g) => (g("zdFoundry").licenses!.discharge!.revokedOn = null), [["closed-licenses", "licenses.discharge.revokedOn"]]],
  ["closed entirely, business licence cancelled (注销) instead", (g) => (g("zdFoundry").licenses!.business = { cancelledOn: "2024-11-20" }), []],
  ["closed entirely, permit cancelled (注销) instead", (g) => (g("zdFoundry").licenses!.discharge = { number: "91421303MA4001", cancelledOn: "2024-11-26" }), []],
  [
    "closed entirely at the survey (Annex 1 only): licences may still stand",
    (g) => {
      g("sxBrick").enterprise.closedEntirely = true;
      g("sxBrick").licenses = { production: { number: "XK08-001-02202" } };
    },
    [],
  ],
  [
    "closed entirely with a county verdict: licences due",
    (g) => {
      g("sxBrick").enterprise.closedEntirely = true;
      g("sxBrick").acceptance = { county: { opinion: "同意通过验收", passed: true, signedOn: "2024-11-28" } };
    },
    [["closed-licenses", "licenses.business.revokedOn"]],
  ],
  // equipment left standing
  [
    "standing equipment neither cut off nor sealed",
    (g) => (acc(g("sxCement")).notDismantled = { canResume: false, reason: null, powerWaterCut: false, sealed: null }),
    [
      ["not-dismantled", "acceptance.notDismantled.reason"],
      ["not-dismantled", "acceptance.notDismantled.powerWaterCut"],
      ["not-dismantled", "acceptance.notDismantled.sealed"],
    ],
  ],
  ["standing equipment, can it resume? left blank", (g) => (acc(g("sxCement")).notDismantled!.canResume = null), [["not-dismantled", "acceptance.notDismantled.canResume"]]],
  ["everything dismantled, can it resume? left blank", (g) => (acc(g("gsAlloy")).notDismantled = null), []],
  ["passed while it can resume", (g) => (acc(g("sxCement")).notDismantled!.canResume = true), [["passed-can-resume", "acceptance.county.passed"]]],
  // not-dismantled answers although all is dismantled
  [
    "all dismantled, yet a reason for not dismantling and sealed",
    (g) => (acc(g("gsPaper")).notDismantled = { reason: "待拍卖", sealed: true }),
    [
      ["not-dismantled-answered", "acceptance.notDismantled.reason"],
      ["not-dismantled-answered", "acceptance.notDismantled.sealed"],
    ],
  ],
  ["all dismantled, yet it can resume (no verdict yet)", (g) => (acc(g("gxParts")).notDismantled = { canResume: true }), [["not-dismantled-answered", "acceptance.notDismantled.canResume"]]],
  ["all dismantled, cannot resume, power was cut", (g) => (acc(g("gsPaper")).notDismantled = { canResume: false, powerWaterCut: true }), []],
  // written opinions
  ["county passed without a written opinion", (g) => (acc(g("zdCement")).county!.opinion = null), [["passed-without-opinion", "acceptance.county.opinion"]]],
  ["city passed with a blank opinion", (g) => (acc(g("gsAlloy")).city!.opinion = "  "), [["passed-without-opinion", "acceptance.city.opinion"]]],
  ["province passed without a written opinion", (g) => (acc(g("zdCement")).province = { passed: true, signedOn: "2024-12-20" }), [["passed-without-opinion", "acceptance.province.opinion"]]],
  ["refused without an opinion (nothing passed)", (g) => (acc(g("gxParts")).county = { passed: false, signedOn: "2024-12-01" }), []],
  // debts
  ["passed although debts were not handled lawfully", (g) => (acc(g("zdCement")).debtsHandledLawfully = false), [["debts-not-lawful", "acceptance.debtsHandledLawfully"]]],
  ["debts not handled lawfully, no verdict yet", (g) => (acc(g("gxParts")).debtsHandledLawfully = false), []],
  // Annex 1 vs Annex 2
  ["a line of Annex 2 missing for an item of Annex 1", (g) => acc(g("gxDye")).lines!.pop(), [["equipment-lines-count", "acceptance.lines[1].model"]]],
  ["Annex 1 only: nothing to compare", (g) => (g("sxBrick").equipment = [{ name: "轮窑" }, { name: "制砖机" }]), []],
  ["item dismantled on another day than its line", (g) => (g("zdCement").equipment![0]!.removedOn = "2024-11-17"), [["equipment-removed-on", "equipment[0].removedOn"]]],
  ["item of Annex 1 without its date (filed at the survey)", (g) => (g("zdCement").equipment![0]!.removedOn = null), []],
  [
    "names that do not match are not compared",
    (g) => {
      g("zdCement").equipment![0]!.removedOn = "2024-11-17";
      acc(g("zdCement")).lines![0]!.model = "粉磨系统 1套";
    },
    [],
  ],
  // calling back
  ["no filler at all", (g) => (g("zdCement").contacts!.filler = null), [["filler-contact", "contacts.filler.name"]]],
  ["filler without any number", (g) => (g("zdCement").contacts!.filler = { name: "王示例", title: "科员" }), [["filler-contact", "contacts.filler.phone"]]],
  ["filler with a mobile only", (g) => (g("zdCement").contacts!.filler = { name: "王示例", mobile: "13807220101" }), []],
  // phones
  ["a local number without its area code", (g) => (g("zdCement").contacts!.principal!.phone = "3310101"), [["phone-area-code", "contacts.principal.phone"]]],
  ["two numbers, the second without its area code", (g) => (g("zdCement").contacts!.principal!.phone = "0722-3310101、3310102"), [["phone-area-code", "contacts.principal.phone"]]],
  ["two good numbers in one cell", (g) => (g("zdCement").contacts!.principal!.phone = "13907220101、0722-3221234"), []],
  ["numbers split by / ， ;", (g) => (g("zdCement").contacts!.principal!.phone = "13907220101/0722-3221234，0722-3221235;13907220102"), []],
  // the survey deadline (三（一）: 08-27)
  ["reported after the survey deadline", (g) => (g("sxBrick").reportedOn = "2024-08-28"), [["reported-late", "reportedOn"]]],
  ["reported on the deadline day", (g) => (g("sxBrick").reportedOn = "2024-08-27"), []],
  // an approved timetable
  ["timetable without who approved it", (g) => (g("sxBrick").timetable = { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30" }), [["timetable-incomplete", "timetable.approvedBy"]]],
  ["a complete timetable", (g) => (g("sxBrick").timetable = { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" }), []],
  // counties and reporting units
  ["county not a unit of the plan", (g) => (g("zdCement").county = "随州市区"), [["county-unit", "county"]]],
  ["a city department is no unit", (g) => (g("zdCement").county = "随州市经信局"), [["county-unit", "county"]]],
  ["county by its alias", (g) => (g("gxDye").county = "高新区"), []],
  ["reporting unit 随县科经局 for a 随县 enterprise", (g) => (g("sxCement").county = "随县科经局"), []],
  ["reporting unit 广水市经信局", (g) => (g("gsAlloy").county = "广水市经信局"), []],
  ["reporting unit 随州高新区经发局", (g) => (g("gxParts").county = "随州高新区经发局"), []],
  ["reporting unit of another county than the USCC's", (g) => (g("zdCement").county = "随县科经局"), [["uscc-other-county", "enterprise.uscc"]]],
  ["USCC of another county", (g) => (g("zdCement").county = "随县"), [["uscc-other-county", "enterprise.uscc"]]],
  ["city-registered USCC fits every unit", (g) => (g("gxDye").county = "广水市"), []],
  // required and the rest
  ["name missing", (g) => (g("zdCement").enterprise.name = null), [["required", "enterprise.name"]]],
  ["equipment row without a name", (g) => (g("zdFoundry").equipment![1]!.name = null), [["required", "equipment[1].name"]]],
  ["capacity without unit", (g) => (acc(g("zdCement")).capacity!.unit = null), [["capacity-unit", "acceptance.capacity.unit"]]],
  ["verdict without date", (g) => (acc(g("zdCement")).city!.signedOn = null), [["acceptance-incomplete", "acceptance.city.signedOn"]]],
  ["date without verdict", (g) => (acc(g("zdCement")).city!.passed = null), [["acceptance-incomplete", "acceptance.city.passed"]]],
];

describe("rules", () => {
  it("finds nothing in the examples", () => {
    const v = validate(sampleRecords().map((r) => loaded(r)), [], plan);
    expect(v.findings).toEqual([]);
  });

  it.each(CASES)("%s", (_, breakIt, want) => {
    const records = sampleRecords();
    breakIt((k) => of(records, k));
    const v = validate(records.map((r) => loaded(r)), [], plan);
    expect(v.findings.map((f) => [f.rule, f.field])).toEqual(want);
  });

  it("every rule has a row that finds it", () => {
    const found = new Set(CASES.flatMap(([, , want]) => want.map(([rule]) => rule)));
    expect(rules.map((r) => r.id).filter((id) => !found.has(id))).toEqual([]);
  });

  it("names the bad number and the missing area code", () => {
    const records = sampleRecords();
    of(records, "zdCement").contacts!.principal!.phone = "0722-3310101、3310102";
    const v = validate(records.map((r) => loaded(r)), [], plan);
    expect(v.findings).toEqual([expect.objectContaining({ rule: "phone-area-code", severity: "warning", data: { part: "3310102" } })]);
  });

  it("points a finding at the line of its field", () => {
    const records = sampleRecords();
    const r = of(records, "zdCement");
    r.staff!.contract = 200;
    const rec = loaded(r);
    const v = validate([rec], [], plan);
    expect(v.findings[0]!.location.line).toBe(rec.locations.get("staff.contract")!.line);
    expect(v.findings[0]!.record).toBe(r.enterprise.uscc);
  });

  it("registry is sorted by id, ids unique, every rule worded in both languages", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const r of rules) {
      expect(Object.keys(r.messages.en).sort()).toEqual(Object.keys(r.messages["zh-CN"]).sort());
    }
  });

  it.each(rules.map((r) => [r.id]))("%s lives in a file named after its id", (id) => {
    const file = join(ROOT, "src", "rules", `${id}.ts`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain(`id: "${id}"`);
  });

  // the other way round: every module in src/rules but the plumbing is one registered rule, its id its file name
  const PLUMBING = new Set(["helpers.ts", "index.ts", "run.ts", "types.ts"]);
  const modules = readdirSync(join(ROOT, "src", "rules")).filter((f) => f.endsWith(".ts") && !PLUMBING.has(f));
  it.each(modules.map((f) => [f]))("%s holds one registered rule of that id", async (file) => {
    const exported = Object.values((await import(`../src/rules/${file.replace(/\.ts$/, ".js")}`)) as Record<string, unknown>);
    const held = rules.filter((r) => exported.includes(r));
    expect(held.map((r) => r.id)).toEqual([file.replace(/\.ts$/, "")]);
  });
});
