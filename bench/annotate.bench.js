// Issue 11: `validate --annotate` on the 10,000-enterprise workbook against
// `validate` alone on it, measured in the same run (target ≤ 2×). The clean
// workbook gets only the 校验结果 sheet; the faulty one, with a mistake typed
// into one enterprise in ten on two sheets, also has about 2,000 cells to fill
// and note, which is the real work of marking.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildListWorkbook } from "../dist/export/list-workbook.js";
import { makeWorkbook, manyRecords } from "./lib/make-workbook.js";
import { measureNode, mib, secs } from "./lib/measure.js";

const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));
const CLEAN = fileURLToPath(new URL("./.work/enterprises-10000.xlsx", import.meta.url));
const FAULTY = fileURLToPath(new URL("./.work/enterprises-10000-faulty.xlsx", import.meta.url));

/** The same enterprises with a county outside the plan (附表1) and an impossible date (附表2) in one row in ten. */
async function makeFaulty(path) {
  if (existsSync(path)) return path; // delete bench/.work/ after changing the generator
  const wb = buildListWorkbook(manyRecords(10_000), { titleRows: true, unit: "随州市经济和信息化局", style: "clerk" });
  const a1 = wb.getWorksheet("附表1");
  for (let r = 4; r <= a1.rowCount; r += 10) a1.getCell(r, 1).value = "随州市区";
  const a2 = wb.getWorksheet("附表2");
  const header = a2.getRow(3);
  let dateCol = 0;
  header.eachCell((c, i) => {
    if (!dateCol && String(c.value).replace(/\s+/g, "").includes("验收日期")) dateCol = i;
  });
  for (let r = 9; r <= a2.rowCount; r += 10) a2.getCell(r, dateCol).value = "2024-02-30";
  await wb.xlsx.writeFile(path);
  return path;
}

export async function run() {
  await makeWorkbook(CLEAN, 10_000);
  await makeFaulty(FAULTY);
  const out = mkdtempSync(join(tmpdir(), "bench-annotate-"));
  try {
    const rows = [];
    for (const [label, book] of [
      ["clean", CLEAN],
      ["faulty", FAULTY],
    ]) {
      const validate = measureNode([BIN, "validate", book, "--format", "json"]);
      const annotate = measureNode([BIN, "validate", book, "--format", "json", "--annotate", join(out, `${label}.xlsx`), "--force"]);
      rows.push(
        [`validate, ${label}`, secs(validate.seconds), `cpu ${secs(validate.cpu)}, peak ${mib(validate.rss)}`],
        [`validate --annotate, ${label}`, secs(annotate.seconds), `cpu ${secs(annotate.cpu)}, peak ${mib(annotate.rss)}`],
        [`annotate / validate, ${label} (wall)`, `${(annotate.seconds / validate.seconds).toFixed(2)}×`, "target ≤ 2×"],
        [`annotate / validate, ${label} (cpu)`, `${(annotate.cpu / validate.cpu).toFixed(2)}×`, "the same, steadier on a busy machine"],
      );
    }
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
