// Issue 12: `capexit collect` of 200 filled Word forms (one a document, the
// seed's layout, Annex 1 and Annex 2 of 100 enterprises), in ms per form after
// start-up (target ≤ 15 ms). Start-up is measured apart, as collect of one
// form; the figure is (t200 − t1) / 199, wall and CPU, from one run.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { annex1Values, annex2Values, formsDocument } from "../test/support/seed-forms.js";
import { manyRecords } from "./lib/make-workbook.js";
import { measureNode } from "./lib/measure.js";

const FORMS = 200;
const WORK = fileURLToPath(new URL("./.work/collect/", import.meta.url));
const ALL = join(WORK, "forms-200");
const ONE = join(WORK, "forms-1");
const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));

/** 200 documents: each enterprise's Annex 1, then its Annex 2, typed as clerks type them. */
async function makeForms() {
  if (existsSync(ALL) && readdirSync(ALL).length === FORMS) return;
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(ALL, { recursive: true });
  mkdirSync(ONE, { recursive: true });
  const records = manyRecords(FORMS).filter((r) => r.acceptance).slice(0, FORMS / 2);
  let n = 0;
  for (const [i, r] of records.entries()) {
    const unit = `${r.county}科经局`;
    const a1 = await formsDocument([{ annex: 1, values: annex1Values(r, i), unit, date: r.reportedOn }]);
    const a2 = await formsDocument([{ annex: 2, values: annex2Values(r, i) }]);
    writeFileSync(join(ALL, `${String(++n).padStart(3, "0")}-附表1.docx`), a1);
    writeFileSync(join(ALL, `${String(++n).padStart(3, "0")}-附表2.docx`), a2);
    if (i === 0) writeFileSync(join(ONE, "001-附表1.docx"), a1);
  }
}

export async function run() {
  await makeForms();
  const out = join(WORK, "out");
  mkdirSync(out, { recursive: true });
  // interleaved, so a busy spell of the machine falls on both alike
  const one = [];
  const all = [];
  for (let i = 0; i < 3; i++) {
    one.push(measureNode([BIN, "collect", ONE, "-o", join(out, "one.json"), "--force", "--format", "json"], { runs: 3 }));
    all.push(measureNode([BIN, "collect", ALL, "-o", join(out, "all.json"), "--force", "--format", "json"], { runs: 1 }));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const t1 = median(one.map((m) => m.seconds));
  const t200 = median(all.map((m) => m.seconds));
  const c1 = median(one.map((m) => m.cpu));
  const c200 = median(all.map((m) => m.cpu));
  const per = (a, b) => `${(((b - a) / (FORMS - 1)) * 1000).toFixed(1)} ms`;
  return [
    ["collect 1 Word form (start-up)", `${t1.toFixed(3)} s`, `cpu ${c1.toFixed(3)} s`],
    [`collect ${FORMS} Word forms`, `${t200.toFixed(3)} s`, `cpu ${c200.toFixed(3)} s, peak ${Math.round(Math.max(...all.map((m) => m.rss)) / 1048576)} MiB`],
    ["per form after start-up", per(t1, t200), `cpu ${per(c1, c200)}; target ≤ 15 ms`],
  ];
}
