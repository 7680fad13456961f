// `npm run bench`: runs every bench/*.bench.js and prints its figures.
import { readdirSync } from "node:fs";

const only = process.argv[2];
const files = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".bench.js") && (!only || f.includes(only)))
  .sort();
for (const f of files) {
  const mod = await import(new URL(`./${f}`, import.meta.url).href);
  const t0 = Date.now();
  const rows = await mod.run();
  console.log(`\n# ${f.replace(/\.bench\.js$/, "")}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  for (const [what, figure, note = ""] of rows) console.log(`  ${what.padEnd(34)} ${String(figure).padStart(12)}  ${note}`);
}
