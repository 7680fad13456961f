// A county-sized workbook of N fictitious enterprises, as clerks lay it out,
// built once and cached under bench/.work/.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { buildListWorkbook } from "../../dist/export/list-workbook.js";
import { exampleRecords } from "../../scripts/example-data.js";
import { makeUscc } from "../../scripts/uscc.js";

const DIVISION = { 曾都区: "421303", 随县: "421321", 广水市: "421381", 随州高新区: "421300" };

export function manyRecords(n) {
  const base = exampleRecords();
  const out = [];
  let seq = 100000;
  for (let i = 0; i < n; i++) {
    const r = structuredClone(base[i % base.length]);
    // makeUscc folds I, O, Z, S, V to X: skip numbers that would collide
    while (/[iozsv]/.test((++seq).toString(36)));
    const uscc = makeUscc(DIVISION[r.county], seq);
    r.enterprise.uscc = uscc;
    r.enterprise.name = `${r.enterprise.name.replace(/有限公司$|厂$/, "")}第${i + 1}号${/厂$/.test(r.enterprise.name) ? "厂" : "有限公司"}`;
    if (r.enterprise.taxNo) r.enterprise.taxNo = uscc;
    if (r.enterprise.orgCode) r.enterprise.orgCode = uscc.slice(8, 17);
    out.push(r);
  }
  return out;
}

export async function makeWorkbook(path, n) {
  if (existsSync(path)) return path; // delete bench/.work/ after changing the generator
  mkdirSync(dirname(path), { recursive: true });
  const wb = buildListWorkbook(manyRecords(n), { titleRows: true, unit: "随州市经济和信息化局", style: "clerk" });
  await wb.xlsx.writeFile(path);
  return path;
}
