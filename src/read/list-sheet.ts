// One sheet of the list layout (record contract §2): the header row found by its labels
// below any title rows, columns matched by label, each data row's values with
// the cell they came from. Works on a SheetGrid, whatever format it came from.
import type { Finding } from "../model/finding.js";
import { JOIN_PATH, SHEETS, type ColumnSpec, type SheetSpec } from "../model/sheets.js";
import type { CellRow, Location, RawValue } from "../model/source.js";
import { cellAddress, columnLetter } from "../util/columns.js";
import { isBlank } from "../values/index.js";
import { normaliseCode, normaliseLabel, normaliseText } from "../values/text.js";
import { recordKey, type RawField } from "./assemble.js";
import type { CellValue, SheetGrid } from "./grid.js";

/** How far down a header row may stand (title rows, 填报单位（盖章）lines above it). */
export const HEADER_SCAN_ROWS = 30;

/** Rows at the foot of a table that are not data: 合计 lines and notes. */
const FOOTER = /^(合计|小计|总计|注[:：]|注$|备注|填表说明|说明[:：])/;

interface LabelIndex {
  /** a label that names one column wherever it stands */
  plain: Map<string, ColumnSpec>;
  /** a label the seed's forms repeat: the column it names depends on the column left of it */
  repeated: Map<string, { spec: ColumnSpec; after: ReadonlySet<string> }[]>;
}

const labelIndex = new Map<SheetSpec, LabelIndex>(SHEETS.map((s) => [s, indexLabels(s)]));

/** A sheet's labels, normalised; a label's unit in brackets may also be left out (资产总额 = 资产总额（万元）). */
function indexLabels(sheet: SheetSpec): LabelIndex {
  const plain = new Map<string, ColumnSpec>();
  const repeated = new Map<string, { spec: ColumnSpec; after: ReadonlySet<string> }[]>();
  for (const c of sheet.columns) for (const l of [c.label, ...(c.aliases ?? [])]) plain.set(normaliseLabel(l), c);
  for (const c of sheet.columns) {
    const bare = normaliseLabel(c.label).replace(/\([^()]*\)$/, "");
    if (bare && !plain.has(bare)) plain.set(bare, c);
  }
  for (const c of sheet.columns) {
    for (const r of c.repeated ?? []) {
      const key = normaliseLabel(r.label);
      repeated.set(key, [...(repeated.get(key) ?? []), { spec: c, after: new Set(r.after) }]);
    }
  }
  return { plain, repeated };
}

export const sheetSpecByName = new Map(SHEETS.map((s) => [normaliseLabel(s.name), s]));

/** The annex a sheet or file name names (`附表1`, ` 附表2生产线 `), if any. */
export function annexOf(name: string): SheetSpec | undefined {
  return sheetSpecByName.get(normaliseLabel(name));
}

/** A cell as header text; a date is no label (and an invalid one, which a damaged file may hold, has no text). */
function cellText(v: CellValue | undefined): string {
  if (v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
  return String(v);
}

interface HeaderCell {
  col: number;
  text: string;
  spec: ColumnSpec | undefined;
}

/** Matches a header row's labels left to right: a repeated label takes its field from the column before it. */
function matchHeader(cells: readonly [number, CellValue][], index: LabelIndex): HeaderCell[] {
  const out: HeaderCell[] = [];
  let previous: ColumnSpec | undefined;
  for (const [col, content] of cells) {
    const text = normaliseText(cellText(content));
    if (!text) continue;
    const label = normaliseLabel(text);
    const spec = index.repeated.get(label)?.find((r) => previous && r.after.has(previous.path))?.spec ?? index.plain.get(label);
    out.push({ col, text, spec });
    previous = spec;
  }
  return out;
}

export interface SheetRow {
  row: number;
  /** the row's non-blank values (blank cells are found through `cells`) */
  fields: RawField[];
  cells: CellRow;
  /** the normalised join key */
  key: string | null;
  keyLoc: Location;
}

export interface SheetRead {
  spec: SheetSpec;
  name: string;
  file: string;
  rows: SheetRow[];
}

/** Reads one annex sheet; null (with a finding) when its header cannot be found. */
export function readListSheet(grid: SheetGrid, spec: SheetSpec, file: string, findings: Finding[]): SheetRead | null {
  const name = grid.name;
  const index = labelIndex.get(spec)!;
  const sheetLoc = (row: number | null, cell: string | null): Location => ({ file, sheet: name, row, cell, line: null });
  const rowNumbers = grid.dataRows();

  // the header row: the first of the top rows that matches the most labels
  let header: HeaderCell[] = [];
  let headerRow = 0;
  for (const r of rowNumbers) {
    if (r > HEADER_SCAN_ROWS) break;
    const cells = matchHeader(grid.shownRow(r), index);
    const hits = cells.filter((c) => c.spec).length;
    if (hits > header.filter((c) => c.spec).length) {
      header = cells;
      headerRow = r;
    }
  }
  if (header.filter((c) => c.spec).length < Math.min(2, spec.columns.length)) {
    findings.push({ severity: "error", rule: "header-not-found", field: null, record: null, location: sheetLoc(null, null), data: { rows: HEADER_SCAN_ROWS } });
    return null;
  }

  const columns: { col: number; letter: string; spec: ColumnSpec }[] = [];
  const seen = new Set<ColumnSpec>();
  for (const { col, text, spec: column } of header) {
    const at = sheetLoc(headerRow, cellAddress(headerRow, col));
    if (!column) {
      findings.push({ severity: "warning", rule: "unknown-column", field: null, record: null, location: at, data: { label: text }, value: text });
    } else if (seen.has(column)) {
      findings.push({ severity: "warning", rule: "duplicate-column", field: column.path, record: null, location: at, data: { label: text } });
    } else {
      seen.add(column);
      columns.push({ col, letter: columnLetter(col), spec: column });
    }
  }
  const joinCol = columns.find((c) => c.spec.path === JOIN_PATH);
  const joinLabel = joinCol ? normaliseLabel(joinCol.spec.label) : "";
  const columnOf: ReadonlyMap<string, string> = new Map(columns.map((c) => [c.spec.path, c.letter]));

  const rows: SheetRow[] = [];
  for (const r of rowNumbers) {
    if (r <= headerRow) continue;
    // the lower half of a header merged over two rows, or the header repeated for printing
    const joinContent = joinCol ? grid.value(r, joinCol.col) : undefined;
    if (typeof joinContent === "string" && normaliseLabel(joinContent) === joinLabel) continue;
    const fields: RawField[] = [];
    const rowFindings: Finding[] = [];
    let anyValue = false;
    let firstRaw: RawValue = null;
    for (const { col, letter, spec: column } of columns) {
      const issue = grid.issue(r, col);
      if (issue) {
        anyValue = true;
        const data = issue.rule === "cell-error" ? { error: issue.error } : undefined;
        rowFindings.push({ severity: "error", rule: issue.rule, data, field: column.path, record: null, location: sheetLoc(r, `${letter}${r}`) });
      }
      const raw = grid.value(r, col) ?? null;
      if (isBlank(raw)) continue;
      anyValue = true;
      if (firstRaw === null) firstRaw = raw;
      fields.push({ path: column.path, raw, loc: sheetLoc(r, `${letter}${r}`) });
    }
    if (!anyValue) continue; // a wholly blank row
    const keyField = fields.find((f) => f.path === JOIN_PATH);
    const key = keyField && !isBlank(keyField.raw) ? normaliseCode(String(keyField.raw)) : null;
    // a 合计 line or a note under the table names no enterprise
    if (!key && FOOTER.test(normaliseText(String(firstRaw)).replace(/\s+/g, ""))) continue;
    // a finding raised on a cell before its record was known gets the record now
    const record = recordKey(fields);
    for (const f of rowFindings) findings.push({ ...f, record });
    const keyLoc = joinCol ? sheetLoc(r, `${joinCol.letter}${r}`) : sheetLoc(r, null);
    rows.push({ row: r, fields, key, keyLoc, cells: { file, sheet: name, row: r, item: null, columns: columnOf } });
  }
  return { spec, name, file, rows };
}
