// Issue 2: validate of a 10,000-enterprise workbook against exceljs merely
// loading it (target ≤ 1.5×, peak memory ≤ 1 GiB); `capexit --help` start-up
// against a bare `node -e 0` (target ≤ 4×).
import { fileURLToPath } from "node:url";
import { makeWorkbook } from "./lib/make-workbook.js";
import { measureNode, mib, secs } from "./lib/measure.js";

const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));
const LOAD = fileURLToPath(new URL("./lib/load-only.js", import.meta.url));
export const WORKBOOK = fileURLToPath(new URL("./.work/enterprises-10000.xlsx", import.meta.url));

export async function run() {
  await makeWorkbook(WORKBOOK, 10_000);
  const load = measureNode([LOAD, WORKBOOK]);
  const validate = measureNode([BIN, "validate", WORKBOOK, "--format", "json"]);
  const bare = measureNode(["-e", "0"], { runs: 9 });
  const help = measureNode([BIN, "--help"], { runs: 9 });
  return [
    ["validate 10,000 enterprises", secs(validate.seconds), `cpu ${secs(validate.cpu)}, peak ${mib(validate.rss)}`],
    ["exceljs load only", secs(load.seconds), `cpu ${secs(load.cpu)}, peak ${mib(load.rss)}`],
    ["validate / load (wall)", `${(validate.seconds / load.seconds).toFixed(2)}×`, "target ≤ 1.5×; peak ≤ 1024 MiB"],
    ["validate / load (cpu)", `${(validate.cpu / load.cpu).toFixed(2)}×`, "the same, steadier on a busy machine"],
    ["capexit --help / node -e 0", `${(help.seconds / bare.seconds).toFixed(2)}×`, `${secs(help.seconds)} vs ${secs(bare.seconds)}; target ≤ 4×`],
  ];
}
