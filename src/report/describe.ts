// Words a finding in the chosen language: the rule's own messages first, then the catalogue.
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import type { Location } from "../model/source.js";
import { ruleById } from "../rules/index.js";

export function describe(f: Finding, lang: Lang): string {
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.data ?? {})) {
    // a value written `@path` names another field: give its label
    data[k] = typeof v === "string" && v.startsWith("@") ? fieldLabel(v.slice(1), lang) : v;
  }
  if (f.field && !("label" in data)) data.label = fieldLabel(f.field, lang);
  const rule = ruleById.get(f.rule);
  if (rule) return t(lang, f.messageId ?? "default", data, rule.messages);
  return t(lang, f.messageId ? `${f.rule}.${f.messageId}` : f.rule, data);
}

const WORD_CELL = /^R(\d+)C(\d+)$/;

/** A location in a table of a Word document (表N, R{row}C{column}), rather than a sheet. */
export function inWordTable(loc: Location): boolean {
  return (loc.cell !== null && WORD_CELL.test(loc.cell)) || (/^表\d+$/.test(loc.sheet ?? "") && /\.(docx|docm|dotx|dotm)$/i.test(loc.file));
}

/** `表2 第7行第2列` (row 7, column 2 of the document's second table), or `表2（整张表格）`. */
export function wordPlace(loc: Location, lang: Lang): string {
  const m = loc.cell ? WORD_CELL.exec(loc.cell) : null;
  const sep = lang === "en" ? ", " : " ";
  if (m) return `${loc.sheet ?? ""}${sep}${t(lang, "report.table-cell", { row: Number(m[1]), col: Number(m[2]) })}`;
  if (loc.row !== null) return `${loc.sheet ?? ""}${sep}${t(lang, "report.row", { row: loc.row })}`;
  return `${loc.sheet ?? ""}${t(lang, "report.table-level")}`;
}
