// `capexit collect`: any inputs gathered into one file, as the built binary
// does it. What it writes is read back to the same records and the same
// findings (less those about the sources' own layout), in each of the three
// formats; it reports as validate does, never overwrites without --force.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as docs from "./fixtures/forms/documents.js";
import { formWorkbook } from "./fixtures/forms/workbooks.js";
import { capexitAsync } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";

let dir: string;
const file = (name: string) => join(dir, name);
const FAULTY = join(ROOT, "examples", "faulty", "有错误的表格.xlsx");
const YAML_FOLDER = join(ROOT, "examples", "yaml");

beforeAll(async () => {
  dir = tempDir("capexit-collect-");
  writeFileSync(file("随县.docx"), await docs.countyDocument());
  writeFileSync(file("广水市.xlsx"), await formWorkbook({ bad: true }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Findings that concern a source's own layout or rows no record holds: a
 * collected file, being a clean list, cannot have them again.
 */
const SOURCE_ONLY = /^(form-|unknown-column$|duplicate-column$|header-not-found$|sheet-hidden$|orphan-row$|missing-join-key$|annex-mismatch$)/;

interface Report {
  errors: number;
  findings: { severity: string; rule: string; field: string | null; record: string | null }[];
}
const key = (r: Report) => [...new Set(r.findings.filter((f) => !SOURCE_ONLY.test(f.rule)).map((f) => `${f.severity} ${f.rule} ${f.field} ${f.record}`))].sort();

async function validate(...files: string[]): Promise<{ code: number; report: Report }> {
  const r = await capexitAsync(["validate", ...files, "--format", "json"]);
  return { code: r.code, report: JSON.parse(r.stdout) };
}

async function collect(out: string, ...inputs: string[]) {
  const r = await capexitAsync(["collect", ...inputs, "-o", out, "--format", "json"]);
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as Report) : null };
}

describe("collect → validate gives the same findings, collect again the same records", () => {
  const sources: [string, () => string][] = [
    ["Word forms", () => file("随县.docx")],
    ["one form a sheet, with a bad USCC", () => file("广水市.xlsx")],
    ["the faulty example workbook", () => FAULTY],
    ["a folder of YAML files", () => YAML_FOLDER],
  ];
  it.each(sources)("%s", async (_, source) => {
    const src = source();
    const out = tempDir("capexit-collect-rt-");
    const [original, first] = await Promise.all([validate(src), collect(join(out, "first.json"), src)]);
    // collect reports as validate does, with its exit code
    expect(first.code).toBe(original.code);
    expect(first.report).toEqual(original.report);
    expect(first.stderr).toMatch(/已写出 .*first\.json：\d+ 家企业，来自 \d+ 个文件/);
    const records = readFileSync(join(out, "first.json"), "utf8");
    for (const kind of ["xlsx", "yaml", "json"]) {
      const collected = join(out, `汇总.${kind}`);
      expect((await collect(collected, src)).code).toBe(original.code);
      const [again, back] = await Promise.all([validate(collected), collect(join(out, `again-${kind}.json`), collected)]);
      expect(key(again.report), kind).toEqual(key(original.report));
      expect(again.code, kind).toBe(original.report.errors > 0 ? 1 : 0);
      expect(back.code).toBe(again.code);
      expect(readFileSync(join(out, `again-${kind}.json`), "utf8"), kind).toBe(records);
    }
  });
});

describe("what collect writes", () => {
  it("writes .json as {records: [...]} in the record's shape, and reads it back as an input of every command", async () => {
    const out = join(tempDir(), "随县.json");
    expect((await collect(out, file("随县.docx"))).code).toBe(1);
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(json)).toEqual(["records"]);
    expect(Object.keys(json.records[0])).toEqual(["county", "reportingUnit", "reportedOn", "enterprise", "licenses", "contacts", "staff", "assets", "equipment", "rectification", "acceptance"]);
    const check = await capexitAsync(["check", out, "--as-of", "2024-12-31", "--format", "json"]);
    expect(JSON.parse(check.stdout).enterprises).toHaveLength(2);
    const sum = await capexitAsync(["summarize", out, "--as-of", "2024-12-31", "--format", "json"]);
    expect(JSON.parse(sum.stdout).total.enterprises).toBe(2);
  });

  it("refuses a JSON file that holds no records, in one sentence", async () => {
    const other = join(tempDir(), "汇总.json");
    writeFileSync(other, JSON.stringify({ asOf: "2024-12-31", units: [] }));
    const r = await capexitAsync(["validate", other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capexit: .*汇总\.json 不是企业记录文件/);
  });

  it("writes .yaml as the list of records, pointing at the JSON Schema, each record under a comment naming its source", async () => {
    const out = join(tempDir(), "汇总", "随县.yaml");
    await collect(out, file("随县.docx"));
    const text = readFileSync(out, "utf8");
    const first = text.split("\n")[0]!;
    expect(first).toMatch(/^# yaml-language-server: \$schema=\S+record\.schema\.json$/);
    const schema = resolve(dirname(out), first.replace(/^.*\$schema=/, ""));
    expect(existsSync(schema)).toBe(true);
    expect(JSON.parse(readFileSync(schema, "utf8")).$id ?? JSON.parse(readFileSync(schema, "utf8")).title).toBeTruthy();
    expect(text).toContain("# " + file("随县.docx") + " › 表1");
    const records = parse(text);
    expect(records.map((r: { enterprise: { name: string } }) => r.enterprise.name)).toEqual(["随县示例水泥有限公司", "随县示例铸造厂"]);
  });

  it("writes .xlsx in the list layout, the same bytes every time", async () => {
    const out = tempDir();
    await collect(join(out, "a.xlsx"), file("随县.docx"));
    await new Promise((r) => setTimeout(r, 1100)); // past a second: no clock in the file
    await collect(join(out, "b.xlsx"), file("随县.docx"));
    expect(readFileSync(join(out, "a.xlsx")).equals(readFileSync(join(out, "b.xlsx")))).toBe(true);
    const check = await capexitAsync(["validate", join(out, "a.xlsx"), "--format", "json"]);
    expect(JSON.parse(check.stdout).records).toBe(2);
  });

  it("gathers forms, lists and YAML into one file", async () => {
    const out = join(tempDir(), "全市.json");
    const r = await collect(out, file("随县.docx"), file("广水市.xlsx"), join(ROOT, "examples", "yaml", "曾都区.yaml"));
    expect(r.code).toBe(1);
    const names = JSON.parse(readFileSync(out, "utf8")).records.map((x: { enterprise: { name: string } }) => x.enterprise.name);
    expect(names.slice(0, 4)).toEqual(["随县示例水泥有限公司", "随县示例铸造厂", "广水市示例砖瓦厂", "广水市示例化工有限公司"]);
    expect(names.length).toBeGreaterThan(4);
  });
});

describe("collect refuses", () => {
  it("to overwrite without --force, and leaves the file as it was", async () => {
    const out = join(tempDir(), "汇总.json");
    writeFileSync(out, "keep");
    const r = await capexitAsync(["collect", file("随县.docx"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capexit: 输出文件已存在/);
    expect(readFileSync(out, "utf8")).toBe("keep");
    const forced = await capexitAsync(["collect", file("随县.docx"), "-o", out, "--force"]);
    expect(forced.code).toBe(1);
    expect(JSON.parse(readFileSync(out, "utf8")).records).toHaveLength(2);
  });

  it("to write over one of its inputs, even with --force", async () => {
    const copy = join(tempDir(), "x.json");
    await collect(copy, file("随县.docx"));
    const before = statSync(copy).mtimeMs;
    const r = await capexitAsync(["collect", copy, "-o", copy, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/汇总文件不能写在输入文件上/);
    expect(statSync(copy).mtimeMs).toBe(before);
  });

  it("an output of another kind, no output, no records", async () => {
    const other = await capexitAsync(["collect", file("随县.docx"), "-o", join(tempDir(), "x.pdf")]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/应以 \.xlsx、\.yaml（\.yml）或 \.json 结尾/);
    const none = await capexitAsync(["collect", file("随县.docx")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/请用 -o 指定汇总文件/);
    const empty = join(tempDir(), "empty.yaml");
    writeFileSync(empty, "# nothing yet\n");
    const nothing = await capexitAsync(["collect", empty, "-o", join(tempDir(), "x.json"), "--lang", "en"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/no enterprise records/);
  });
});
