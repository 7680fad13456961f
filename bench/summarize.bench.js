// Issue 5: summarize of the 10,000-enterprise workbook against validate of the
// same workbook, both measured here in the same run (target ≤ 1.3×). The
// headline is the bureau's own use, `-o 汇总.xlsx`; JSON and PDF are shown beside it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeWorkbook } from "./lib/make-workbook.js";
import { measureNode, mib, secs } from "./lib/measure.js";

const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));
const WORKBOOK = fileURLToPath(new URL("./.work/enterprises-10000.xlsx", import.meta.url));
const AS_OF = "2024-12-31";

export async function run() {
  await makeWorkbook(WORKBOOK, 10_000);
  const out = mkdtempSync(join(tmpdir(), "bench-summarize-"));
  try {
    const validate = measureNode([BIN, "validate", WORKBOOK, "--format", "json"]);
    const xlsx = measureNode([BIN, "summarize", WORKBOOK, "--as-of", AS_OF, "-o", join(out, "汇总.xlsx"), "--force"]);
    const json = measureNode([BIN, "summarize", WORKBOOK, "--as-of", AS_OF, "--format", "json"]);
    const pdf = measureNode([BIN, "summarize", WORKBOOK, "--as-of", AS_OF, "-o", join(out, "汇总.pdf"), "--force"], { runs: 1 });
    const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
    return [
      ["validate 10,000 enterprises", secs(validate.seconds), `cpu ${secs(validate.cpu)}, peak ${mib(validate.rss)}`],
      ["summarize -o .xlsx", secs(xlsx.seconds), `cpu ${secs(xlsx.cpu)}, peak ${mib(xlsx.rss)}`],
      ["summarize --format json", secs(json.seconds), `cpu ${secs(json.cpu)}, peak ${mib(json.rss)}`],
      ["summarize -o .pdf (one run)", secs(pdf.seconds), `cpu ${secs(pdf.cpu)}, peak ${mib(pdf.rss)}`],
      ["summarize xlsx / validate (wall)", ratio(xlsx.seconds, validate.seconds), "target ≤ 1.3×"],
      ["summarize xlsx / validate (cpu)", ratio(xlsx.cpu, validate.cpu), "the same, steadier on a busy machine"],
      ["summarize json / validate (cpu)", ratio(json.cpu, validate.cpu), ""],
      ["summarize pdf / validate (cpu)", ratio(pdf.cpu, validate.cpu), "its 10,000-row 明细 runs to some 300 pages"],
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
