// Issue 2: validate of a 10,000-enterprise workbook against exceljs merely
// loading it (target ≤ 1.5×, peak memory ≤ 1 GiB); `capexit --help` start-up
// against a bare `node -e 0` (target ≤ 4×). Issue 10: validate of the bundled
// example workbook as a whole process against `node -e 0` (median ≤ 5×), in
// each format the reader takes.
import { fileURLToPath } from "node:url";
import { makeWorkbook } from "./lib/make-workbook.js";
import { measureNode, mib, secs } from "./lib/measure.js";

const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));
const LOAD = fileURLToPath(new URL("./lib/load-only.js", import.meta.url));
const EXAMPLE = (ext) => fileURLToPath(new URL(`../examples/随州市2024.${ext}`, import.meta.url));
export const WORKBOOK = fileURLToPath(new URL("./.work/enterprises-10000.xlsx", import.meta.url));

export async function run() {
  await makeWorkbook(WORKBOOK, 10_000);
  const load = measureNode([LOAD, WORKBOOK]);
  const validate = measureNode([BIN, "validate", WORKBOOK, "--format", "json"]);
  // the small runs interleaved, so a busy spell of the machine falls on all of them alike
  const small = { bare: [], help: [], xlsx: [], xls: [], ods: [] };
  for (let i = 0; i < 5; i++) {
    small.bare.push(measureNode(["-e", "0"], { runs: 3 }).seconds);
    small.help.push(measureNode([BIN, "--help"], { runs: 3 }).seconds);
    for (const ext of ["xlsx", "xls", "ods"]) small[ext].push(measureNode([BIN, "validate", EXAMPLE(ext), "--format", "json"], { runs: 3 }).seconds);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = median(small.bare);
  const ratio = (ext) => [`validate example .${ext} / node -e 0`, `${(median(small[ext]) / bare).toFixed(2)}×`, `${secs(median(small[ext]))} vs ${secs(bare)}; target ≤ 5×`];
  return [
    ["validate 10,000 enterprises", secs(validate.seconds), `cpu ${secs(validate.cpu)}, peak ${mib(validate.rss)}`],
    ["exceljs load only", secs(load.seconds), `cpu ${secs(load.cpu)}, peak ${mib(load.rss)}`],
    ["validate / load (wall)", `${(validate.seconds / load.seconds).toFixed(2)}×`, "target ≤ 1.5×; peak ≤ 1024 MiB"],
    ["validate / load (cpu)", `${(validate.cpu / load.cpu).toFixed(2)}×`, "the same, steadier on a busy machine"],
    ["capexit --help / node -e 0", `${(median(small.help) / bare).toFixed(2)}×`, `${secs(median(small.help))} vs ${secs(bare)}; target ≤ 4×`],
    ratio("xlsx"),
    ratio("xls"),
    ratio("ods"),
  ];
}
