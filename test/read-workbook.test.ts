import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../src/read/workbook.js";
import { makeUscc } from "./support/records.js";

const U1 = makeUscc("421321", 9001);
const U2 = makeUscc("421321", 9002);

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A 附表1 as a clerk lays it out: title rows, labels broken and in another order, half-width brackets. */
function clerkWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(" 附表1 ");
  ws.addRow(["附表1 淘汰落后产能企业基本情况表"]);
  ws.mergeCells("A1:H1");
  ws.addRow(["填报单位（盖章）：随县科经局", null, null, "填报时间：2024年8月20日"]);
  ws.addRow([]);
  ws.addRow(["企业\n名称", "统一社会\n信用代码", "县 市 区", "企业地址", "资产总额(万元)", "在岗职工人数", "其中合同工人数", "填报时间", "企业整体关闭", "备注", "债务"]);
  ws.addRow(["随县甲水泥厂", U1, "随县", "随县厉山镇", "1,200", "１２０", 100, "2024年8月20日", "√", "x", "300万元"]);
  ws.addRow([]);
  ws.addRow(["随县乙砖厂", ` ${U2.toLowerCase()} `, "随县", "随县安居镇", { formula: "B1+1", result: 300 }, 35, 12, new Date(Date.UTC(2024, 7, 21)), "否"]);
  ws.addRow(["合计", null, null, null, 1500, 155, 112]);
  ws.addRow(["注：此表由各地科经部门填报"]);
  return wb;
}

describe("readWorkbook", () => {
  it("finds the header below title rows and reads every spelling", async () => {
    const { records, findings } = await readWorkbook(await bytes(clerkWorkbook()), "随县.xlsx");
    expect(records).toHaveLength(2);
    const [a, b] = records.map((r) => r.record);
    expect(a!.enterprise).toMatchObject({ name: "随县甲水泥厂", uscc: U1, closedEntirely: true });
    expect(a!.assets?.total).toBe(1200);
    expect(a!.assets?.debts).toBe(300); // 债务 without its unit is 债务（万元）
    expect(a!.staff).toMatchObject({ onDuty: 120, contract: 100 });
    expect(a!.reportedOn).toBe("2024-08-20");
    expect(b!.enterprise.uscc).toBe(U2);
    expect(b!.assets?.total).toBe(300);
    expect(b!.reportedOn).toBe("2024-08-21");
    expect(b!.enterprise.closedEntirely).toBe(false);
    // the unknown 备注 column is a warning at its header cell; nothing else is wrong
    expect(findings.map((f) => [f.rule, f.location.cell])).toEqual([["unknown-column", "J4"]]);
  });

  it("locates values by Excel's own row numbers and cells", async () => {
    const { records } = await readWorkbook(await bytes(clerkWorkbook()), "随县.xlsx");
    expect(records[0]!.locations.get("enterprise.uscc")).toMatchObject({ sheet: " 附表1 ", row: 5, cell: "B5" });
    expect(records[1]!.locations.get("assets.total")).toMatchObject({ row: 7, cell: "E7" });
    expect(records[1]!.origin).toMatchObject({ row: 7, cell: "B7" });
  });

  it("reports an impossible date at its cell, never rolling it over", async () => {
    const wb = clerkWorkbook();
    wb.getWorksheet(" 附表1 ")!.getCell("H5").value = "2024-02-30";
    const { records, findings } = await readWorkbook(await bytes(wb), "x.xlsx");
    expect(records[0]!.record.reportedOn).toBeUndefined();
    expect(findings).toContainEqual(expect.objectContaining({ rule: "date-impossible", field: "reportedOn", location: expect.objectContaining({ cell: "H5" }) }));
  });

  it("joins item sheets by USCC and reports rows for enterprises that are not there", async () => {
    const wb = clerkWorkbook();
    const eq = wb.addWorksheet("附表1设备");
    eq.addRow(["统一社会信用代码", "设备名称（型号规格）", "设计产能（万吨）", "数量（台）", "拆除时间"]);
    eq.addRow([U1, "Φ2.6×13m水泥磨", "20万吨", 1, "2024.11.20"]);
    eq.addRow([U1, "Φ2.4×10m水泥磨", 10, 1, 20241121]);
    eq.addRow([makeUscc("421321", 9003), "轮窑", 3, 1, null]);
    eq.addRow([null, "无主设备", 1, 1, null]);
    const { records, findings } = await readWorkbook(await bytes(wb), "x.xlsx");
    expect(records[0]!.record.equipment).toEqual([
      { name: "Φ2.6×13m水泥磨", designCapacity: 20, quantity: 1, removedOn: "2024-11-20" },
      { name: "Φ2.4×10m水泥磨", designCapacity: 10, quantity: 1, removedOn: "2024-11-21" },
    ]);
    expect(records[0]!.locations.get("equipment[1].removedOn")).toMatchObject({ sheet: "附表1设备", cell: "E3" });
    const orphans = findings.filter((f) => f.rule === "orphan-row" || f.rule === "missing-join-key");
    expect(orphans.map((f) => [f.rule, f.location.row, f.field])).toEqual([
      ["orphan-row", 4, "enterprise.uscc"],
      ["missing-join-key", 5, "enterprise.uscc"],
    ]);
  });

  it("joins 附表2 and its lines; 附表1 values stand", async () => {
    const wb = clerkWorkbook();
    const a2 = wb.addWorksheet("附表2");
    a2.addRow(["统一社会信用代码", "企业名称", "涉及职工人数", "已安置职工人数", "县级验收结论", "县级验收日期", "是否具备恢复生产的能力"]);
    a2.addRow([U1, "随县甲水泥厂", 120, 118, "通过", "2024/11/28", "否"]);
    const lines = wb.addWorksheet("附表2生产线");
    lines.addRow(["统一社会\r\n信用代码", "淘汰生产线(设备)型号及数量", "关停时间", "主体设备拆除时间", "设备去向"]);
    lines.addRow([U1, "水泥磨 1台", "2024-10-15", "2024-11-20", "拆解"]);
    lines.addRow([U1, "水泥磨 1台", "2024-10-16", null, "封存"]);
    const { records } = await readWorkbook(await bytes(wb), "x.xlsx");
    const acc = records[0]!.record.acceptance!;
    expect(acc.staff).toEqual({ involved: 120, resettled: 118 });
    expect(acc.county).toMatchObject({ passed: true, signedOn: "2024-11-28" });
    expect(acc.notDismantled?.canResume).toBe(false);
    expect(acc.lines).toHaveLength(2);
    expect(acc.lines![1]).toMatchObject({ shutdownOn: "2024-10-16", destination: "封存" });
    expect(records[1]!.record.acceptance).toBeUndefined();
  });

  it("reads a formula without a cached value as a finding", async () => {
    const wb = clerkWorkbook();
    wb.getWorksheet(" 附表1 ")!.getCell("F5").value = { formula: "SUM(A1:A2)" } as ExcelJS.CellFormulaValue;
    const { findings } = await readWorkbook(await bytes(wb), "x.xlsx");
    expect(findings).toContainEqual(expect.objectContaining({ rule: "formula-no-value", location: expect.objectContaining({ cell: "F5" }) }));
  });

  it("refuses a workbook with none of the annex sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").addRow(["hello"]);
    await expect(readWorkbook(await bytes(wb), "x.xlsx")).rejects.toMatchObject({ messageId: "no-annex-sheets" });
  });

  it("reports a sheet whose header cannot be found", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("附表1").addRow(["甲", "乙"]);
    const { findings } = await readWorkbook(await bytes(wb), "x.xlsx");
    expect(findings.map((f) => f.rule)).toEqual(["header-not-found"]);
  });
});

describe("readWorkbook on packages other tools write", () => {
  async function rewrite(data: Uint8Array, edit: (zip: import("jszip")) => Promise<void>): Promise<Uint8Array> {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(data);
    await edit(zip);
    return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  }

  it("names sheets behind absolute relationship targets (as openpyxl writes them)", async () => {
    const data = await rewrite(await bytes(clerkWorkbook()), async (zip) => {
      const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
      zip.file("xl/_rels/workbook.xml.rels", rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
    });
    const { records } = await readWorkbook(data, "openpyxl.xlsx");
    expect(records.map((r) => r.record.enterprise.name)).toEqual(["随县甲水泥厂", "随县乙砖厂"]);
  });

  it("fills vertically merged cells from their first cell, as Excel shows them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("附表1设备");
    ws.addRow(["统一社会信用代码", "设备名称（型号规格）", "数量（台）"]);
    ws.addRow([U1, "磨机甲", 1]);
    ws.addRow([null, "磨机乙", 2]);
    ws.addRow([null, "磨机丙", 3]);
    ws.mergeCells("A2:A4");
    const a1 = wb.addWorksheet("附表1");
    a1.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码"]);
    a1.addRow(["随县", "甲", "随县", U1]);
    const { records, findings } = await readWorkbook(await bytes(wb), "merged.xlsx");
    expect(findings).toEqual([]);
    expect(records[0]!.record.equipment!.map((e) => e.name)).toEqual(["磨机甲", "磨机乙", "磨机丙"]);
  });

  it("reads an annex sheet stored under another part name", async () => {
    const data = await rewrite(await bytes(clerkWorkbook()), async (zip) => {
      const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("uint8array");
      zip.remove("xl/worksheets/sheet1.xml");
      zip.file("xl/worksheets/data1.xml", sheet);
      for (const part of ["xl/_rels/workbook.xml.rels", "[Content_Types].xml"]) {
        const text = await zip.file(part)!.async("string");
        zip.file(part, text.replace(/worksheets\/sheet1\.xml/g, "worksheets/data1.xml"));
      }
    });
    const { records, findings } = await readWorkbook(data, "odd.xlsx");
    expect(records.map((r) => r.record.enterprise.name)).toEqual(["随县甲水泥厂", "随县乙砖厂"]);
    expect(findings.map((f) => [f.rule, f.location.cell])).toEqual([["unknown-column", "J4"]]);
  });

  it("reports an annex sheet the workbook lists but whose part is missing, and reads the others", async () => {
    const withTwo = clerkWorkbook();
    withTwo.addWorksheet("附表2").addRow(["统一社会信用代码", "涉及职工人数"]);
    const missing = await rewrite(await bytes(withTwo), async (zip) => {
      zip.remove("xl/worksheets/sheet2.xml");
    });
    const { records, findings } = await readWorkbook(missing, "missing.xlsx");
    expect(records).toHaveLength(2);
    expect(findings.map((f) => [f.rule, f.location.sheet])).toEqual([
      ["unknown-column", " 附表1 "],
      ["sheet-unreadable", "附表2"],
    ]);
  });
});
