// Pure: records and the findings of reading them -> the full, sorted list of findings.
import type { Finding } from "../model/finding.js";
import { locate, recordName, type LoadedRecord } from "../model/source.js";
import type { Plan } from "../plan/schema.js";
import { columnLetter } from "../util/columns.js";
import { rules as allRules } from "./index.js";
import type { Report, Rule } from "./types.js";

export interface Validation {
  records: number;
  findings: Finding[];
  errors: number;
  warnings: number;
}

export function runRules(records: readonly LoadedRecord[], plan: Plan, rules: readonly Rule[] = allRules): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const ctx = {
      plan,
      report: (r: Report) => {
        out.push({
          severity: r.severity ?? rule.severity,
          rule: rule.id,
          messageId: r.messageId,
          data: r.data,
          ...(r.places ? { places: r.places } : {}),
          field: r.field,
          record: recordName(r.record),
          location: locate(r.record, r.field),
          value: r.record.typed.get(r.field),
        });
      },
    };
    if (rule.scope === "set") rule.check(records, ctx);
    else for (const rec of records) rule.check(rec, ctx);
  }
  return out;
}

/** Findings in reading order: file, sheet, row, column, then YAML line. */
export function sortFindings(findings: Finding[]): Finding[] {
  // a Word table's cell R7C2 sorts by its column as B7 would
  const colOf = (cell: string | null) => (cell ? /^[A-Z]+/.exec(cell.replace(/^R\d+C(\d+)$/, (_, c: string) => columnLetter(Number(c))))?.[0] ?? "" : "");
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const x = a.f.location;
      const y = b.f.location;
      return (
        x.file.localeCompare(y.file) ||
        (x.sheet ?? "").localeCompare(y.sheet ?? "", undefined, { numeric: true }) ||
        (x.row ?? 0) - (y.row ?? 0) ||
        colOf(x.cell).length - colOf(y.cell).length ||
        colOf(x.cell).localeCompare(colOf(y.cell)) ||
        (x.line ?? 0) - (y.line ?? 0) ||
        a.i - b.i
      );
    })
    .map(({ f }) => f);
}

export function validate(records: readonly LoadedRecord[], readFindings: readonly Finding[], plan: Plan): Validation {
  const findings = sortFindings([...readFindings, ...runRules(records, plan)]);
  let errors = 0;
  for (const f of findings) if (f.severity === "error") errors++;
  return { records: records.length, findings, errors, warnings: findings.length - errors };
}
