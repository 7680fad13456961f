// The list layout of spec §2: four sheets found by name, each header row found
// by its labels, columns matched by label, rows joined by 统一社会信用代码.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Readable } from "node:stream";
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

const labelIndex = new Map<SheetSpec, Map<string, ColumnSpec>>(SHEETS.map((s) => [s, indexLabels(s)]));

/** A sheet's labels, normalised; a label's unit in brackets may also be left out (资产总额 = 资产总额（万元）). */
function indexLabels(sheet: SheetSpec): Map<string, ColumnSpec> {
  const index = new Map<string, ColumnSpec>();
  for (const c of sheet.columns) for (const l of [c.label, ...(c.aliases ?? [])]) index.set(normaliseLabel(l), c);
  for (const c of sheet.columns) {
    const bare = normaliseLabel(c.label).replace(/\([^()]*\)$/, "");
    if (bare && !index.has(bare)) index.set(bare, c);
  }
  return index;
}
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

/** A row of a worksheet as the stream gives it, merged cells filled from their master. */
interface SourceRow {
  number: number;
  /** the content of a column (1-based), or undefined */
  cell(col: number): CellContent;
  /** every filled column */
  cells(): [col: number, content: CellContent][];
}

async function readSheet(name: string, source: AsyncIterable<SourceRow>, spec: SheetSpec, file: string, findings: Finding[]): Promise<SheetRead | null> {
  const index = labelIndex.get(spec)!;
  const sheetLoc = (row: number | null, cell: string | null): Location => ({ file, sheet: name, row, cell, line: null });
  const iterator = source[Symbol.asyncIterator]();

  // the header row: the first of the top rows that matches the most labels
  const top: SourceRow[] = [];
  let pending: SourceRow | undefined;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    if (next.value.number > HEADER_SCAN_ROWS) {
      pending = next.value;
      break;
    }
    top.push(next.value);
  }
  let header: SourceRow | undefined;
  let best = 0;
  for (const row of top) {
    let hits = 0;
    for (const [, content] of row.cells()) if (index.has(normaliseLabel(cellText(content)))) hits++;
    if (hits > best) {
      best = hits;
      header = row;
    }
  }
  if (!header || best < Math.min(2, spec.columns.length)) {
    findings.push({ severity: "error", rule: "header-not-found", field: null, record: null, location: sheetLoc(null, null), data: { rows: HEADER_SCAN_ROWS } });
    if (pending) for (let n = await iterator.next(); !n.done; n = await iterator.next()); // drain the stream
    return null;
  }
  const headerRow = header.number;

  const columns: { col: number; letter: string; spec: ColumnSpec }[] = [];
  const seen = new Set<ColumnSpec>();
  for (const [col, content] of header.cells().sort((a, b) => a[0] - b[0])) {
    const text = normaliseText(cellText(content));
    if (!text) continue;
    const spec = index.get(normaliseLabel(text));
    const at = sheetLoc(headerRow, `${columnLetter(col)}${headerRow}`);
    if (!spec) {
      findings.push({ severity: "warning", rule: "unknown-column", field: null, record: null, location: at, data: { label: text }, value: text });
    } else if (seen.has(spec)) {
      findings.push({ severity: "warning", rule: "duplicate-column", field: spec.path, record: null, location: at, data: { label: text } });
    } else {
      seen.add(spec);
      columns.push({ col, letter: columnLetter(col), spec });
    }
  }
  const joinCol = columns.find((c) => c.spec.path === JOIN_PATH);
  const joinLabel = joinCol ? normaliseLabel(joinCol.spec.label) : "";
  const columnOf: ReadonlyMap<string, string> = new Map(columns.map((c) => [c.spec.path, c.letter]));

  const rows: SheetRow[] = [];
  const readRow = (row: SourceRow) => {
    const r = row.number;
    if (r <= headerRow) return;
    const fields: RawField[] = [];
    let anyValue = false;
    let firstRaw: RawValue = null;
    // the lower half of a header merged over two rows, or the header repeated for printing
    const joinContent = joinCol ? row.cell(joinCol.col) : undefined;
    if (typeof joinContent === "string" && normaliseLabel(joinContent) === joinLabel) return;
    for (const { col, letter, spec } of columns) {
      const content = row.cell(col);
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
      while (findings.length && findings[findings.length - 1]!.location.row === r && findings[findings.length - 1]!.location.sheet === name) findings.pop();
      return;
    }
    const keyLoc = joinCol ? sheetLoc(r, `${joinCol.letter}${r}`) : sheetLoc(r, null);
    // a finding raised on a cell before its record was known gets the record now
    const rec = recordKey(fields);
    for (let i = findings.length - 1; i >= 0 && findings[i]!.location.row === r && findings[i]!.location.sheet === name; i--) {
      if (findings[i]!.record === null) findings[i]!.record = rec;
    }
    rows.push({ row: r, fields, key, keyLoc, cells: { file, sheet: name, row: r, item: null, columns: columnOf } });
  };
  for (const row of top) readRow(row);
  if (pending) {
    readRow(pending);
    for (let n = await iterator.next(); !n.done; n = await iterator.next()) readRow(n.value);
  }
  return { spec, name, rows };
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

/**
 * Streams the annex sheets' rows with exceljs's reader: half the time and a
 * fraction of the memory of loading the whole workbook model. What the stream
 * does not give, sheet names and states (it misses absolute relationship
 * targets) and merged ranges, is read from the package itself.
 */
async function readSheets(data: Uint8Array, file: string, findings: Finding[]): Promise<Map<SheetSpec, SheetRead>> {
  const book = await describePackage(data, file);
  const annex = book.sheets.filter((s) => sheetByName.has(normaliseLabel(s.name)));
  if (annex.length === 0) throw new UserError("no-annex-sheets", { file });

  // read before the stream starts: once a sheet's rows flow, nothing else may be awaited
  const merges = new Map(await Promise.all(annex.map(async (e) => [e, await book.merges(e)] as const)));
  const bySpec = new Map<SheetSpec, SheetRead>();
  const seen = new Set<SheetEntry>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await book.sheetsLast()]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  try {
    for await (const ws of reader as AsyncIterable<StreamSheet>) {
      // exceljs names a sheet only when its relationship target has the relative form it expects;
      // otherwise it calls it SheetN after the part's number
      const entry = book.sheets.find((s) => (s.streamNamed ? s.name === ws.name : s.path === `xl/worksheets/sheet${ws.id}.xml`));
      if (entry) seen.add(entry);
      const spec = entry ? sheetByName.get(normaliseLabel(entry.name)) : undefined;
      if (!entry || !spec || bySpec.has(spec)) {
        for await (const _ of ws) void _; // the stream must be drained to reach the next sheet
        continue;
      }
      if (entry.state === "hidden" || entry.state === "veryHidden") {
        findings.push({ severity: "warning", rule: "sheet-hidden", field: null, record: null, location: { file, sheet: entry.name, row: null, cell: null, line: null }, data: { sheet: entry.name } });
      }
      const read = await readSheet(entry.name, withMerges(ws, merges.get(entry) ?? []), spec, file, findings);
      if (read) bySpec.set(spec, read);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError("file-not-xlsx", { file });
  }
  // a part the stream does not recognise (not xl/worksheets/sheetN.xml) must not pass as an empty sheet
  for (const entry of annex) {
    if (!seen.has(entry)) {
      findings.push({ severity: "error", rule: "sheet-unreadable", field: null, record: null, location: { file, sheet: entry.name, row: null, cell: null, line: null }, data: { sheet: entry.name } });
    }
  }
  return bySpec;
}

type StreamRow = ExcelJS.Row;
interface StreamSheet extends AsyncIterable<StreamRow> {
  id: string | number;
  name?: string;
}

interface SheetEntry {
  name: string;
  state: string;
  /** the part, e.g. `xl/worksheets/sheet1.xml` */
  path: string;
  /** whether exceljs's stream finds this sheet's name itself */
  streamNamed: boolean;
}

const attrs = (tag: string): Map<string, string> => new Map([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, decodeXml(m[2]!)]));
const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** The workbook's sheets (name, state, part) and, on demand, a sheet's merged ranges. */
async function describePackage(data: Uint8Array, file: string) {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new UserError("file-not-xlsx", { file });
  }
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? null;
  const workbook = await text("xl/workbook.xml");
  if (workbook === null) throw new UserError("file-not-xlsx", { file });
  const rels = new Map<string, string>();
  for (const m of ((await text("xl/_rels/workbook.xml.rels")) ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attrs(m[0]);
    rels.set(a.get("Id") ?? "", a.get("Target") ?? "");
  }
  const sheets: SheetEntry[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attrs(m[0]);
    const target = rels.get(a.get("r:id") ?? "") ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    sheets.push({ name: a.get("name") ?? "", state: a.get("state") ?? "visible", path, streamNamed: /^worksheets\/sheet\d+\.xml$/.test(target) });
  }
  return {
    sheets,
    /**
     * The package with its worksheets moved to the end (their compressed bytes are
     * copied, not recompressed): the stream then knows the workbook, the shared
     * strings and the styles before the first row. Left in the order some writers
     * use, it fails or reads date cells as numbers.
     */
    async sheetsLast(): Promise<Buffer> {
      for (const name of Object.keys(zip.files)) {
        if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
        const part = zip.files[name]!;
        delete zip.files[name];
        zip.files[name] = part;
      }
      return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    },
    async merges(sheet: SheetEntry): Promise<Merge[]> {
      const xml = await text(sheet.path);
      if (!xml) return [];
      const at = xml.lastIndexOf("<mergeCells");
      if (at < 0) return [];
      const out: Merge[] = [];
      for (const m of xml.slice(at).matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
        out.push({ top: Number(m[2]), left: columnNumber(m[1]!), bottom: Number(m[4]), right: columnNumber(m[3]!) });
      }
      return out;
    },
  };
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells a merge may fill; a larger merged area is left as Excel shows it after the first rows. */
const MAX_MERGED_CELLS = 200_000;

/** Rows of the stream, with each merged cell showing its master's content as Excel does. */
async function* withMerges(rows: AsyncIterable<StreamRow>, merges: readonly Merge[]): AsyncIterable<SourceRow> {
  const slaves = new Map<number, [col: number, master: number][]>(); // row -> cells taking a master's content
  const masters = new Map<number, CellContent>(); // master key -> content
  const key = (r: number, c: number) => r * 16_384 + c;
  let budget = MAX_MERGED_CELLS;
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom && budget > 0; r++) {
      for (let c = m.left; c <= m.right && budget-- > 0; c++) {
        if (r === m.top && c === m.left) continue;
        let list = slaves.get(r);
        if (!list) slaves.set(r, (list = []));
        list.push([c, key(m.top, m.left)]);
      }
    }
    masters.set(key(m.top, m.left), undefined);
  }
  for await (const row of rows) {
    const r = row.number;
    if (masters.size) row.eachCell((cell, c) => void (masters.has(key(r, c)) && masters.set(key(r, c), cell.value)));
    const filled = slaves.get(r);
    if (filled) slaves.delete(r);
    const extra = filled ? new Map(filled.map(([c, m]) => [c, masters.get(m)])) : null;
    yield {
      number: r,
      cell: (col) => row.findCell(col)?.value ?? extra?.get(col),
      cells: () => {
        const out: [number, CellContent][] = [];
        row.eachCell((cell, c) => void out.push([c, cell.value]));
        if (extra) for (const [c, v] of extra) if (v !== undefined && !row.findCell(c)) out.push([c, v]);
        return out;
      },
    };
    // a row holding nothing but merged cells is not in the stream: it has no data of its own
  }
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
