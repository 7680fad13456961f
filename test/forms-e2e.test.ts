// Filled forms read by the built binary, as a city office would use it: Word
// documents typed into the seed's layout, and workbooks with one form a
// sheet. Every field is read right, the planted mistakes are found at the
// cells they were typed in, and the forms work with every command.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as docs from "./fixtures/forms/documents.js";
import { USCC_A, USCC_B } from "./fixtures/forms/documents.js";
import { formWorkbook, USCC_G, USCC_G_BAD, USCC_LIST } from "./fixtures/forms/workbooks.js";
import { capexitAsync, run } from "./support/run-async.js";
import { BIN, ROOT, tempDir } from "./support/run.js";

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = tempDir("capexit-forms-");
  writeFileSync(file("随县.docx"), await docs.countyDocument());
  writeFileSync(file("附表1.docx"), await docs.annex1Document());
  writeFileSync(file("附表2验收.docx"), await docs.annex2Document());
  writeFileSync(file("框线.docx"), await docs.framedDocument());
  writeFileSync(file("函.docx"), await docs.letterDocument());
  writeFileSync(file("半张.docx"), await docs.halfFormDocument());
  writeFileSync(file("广水市.xlsx"), await formWorkbook());
  writeFileSync(file("广水市-错码.xlsx"), await formWorkbook({ bad: true }));
  // a Word 97 document: an OLE compound file with a WordDocument stream (only its signature matters here)
  writeFileSync(file("旧版.doc"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFinding {
  severity: string;
  rule: string;
  field: string | null;
  record: string | null;
  file: string;
  sheet: string | null;
  row: number | null;
  cell: string | null;
  message: string;
}

async function validateJson(...files: string[]): Promise<{ code: number; json: { records: number; errors: number; findings: JsonFinding[] } }> {
  const r = await capexitAsync(["validate", ...files, "--format", "json"]);
  expect(r.stderr).toBe("");
  return { code: r.code, json: JSON.parse(r.stdout) };
}

async function collected(...files: string[]): Promise<Record<string, unknown>[]> {
  const out = join(tempDir("capexit-forms-out-"), "records.json");
  const r = await capexitAsync(["collect", ...files, "-o", out, "--format", "json"]);
  expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  return JSON.parse(readFileSync(out, "utf8")).records;
}

/** 随县示例水泥有限公司 as its two forms were typed (test/fixtures/forms/documents.ts), read by hand. */
const EXPECTED_A = {
  county: "随县",
  reportingUnit: "随县科经局",
  reportedOn: "2024-08-19",
  enterprise: {
    name: "随县示例水泥有限公司",
    foundedOn: "2005-03",
    address: "随县厉山镇工业园区",
    uscc: USCC_A,
    taxNo: USCC_A,
    orgCode: "MA49XY2K1",
    phone: "0722-4567890",
  },
  licenses: {
    business: { cancelledOn: "2024-11-20" },
    production: { number: "XK08-001-00123", revokedOn: "2024-11-25" },
    discharge: { number: "91421321MA49XY2K1E001P" },
  },
  contacts: {
    legalRepresentative: { name: "张某", title: "董事长", phone: "13907220001" },
    principal: { name: "李某", title: "总经理", phone: "0722-4567891" },
    filler: { name: "王某", title: "科员", phone: "0722-3221234", mobile: "13807220002" },
  },
  staff: { onDuty: 120, contract: 100, retired: 30 },
  assets: { total: 5000, receivables: 300, debts: 1200 },
  equipment: [
    { name: "Φ2.6×13m水泥磨", designCapacity: 20, quantity: 1, removedOn: "2024-11-20" },
    { name: "Φ2.2×7m水泥磨", designCapacity: 10, quantity: 2, removedOn: "2024-11-20" },
  ],
  rectification: { problems: "水泥磨机直径小于3.0米，属淘汰类装备", measures: "关停并拆除水泥磨及配套设施", result: "已拆除", disposition: "依法关停退出" },
  acceptance: {
    staff: { involved: 120, resettled: 120 },
    fixedAssetsNet: 800,
    capacity: { amount: 23.8, unit: "万吨" },
    effects: { energySavedTce: 12000, so2: 12.5, co2: 30000, cod: 0, nox: 40, landFreedMu: 50 },
    lines: [
      { model: "Φ2.6×13m水泥磨 1台", shutdownOn: "2024-10-15", removedOn: "2024-11-20", destination: "拆解报废，废钢回收" },
      { model: "Φ2.2×7m水泥磨 2台", shutdownOn: "2024-10-15", destination: "待司法拍卖" },
    ],
    notDismantled: { canResume: false, reason: "待司法拍卖处置", powerWaterCut: true, sealed: true },
    auxiliaryRemoval: "辅助设施已全部拆除",
    debtsHandledLawfully: true,
    otherNotes: "无",
    enterprise: { statement: "已按要求完成淘汰任务。", signedOn: "2024-11-22" },
    county: { opinion: "主体设备已拆除1台、封存2台并断电断水，不具备恢复生产条件，同意通过验收。", passed: true, signedOn: "2024-11-28" },
    city: { opinion: "经复核，情况属实，予以通过。", passed: true, signedOn: "2024-12-10" },
  },
};

const at = (findings: JsonFinding[]) => findings.map((f) => [f.severity, f.rule, f.field, f.record, f.sheet, f.cell]);

describe("Word forms typed into the seed's layout", () => {
  it("reads every field of a county's document right: values in label cells, units, ticks and checkbox controls, sign-off dates", async () => {
    const records = await collected(file("随县.docx"));
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual(EXPECTED_A);
    const b = records[1] as typeof EXPECTED_A;
    expect(b.enterprise).toMatchObject({ name: "随县示例铸造厂", uscc: USCC_B, foundedOn: "2024年13月5日" });
    expect(b.reportedOn).toBe("2024-08-26");
    expect(b.licenses).toEqual({ business: { revokedOn: "2024-11-26" }, discharge: { number: "91421321MA4002BD6Q001U", revokedOn: "2024-11-26" } });
    expect(b.staff).toEqual({ onDuty: "八十六人", contract: 40, retired: 5 });
    expect(b.acceptance.notDismantled).toEqual({ sealed: "是☑ 否☑" });
    expect(b.acceptance.debtsHandledLawfully).toBe(true);
    expect(b.acceptance.county).toEqual({ opinion: "现场核查发现电炉基础未清除，整改后重新验收。", passed: false, signedOn: "2024-12-05" });
    expect(b.acceptance.city).toEqual({ opinion: "已收悉。", signedOn: "2024-12-12" });
    expect(b.acceptance.enterprise).toEqual({ statement: "企业已整体关闭。", signedOn: "2024-11-27" });
  });

  it("finds the planted mistakes at the table cells they were typed in, each naming its record", async () => {
    const { code, json } = await validateJson(file("随县.docx"));
    expect(code).toBe(1);
    const found = at(json.findings);
    for (const expected of [
      ["error", "date-impossible", "enterprise.foundedOn", USCC_B, "表2", "R1C7"],
      ["error", "mobile-invalid", "contacts.filler.mobile", USCC_B, "表2", "R9C7"],
      ["error", "number-invalid", "staff.onDuty", USCC_B, "表2", "R10C2"],
      ["error", "date-impossible", "equipment[0].removedOn", USCC_B, "表2", "R13C7"],
      ["warning", "form-unknown-label", null, USCC_B, "表2", "R20C1"],
      ["error", "yesno-invalid", "acceptance.notDismantled.sealed", USCC_B, "表4", "R17C3"],
      ["warning", "form-verdict-unclear", "acceptance.city.passed", USCC_B, "表4", "R20C2"],
    ]) {
      expect(found).toContainEqual(expected);
    }
    // nothing about the first enterprise, whose forms are right
    expect(json.findings.filter((f) => f.record === USCC_A)).toEqual([]);
    expect(json.findings.every((f) => f.record !== null && f.file.endsWith("随县.docx") && f.row !== null)).toBe(true);
    expect(json.findings.find((f) => f.rule === "yesno-invalid")!.message).toContain("都打了勾");
  });

  it("says where in the human report: 表2 第10行第2列", async () => {
    const r = await capexitAsync(["validate", file("随县.docx")]);
    expect(r.stdout).toContain("表2 第10行第2列");
    expect(r.stdout).toContain("表4 第17行第3列");
    const en = await capexitAsync(["validate", file("随县.docx"), "--lang", "en"]);
    expect(en.stdout).toContain("表2, row 10, column 2");
  });

  it("joins a document of Annex 2 forms to the Annex 1 document by USCC, in either order", async () => {
    const together = await collected(file("随县.docx"));
    expect(await collected(file("附表2验收.docx"), file("附表1.docx"))).toEqual(together);
    expect(await collected(file("附表1.docx"), file("附表2验收.docx"))).toEqual(together);
    const { json } = await validateJson(file("附表2验收.docx"), file("附表1.docx"));
    expect(json.records).toBe(2);
    expect(json.findings.find((f) => f.rule === "yesno-invalid")).toMatchObject({ file: file("附表2验收.docx"), sheet: "表1", cell: "R17C3", record: USCC_B });
  });

  it("keeps Annex 2 forms with no Annex 1 as acceptance-only records", async () => {
    const records = await collected(file("附表2验收.docx"));
    expect(records.map((r) => (r.enterprise as { uscc: string }).uscc)).toEqual([USCC_B, USCC_A]);
    expect(records.every((r) => r.acceptance && !r.staff)).toBe(true);
  });

  it("finds the same enterprise's form given twice, naming both places", async () => {
    const { json } = await validateJson(file("随县.docx"), file("附表1.docx"));
    const dups = json.findings.filter((f) => f.rule === "uscc-duplicate");
    expect(dups.map((f) => [f.record, f.file.endsWith("附表1.docx"), f.sheet, f.cell])).toEqual([
      [USCC_A, true, "表1", "R3C2"],
      [USCC_B, true, "表2", "R3C2"],
    ]);
    expect(dups[0]!.message).toContain("随县.docx 表1 第3行第2列"); // the other place worded as the report words places
  });

  it("reads a form nested in a framing table, with legacy checkboxes, Wingdings ticks, a tracked deletion and an empty control", async () => {
    const [r] = await collected(file("框线.docx"));
    expect((r!.enterprise as { name: string }).name).toBe("随县示例水泥有限公司");
    expect((r!.acceptance as { notDismantled: unknown }).notDismantled).toEqual({ canResume: false, reason: "待司法拍卖处置", powerWaterCut: true, sealed: true });
    expect((r!.acceptance as { otherNotes?: string }).otherNotes).toBeUndefined();
    const { json } = await validateJson(file("框线.docx"));
    expect(json.findings.map((f) => f.sheet)).not.toContain("表1"); // the frame is no form
  });

  it("reports half a form's missing labels at the table, inventing nothing", async () => {
    const { json } = await validateJson(file("半张.docx"));
    const missing = json.findings.filter((f) => f.rule === "form-label-missing");
    expect(missing.map((f) => [f.field, f.sheet, f.row, f.cell])).toEqual([
      ["enterprise.name", "表1", null, null],
      ["enterprise.address", "表1", null, null],
      ["enterprise.uscc", "表1", null, null],
    ]);
    expect(json.findings.filter((f) => f.rule === "required" && f.field?.startsWith("enterprise."))).toEqual([]);
    expect(json.findings.find((f) => f.rule === "form-labels-missing")).toBeDefined();
    const [r] = await collected(file("半张.docx"));
    expect(r!.enterprise).toEqual({});
    expect(r!.equipment).toEqual([{ name: "Φ2.6×13m水泥磨", designCapacity: 20, quantity: 1, removedOn: "2024-11-20" }]);
  });

  it("answers a document with no form in one sentence when alone, and with one finding in a batch", async () => {
    const alone = await capexitAsync(["validate", file("函.docx")]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^capexit: .*函\.docx 中没有认得出的附表1或附表2表格/);
    expect(alone.stderr.trim().split("\n")).toHaveLength(1);
    const { code, json } = await validateJson(file("函.docx"), file("附表1.docx"));
    expect(code).toBe(1);
    expect(json.records).toBe(2);
    expect(json.findings.filter((f) => f.rule === "form-not-found").map((f) => [f.file, f.sheet, f.record])).toEqual([[file("函.docx"), null, null]]);
  });

  it("sends a .doc back in one sentence: save it as .docx", async () => {
    const alone = await capexitAsync(["validate", file("旧版.doc")]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/旧版\.doc 是旧版 Word 文档（\.doc）.*另存为” \.docx/);
    const en = await capexitAsync(["check", file("旧版.doc"), "--lang", "en"]);
    expect(en.stderr).toMatch(/save it as \.docx/);
    const { json } = await validateJson(file("旧版.doc"), file("附表1.docx"));
    expect(json.findings.filter((f) => f.rule === "file-doc")).toHaveLength(1);
  });

  it("reads a folder of documents", async () => {
    const sub = tempDir("capexit-forms-folder-");
    writeFileSync(join(sub, "a.docx"), readFileSync(file("附表1.docx")));
    writeFileSync(join(sub, "b.docx"), readFileSync(file("附表2验收.docx")));
    writeFileSync(join(sub, "~$a.docx"), "lock");
    expect(await collected(sub)).toEqual(await collected(file("随县.docx")));
  });
});

describe("workbooks with one form a sheet", () => {
  it("reads each form sheet, whatever its name, beside a list-layout sheet, and joins its Annex 2 sheet", async () => {
    const records = await collected(file("广水市.xlsx"));
    expect(records.map((r) => (r.enterprise as { uscc: string }).uscc)).toEqual([USCC_LIST, USCC_G]);
    const g = records[1] as typeof EXPECTED_A;
    expect(g).toMatchObject({ county: "广水市", reportingUnit: "广水市经信局", reportedOn: "2024-08-18" });
    expect(g.enterprise).toEqual({ name: "广水市示例化工有限公司", foundedOn: "2009-06", address: "广水市十里办事处示例路6号", uscc: USCC_G, taxNo: USCC_G, orgCode: USCC_G.slice(8, 17), phone: "0722-6540000" });
    expect(g.licenses).toEqual({ production: { number: "XK13-014-00456", revokedOn: "2024-11-25" }, discharge: { number: `${USCC_G}001V`, cancelledOn: "2024-11-26" } });
    expect(g.contacts.filler).toEqual({ name: "吴某", title: "科员", phone: "0722-6541234", mobile: "13807221111" });
    expect(g.contacts.legalRepresentative.phone).toBe("13907221111");
    expect(g.staff).toEqual({ onDuty: 64, contract: 50, retired: 8 });
    expect(g.assets).toEqual({ total: 2600, receivables: 120, debts: 1050 });
    expect(g.equipment).toEqual([
      { name: "Φ2.4m×7.5m造粒塔", designCapacity: 6, quantity: 1, removedOn: "2024-11-18" },
      { name: "硫铁矿焙烧炉", designCapacity: 4, quantity: 2, removedOn: "2024-11-31" },
    ]);
    expect(g.acceptance).toMatchObject({
      staff: { involved: 64, resettled: 64 },
      fixedAssetsNet: 410,
      capacity: { amount: 10, unit: "万吨" },
      effects: { energySavedTce: 5200, so2: 30.5, co2: 11000, cod: 1.2, nox: 8, landFreedMu: 35 },
      lines: [
        { model: "Φ2.4m×7.5m造粒塔 1座", shutdownOn: "2024-10-08", removedOn: "2024-11-18", destination: "拆解外售" },
        { model: "硫铁矿焙烧炉 2台", shutdownOn: "2024-10-08", removedOn: "2024-11-20", destination: "拆解报废" },
      ],
      auxiliaryRemoval: "已拆除",
      debtsHandledLawfully: true,
      enterprise: { statement: "已全部拆除。", signedOn: "2024-11-21" },
      county: { opinion: "生产线已全部拆除，验收合格。", passed: true, signedOn: "2024-11-29" },
      city: { opinion: "同意通过验收", passed: true, signedOn: "2024-12-09" },
    });
    expect(g.acceptance).not.toHaveProperty("notDismantled");
    expect(g.acceptance).not.toHaveProperty("otherNotes");
    expect(g.acceptance).not.toHaveProperty("province");
  });

  it("finds the planted mistakes at their A1 cells", async () => {
    const { json } = await validateJson(file("广水市-错码.xlsx"));
    const found = at(json.findings);
    expect(found).toContainEqual(["error", "uscc-check-digit", "enterprise.uscc", USCC_G_BAD, "示例化工（附表1）", "B6"]);
    expect(found).toContainEqual(["error", "uscc-check-digit", "enterprise.uscc", USCC_G_BAD, "附表2", "B4"]);
    expect(found).toContainEqual(["error", "date-impossible", "equipment[1].removedOn", USCC_G_BAD, "示例化工（附表1）", "G17"]);
    expect(json.findings.filter((f) => f.rule.startsWith("form-"))).toEqual([]);
  });
});

describe("every command works on forms", () => {
  it("check judges the forms' dates", async () => {
    const r = await capexitAsync(["check", file("随县.docx"), "--as-of", "2024-12-31", "--format", "json"]);
    expect(r.code).toBe(1); // the foundry's county acceptance did not pass
    const json = JSON.parse(r.stdout);
    const a = json.enterprises.find((e: { uscc: string }) => e.uscc === USCC_A);
    const status = Object.fromEntries(a.milestones.map((m: { id: string; status: string; done: string | null }) => [m.id, [m.status, m.done]]));
    expect(status.shutdown).toEqual(["done", "2024-10-15"]);
    expect(status["county-acceptance"]).toEqual(["done", "2024-11-28"]);
    expect(status.dismantle[0]).toBe("sealed");
  });

  it("summarize adds the forms up under the county of the department that filled them in", async () => {
    const r = await capexitAsync(["summarize", file("随县.docx"), file("广水市.xlsx"), "--as-of", "2024-12-31", "--format", "json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const unit = (name: string) => json.units.find((u: { county: string }) => u.county === name);
    expect(unit("随县")).toMatchObject({ enterprises: 2, equipmentUnits: 5, staffInvolved: 160, countyPassed: 1, cityPassed: 1 });
    expect(unit("随县").capacityEliminated).toEqual({ 万吨: 26.8 });
    expect(unit("广水市")).toMatchObject({ enterprises: 2, countyPassed: 1 });
  });

  it("render prints the forms read from Word documents", async () => {
    const out = tempDir("capexit-forms-render-");
    const r = await capexitAsync(["render", "annex2", file("随县.docx"), "-o", out]);
    expect(r.code, r.stderr).toBe(1); // printed, with the input's errors counted
    const pdfs = readdirSync(out).filter((f) => f.endsWith(".pdf"));
    expect(pdfs).toHaveLength(2);
    expect(pdfs.some((f) => f.includes("随县示例水泥有限公司"))).toBe(true);
    expect(existsSync(join(out, pdfs[0]!))).toBe(true);
  });
});

describe("what reading a Word document loads", () => {
  it("neither SheetJS nor exceljs: a document is read with the zip reader and saxes", async () => {
    const trace = join(tempDir(), "trace.txt");
    const r = await run(process.execPath, ["--import", join(ROOT, "test", "support", "import-trace.mjs"), BIN, "validate", file("随县.docx"), "--format", "json"], {
      env: { CAPEXIT_IMPORT_TRACE: trace },
    });
    expect(r.code).toBe(1);
    const loaded = readFileSync(trace, "utf8");
    expect(loaded).toContain("/node_modules/saxes/");
    expect(loaded).not.toContain("/node_modules/@e965/xlsx/");
    expect(loaded).not.toContain("/node_modules/exceljs/");
  });
});

const PYTHON = "/usr/bin/python3";
const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
const hasPythonDocx = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import docx"]).status === 0;

describe("documents as other programs save them", () => {
  it.skipIf(!hasSoffice)("LibreOffice saving the county's document again: the same records", async () => {
    const out = tempDir("capexit-forms-lo-");
    const profile = tempDir("capexit-lo-profile-");
    const r = await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "docx", "--outdir", out, file("随县.docx")], { timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(await collected(join(out, "随县.docx"))).toEqual(await collected(file("随县.docx")));
  }, 240_000);

  it.skipIf(!hasPythonDocx)("python-docx: merges by cell.merge, a sign-off in paragraphs", async () => {
    const out = join(tempDir("capexit-forms-py-"), "附表2.docx");
    const r = await run(PYTHON, [join(ROOT, "test", "fixtures", "forms", "python-docx-form.py"), out]);
    expect(r.code, r.stderr).toBe(0);
    const [rec] = await collected(out);
    expect(rec!.enterprise).toEqual({ name: "随县示例水泥有限公司", address: "随县厉山镇工业园区", uscc: USCC_A, taxNo: USCC_A, orgCode: "MA49XY2K1", phone: "0722-4567890" });
    expect(rec!.acceptance).toEqual({
      staff: { involved: 120, resettled: 118 },
      lines: [{ model: "Φ2.6×13m水泥磨 1台", shutdownOn: "2024-10-15", removedOn: "2024-11-20", destination: "拆解报废" }],
      auxiliaryRemoval: "已全部拆除",
      debtsHandledLawfully: true,
      otherNotes: "无",
      county: { opinion: "主体设备已全部拆除，同意通过验收。", passed: true, signedOn: "2024-11-28" },
    });
  });
});
