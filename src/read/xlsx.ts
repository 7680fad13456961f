// The list layout of spec §2: four sheets found by name, each header row found
// by its labels, columns matched by label, rows joined by 统一社会信用代码.
import ExcelJS from "exceljs";
import type { Finding } from "../model/finding.js";
import type { CellRow, Location, RawValue } from "../model/source.js";
import { JOIN_PATH, SHEETS, type ColumnSpec, type SheetSpec } from "../model/sheets.js";
import { UserError } from "../util/errors.js";
import { isBlank } from "../values/index.js";
import { normaliseCode, normaliseLabel, normaliseText } from "../values/text.js";
import { assemble, recordKey, type RawField } from "./assemble.js";
import type { ReadResult } from "./types.js";

/** How far down a header row may stand (title rows, 填报单位（盖章）lines above it). */
export const HEADER_SCAN_ROWS = 30;

const labelIndex = new Map<SheetSpec, Map<string, ColumnSpec>>(
  SHEETS.map((s) => [
    s,
    new Map(s.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])].map((l) => [normaliseLabel(l), c] as const))),
  ]),
);
const sheetByName = new Map(SHEETS.map((s) => [normaliseLabel(s.name), s]));

/** Rows at the foot of a table that are not data: 合计 lines and notes. */
const FOOTER = /^(合计|小计|总计|注[:：]|注$|备注|填表说明|说明[:：])/;

export function columnLetter(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface CellRead {
  raw: RawValue;
  issue?: { rule: string; data?: Record<string, string | number> };
}

type CellContent = ExcelJS.CellValue | undefined;

/** A cell's content as a plain value: rich text joined, formulas by their cached result. */
export function readCell(v: CellContent): CellRead {
  if (v === null || v === undefined) return { raw: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { raw: v };
  if (v instanceof Date) return { raw: v };
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return { raw: v.richText.map((r) => r.text ?? "").join("") };
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return { raw: null, issue: { rule: "formula-no-value" } };
      if (typeof result === "object" && result !== null && "error" in result) {
        return { raw: null, issue: { rule: "cell-error", data: { error: String((result as { error: unknown }).error) } } };
      }
      return readCell(result as CellContent);
    }
    if ("error" in v) return { raw: null, issue: { rule: "cell-error", data: { error: String(v.error) } } };
    if ("text" in v) return readCell((v as { text: CellContent }).text);
  }
  return { raw: String(v) };
}

function cellText(v: CellContent): string {
  const { raw } = readCell(v);
  if (raw === null) return "";
  return raw instanceof Date ? raw.toISOString() : String(raw);
}

interface SheetRow {
  row: number;
  /** the row's non-blank values (blank cells are found through `cells`) */
  fields: RawField[];
  cells: CellRow;
  key: string | null; // normalised join key
  keyLoc: Location;
}

interface SheetRead {
  spec: SheetSpec;
  name: string;
  rows: SheetRow[];
}

function readSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, file: string, findings: Finding[]): SheetRead | null {
  const index = labelIndex.get(spec)!;
  const sheetLoc = (row: number | null, cell: string | null): Location => ({ file, sheet: ws.name, row, cell, line: null });

  // the header row: the first of the top rows that matches the most labels
  let headerRow = 0;
  let best = 0;
  const last = Math.min(HEADER_SCAN_ROWS, ws.actualRowCount > 0 ? ws.rowCount : 0);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    let hits = 0;
    row.eachCell((cell) => {
      if (index.has(normaliseLabel(cellText(cell.value)))) hits++;
    });
    if (hits > best) {
      best = hits;
      headerRow = r;
    }
  }
  if (best < Math.min(2, spec.columns.length)) {
    findings.push({ severity: "error", rule: "header-not-found", field: null, record: null, location: sheetLoc(null, null), data: { rows: HEADER_SCAN_ROWS } });
    return null;
  }

  const columns: { col: number; letter: string; spec: ColumnSpec }[] = [];
  const seen = new Set<ColumnSpec>();
  ws.getRow(headerRow).eachCell((cell, col) => {
    const text = normaliseText(cellText(cell.value));
    if (!text) return;
    const spec = index.get(normaliseLabel(text));
    const at = sheetLoc(headerRow, cell.address);
    if (!spec) {
      findings.push({ severity: "warning", rule: "unknown-column", field: null, record: null, location: at, data: { label: text }, value: text });
    } else if (seen.has(spec)) {
      findings.push({ severity: "warning", rule: "duplicate-column", field: spec.path, record: null, location: at, data: { label: text } });
    } else {
      seen.add(spec);
      columns.push({ col, letter: columnLetter(col), spec });
    }
  });
  const joinCol = columns.find((c) => c.spec.path === JOIN_PATH);
  const joinLabel = joinCol ? normaliseLabel(joinCol.spec.label) : "";
  const columnOf: ReadonlyMap<string, string> = new Map(columns.map((c) => [c.spec.path, c.letter]));

  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const fields: RawField[] = [];
    let anyValue = false;
    let firstRaw: RawValue = null;
    // the lower half of a header merged over two rows, or the header repeated for printing
    const joinContent = joinCol ? row.findCell(joinCol.col)?.value : undefined;
    if (typeof joinContent === "string" && normaliseLabel(joinContent) === joinLabel) return;
    for (const { col, letter, spec } of columns) {
      const content = row.findCell(col)?.value;
      if (content === null || content === undefined) continue;
      const { raw, issue } = readCell(content);
      if (issue) {
        anyValue = true;
        findings.push({ severity: "error", rule: issue.rule, data: issue.data, field: spec.path, record: null, location: sheetLoc(r, `${letter}${r}`) });
      }
      if (isBlank(raw)) continue;
      anyValue = true;
      if (firstRaw === null) firstRaw = raw;
      fields.push({ path: spec.path, raw, loc: sheetLoc(r, `${letter}${r}`) });
    }
    if (!anyValue) return; // a wholly blank row
    const keyField = fields.find((f) => f.path === JOIN_PATH);
    const key = keyField && !isBlank(keyField.raw) ? normaliseCode(String(keyField.raw)) : null;
    // a 合计 line or a note under the table names no enterprise
    if (!key && FOOTER.test(normaliseText(String(firstRaw)).replace(/\s+/g, ""))) {
      while (findings.length && findings[findings.length - 1]!.location.row === r && findings[findings.length - 1]!.location.sheet === ws.name) findings.pop();
      return;
    }
    const keyLoc = joinCol ? sheetLoc(r, `${joinCol.letter}${r}`) : sheetLoc(r, null);
    // a finding raised on a cell before its record was known gets the record now
    const rec = recordKey(fields);
    for (let i = findings.length - 1; i >= 0 && findings[i]!.location.row === r && findings[i]!.location.sheet === ws.name; i--) {
      if (findings[i]!.record === null) findings[i]!.record = rec;
    }
    rows.push({ row: r, fields, key, keyLoc, cells: { file, sheet: ws.name, row: r, item: null, columns: columnOf } });
  });
  return { spec, name: ws.name, rows };
}

/** Turns item-sheet paths `equipment[].name` into `equipment[3].name`. */
function indexFields(fields: RawField[], index: number): RawField[] {
  return fields.filter((f) => f.path !== JOIN_PATH).map((f) => ({ ...f, path: f.path.replace("[]", `[${index}]`) }));
}

export async function readWorkbook(data: Uint8Array, file: string): Promise<ReadResult> {
  const findings: Finding[] = [];
  // the workbook model is dropped before the join, so the join works in a smaller heap
  const bySpec = await readSheets(data, file, findings);
  return joinSheets(bySpec, findings);
}

async function readSheets(data: Uint8Array, file: string, findings: Finding[]): Promise<Map<SheetSpec, SheetRead>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new UserError("file-not-xlsx", { file });
  }
  const bySpec = new Map<SheetSpec, SheetRead>();
  let annexSheets = 0;
  wb.eachSheet((ws) => {
    const spec = sheetByName.get(normaliseLabel(ws.name));
    if (!spec) return;
    annexSheets++;
    if (bySpec.has(spec)) return;
    if (ws.state === "hidden" || ws.state === "veryHidden") {
      findings.push({ severity: "warning", rule: "sheet-hidden", field: null, record: null, location: { file, sheet: ws.name, row: null, cell: null, line: null }, data: { sheet: ws.name } });
    }
    const read = readSheet(ws, spec, file, findings);
    if (read) bySpec.set(spec, read);
  });
  if (annexSheets === 0) throw new UserError("no-annex-sheets", { file });
  return bySpec;
}

interface Draft {
  origin: Location;
  fields: RawField[];
  cells: CellRow[];
  lists: Map<string, number>;
}

function joinSheets(bySpec: Map<SheetSpec, SheetRead>, findings: Finding[]): ReadResult {
  const [annex1, equipment, annex2, lines] = SHEETS.map((s) => bySpec.get(s));
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const orphan = (row: SheetRow, sheet: string, target: string) =>
    findings.push({
      severity: "error",
      rule: row.key ? "orphan-row" : "missing-join-key",
      field: JOIN_PATH,
      record: row.key ?? recordKey(row.fields),
      location: row.keyLoc,
      data: { sheet: target },
      value: row.key ?? undefined,
    });

  const addEnterprise = (row: SheetRow) => {
    const draft: Draft = { origin: row.keyLoc, fields: [...row.fields], cells: [row.cells], lists: new Map() };
    drafts.push(draft);
    if (row.key && !byKey.has(row.key)) byKey.set(row.key, draft);
    return draft;
  };

  for (const row of annex1?.rows ?? []) addEnterprise(row);

  const joinItems = (sheet: SheetRead | undefined, targets: Map<string, Draft>, targetName: string) => {
    for (const row of sheet?.rows ?? []) {
      const draft = row.key ? targets.get(row.key) : undefined;
      if (!draft) {
        orphan(row, sheet!.name, targetName);
        continue;
      }
      const list = sheet!.spec.list!;
      const i = draft.lists.get(list) ?? 0;
      draft.lists.set(list, i + 1);
      draft.fields.push(...indexFields(row.fields, i));
      draft.cells.push({ ...row.cells, item: i });
    }
  };
  joinItems(equipment, byKey, annex1?.name ?? "附表1");

  // 附表2 rows join 附表1; a workbook with no 附表1 sheet holds acceptance-only records
  const annex2Keys = new Map<string, Draft>();
  const seen2 = new Set<string>();
  for (const row of annex2?.rows ?? []) {
    if (row.key && seen2.has(row.key)) {
      findings.push({ severity: "error", rule: "uscc-duplicate", messageId: "sheet", field: JOIN_PATH, record: row.key, location: row.keyLoc, data: { sheet: annex2!.name }, value: row.key });
      continue;
    }
    if (row.key) seen2.add(row.key);
    let draft = row.key ? byKey.get(row.key) : undefined;
    if (!draft && annex1) {
      orphan(row, annex2!.name, annex1.name);
      continue;
    }
    if (!draft) {
      draft = addEnterprise(row);
    } else {
      mergeAnnex2(draft, row.fields);
      draft.cells.push(row.cells);
    }
    if (row.key) annex2Keys.set(row.key, draft);
  }
  joinItems(lines, annex2 ? annex2Keys : byKey, annex2?.name ?? annex1?.name ?? "附表2");

  const records = [];
  for (const d of drafts) {
    const { loaded, findings: f } = assemble(d.fields, d.origin, d.cells);
    records.push(loaded);
    findings.push(...f);
  }
  return { records, findings };
}

/** 附表2 repeats name and address; 附表1's stand, 附表2's fill in where 附表1 left them blank. */
function mergeAnnex2(draft: Draft, fields: RawField[]) {
  const present = new Set(draft.fields.map((f) => f.path));
  for (const f of fields) {
    if (f.path !== JOIN_PATH && !present.has(f.path)) draft.fields.push(f);
  }
}
