// Issue 7: whatever arrives, one clear sentence and the right exit code;
// no stack trace, no hang, inputs untouched.
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { bombStream, partsOf, rawZip, type RawEntry } from "./support/raw-zip.js";
import { BIN, capexit, ROOT, tempDir } from "./support/run.js";

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

/** A minimal Word document: a zip package with no workbook in it. */
function wordDocx(): Buffer {
  const entry = (name: string, content: string): RawEntry => {
    const bytes = Buffer.from(content);
    return { name, stored: deflateRawSync(bytes), method: 8, size: bytes.length };
  };
  return Buffer.from(
    rawZip([
      entry("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
      entry("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
      entry("word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>`),
    ]),
  );
}

/** Runs the binary and measures its peak memory (bench/lib/rss.cjs) and time. */
function measured(args: string[]) {
  const rssFile = join(dir, `rss-${Date.now()}-${Math.random()}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--require", join(ROOT, "bench", "lib", "rss.cjs"), BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", BENCH_RSS_FILE: rssFile },
    timeout: 120_000,
  });
  const { rss } = JSON.parse(readFileSync(rssFile, "utf8")) as { rss: number };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - started) / 1000, mib: rss / 2 ** 20 };
}

/** The example workbook with its first sheet replaced. */
async function withSheet(sheet: (entry: RawEntry) => RawEntry): Promise<Uint8Array> {
  const parts = await partsOf(readFileSync(join(ROOT, "examples", "随州市2024.xlsx")));
  return rawZip(parts.map((p) => (p.name === "xl/worksheets/sheet1.xml" ? sheet(p) : p)));
}

describe("files that are not what their name says", () => {
  it.each([
    ["random bytes named .xlsx", "random.xlsx", () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), /不是有效的 \.xlsx/],
    ["a truncated workbook", "truncated.xlsx", () => readFileSync(EXAMPLE).subarray(0, 3000), /不是有效的 \.xlsx/],
    ["an OLE header with nothing behind it, named .xls", "old.xls", () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /不是有效的 \.xls 文件/],
    ["half an OLE signature named .xlsx", "ole.xlsx", () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(512)]), /不是有效的 \.xlsx/],
    ["a CSV named after no annex", "data.csv", () => Buffer.from("企业名称,统一社会信用代码\n甲,91421321MA49XY2K1E\n"), /CSV.*附表/],
    ["an empty file", "empty.xlsx", () => Buffer.alloc(0), /空的/],
    ["a PDF renamed .xlsx", "report.xlsx", () => Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "latin1"), /不是有效的 \.xlsx/],
    ["a PDF renamed .xls", "report.xls", () => Buffer.from("%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n"), /不是有效的 \.xls 文件/],
    ["a PDF renamed 附表1.csv", "附表1.csv", () => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0, 0, 0xff, 0xfe, 0, 1])]), /不是有效的 \.csv 文件/],
    ["a truncated .xls", "cut.xls", () => readFileSync(join(ROOT, "examples", "随州市2024.xls")).subarray(0, 5000), /不是有效的 \.xls 文件/],
    ["a truncated .ods", "cut.ods", () => readFileSync(join(ROOT, "examples", "随州市2024.ods")).subarray(0, 5000), /不是有效的 \.ods 文件/],
    // read by its content, as a Word document: it holds no form
    ["a Word document named .xlsx", "letter.xlsx", () => wordDocx(), /letter\.xlsx 中没有认得出的附表1或附表2表格/],
    ["something that is no WPS file named .et", "old.et", () => Buffer.from("not a spreadsheet at all"), /WPS 表格（\.et）/],
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

describe("zip bombs, entity bombs and encrypted workbooks", () => {
  it.each([
    // a 1 MB workbook whose 附表1 inflates to a gigabyte, declared as such
    ["honest.xlsx", (p: RawEntry) => ({ ...p, stored: bombStream(1000), size: 1000 * 2 ** 20 }), /解压后超过 256 MB/],
    // the same sheet declaring a few kilobytes: stopped as soon as it passes them
    ["liar.xlsx", (p: RawEntry) => ({ ...p, stored: bombStream(1000), size: 4096 }), /不是有效的 \.xlsx/],
    // declaring just under the bound and inflating far past it
    ["near.xlsx", (p: RawEntry) => ({ ...p, stored: bombStream(1000), size: 255 * 2 ** 20 }), /不是有效的 \.xlsx/],
  ])("a zip bomb: %s is refused in one sentence, quickly and in little memory", async (name, sheet, message) => {
    const path = join(dir, name);
    writeFileSync(path, await withSheet(sheet));
    expect(readFileSync(path).length).toBeLessThan(1.2 * 2 ** 20);
    const r = measured(["validate", path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.mib).toBeLessThan(700);
    expect(r.seconds).toBeLessThan(30);
  });

  it("billion laughs in the shared strings: refused, never expanded", async () => {
    let entities = `<!ENTITY lol0 "lol">`;
    for (let i = 1; i < 10; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    const laughs = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [${entities}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`);
    const parts = await partsOf(readFileSync(join(ROOT, "examples", "随州市2024.xlsx")));
    const path = join(dir, "laughs.xlsx");
    writeFileSync(path, rawZip(parts.map((p) => (p.name === "xl/sharedStrings.xml" ? { ...p, stored: deflateRawSync(laughs), size: laughs.length } : p))));
    const r = measured(["validate", path, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/xl\/sharedStrings\.xml.*DOCTYPE/);
    expect(r.mib).toBeLessThan(300);
  });

  it("an external entity in a sheet: refused", async () => {
    const path = join(dir, "xxe.xlsx");
    writeFileSync(
      path,
      await withSheet((p) => {
        const xml = Buffer.from(`<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>`);
        return { ...p, stored: deflateRawSync(xml), size: xml.length };
      }),
    );
    expectCleanRefusal(["validate", path], /DOCTYPE/);
  });

  it.each([
    ["an encrypted .xls (LibreOffice, password secret)", "encrypted.xls"],
    ["an encrypted .ods (LibreOffice, password secret)", "encrypted.ods"],
  ])("%s", (_, name) => {
    expectCleanRefusal(["validate", join(ROOT, "test", "fixtures", "reader", name)], /设有打开密码/);
  });

  it("an encrypted .xlsx: the OLE container Excel writes, holding EncryptionInfo and EncryptedPackage", () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0, ...Buffer.from("<?xml version=\"1.0\"?><encryption/>")]));
    XLSX.CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(4096, 0x5a));
    const path = join(dir, "locked.xlsx");
    writeFileSync(path, XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer);
    expectCleanRefusal(["validate", path], /设有打开密码/);
    expectCleanRefusal(["validate", path, "--lang", "en"], /password/);
  });
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
    // these bare rows name no 填报人 (a filler-contact warning each): not what is tested here
    expect(j.findings.filter((f) => f.rule !== "filler-contact").map((f) => `${f.rule}@${f.cell}`)).toEqual(["formula-no-value@F2"]);
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
    expect(j.findings.filter((f) => f.rule !== "filler-contact").map((f) => f.rule)).toEqual(["uscc-duplicate"]);
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
