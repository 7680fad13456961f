// Spec §4: `validate --format json`, exactly.
import type { Lang } from "../i18n/index.js";
import type { Finding } from "../model/finding.js";
import type { Validation } from "../rules/run.js";
import { describe } from "./describe.js";

/** One finding as spec §4 writes it. */
export function findingJson(f: Finding, lang: Lang) {
  return {
    severity: f.severity,
    rule: f.rule,
    field: f.field,
    record: f.record,
    file: f.location.file,
    sheet: f.location.sheet,
    row: f.location.row,
    cell: f.location.cell,
    line: f.location.line,
    message: describe(f, lang),
  };
}

export function formatValidationJson(v: Validation, lang: Lang): string {
  return (
    JSON.stringify(
      {
        ok: v.errors === 0,
        records: v.records,
        errors: v.errors,
        warnings: v.warnings,
        findings: v.findings.map((f) => findingJson(f, lang)),
      },
      null,
      2,
    ) + "\n"
  );
}
