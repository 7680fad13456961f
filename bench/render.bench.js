// Issue 4: `capexit render annex2` of 500 enterprises to separate files, in ms
// per form (target ≤ 20 ms), and — where LibreOffice is installed — the same
// kind of one-page form converted from xlsx by `soffice --convert-to pdf`,
// as a speed ratio (target ≥ 10× faster). Also the same forms as Word documents.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "yaml";
import { manyRecords } from "./lib/make-workbook.js";
import { measureNode } from "./lib/measure.js";

const FORMS = 500;
const LO_FORMS = 20;
const WORK = fileURLToPath(new URL("./.work/render/", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));

function which(cmd) {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A one-page 附表2 as a clerk would lay it out in Excel: merged cells, ruled, filled in. */
async function annex2Workbook(file, r) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附表2", { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 1 } });
  ws.columns = Array.from({ length: 6 }, () => ({ width: 16 }));
  const a = r.acceptance ?? {};
  const rows = [
    [["附表2", 6]],
    [["淘汰落后产能验收意见表", 6]],
    [["企业基本情况", 6]],
    [["企业名称", 1], [r.enterprise.name, 2], ["企业地址", 1], [r.enterprise.address, 2]],
    [["统一社会信用代码", 1], [r.enterprise.uscc, 2], ["税务登记号", 1], [r.enterprise.taxNo ?? "", 2]],
    [["组织机构代码", 1], [r.enterprise.orgCode ?? "", 2], ["联系电话", 1], [r.enterprise.phone ?? "", 2]],
    [["淘汰落后和过剩产能基本情况", 6]],
    [["涉及职工人数", 1], [`${a.staff?.involved ?? ""} 人`, 2], ["已安置职工人数", 1], [`${a.staff?.resettled ?? ""} 人`, 2]],
    [["固定资产净值", 1], [`${a.fixedAssetsNet ?? ""} 万元`, 2], ["实际淘汰产能数量", 1], [`${a.capacity?.amount ?? ""}${a.capacity?.unit ?? ""}`, 2]],
    [["淘汰生产线（设备）型号及数量", 2], ["关停时间", 1], ["主体设备拆除时间", 1], ["设备去向", 2]],
    ...(a.lines ?? []).map((l) => [[l.model ?? "", 2], [l.shutdownOn ?? "", 1], [l.removedOn ?? "", 1], [l.destination ?? "", 2]]),
    [["若主体设备（生产线）未拆除，是否具备恢复生产的能力   是□  否□", 6]],
    [["实施及完成情况（企业填写）", 1], [`${a.enterprise?.statement ?? ""}\n企业负责人（签字）    （企业盖章）    ${a.enterprise?.signedOn ?? "年  月  日"}`, 5]],
    [["县（市、区）验收意见", 1], [`${a.county?.opinion ?? ""}\n（签字）    （盖章）    ${a.county?.signedOn ?? "年  月  日"}`, 5]],
    [["市（州）验收意见", 1], [`${a.city?.opinion ?? ""}\n（签字）    （盖章）    年  月  日`, 5]],
    [["省（区、市）验收意见", 1], ["\n（签字）    （盖章）    年  月  日", 5]],
    [["备注：验收意见须明确主体设备（生产线）的拆除状态，是否具备恢复生产条件，是否通过验收，并签字盖章。", 6]],
  ];
  rows.forEach((cells, i) => {
    const row = ws.getRow(i + 1);
    row.height = i >= rows.length - 5 && i < rows.length - 1 ? 60 : 22;
    let col = 1;
    for (const [text, span] of cells) {
      const cell = row.getCell(col);
      cell.value = String(text);
      cell.alignment = { wrapText: true, vertical: "middle", horizontal: span === 1 ? "center" : "left" };
      cell.font = { name: "宋体", size: i === 1 ? 18 : 10.5, bold: i === 1 };
      if (i > 1 && i < rows.length - 1) cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
      if (span > 1) ws.mergeCells(i + 1, col, i + 1, col + span - 1);
      col += span;
    }
  });
  await wb.xlsx.writeFile(file);
}

export async function run() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const records = manyRecords(FORMS);
  const input = join(WORK, `enterprises-${FORMS}.yaml`);
  writeFileSync(input, records.map((r) => stringify(r)).join("---\n"));
  const rows = [];
  let msPerForm = 0;
  for (const form of ["annex2", "annex1"]) {
    const out = join(WORK, `out-${form}`);
    const ours = measureNode([BIN, "render", form, input, "-o", out, "--force"], { runs: 3 });
    const files = readdirSync(out).filter((f) => f.endsWith(".pdf"));
    const sizes = files.map((f) => statSync(join(out, f)).size);
    const ms = (ours.seconds * 1000) / FORMS;
    if (form === "annex2") msPerForm = ms;
    rows.push(
      [`render ${form}, ${FORMS} files`, `${ms.toFixed(1)} ms/form`, `wall ${ours.seconds.toFixed(2)} s, cpu ${(ours.cpu * 1000 / FORMS).toFixed(1)} ms/form; target ≤ 20 ms/form`],
      [`${form} PDF size per form`, `${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024).toFixed(0)} KB`, `largest ${(Math.max(...sizes) / 1024).toFixed(0)} KB; limit 200 KB; ${files.length} files`],
    );
  }
  // Word forms (issue 12): the same records as .docx, one file each
  for (const form of ["annex2", "annex1"]) {
    const out = join(WORK, `out-${form}-docx`);
    const ours = measureNode([BIN, "render", form, input, "-o", out, "--format", "docx", "--force"], { runs: 3 });
    const sizes = readdirSync(out).filter((f) => f.endsWith(".docx")).map((f) => statSync(join(out, f)).size);
    rows.push([
      `render ${form} --format docx, ${FORMS}`,
      `${((ours.seconds * 1000) / FORMS).toFixed(1)} ms/form`,
      `wall ${ours.seconds.toFixed(2)} s, cpu ${(ours.cpu * 1000 / FORMS).toFixed(1)} ms/form; ${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024).toFixed(0)} KB a file`,
    ]);
  }

  const soffice = which("soffice") ?? which("libreoffice");
  if (!soffice) {
    rows.push(["LibreOffice xlsx -> pdf", "not installed", "soffice is not on PATH: no ratio measured"]);
    return rows;
  }
  const xdir = join(WORK, "xlsx");
  mkdirSync(xdir, { recursive: true });
  const xlsx = [];
  for (let i = 0; i < LO_FORMS; i++) {
    const f = join(xdir, `form-${i + 1}.xlsx`);
    await annex2Workbook(f, records[i]);
    xlsx.push(f);
  }
  const profile = join(WORK, "lo-profile");
  const lo = (files) =>
    spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(WORK, "lo-out"), ...files], { stdio: "ignore" });
  lo([xlsx[0]]); // first start creates the profile: not counted
  const t0 = process.hrtime.bigint();
  const r = lo(xlsx);
  const loSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const converted = existsSync(join(WORK, "lo-out")) ? readdirSync(join(WORK, "lo-out")).length : 0;
  if (r.status !== 0 || converted < LO_FORMS) {
    rows.push(["LibreOffice xlsx -> pdf", "failed", `soffice exited ${r.status}, ${converted} of ${LO_FORMS} converted`]);
    return rows;
  }
  const loMs = (loSeconds * 1000) / LO_FORMS;
  rows.push([`LibreOffice, ${LO_FORMS} one-page xlsx`, `${loMs.toFixed(1)} ms/form`, `wall ${loSeconds.toFixed(2)} s in one soffice run`]);
  rows.push(["render vs LibreOffice", `${(loMs / msPerForm).toFixed(1)}× faster`, "target ≥ 10×"]);
  return rows;
}
