import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capexit, ROOT, tempDir } from "./support/run.js";
import { capexitAsync } from "./support/run-async.js";

const EX = join(ROOT, "examples");
const FAULTY = join(EX, "faulty", "有错误的表格.xlsx");

interface JsonReport {
  ok: boolean;
  records: number;
  errors: number;
  warnings: number;
  findings: { severity: string; rule: string; field: string | null; record: string | null; file: string; sheet: string | null; row: number | null; cell: string | null; line: number | null; message: string }[];
}

describe("capexit validate (the built binary)", () => {
  it("passes the valid example workbook and YAML folder", () => {
    for (const input of [join(EX, "随州市2024.xlsx"), join(EX, "yaml")]) {
      const r = capexit(["validate", input, "--format", "json"]);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as JsonReport;
      expect(j).toMatchObject({ ok: true, records: expect.any(Number), errors: 0, warnings: 0, findings: [] });
    }
  });

  it("finds every planted fault of the faulty workbook at its cell", () => {
    const r = capexit(["validate", FAULTY, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout) as JsonReport;
    const got = j.findings.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell} ${f.field}`);
    expect(got).toEqual([
      "warning unknown-column 附表1!AN3 null",
      "error county-unit 附表1!A4 county",
      "error date-impossible 附表1!E5 enterprise.foundedOn",
      "error closed-licenses 附表1!H5 licenses.business.revokedOn",
      "error staff-contract 附表1!AA6 staff.contract",
      "error uscc-check-digit 附表1!G7 enterprise.uscc",
      "error phone-invalid 附表1!R8 contacts.legalRepresentative.phone",
      "warning uscc-other-county 附表1!G9 enterprise.uscc",
      "error number-negative 附表1!AC10 assets.total",
      "error uscc-duplicate 附表1!G12 enterprise.uscc",
      // the line dismantled "before it was shut down" no longer matches its Annex 1 item's date
      "warning equipment-removed-on 附表1设备!E5 equipment[0].removedOn",
      "error orphan-row 附表1设备!A9 enterprise.uscc",
      "error staff-resettled 附表2!H4 acceptance.staff.resettled",
      "error not-dismantled 附表2!U6 acceptance.notDismantled.sealed",
      "error passed-can-resume 附表2!AB6 acceptance.county.passed",
      "error date-impossible 附表2!AC7 acceptance.county.signedOn",
      "error orgcode-uscc 附表2!E8 enterprise.orgCode",
      "error date-order 附表2生产线!D5 acceptance.lines[0].removedOn",
      "error orphan-row 附表2生产线!A16 enterprise.uscc",
    ]);
    expect(j.findings.every((f) => f.row === Number(f.cell!.replace(/^[A-Z]+/, "")) && f.line === null && f.file === FAULTY)).toBe(true);
    expect(j).toMatchObject({ ok: false, records: 9, errors: 16, warnings: 3 });
    expect(j.findings[5]!.message).toMatch(/校验位/);
  });

  it("speaks English with --lang en and reports YAML lines", () => {
    const dir = tempDir();
    const file = join(dir, "x.yaml");
    writeFileSync(file, readFileSync(join(EX, "yaml", "随县.yaml"), "utf8").replace("onDuty: 120", "onDuty: 12"));
    const r = capexit(["validate", file, "--format", "json", "--lang", "en"]);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(r.code).toBe(1);
    expect(j.findings).toEqual([expect.objectContaining({ rule: "staff-contract", field: "staff.contract", sheet: null, row: null, cell: null, line: expect.any(Number) })]);
    expect(j.findings[0]!.message).toMatch(/contract staff/);
  });

  it("prints a human report grouped by file and sheet with a tally", () => {
    const r = capexit(["validate", FAULTY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("› 附表1设备");
    expect(r.stdout).toMatch(/E5 .*建厂时间/);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/9.*16.*3/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour off a terminal
  });

  it("never modifies its input", () => {
    const dir = tempDir();
    const copy = join(dir, "a.xlsx");
    copyFileSync(FAULTY, copy);
    const before = readFileSync(copy);
    capexit(["validate", copy]);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it.each([
    [["validate", "nope.xlsx"], "file-missing"],
    [["validate"], "usage"],
    [["validate", "--format", "xml", "examples/yaml"], "bad-option"],
    [["validate", "--bogus", "examples/yaml"], "usage"],
    [["frobnicate"], "usage"],
  ])("exit 2 with one sentence: %j", (args, _why) => {
    const r = capexit(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/); // in Chinese by default
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe("the .xls and .ods examples end to end (validate, check, render, summarize)", () => {
  const XLSX_EX = join(EX, "随州市2024.xlsx");
  const sameAs = async (args: (input: string) => string[]) => {
    const want = await capexitAsync(args(XLSX_EX));
    for (const ext of ["xls", "ods"]) {
      const input = join(EX, `随州市2024.${ext}`);
      const got = await capexitAsync(args(input));
      expect([ext, got.code, got.stderr]).toEqual([ext, want.code, want.stderr.split(XLSX_EX).join(input)]);
      expect(got.stdout).toBe(want.stdout);
    }
    return want;
  };

  it("validate: clean, the same report", async () => {
    const want = await sameAs((f) => ["validate", f, "--format", "json"]);
    expect(JSON.parse(want.stdout)).toMatchObject({ ok: true, records: 8, errors: 0 });
  });

  it("check: the same milestones", async () => {
    const want = await sameAs((f) => ["check", f, "--as-of", "2024-11-20", "--format", "json"]);
    expect(want.code).toBe(1); // the brickworks is late
    expect(JSON.parse(want.stdout).enterprises).toHaveLength(8);
  });

  it("summarize: the same roll-up", async () => {
    const want = await sameAs((f) => ["summarize", f, "--as-of", "2024-12-31", "--format", "json"]);
    expect(JSON.parse(want.stdout).total.enterprises).toBe(8);
  });

  it("render: the same forms, byte for byte", async () => {
    const dir = tempDir();
    const outputs = [];
    for (const ext of ["xlsx", "xls", "ods"]) {
      const out = join(dir, ext);
      const r = await capexitAsync(["render", "annex2", join(EX, `随州市2024.${ext}`), "-o", out]);
      expect([ext, r.code]).toEqual([ext, 0]);
      outputs.push(
        readdirSync(out)
          .sort()
          .map((f) => [f, readFileSync(join(out, f)).toString("base64")]),
      );
    }
    expect(outputs[0]!.length).toBeGreaterThan(0);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });
});
