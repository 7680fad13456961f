// Issue 10: CSV sets and their encodings, WPS .et, the sheet grid, and one
// report however often the same bytes are read.
import * as codepages from "@e965/xlsx/dist/cpexcel.full.mjs";
import type { CP$Utils } from "@e965/xlsx/dist/cpexcel.full.mjs";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { readBook } from "../src/read/book.js";
import { csvAnnex, sniff } from "../src/read/formats.js";
import type { Finding } from "../src/model/finding.js";
import { ANNEX1 } from "../src/model/sheets.js";
import { cellKey, SheetGrid } from "../src/read/grid.js";
import { readListSheet } from "../src/read/list-sheet.js";
import { loadInputs } from "../src/read/inputs.js";
import { decodeText } from "../src/read/text.js";
import { readWorkbook } from "../src/read/workbook.js";
import { formatValidationJson } from "../src/report/validate-json.js";
import { validate } from "../src/rules/run.js";
import { biff5Workbook } from "./support/biff5.js";
import { makeUscc } from "./support/records.js";
import { ROOT, tempDir } from "./support/run.js";
import { capexitAsync } from "./support/run-async.js";
import { producersCase, writeByHand } from "./support/workbook-model.js";

const EXAMPLES = join(ROOT, "examples");
const U1 = makeUscc("421321", 9101);
const U2 = makeUscc("421321", 9102);

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const ANNEX1_CSV = `县市区,企业名称,企业地址,统一社会信用代码,填报时间,在岗职工人数,其中合同工人数\r\n随县,"随县甲水泥厂","随县厉山镇，工业园",${U1},2024/8/20,120,100\r\n随县,随县乙砖厂,随县安居镇,${U2},2024年8月21日,35,40\r\n`;
const EQUIPMENT_CSV = `统一社会信用代码,设备名称（型号规格）,数量（台）,拆除时间\n${U1},"Φ2.6×13m水泥磨, 1台",1,2024-11-20\n`;

describe("CSV", () => {
  it.each([
    ["UTF-8 with a BOM (Excel's “CSV UTF-8”)", (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, "utf8")])],
    ["UTF-8 without a BOM", (s: string) => Buffer.from(s, "utf8")],
    ["GB18030 (Excel's “CSV” on a Chinese Windows)", (s: string) => gb18030(s)],
    ["UTF-16 with a BOM", (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])],
  ])("%s reads the same records", async (_, encode) => {
    const dir = tempDir();
    writeFileSync(join(dir, "随县附表1.csv"), encode(ANNEX1_CSV));
    const { records, findings } = await loadInputs([join(dir, "随县附表1.csv")]);
    expect(records.map((r) => r.record.enterprise)).toEqual([
      { name: "随县甲水泥厂", address: "随县厉山镇，工业园", uscc: U1 },
      { name: "随县乙砖厂", address: "随县安居镇", uscc: U2 },
    ]);
    expect(records[1]!.record.reportedOn).toBe("2024-08-21");
    // the sheet is named after the annex, rows and cells as a spreadsheet shows the file
    expect(records[1]!.locations.get("staff.contract")).toMatchObject({ file: join(dir, "随县附表1.csv"), sheet: "附表1", row: 3, cell: "G3" });
    expect(findings).toEqual([]);
  });

  it("CSVs of one set, named after their annexes, join as one workbook", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "随县附表1.csv"), gb18030(ANNEX1_CSV));
    writeFileSync(join(dir, "随县附表1设备.csv"), Buffer.from(EQUIPMENT_CSV));
    writeFileSync(join(dir, "说明.csv"), Buffer.from("这不是附表"));
    const { records, findings, files } = await loadInputs([dir]);
    expect(files.map((f) => f.replace(/^.*\//, ""))).toEqual(["随县附表1.csv", "随县附表1设备.csv"]); // 说明.csv names no annex
    expect(findings).toEqual([]);
    expect(records[0]!.record.equipment).toEqual([{ name: "Φ2.6×13m水泥磨, 1台", quantity: 1, removedOn: "2024-11-20" }]);
    expect(records[0]!.locations.get("equipment[0].name")).toMatchObject({ file: join(dir, "随县附表1设备.csv"), sheet: "附表1设备", cell: "B2" });
  });

  it("equipment given without its 附表1 is an orphan, row by row", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "附表1设备.csv"), EQUIPMENT_CSV);
    const { findings } = await loadInputs([join(dir, "附表1设备.csv")]);
    expect(findings.map((f) => [f.rule, f.location.sheet, f.location.cell])).toEqual([["orphan-row", "附表1设备", "A2"]]);
  });

  it.each([
    ["附表1.csv", "附表1", ""],
    ["随县 附表2生产线.csv", "附表2生产线", "随县"],
    ["广水市-附表1设备.CSV", "附表1设备", "广水市-"],
    ["附表１.csv", "附表1", ""],
    ["数据.csv", null, null],
    ["附表3.csv", null, null],
  ])("%s names annex %s", (file, annex, set) => {
    expect(csvAnnex(file)).toEqual(annex === null ? null : { annex, set });
  });

  it("decodes text as it is, and refuses what is not text", () => {
    expect(decodeText(gb18030("企业名称"))).toBe("企业名称");
    expect(decodeText(Buffer.from("企业名称"))).toBe("企业名称");
    expect(decodeText(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toBeNull();
  });
});

describe("WPS .et", () => {
  it("an .et as WPS saves it (the Excel 97 compound file) is read like the .xls", async () => {
    const dir = tempDir();
    const et = join(dir, "随州市2024.et");
    copyFileSync(join(EXAMPLES, "随州市2024.xls"), et);
    const fromEt = await loadInputs([et]);
    const fromXls = await loadInputs([join(EXAMPLES, "随州市2024.xls")]);
    expect(fromEt.records.map((r) => r.record)).toEqual(fromXls.records.map((r) => r.record));
    expect(sniff(readFileSync(et), et)).toBe("xls");
  });
});

describe("Excel 95 (.xls, BIFF5)", () => {
  it("reads text in the file's code page (936), sheet names included", async () => {
    const U = makeUscc("421321", 9201);
    const data = biff5Workbook(
      [
        { name: "附表1", cells: [[0, 0, "附表1  淘汰落后产能企业基本情况表"], [1, 0, "县市区"], [1, 1, "企业名称"], [1, 2, "企业地址"], [1, 3, "统一社会信用代码"], [2, 0, "随县"], [2, 1, "随县甲水泥厂"], [2, 2, "随县厉山镇"], [2, 3, U]] },
        { name: "说明", hidden: true, cells: [[0, 0, "填表说明"]] },
      ],
      936,
      gb18030,
    );
    const sheets = await readBook(data, "旧表.xls");
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      ["附表1", "visible"],
      ["说明", "hidden"],
    ]);
    const { records, findings } = await readWorkbook(data, "旧表.xls");
    expect(findings).toEqual([]);
    expect(records.map((r) => r.record.enterprise)).toEqual([{ name: "随县甲水泥厂", address: "随县厉山镇", uscc: U }]);
  });
});

describe("sniff", () => {
  it.each([
    ["随州市2024.xlsx", "xlsx"],
    ["随州市2024.xls", "xls"],
    ["随州市2024.ods", "ods"],
  ])("%s is %s by its bytes, whatever its name", (name, kind) => {
    const bytes = readFileSync(join(EXAMPLES, name));
    expect(sniff(bytes, name)).toBe(kind);
    expect(sniff(bytes, "renamed.dat")).toBe(kind);
  });
});

describe("SheetGrid", () => {
  const grid = new SheetGrid({
    name: "表",
    rows: [["标题"], [], ["甲", "乙", undefined, "丁"], [undefined, "戊"]],
    merges: [
      { top: 1, left: 1, bottom: 1, right: 4 },
      { top: 3, left: 3, bottom: 5, right: 3 },
    ],
    issues: new Map([[cellKey(4, 4), { rule: "cell-error" as const, error: "#N/A" }]]),
  });

  it("shows a merged cell with its master's content; stored keeps the file's", () => {
    expect(grid.value(1, 3)).toBe("标题");
    expect(grid.stored(1, 3)).toBeUndefined();
    expect(grid.value(3, 3)).toBeUndefined(); // the master is empty
    expect(grid.mergeAt(4, 3)).toEqual({ top: 3, left: 3, bottom: 5, right: 3 });
    expect(grid.mergeAt(4, 2)).toBeUndefined();
  });

  it("rows with data of their own, as shown, and every stored cell with its address", () => {
    expect(grid.dataRows()).toEqual([1, 3, 4]);
    expect(grid.shownRow(1)).toEqual([
      [1, "标题"],
      [2, "标题"],
      [3, "标题"],
      [4, "标题"],
    ]);
    expect([...grid.cells()].map((c) => `${c.address}=${c.value ?? c.issue?.rule}`)).toEqual(["A1=标题", "A3=甲", "B3=乙", "D3=丁", "B4=戊", "D4=cell-error"]);
    expect(grid.issue(4, 4)).toEqual({ rule: "cell-error", error: "#N/A" });
    expect(grid).toMatchObject({ rowCount: 4, columnCount: 4, state: "visible" });
  });

  it("a hostile merge over the whole sheet is bounded by the sheet's used range", () => {
    const big = new SheetGrid({ name: "x", rows: [["a"], ["b"]], merges: [{ top: 1, left: 1, bottom: 1_048_576, right: 16_384 }] });
    expect(big.value(2, 5)).toBe("a");
    expect(big.dataRows()).toEqual([1, 2]);
  });

  it("an invalid date among the top rows (a damaged file) is no label and no crash", () => {
    const findings: Finding[] = [];
    const grid = new SheetGrid({ name: "附表1", rows: [[new Date(NaN), "县市区"], ["企业名称", "企业地址", "统一社会信用代码"], ["甲", "随县", U1]] });
    expect(readListSheet(grid, ANNEX1, "x.xls", findings)?.rows).toHaveLength(1);
  });

  it("readBook gives every sheet with its state and merges, chart sheets included", async () => {
    const sheets = await readBook(await writeByHand(producersCase(), { extras: true }), "x.xlsx");
    expect(sheets.map((s) => [s.name, s.state])).toEqual([
      ["附表1", "visible"],
      ["图表1", "visible"],
      ["附表1设备", "visible"],
      ["附表2", "visible"],
      ["附表2生产线", "hidden"],
      ["内部", "veryHidden"],
    ]);
    expect(sheets[0]!.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 8 }]);
    expect(sheets[0]!.value(4, 5)).toEqual(new Date("2005-03-01T00:00:00Z"));
    expect(sheets[0]!.issue(5, 10)).toEqual({ rule: "cell-error", error: "#N/A" });
    expect(sheets[2]!.value(3, 1)).toBe(sheets[2]!.value(2, 1));
  });
});

describe("the same bytes, the same report", () => {
  it("reads one workbook 50 times and gets one report", async () => {
    const data = await writeByHand(producersCase(), { extras: true, order: "excel", absoluteTargets: true });
    const reports = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const read = await readWorkbook(data, "同一份.xlsx");
      reports.add(formatValidationJson(validate(read.records, read.findings, plan), "zh-CN"));
    }
    expect(reports.size).toBe(1);
    expect(JSON.parse([...reports][0]!)).toMatchObject({ records: 3, errors: 9, warnings: 6 });
  });

  it.each(["随州市2024.xls", "随州市2024.ods", "随州市2024.xlsx"])("the built binary gives %s the same report in any time zone", async (name) => {
    const reports = new Set<string>();
    for (const tz of ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"]) reports.add((await capexitAsync(["validate", join(EXAMPLES, name), "--format", "json"], { env: { TZ: tz } })).stdout);
    expect(reports.size).toBe(1);
  });
});

/** GB18030 bytes, as Excel on a Chinese Windows saves “CSV” (code page 936, GBK, is its two-byte part). */
function gb18030(s: string): Buffer {
  // the module's own `utils` (its typings only know the default export)
  const { utils } = codepages as unknown as { utils: CP$Utils };
  return Buffer.from(utils.encode(936, s, "buf") as Uint8Array);
}
