// Writes examples/: the valid workbook, the same records as YAML (one file per
// unit), and the faulty workbook the README walks through; then the valid
// workbook as LibreOffice saves it in the legacy .xls and in .ods. Run after a build:
//   npm run build && node scripts/make-examples.js
// `--formats` only makes the .xls and .ods again from the .xlsx.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { buildListWorkbook } from "../dist/export/list-workbook.js";
import { exampleRecords } from "./example-data.js";

/** The .xlsx saved by LibreOffice as .xls (BIFF8, as old Excel and WPS save) and .ods, in a profile of its own. */
function otherFormats(xlsx) {
  const profile = mkdtempSync(join(tmpdir(), "capexit-lo-"));
  try {
    for (const to of ["xls", "ods"]) {
      const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", "examples", resolve(xlsx)], { stdio: "inherit" });
      if (r.error || r.status !== 0) console.error(`LibreOffice (soffice) is needed to write the .${to} example; it was left as it was`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv.includes("--formats")) {
  otherFormats("examples/随州市2024.xlsx");
  process.exit(0);
}

const records = exampleRecords();
mkdirSync("examples/yaml", { recursive: true });
mkdirSync("examples/faulty", { recursive: true });

const wb = buildListWorkbook(records, { titleRows: true, unit: "随州市经济和信息化局", style: "clerk" });
await wb.xlsx.writeFile("examples/随州市2024.xlsx");

for (const unit of ["曾都区", "随县", "广水市", "随州高新区"]) {
  const mine = records.filter((r) => r.county === unit);
  const text =
    "# yaml-language-server: $schema=../../schemas/record.schema.json\n" +
    `# ${unit} 2024年淘汰落后产能企业（示例数据，企业均为虚构）\n` +
    stringify(mine, { lineWidth: 0 });
  writeFileSync(`examples/yaml/${unit}.yaml`, text);
}

// The faulty workbook: the same file with the mistakes clerks make, typed into cells.
const bad = buildListWorkbook(records, { titleRows: true, unit: "随州市经济和信息化局", style: "clerk" });
const set = (sheet, label, row, value) => {
  const ws = bad.getWorksheet(sheet);
  const header = ws.getRow(3);
  let col = 0;
  header.eachCell((c, i) => {
    if (String(c.value).replace(/\s+/g, "") === label) col = i;
  });
  if (!col) throw new Error(`no column ${label} in ${sheet}`);
  ws.getCell(row, col).value = value;
};
const append = (sheet, values) => bad.getWorksheet(sheet).addRow(values);
const rowValues = (sheet, row) => bad.getWorksheet(sheet).getRow(row).values.slice(1);
// 附表1 rows 4..11 hold the eight enterprises in order
set("附表1", "县市区", 4, "随州市区"); // not a unit of the plan
set("附表1", "建厂时间", 5, "2003年13月"); // impossible month
set("附表1", "营业执照吊销时间", 5, null); // closed entirely, no revocation date
set("附表1", "其中合同工人数", 6, 150); // more than 120 on duty
set("附表1", "统一社会信用代码", 7, records[3].enterprise.uscc.slice(0, 17) + "X"); // wrong check character
set("附表1", "法定代表人联系电话", 8, "1390722"); // too short
set("附表1", "县市区", 9, "随县"); // a 广水市 enterprise filed under 随县 (warning)
set("附表1", "资产总额（万元）", 10, -1800); // negative
append("附表1", [...rowValues("附表1", 10)]); // the same enterprise pasted twice (row 12)
set("附表1", "资产总额（万元）", 12, 6800);
bad.getWorksheet("附表1").getCell(3, bad.getWorksheet("附表1").columnCount + 1).value = "备注"; // a column the spec does not know, after the last
// 附表2 rows: enterprises with acceptance data, in order (0,1,2,4,5,6,7)
set("附表2", "已安置职工人数", 4, 90); // more than 86 involved
set("附表2", "是否具备恢复生产的能力", 6, "是"); // passed although it can resume
set("附表2", "主体设备是否封存", 6, "否"); // standing equipment not sealed
set("附表2", "县级验收日期", 7, "2024-02-30"); // no such date
set("附表2", "组织机构代码", 8, `${records[0].enterprise.uscc.slice(8, 16)}-${records[0].enterprise.uscc[16]}`); // another enterprise's code
// 附表2生产线 rows 4..15, one per line
set("附表2生产线", "主体设备拆除时间", 5, "2024年10月1日"); // dismantled before it was shut down (10-20)
append("附表2生产线", [records[3].enterprise.uscc, "24门轮窑 1座", "2024-10-30", null, "拆除"]); // no 附表2 row for it
await bad.xlsx.writeFile("examples/faulty/有错误的表格.xlsx");
otherFormats("examples/随州市2024.xlsx");
console.log(`examples written: ${records.length} enterprises`);
