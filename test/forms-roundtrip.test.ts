// The Word forms capexit prints, read back by capexit: for every example, the
// records of `render annex1|annex2 --format docx` collected again are the
// records the example holds, and a blank form handed out comes back as no
// enterprise. Run through the built binary, as a clerk would.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capexitAsync } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";

let dir: string;
beforeAll(() => {
  dir = tempDir("capexit-roundtrip-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Rec = Record<string, unknown> & { county?: string; reportingUnit?: string; enterprise: Record<string, unknown> & { uscc: string } };

/**
 * What a printed form can carry of a record. The seed's forms have no box for
 * 企业整体关闭 (only the 注 mentions it); their 填报单位 line prints the
 * county when the record names no department, which then reads back as such.
 */
function printable(r: Rec): Rec {
  const out = structuredClone(r);
  delete out.enterprise.closedEntirely;
  if (out.reportingUnit === undefined && out.county !== undefined) out.reportingUnit = out.county;
  return out;
}

async function collect(out: string, ...inputs: string[]): Promise<Rec[]> {
  const r = await capexitAsync(["collect", ...inputs, "-o", out, "--force"]);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // never a stack trace
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const records = (JSON.parse(readFileSync(out, "utf8")) as { records: Rec[] }).records;
  return records.map(printable).sort((a, b) => a.enterprise.uscc.localeCompare(b.enterprise.uscc));
}

describe("render --format docx, read back", () => {
  it.each([
    ["随州市2024.xlsx", join(ROOT, "examples", "随州市2024.xlsx")],
    ["yaml/", join(ROOT, "examples", "yaml")],
  ])("gives back the records of %s, field for field, with no finding", async (name, input) => {
    const base = join(dir, name.replace(/\W+/g, "_"));
    const annex1 = `${base}-附表1.docx`;
    const annex2 = `${base}-附表2.docx`;
    for (const [form, out] of [["annex1", annex1], ["annex2", annex2]] as const) {
      const r = await capexitAsync(["render", form, input, "-o", out, "--format", "docx", "--force"]);
      expect(r.code, r.stderr).toBe(0);
    }
    const original = await collect(`${base}-原.json`, input);
    // the Annex 2 document before the Annex 1 one: the join is by USCC, not by order
    const back = await collect(`${base}-回.json`, annex2, annex1);
    expect(back.map((r) => r.enterprise.uscc)).toEqual(original.map((r) => r.enterprise.uscc));
    back.forEach((r, i) => expect(r, r.enterprise.uscc).toEqual(original[i]));
    const check = await capexitAsync(["validate", annex1, annex2, "--format", "json"]);
    expect(check.code, check.stdout).toBe(0);
  });

  it("holds for the .xls and .ods examples, whose records are the .xlsx example's", async () => {
    const xlsx = await collect(join(dir, "xlsx.json"), join(ROOT, "examples", "随州市2024.xlsx"));
    expect(await collect(join(dir, "xls.json"), join(ROOT, "examples", "随州市2024.xls"))).toEqual(xlsx);
    expect(await collect(join(dir, "ods.json"), join(ROOT, "examples", "随州市2024.ods"))).toEqual(xlsx);
  });

  it("reads an enterprise's Annex 2 printed before the acceptance, and sent back unfilled, as not yet accepted", async () => {
    // 随县示例砖瓦厂 has no acceptance yet: its Annex 2 prints its identity and Annex 1's equipment as the lines
    const county = join(ROOT, "examples", "yaml", "随县.yaml");
    const [annex1, annex2] = [join(dir, "随县-附表1.docx"), join(dir, "待验收.docx")];
    expect((await capexitAsync(["render", "annex1", county, "-o", annex1, "--format", "docx", "--force"])).code).toBe(0);
    expect((await capexitAsync(["render", "annex2", county, "-o", annex2, "--format", "docx", "--force"])).code).toBe(0);
    const records = await collect(join(dir, "待验收.json"), annex1, annex2);
    const pending = records.filter((r) => r.acceptance === undefined);
    expect(pending.map((r) => r.enterprise.name)).toEqual(["随县示例砖瓦厂"]);
    expect(records.length).toBeGreaterThan(pending.length);
  });

  it.each(["annex1", "annex2"])("reads a blank %s handed out and sent back unfilled as no enterprise, with one warning at the table", async (form) => {
    const blank = join(dir, `空白-${form}.docx`);
    expect((await capexitAsync(["render", form, "--blank", "-o", blank, "--format", "docx", "--force"])).code).toBe(0);
    const r = await capexitAsync(["validate", blank, "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { records: number; findings: { rule: string; severity: string; sheet: string | null; cell: string | null }[] };
    expect(report.records).toBe(0);
    expect(report.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell])).toEqual([["form-blank", "warning", "表1", null]]);
  });
});
