// Issue 7: whatever arrives, one clear sentence and the right exit code;
// no stack trace, no hang, inputs untouched.
import ExcelJS from "exceljs";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { capexit, ROOT, tempDir } from "./support/run.js";

const EXAMPLE = join(ROOT, "examples", "随州市2024.xlsx");
let dir: string;

function expectCleanRefusal(args: string[], messageId: RegExp) {
  const r = capexit(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(messageId);
  expect(r.stderr).not.toMatch(/\n\s+at |node:internal|Error:/);
  return r;
}

async function workbook(build: (wb: ExcelJS.Workbook) => void, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

beforeAll(() => {
  dir = tempDir("capexit-hostile-");
});

describe("files that are not what their name says", () => {
  it.each([
    ["random bytes named .xlsx", "random.xlsx", () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), /不是有效的 \.xlsx/],
    ["a truncated workbook", "truncated.xlsx", () => readFileSync(EXAMPLE).subarray(0, 3000), /不是有效的 \.xlsx/],
    ["an OLE header with nothing behind it, named .xls", "old.xls", () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /不是有效的 \.xls 文件/],
    ["half an OLE signature named .xlsx", "ole.xlsx", () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(512)]), /不是有效的 \.xlsx/],
    ["a CSV named after no annex", "data.csv", () => Buffer.from("企业名称,统一社会信用代码\n甲,91421321MA49XY2K1E\n"), /CSV.*附表/],
    ["an empty file", "empty.xlsx", () => Buffer.alloc(0), /空的/],
    ["a text file named .txt", "notes.txt", () => Buffer.from("hello"), /不支持的文件类型/],
  ])("%s", (_, name, content, message) => {
    const path = join(dir, name);
    writeFileSync(path, content());
    const before = readFileSync(path);
    expectCleanRefusal(["validate", path], message);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("a missing path", () => expectCleanRefusal(["validate", join(dir, "nowhere.xlsx")], /找不到/));
  it("a folder with nothing to read", () => {
    const empty = join(dir, "empty-folder");
    mkdirSync(empty);
    expectCleanRefusal(["validate", empty], /没有 \.xlsx/);
  });
  it.skipIf(process.getuid?.() === 0)("a file without read permission", () => {
    const path = join(dir, "secret.xlsx");
    writeFileSync(path, readFileSync(EXAMPLE));
    chmodSync(path, 0o000);
    expectCleanRefusal(["validate", path], /无法读取/);
  });
  it("English with --lang en", () => expectCleanRefusal(["validate", join(dir, "nowhere.xlsx"), "--lang", "en"], /no such file/));
});

describe("odd workbooks", () => {
  it("none of the annex sheets", async () => {
    const path = await workbook((wb) => wb.addWorksheet("Sheet1").addRow(["企业名称"]), "none.xlsx");
    expectCleanRefusal(["validate", path], /没有任何附表/);
  });

  it("duplicate labels, a merged two-row header, a hidden sheet, a 100,000-character cell, a stray far row", async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet("附表1");
      ws.addRow(["附表1 淘汰落后产能企业基本情况表"]);
      ws.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码", "企业名称", "存在问题"]);
      ws.addRow([]);
      for (const c of ["A", "B", "C", "D", "E", "F"]) ws.mergeCells(`${c}2:${c}3`);
      ws.addRow(["随县", "随县甲厂", "随县", "91421321MA49XY2K1E", "重复列", "很长".repeat(50_000)]);
      ws.getCell("B1048576").value = "误填";
      const hidden = wb.addWorksheet("附表2", { state: "hidden" });
      hidden.addRow(["统一社会信用代码", "涉及职工人数", "已安置职工人数"]);
      hidden.addRow(["91421321MA49XY2K1E", 10, 10]);
    }, "odd.xlsx");
    const r = capexit(["validate", path, "--format", "json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { findings: { rule: string; cell: string | null; row: number | null; sheet: string | null }[]; records: number };
    const got = j.findings.map((f) => `${f.rule}@${f.sheet}!${f.cell ?? f.row}`);
    expect(got).toContain("duplicate-column@附表1!E2");
    expect(got).toContain("value-too-long@附表1!F4");
    expect(got).toContain("sheet-hidden@附表2!null");
    expect(got).toContain("required@附表1!A1048576"); // the stray row is a record without a county
    expect(got).not.toContain("required@附表1!A3"); // the merged header's lower half is no data row
    expect(j.records).toBe(2);
    // a finding about a whole sheet names the sheet, not the file
    expect(capexit(["validate", path]).stdout).toMatch(/附表2\n\s+（整张工作表） 警告/);
  });

  it("formulas: cached values used, a formula without one reported", async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet("附表1");
      ws.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码", "在岗职工人数", "其中合同工人数"]);
      ws.addRow(["随县", "随县甲厂", "随县", "91421321MA49XY2K1E", { formula: "100+20", result: 120 }, { formula: "E2*2" }]);
    }, "formula.xlsx");
    const r = capexit(["validate", path, "--format", "json"]);
    const j = JSON.parse(r.stdout) as { findings: { rule: string; cell: string }[] };
    expect(j.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(["formula-no-value@F2"]);
  });

  it("dates stored as text and as numbers", async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet("附表1");
      ws.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码", "填报时间", "建厂时间"]);
      ws.addRow(["随县", "随县甲厂", "随县", "91421321MA49XY2K1E", 45524, "２００５年３月"]);
      ws.addRow(["随县", "随县乙厂", "随县", "91421321MA49XY2K1E".slice(0, 17) + "E", "20240820", 2005]);
    }, "dates.xlsx");
    const r = capexit(["validate", path, "--format", "json"]);
    const j = JSON.parse(r.stdout) as { findings: { rule: string }[] };
    expect(j.findings.map((f) => f.rule)).toEqual(["uscc-duplicate"]);
  });
});

describe("hostile YAML", () => {
  it.each([
    ["a syntax error, with its line", "county: 随县\nenterprise:\n  name: [甲\n  uscc: x\n", "yaml-syntax"],
    ["prototype keys", "__proto__: {admin: true}\nconstructor: {prototype: {x: 1}}\ncounty: 随县\n", "unknown-key"],
    ["wrong types at every level", "- 1\n- county: [a]\n  enterprise: []\n  equipment: {name: x}\n  staff: {onDuty: {a: 1}}\n", "type-mismatch"],
  ])("%s", (_, text, rule) => {
    const path = join(dir, `${rule}.yaml`);
    writeFileSync(path, text);
    const r = capexit(["validate", path, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout) as { findings: { rule: string; line: number | null }[] };
    expect(j.findings.map((f) => f.rule)).toContain(rule);
    expect(j.findings.every((f) => typeof f.line === "number")).toBe(true);
  });

  it("an alias bomb is bounded", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 20; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    text += "equipment: *a19\nacceptance: {lines: *a19}\n";
    const path = join(dir, "bomb.yaml");
    writeFileSync(path, text);
    const started = Date.now();
    const r = capexit(["validate", path, "--format", "json"]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(1);
  });
});
