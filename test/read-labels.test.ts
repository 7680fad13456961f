// Issue 10: the labels as the seed's forms print them, and 附表2 repeating
// 附表1's name and address.
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildListWorkbook } from "../src/export/list-workbook.js";
import { loadPlan } from "../src/plan/load.js";
import type { Plan } from "../src/plan/schema.js";
import { readWorkbook } from "../src/read/workbook.js";
import { validate } from "../src/rules/run.js";
import { makeUscc, sampleRecords } from "./support/records.js";
import { capexit, tempDir } from "./support/run.js";

/**
 * The spec's label -> the seed's wording on its forms, typed as the seed's
 * tables print them (line breaks and runs of spaces included). Written out
 * here, not taken from src/model/sheets.ts, so the test is an oracle.
 */
const SEED: Record<string, Record<string, string>> = {
  附表1: {
    营业执照吊销时间: "吊销时间",
    生产许可证证书号: "生产许可\n\n证证书号",
    生产许可证吊销时间: "吊销时间",
    排污许可证证书号: "排污许可\n\n证证书号",
    排污许可证吊销时间: "吊销时间",
    统一社会信用代码: "统一社会\n\n信用代码",
    法定代表人职务: "职务",
    法定代表人联系电话: "联系电话",
    企业负责人职务: "职务",
    企业负责人联系电话: "联系电话",
    填报人职务: "职务",
    填报人联系电话: "联系电话",
    填报人手机: "手    机",
    在岗职工人数: "在岗职工人数    ",
    "资产总额（万元）": "资产总额           （万元）",
    "债权（万元）": "债权                  （万元）",
    "债务（万元）": "债务  （万元）",
    整改内容及措施: "整改内容\n\n及措施",
    填报单位: "填报单位（盖章）",
  },
  附表1设备: {
    "数量（台）": "数量\n\n（台）",
    拆除时间: "拆除\n\n时间",
  },
  附表2: {
    "固定资产净值（万元）": "固定资产净值",
    实际淘汰产能数量: "实际淘汰产能数量（注明单位）",
    "节能（折标煤，吨）": "节能\n\n（折标煤，吨）",
    "SO2减排（吨）": "SO2",
    "CO2减排（吨）": "CO2",
    "COD减排（吨）": "COD",
    "NOX减排（吨）": "NOX",
    是否具备恢复生产的能力: "若主体设备（生产线）未拆除，是否具备恢复生产的能力",
    主体设备未拆除的原因: "主体设备（生产线）未拆除的原因",
    是否断电断水: "是否由相关部门予以断电断水",
    辅助设施拆除情况: "辅助设施\n\n拆除情况",
    是否依法处置债务: "是否严格按照市场化、法制化方式处置债务",
    其他应说明的问题: "其他应说\n\n明的问题",
    实施及完成情况: "实施及完成情\n\n况（企业填写）",
    县级验收意见: "县（市、区）\n\n验收意见",
    市级验收意见: "市（州）\n\n验收意见",
    省级验收意见: "省（区、市）\n\n验收意见",
  },
  附表2生产线: {},
};

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The example records in the list layout, the header row's labels changed to the seed's wording. */
function seedLabelled(): ExcelJS.Workbook {
  const wb = buildListWorkbook(sampleRecords(), { titleRows: true, unit: "随州市经济和信息化局", style: "plain" });
  for (const [sheet, labels] of Object.entries(SEED)) {
    wb.getWorksheet(sheet)!.getRow(3).eachCell((cell) => {
      const seed = labels[String(cell.value)];
      if (seed) cell.value = seed;
    });
  }
  return wb;
}

describe("labels as the seed prints them", () => {
  it("the seed-labelled workbook gives the same records as the spec-labelled one, and validates clean", async () => {
    const spec = await readWorkbook(await bytes(buildListWorkbook(sampleRecords(), { titleRows: true, style: "plain" })), "spec.xlsx");
    const seed = await readWorkbook(await bytes(seedLabelled()), "seed.xlsx");
    expect(seed.records.map((r) => r.record)).toEqual(spec.records.map((r) => r.record));
    expect(validate(seed.records, seed.findings, plan).findings).toEqual([]);
  });

  it("every seed label of the header is read as a column (none is unknown)", async () => {
    const seed = await readWorkbook(await bytes(seedLabelled()), "seed.xlsx");
    expect(seed.findings.filter((f) => f.rule === "unknown-column")).toEqual([]);
    // each repeated label goes to the field of the column left of it
    const columns = seed.records[0]!.cells![0]!.columns;
    const letters = ["licenses.business.revokedOn", "licenses.production.number", "licenses.production.revokedOn", "licenses.discharge.number", "licenses.discharge.revokedOn"].map((p) => columns.get(p));
    expect(letters).toEqual(["H", "J", "K", "M", "N"]);
    const people = ["legalRepresentative", "principal", "filler"].flatMap((k) => ["name", "title", "phone"].map((f) => columns.get(`contacts.${k}.${f}`)));
    expect(people).toEqual(["P", "Q", "R", "S", "T", "U", "V", "W", "X"]);
    expect(columns.get("contacts.filler.mobile")).toBe("Y");
  });

  it("a repeated label with nothing to take its meaning from is an unknown column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("附表1");
    ws.addRow(["吊销时间", "县市区", "企业名称", "企业地址", "统一社会信用代码", "职务"]);
    ws.addRow(["2024-11-01", "随县", "甲", "随县", makeUscc("421321", 8001), "科员"]);
    const { findings, records } = await readWorkbook(await bytes(wb), "x.xlsx");
    expect(findings.map((f) => [f.rule, f.location.cell])).toEqual([
      ["unknown-column", "A1"],
      ["unknown-column", "F1"],
    ]);
    expect(records[0]!.record.licenses).toBeUndefined();
  });

  it("the seed-labelled workbook validates clean end to end", async () => {
    const dir = tempDir();
    const path = join(dir, "照附表原样的表头.xlsx");
    writeFileSync(path, await bytes(seedLabelled()));
    const r = capexit(["validate", path, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 0 });
  });
});

describe("附表2 repeating 附表1's name and address", () => {
  const U = makeUscc("421321", 8101);
  async function pair(name2: string | null, address2: string | null, name1: string | null = "随县甲水泥厂", address1: string | null = "随县厉山镇") {
    const wb = new ExcelJS.Workbook();
    const a1 = wb.addWorksheet("附表1");
    a1.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码"]);
    a1.addRow(["随县", name1, address1, U]);
    const a2 = wb.addWorksheet("附表2");
    a2.addRow(["附表2  淘汰落后产能验收意见表"]);
    a2.addRow(["统一社会信用代码", "企业名称", "企业地址", "涉及职工人数"]);
    a2.addRow([U, name2, address2, 10]);
    return readWorkbook(await bytes(wb), "x.xlsx");
  }

  it("a different name: a warning at the 附表2 cell naming both values; 附表1's stands", async () => {
    const { records, findings } = await pair("随县甲水泥有限公司", "随县厉山镇");
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        rule: "annex-mismatch",
        field: "enterprise.name",
        record: U,
        location: expect.objectContaining({ sheet: "附表2", row: 3, cell: "B3" }),
        data: expect.objectContaining({ value: "随县甲水泥有限公司", other: "随县甲水泥厂", sheet: "附表1" }),
        places: { where: expect.objectContaining({ sheet: "附表1", cell: "B2" }) },
      }),
    ]);
    expect(records[0]!.record.enterprise.name).toBe("随县甲水泥厂");
  });

  it("a different address: the same, at the address cell", async () => {
    const { findings } = await pair("随县甲水泥厂", "随县厉山镇工业园");
    expect(findings.map((f) => [f.rule, f.field, f.location.cell])).toEqual([["annex-mismatch", "enterprise.address", "C3"]]);
  });

  it.each([
    ["spacing and full-width forms", "随县 甲水泥厂", "随县厉山镇"],
    ["the same", "随县甲水泥厂", "随县厉山镇"],
    ["left blank on 附表2", null, null],
  ])("no warning when they differ only by %s", async (_, name, address) => {
    const { findings } = await pair(name, address);
    expect(findings).toEqual([]);
  });

  it("附表2 fills in what 附表1 left blank, without a warning", async () => {
    const { records, findings } = await pair("随县甲水泥厂", "随县厉山镇", "随县甲水泥厂", null);
    expect(findings).toEqual([]);
    expect(records[0]!.record.enterprise.address).toBe("随县厉山镇");
    expect(records[0]!.locations.get("enterprise.address")).toMatchObject({ sheet: "附表2", cell: "C3" });
  });

  it("the warning is worded in both languages with both values", () => {
    const dir = tempDir();
    return (async () => {
      const wb = new ExcelJS.Workbook();
      const a1 = wb.addWorksheet("附表1");
      a1.addRow(["县市区", "企业名称", "企业地址", "统一社会信用代码"]);
      a1.addRow(["随县", "随县甲水泥厂", "随县厉山镇", U]);
      const a2 = wb.addWorksheet("附表2");
      a2.addRow(["统一社会信用代码", "企业名称"]);
      a2.addRow([U, "随县甲水泥有限公司"]);
      const path = join(dir, "mismatch.xlsx");
      await wb.xlsx.writeFile(path);
      const zh = capexit(["validate", path, "--format", "json"]);
      expect(zh.code).toBe(0); // a warning only
      // the reviewer's filler-contact warning (no 填报人 in so small a sheet) is not what this is about
      const f = (JSON.parse(zh.stdout) as { findings: { rule: string; cell: string; message: string }[] }).findings.filter((x) => x.rule !== "filler-contact");
      expect(f.map((x) => [x.rule, x.cell])).toEqual([["annex-mismatch", "B2"]]);
      expect(f[0]!.message).toContain("随县甲水泥有限公司");
      expect(f[0]!.message).toContain("随县甲水泥厂");
      const en = JSON.parse(capexit(["validate", path, "--format", "json", "--lang", "en"]).stdout) as { findings: { rule: string; message: string }[] };
      expect(en.findings.find((x) => x.rule === "annex-mismatch")!.message).toMatch(/随县甲水泥有限公司.*differs.*随县甲水泥厂/);
    })();
  });
});
