// The one presenter of where a finding is: a cell, a row, a line, a Word
// table's cell (表2 第7行第2列), worded by the catalogue in either language.
import { t, type Lang } from "../i18n/index.js";
import type { Location } from "../model/source.js";

const WORD_CELL = /^R(\d+)C(\d+)$/;

/** A location in a table of a Word document (表N, R{row}C{column}), rather than a sheet. */
export function inWordTable(loc: Location): boolean {
  return (loc.cell !== null && WORD_CELL.test(loc.cell)) || (/^表\d+$/.test(loc.sheet ?? "") && /\.(docx|docm|dotx|dotm)$/i.test(loc.file));
}

/** `表2 第7行第2列` (row 7, column 2 of the document's second table), or `表2（整张表格）`. */
export function wordPlace(loc: Location, lang: Lang): string {
  const m = loc.cell ? WORD_CELL.exec(loc.cell) : null;
  const table = loc.sheet ?? "";
  if (m) return t(lang, "report.table-place", { table, place: t(lang, "report.table-cell", { row: Number(m[1]), col: Number(m[2]) }) });
  if (loc.row !== null) return t(lang, "report.table-place", { table, place: t(lang, "report.row", { row: loc.row }) });
  return `${table}${t(lang, "report.table-level")}`;
}

/** Where in its file: B7, 第5行, 第12行 (YAML), 表2 第7行第2列, or the whole sheet or file. */
export function placeIn(loc: Location, lang: Lang, wholeSheetOrFile = true): string {
  if (inWordTable(loc)) return wordPlace(loc, lang);
  if (loc.cell) return loc.cell;
  if (loc.row !== null) return t(lang, "report.row", { row: loc.row });
  if (loc.line !== null) return t(lang, "report.line", { line: loc.line });
  if (!wholeSheetOrFile) return "";
  return t(lang, loc.sheet !== null ? "report.sheet-level" : "report.file-level");
}

/** The file and sheet a finding is grouped under: `随县.xlsx › 附表1`; a Word document by its name alone. */
export function fileAndSheet(loc: Location): string {
  return loc.sheet && !inWordTable(loc) ? `${loc.file} › ${loc.sheet}` : loc.file;
}

/** The whole path on one line: `随县.xlsx › 附表1 › B7`. */
export function locationLine(loc: Location, lang: Lang): string {
  return [fileAndSheet(loc), placeIn(loc, lang, false)].filter(Boolean).join(" › ");
}

/** Inside a sentence: `曾都区.xlsx 附表1 第5行`, `b.yaml 第12行`, or the file. */
export function locationInText(loc: Location, lang: Lang): string {
  const place = loc.row !== null ? t(lang, "report.row", { row: loc.row }) : loc.line !== null ? t(lang, "report.line", { line: loc.line }) : "";
  return [loc.file, loc.row !== null ? loc.sheet : null, place].filter(Boolean).join(" ");
}

/**
 * Another place named inside a finding's sentence, as exactly as it is known:
 * `附表1 G10`, `表7 第3行第2列`, `b.yaml 第12行`; its file too when it is not
 * the file of the finding itself (`from`).
 */
export function placeInSentence(loc: Location, lang: Lang, from?: Location): string {
  const file = from && from.file === loc.file ? null : loc.file;
  const sheet = inWordTable(loc) ? null : loc.sheet;
  return [file, sheet, placeIn(loc, lang, false)].filter(Boolean).join(" ") || loc.file;
}

/** `label：message` (`label: message` in English): the one separator. */
export function labelled(label: string, message: string, lang: Lang): string {
  return label ? `${label}${t(lang, "sep")}${message}` : message;
}
