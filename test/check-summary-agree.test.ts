// check and summarize take their facts from one place (src/plan/milestone.ts), so
// they agree for every unit and every as-of date: 县级验收通过 in the summary is the
// number of enterprises whose county acceptance check shows as done or late.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { checkRecords } from "../src/plan/check.js";
import { addDays } from "../src/plan/dates.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import { resolveCounties } from "../src/plan/units.js";
import { summarize } from "../src/summary/index.js";
import { heldOutSet } from "./fixtures/summary/held-out.js";
import { loaded } from "./support/loaded.js";
import { sampleRecords } from "./support/records.js";
import { capexit, ROOT, tempDir } from "./support/run.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);

interface CheckJson {
  enterprises: { county: string; milestones: { id: string; status: string }[] }[];
}
interface SummaryJson {
  units: { county: string; countyPassed: number; provincePassed: number }[];
  total: { countyPassed: number; provincePassed: number };
}

/** per unit (and "total"): enterprises whose milestone `id` check shows done or late */
function passedByCheck(j: CheckJson, id: string): Map<string, number> {
  const out = new Map<string, number>([["total", 0]]);
  for (const e of j.enterprises) {
    const m = e.milestones.find((x) => x.id === id)!;
    const ok = m.status === "done" || m.status === "late" ? 1 : 0;
    out.set(e.county, (out.get(e.county) ?? 0) + ok);
    out.set("total", out.get("total")! + ok);
  }
  return out;
}

function passedBySummary(j: SummaryJson, key: "countyPassed" | "provincePassed"): Map<string, number> {
  const out = new Map<string, number>(j.units.map((u) => [u.county, u[key]]));
  out.set("total", j.total[key]);
  return out;
}

/** units where either side counts something, with both counts */
function compare(a: Map<string, number>, b: Map<string, number>) {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.map((k) => [k, a.get(k) ?? 0, b.get(k) ?? 0]).filter(([, x, y]) => x !== 0 || y !== 0);
}

// the binary is slow to start on a shared machine: two dates here, every day in memory below
const DATES = ["2024-11-28", "2024-12-31"];

describe("check and summarize agree (the built binary)", () => {
  const inputs: [string, string][] = [
    ["the example workbook", join(ROOT, "examples", "随州市2024.xlsx")],
    ["the example YAML", join(ROOT, "examples", "yaml")],
  ];

  beforeAll(() => {
    // the examples again, with an undated pass, a late one, a refusal and a department name
    const dir = tempDir("capexit-agree-");
    mkdirSync(join(dir, "in"));
    const file = join(dir, "in", "曾都区.yaml");
    const records = parse(readFileSync(join(ROOT, "examples", "yaml", "曾都区.yaml"), "utf8")) as EnterpriseRecord[];
    records[0]!.acceptance!.county!.signedOn = null; // "passed, date missing"
    records[1]!.acceptance!.county!.signedOn = "2024-12-03"; // late
    records[1]!.county = "曾都区科经局";
    writeFileSync(file, stringify(records));
    inputs.push(["the examples with an undated and a late pass", join(dir, "in")]);
  });

  it.each(DATES)("as of %s, for every unit, in every example", (asOf) => {
    for (const [what, input] of inputs) {
      const c = capexit(["check", input, "--as-of", asOf, "--format", "json"]);
      const s = capexit(["summarize", input, "--as-of", asOf, "--format", "json"]);
      expect(c.stdout.startsWith("{"), `${what}: ${c.stderr}`).toBe(true);
      expect(s.stdout.startsWith("{"), `${what}: ${s.stderr}`).toBe(true);
      const cj = JSON.parse(c.stdout) as CheckJson;
      const sj = JSON.parse(s.stdout) as SummaryJson;
      const checkCounts = passedByCheck(cj, "county-acceptance");
      const summaryCounts = passedBySummary(sj, "countyPassed");
      expect(compare(checkCounts, summaryCounts).filter(([, x, y]) => x !== y), what).toEqual([]);
      expect(compare(passedByCheck(cj, "province-acceptance"), passedBySummary(sj, "provincePassed")).filter(([, x, y]) => x !== y), what).toEqual([]);
    }
  });

  it("counts the undated pass once, as check shows it done without a date", () => {
    const input = inputs[2]![1];
    const c = JSON.parse(capexit(["check", input, "--as-of", "2024-12-31", "--format", "json"]).stdout) as {
      enterprises: { name: string; milestones: { id: string; done: string | null; status: string }[] }[];
    };
    const undated = c.enterprises.find((e) => e.name === "随州市曾都区示例水泥粉磨有限公司")!.milestones.find((m) => m.id === "county-acceptance")!;
    expect(undated).toMatchObject({ status: "done", done: null });
    const s = JSON.parse(capexit(["summarize", input, "--as-of", "2024-12-31", "--format", "json"]).stdout) as SummaryJson;
    expect(s.units.find((u) => u.county === "曾都区")!.countyPassed).toBe(2);
  });
});

describe("check and summarize agree on every day of the year (in memory)", () => {
  const sets: [string, EnterpriseRecord[]][] = [
    ["the examples", sampleRecords()],
    ["held-out set 1", heldOutSet({ seed: 1, count: 40, asOf: "2024-12-01", strayShare: 0.1 }).records],
    ["held-out set 5", heldOutSet({ seed: 5, count: 60, asOf: "2024-11-20" }).records],
  ];
  // undated verdicts and timetables, which the generators do not make
  const odd = sampleRecords();
  odd[0]!.acceptance!.county!.signedOn = null;
  odd[4]!.acceptance!.county!.signedOn = null;
  odd[5]!.timetable = { shutdownBy: "2025-03-31", dismantleBy: "2025-06-30", approvedBy: "广水市人民政府" };
  sets.push(["the examples with undated passes and a timetable", odd]);

  it.each(sets)("%s", (_what, records) => {
    const recs = resolveCounties(records.map((r) => loaded(r)), plan);
    for (let asOf = "2024-06-01"; asOf <= "2025-03-31"; asOf = addDays(asOf, 1)) {
      const c = checkRecords(recs, plan, { asOf });
      const s = summarize(recs.map((r) => r.record), plan, asOf);
      for (const u of c.units) {
        const unit = u.unit ?? "其他";
        const summaryUnit = s.units.find((x) => x.county === unit)!;
        const statuses = (id: string) => u.enterprises.map((e) => e.milestones.find((m) => m.id === id)!.status);
        const doneOrLate = (id: string) => statuses(id).filter((st) => st === "done" || st === "late").length;
        expect([asOf, unit, summaryUnit.figures.countyPassed]).toEqual([asOf, unit, doneOrLate("county-acceptance")]);
        expect([asOf, unit, summaryUnit.figures.provincePassed]).toEqual([asOf, unit, doneOrLate("province-acceptance")]);
        // the 进度 tallies are the same statuses
        for (const id of ["shutdown", "dismantle", "county-acceptance"] as const) {
          const p = summaryUnit.progress[id];
          const st = statuses(id);
          expect([asOf, unit, id, p.onTime, p.late, p.overdue, p.sealed]).toEqual([
            asOf,
            unit,
            id,
            st.filter((x) => x === "done").length,
            st.filter((x) => x === "late").length,
            st.filter((x) => x === "overdue").length,
            st.filter((x) => x === "sealed").length,
          ]);
        }
      }
    }
  });
});
