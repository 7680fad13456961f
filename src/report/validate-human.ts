// The clerk's report: grouped by file and sheet, each finding at its cell, a tally at the end.
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Validation } from "../rules/run.js";
import { describe } from "./describe.js";
import { fileAndSheet, labelled, placeIn } from "./location.js";
import type { Paint } from "./paint.js";

export function formatValidationHuman(v: Validation, lang: Lang, paint: Paint): string {
  const out: string[] = [];
  let group = "";
  for (const f of v.findings) {
    // a Word document's findings stand under the file, each naming its table: 表2 第7行第2列
    const g = fileAndSheet(f.location);
    if (g !== group) {
      if (group) out.push("");
      out.push(paint.bold(g));
      group = g;
    }
    const sev = f.severity === "error" ? paint.red(t(lang, "report.error")) : paint.yellow(t(lang, "report.warning"));
    const label = f.field ? fieldLabel(f.field, lang) : "";
    const value = f.value !== undefined ? paint.dim(` [${labelled(t(lang, "report.value"), String(f.value), lang)}]`) : "";
    out.push(`  ${placeIn(f.location, lang).padEnd(6)} ${sev} ${labelled(label, describe(f, lang), lang)}${value} ${paint.dim(f.rule)}`);
  }
  if (out.length) out.push("");
  const tally = t(lang, "report.tally", { records: v.records, errors: v.errors, warnings: v.warnings });
  out.push(v.errors ? paint.red(tally) : v.warnings ? paint.yellow(tally) : paint.green(t(lang, "report.tally-clean", { tally, clean: t(lang, "report.clean") })));
  return out.join("\n") + "\n";
}
