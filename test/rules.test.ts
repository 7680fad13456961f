import { beforeAll, describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { loadPlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { rules } from "../src/rules/index.js";
import { validate } from "../src/rules/run.js";
import { loaded } from "./support/loaded.js";
import { sampleRecords } from "./support/records.js";

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

/** [what a clerk got wrong, how to break a valid record, expected [rule, field] findings] */
const CASES: [string, (r: EnterpriseRecord[]) => void, [string, string][]][] = [
  ["contract staff above staff on duty", (r) => (r[0]!.staff!.contract = 200), [["staff-contract", "staff.contract"]]],
  ["resettled above involved", (r) => (r[0]!.acceptance!.staff!.resettled = 87), [["staff-resettled", "acceptance.staff.resettled"]]],
  ["org code not USCC 9–17", (r) => (r[5]!.enterprise.orgCode = "MA4001MD3"), [["orgcode-uscc", "enterprise.orgCode"]]],
  ["tax number another code", (r) => (r[5]!.enterprise.taxNo = r[0]!.enterprise.uscc), [["taxno-uscc", "enterprise.taxNo"]]],
  ["old tax number of another org", (r) => (r[5]!.enterprise.taxNo = `421381${r[0]!.enterprise.uscc!.slice(8, 17)}`), [["taxno-uscc", "enterprise.taxNo"]]],
  ["old tax number matching", (r) => (r[5]!.enterprise.taxNo = `421381${r[5]!.enterprise.uscc!.slice(8, 17)}`), []],
  ["same USCC twice", (r) => (r[1]!.enterprise.uscc = r[0]!.enterprise.uscc), [["uscc-duplicate", "enterprise.uscc"]]],
  [
    "dismantled before shut down",
    (r) => (r[0]!.acceptance!.lines![0]!.removedOn = "2024-10-01"),
    [["date-order", "acceptance.lines[0].removedOn"]],
  ],
  [
    "city accepted before county",
    (r) => (r[0]!.acceptance!.city!.signedOn = "2024-11-26"),
    [["date-order", "acceptance.city.signedOn"]],
  ],
  ["founded after reporting", (r) => (r[3]!.enterprise.foundedOn = "2025"), [["date-order", "reportedOn"]]],
  ["founded the same year (partial date)", (r) => (r[3]!.enterprise.foundedOn = "2024"), []],
  ["closed entirely without revocation", (r) => (r[1]!.licenses!.business = null), [["closed-licenses", "licenses.business.revokedOn"]]],
  [
    "closed entirely, permit not revoked",
    (r) => (r[1]!.licenses!.discharge!.revokedOn = null),
    [["closed-licenses", "licenses.discharge.revokedOn"]],
  ],
  [
    "standing equipment neither cut off nor sealed",
    (r) => (r[2]!.acceptance!.notDismantled = { canResume: false, reason: null, powerWaterCut: false, sealed: null }),
    [
      ["not-dismantled", "acceptance.notDismantled.reason"],
      ["not-dismantled", "acceptance.notDismantled.powerWaterCut"],
      ["not-dismantled", "acceptance.notDismantled.sealed"],
    ],
  ],
  [
    "passed while it can resume",
    (r) => (r[2]!.acceptance!.notDismantled!.canResume = true),
    [["passed-can-resume", "acceptance.county.passed"]],
  ],
  ["county not a unit of the plan", (r) => (r[0]!.county = "随州市区"), [["county-unit", "county"]]],
  ["county by its alias", (r) => (r[6]!.county = "高新区"), []],
  ["USCC of another county", (r) => (r[0]!.county = "随县"), [["uscc-other-county", "enterprise.uscc"]]],
  ["city-registered USCC fits every unit", (r) => (r[6]!.county = "广水市"), []],
  ["name missing", (r) => (r[0]!.enterprise.name = null), [["required", "enterprise.name"]]],
  ["equipment row without a name", (r) => (r[1]!.equipment![1]!.name = null), [["required", "equipment[1].name"]]],
  ["capacity without unit", (r) => (r[0]!.acceptance!.capacity!.unit = null), [["capacity-unit", "acceptance.capacity.unit"]]],
  ["verdict without date", (r) => (r[0]!.acceptance!.city!.signedOn = null), [["acceptance-incomplete", "acceptance.city.signedOn"]]],
];

describe("rules", () => {
  it("finds nothing in the examples", () => {
    const v = validate(sampleRecords().map((r) => loaded(r)), [], plan);
    expect(v.findings).toEqual([]);
  });

  it.each(CASES)("%s", (_, breakIt, want) => {
    const records = sampleRecords();
    breakIt(records);
    const v = validate(records.map((r) => loaded(r)), [], plan);
    expect(v.findings.map((f) => [f.rule, f.field])).toEqual(want);
  });

  it("points a finding at the line of its field", () => {
    const records = sampleRecords();
    records[0]!.staff!.contract = 200;
    const rec = loaded(records[0]!);
    const v = validate([rec], [], plan);
    expect(v.findings[0]!.location.line).toBe(rec.locations.get("staff.contract")!.line);
    expect(v.findings[0]!.record).toBe(records[0]!.enterprise.uscc);
  });

  it("registry is sorted by id, ids unique, every rule worded in both languages", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const r of rules) {
      expect(Object.keys(r.messages.en).sort()).toEqual(Object.keys(r.messages["zh-CN"]).sort());
      expect(r.description.en && r.description["zh-CN"]).toBeTruthy();
    }
  });
});
