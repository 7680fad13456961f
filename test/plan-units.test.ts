// Which plan unit a 县市区 or 填报单位 names, and the one step that resolves it for every command.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { findUnit, resolveCounties } from "../src/plan/units.js";
import { assemble } from "../src/read/assemble.js";
import { loaded } from "./support/loaded.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);

describe("findUnit", () => {
  it.each([
    ["随县", "随县"],
    [" 随 县 ", "随县"],
    ["高新区", "随州高新区"],
    ["随州高新技术产业开发区", "随州高新区"],
    // a department, by its unit's name or alias at the start
    ["随县科经局", "随县"],
    ["广水市经信局", "广水市"],
    ["随州高新区经发局", "随州高新区"],
    ["曾都区发改局", "曾都区"],
    ["高新区经发局", "随州高新区"],
    ["随县人民政府", "随县"],
    // names of no unit
    ["随州市区", null],
    ["随州市经信局", null],
    ["曾都", null],
    ["科经局", null],
    ["", null],
  ] as const)("%j -> %s", (text, unit) => {
    expect(findUnit(plan, text)?.name ?? null).toBe(unit);
  });

  it("takes the longest name that fits the start", () => {
    const overlapping = { ...plan, units: [{ name: "随州", aliases: [], divisions: [] }, { name: "随州高新区", aliases: [], divisions: [] }] } as Plan;
    expect(findUnit(overlapping, "随州高新区经发局")?.name).toBe("随州高新区");
    expect(findUnit(overlapping, "随州市经信局")?.name).toBe("随州");
    const reversed = { ...overlapping, units: [...overlapping.units].reverse() } as Plan;
    expect(findUnit(reversed, "随州高新区经发局")?.name).toBe("随州高新区");
  });
});

describe("resolveCounties", () => {
  const base = { enterprise: { name: "甲", address: "乙", uscc: "91421321MA4001P57G" } };
  /** a record as the list reader makes it from a 填报单位 column alone */
  const fromReportingUnit = (unit: string) => {
    const loc = { file: "a.xlsx", sheet: "附表1", row: 4, cell: "A4", line: null };
    return assemble(
      [
        { path: "reportingUnit", raw: unit, loc },
        { path: "enterprise.name", raw: "甲", loc: { ...loc, cell: "C4" } },
      ],
      loc,
    ).loaded;
  };

  it("sets county to the unit's own name, keeping the department and what was typed", () => {
    const [r] = resolveCounties([fromReportingUnit("随县科经局")], plan);
    expect(r!.record.county).toBe("随县");
    expect(r!.record.reportingUnit).toBe("随县科经局");
    expect(r!.typed.get("county")).toBe("随县科经局");
    expect(r!.locations.get("county")?.cell).toBe("A4");
  });

  it("leaves records naming no unit, or naming it already, as they are (the same objects)", () => {
    const none = loaded({ ...base, county: "随州市经信局" });
    const exact = loaded({ ...base, county: "随县" });
    const blank = loaded({ ...base });
    const out = resolveCounties([none, exact, blank], plan);
    expect(out[0]).toBe(none);
    expect(out[1]).toBe(exact);
    expect(out[2]).toBe(blank);
    expect(out[0]!.record.county).toBe("随州市经信局");
  });

  it("is pure: the input records are not changed", () => {
    const rec = loaded({ ...base, county: "高新区" });
    const out = resolveCounties([rec], plan);
    expect(out[0]!.record.county).toBe("随州高新区");
    expect(rec.record.county).toBe("高新区");
  });
});
