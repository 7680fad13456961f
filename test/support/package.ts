// Independent views of an .xlsx package for the annotate tests: parts through
// jszip, compressed entries through a central-directory walk written here,
// cell values and formulas through SheetJS, marks through exceljs. None of them
// is the code under test (src/annotate).
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { posix } from "node:path";

/** Every part's content (directories left out). */
export async function partsOf(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async("nodebuffer"));
  return out;
}

/** Every entry's method, CRC and compressed bytes, as the central directory gives them. */
export function compressedEntries(bytes: Uint8Array): Map<string, { method: number; crc: number; data: Buffer }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, { method: number; crc: number; data: Buffer }>();
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const offset = buf.readUInt32LE(p + 42);
    const size = buf.readUInt32LE(p + 20);
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    out.set(name, { method: buf.readUInt16LE(p + 10), crc: buf.readUInt32LE(p + 16), data: buf.subarray(start, start + size) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
}

export function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | null = null;
  parser.on("opentag", (t) => {
    const el: El = { name: t.name.slice(t.name.indexOf(":") + 1), attrs: t.attributes as Record<string, string>, text: "", children: [] };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (s) => {
    if (stack.length) stack[stack.length - 1]!.text += s;
  });
  parser.write(xml).close();
  return root!;
}

export const find = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => find(c, name))];

function resolve(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(source), target));
}

/** The relationships of a part: id -> { type, part }. */
export function relsOf(parts: Map<string, Buffer>, source: string): Map<string, { type: string; part: string; external: boolean }> {
  const path = posix.join(posix.dirname(source), "_rels", `${posix.basename(source)}.rels`);
  const out = new Map<string, { type: string; part: string; external: boolean }>();
  const xml = parts.get(path);
  if (!xml) return out;
  for (const r of find(parseXml(xml.toString("utf8")), "Relationship")) {
    const external = r.attrs.TargetMode === "External";
    out.set(r.attrs.Id!, { type: r.attrs.Type!, part: external ? r.attrs.Target! : resolve(source, r.attrs.Target!), external });
  }
  return out;
}

/** Sheet name -> its part, in workbook order. */
export function sheetParts(parts: Map<string, Buffer>): Map<string, string> {
  const root = relsOf(parts, "");
  const workbook = [...root.values()].find((r) => r.type.endsWith("/officeDocument"))!.part;
  const rels = relsOf(parts, workbook);
  const out = new Map<string, string>();
  for (const s of find(parseXml(parts.get(workbook)!.toString("utf8")), "sheet")) {
    const id = Object.entries(s.attrs).find(([k]) => k.endsWith(":id"))![1];
    out.set(s.attrs.name!, rels.get(id)!.part);
  }
  return out;
}

/** The parts a mark on `sheets` may change: the sheet, its relationships, its notes and their drawing. */
export function partsOfSheets(parts: Map<string, Buffer>, sheets: Iterable<string>): Set<string> {
  const byName = sheetParts(parts);
  const out = new Set<string>();
  for (const name of sheets) {
    const part = byName.get(name)!;
    out.add(part).add(posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`));
    for (const r of relsOf(parts, part).values()) if (/\/(comments|vmlDrawing)$/.test(r.type)) out.add(r.part);
  }
  return out;
}

export interface CellContent {
  t: string;
  v: unknown;
  f?: string;
}

/** Every cell's type, value and formula, sheet by sheet, read by SheetJS. */
export function cellsOf(bytes: Uint8Array, skip: readonly string[] = []): Map<string, CellContent> {
  const wb = XLSX.read(bytes, { type: "buffer", cellFormula: true, cellDates: false, cellNF: false, cellStyles: false });
  const out = new Map<string, CellContent>();
  for (const name of wb.SheetNames) {
    if (skip.includes(name)) continue;
    const ws = wb.Sheets[name]!;
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith("!")) continue;
      const c = cell as XLSX.CellObject;
      if (c.t === "z") continue;
      out.set(`${name}!${addr}`, { t: c.t, v: c.v, ...(c.f ? { f: c.f } : {}) });
    }
  }
  return out;
}

export interface ResultRow {
  severity: string;
  sheet: string;
  where: string;
  record: string;
  message: string;
  value: string;
  rule: string;
  /** the target of the 位置 cell's link, e.g. `'附表1'!F5` */
  link: string | null;
}

/** The rows of capexit's 校验结果 sheet, with their links read from the sheet's XML. */
export function resultRows(parts: Map<string, Buffer>, bytes: Uint8Array, sheet = "校验结果"): ResultRow[] {
  const part = sheetParts(parts).get(sheet);
  if (!part) throw new Error(`no sheet ${sheet}`);
  const links = new Map<string, string>();
  for (const h of find(parseXml(parts.get(part)!.toString("utf8")), "hyperlink")) if (h.attrs.location) links.set(h.attrs.ref!, h.attrs.location);
  const wb = XLSX.read(bytes, { type: "buffer", sheets: [sheet] });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: "", raw: false });
  return rows.slice(4).map((r, i) => ({
    severity: String(r[1]),
    sheet: String(r[2]),
    where: String(r[3]),
    record: String(r[4]),
    message: String(r[6]),
    value: String(r[7]),
    rule: String(r[8]),
    link: links.get(`D${i + 5}`) ?? null,
  }));
}

/** A link target `'附表 1'!A4` split into sheet and cell. */
export function splitReference(location: string): { sheet: string; cell: string } {
  const bang = location.lastIndexOf("!");
  const quoted = location.slice(0, bang);
  if (!quoted.startsWith("'") || !quoted.endsWith("'")) throw new Error(`unquoted sheet in ${location}`);
  return { sheet: quoted.slice(1, -1).replace(/''/g, "'"), cell: location.slice(bang + 1) };
}

export async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export const noteText = (note: ExcelJS.Cell["note"]) => (typeof note === "string" ? note : (note?.texts ?? []).map((r) => r.text).join(""));

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f?.type === "pattern" && f.pattern === "solid" ? f.fgColor?.argb : undefined;
}

/** A sheet's fills and notes as SheetJS reads them (for packages exceljs cannot load). */
export function marksOf(bytes: Uint8Array, sheet: string): Map<string, { fill?: string; note: string; value: unknown }> {
  const wb = XLSX.read(bytes, { type: "buffer", cellStyles: true, sheetStubs: true });
  const ws = wb.Sheets[sheet]!;
  const out = new Map<string, { fill?: string; note: string; value: unknown }>();
  for (const [addr, cell] of Object.entries(ws)) {
    if (addr.startsWith("!")) continue;
    const c = cell as XLSX.CellObject & { s?: { patternType?: string; fgColor?: { rgb?: string } } };
    const rgb = c.s?.patternType === "solid" ? c.s.fgColor?.rgb : undefined;
    out.set(addr, { fill: rgb ? (rgb.length === 6 ? `FF${rgb}` : rgb).toUpperCase() : undefined, note: (c.c ?? []).map((n) => n.t).join(""), value: c.v });
  }
  return out;
}
