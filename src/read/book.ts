// The package and format adapter: bytes of any workbook a clerk sends (.xlsx,
// .xlsm, .xls, .et, .ods, a CSV) -> sheet grids. The only module that knows
// SheetJS; everything after it works on SheetGrid. Zip packages are opened
// through their central directory by src/util/zip, with every part's size bounded
// and DOCTYPEs refused, and handed to SheetJS part by part as it asks.
import * as XLSX from "@e965/xlsx";
import { UserError } from "../util/errors.js";
import { cellKey, SheetGrid, type CellIssue, type CellValue, type MergedRange, type SheetState } from "./grid.js";
import { decodeText } from "./text.js";
import { isOle, isZip, notValid, zipFault } from "./formats.js";
import { openZip, ZipError, type ZipPackage } from "../util/zip/read.js";

/** What SheetJS is asked for: cached values (never formula text), real dates, no formatted text. */
const OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellDates: true,
  cellFormula: true, // only to tell a formula without a cached value (a stub with `f`) from an empty cell
  sheetStubs: true,
  cellNF: false,
  cellText: false,
  cellHTML: false,
  cellStyles: false,
  nodim: true, // the used range from the cells themselves, not from a <dimension> a writer may get wrong
  bookVBA: false,
  bookFiles: false,
  WTF: false,
};

/** Excel's error codes, as SheetJS gives them when it has no text for them. */
const ERRORS: Record<number, string> = { 0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA" };

/** Reads a workbook (zip package or OLE compound file) into its sheets, in workbook order. */
export async function readBook(bytes: Uint8Array, file: string): Promise<SheetGrid[]> {
  if (isZip(bytes)) return readZipBook(bytes, file);
  if (isOle(bytes)) return readOleBook(bytes, file);
  throw notValid(file);
}

/** A CSV holds one sheet; its text is decoded here (UTF-8 with or without BOM, UTF-16, GB18030). */
export function readCsv(bytes: Uint8Array, file: string, sheet: string): SheetGrid {
  const text = decodeText(bytes);
  // SheetJS would read text that starts like markup as HTML or XML
  if (text === null || /^\s*</.test(text)) throw notValid(file);
  let wb: XLSX.WorkBook;
  try {
    // raw: every value as the text it is, judged later by the value parsers like any typed cell
    wb = quietly(() => XLSX.read(text, { ...OPTIONS, type: "string", raw: true }));
  } catch {
    throw notValid(file);
  }
  const first = wb.SheetNames[0];
  return first ? toGrid(wb.Sheets[first]!, sheet, "visible") : new SheetGrid({ name: sheet, rows: [] });
}

async function readZipBook(bytes: Uint8Array, file: string): Promise<SheetGrid[]> {
  let pkg: ZipPackage;
  try {
    pkg = openZip(bytes);
  } catch (e) {
    throw e instanceof ZipError ? zipFault(e, file) : notValid(file);
  }
  // SheetJS reads a part by touching `content`: each is inflated then, once; a bad part
  // is noted and rethrown after, because SheetJS swallows errors of parts it looks up "safely"
  const faults: ZipError[] = [];
  const cache = new Map<string, Buffer>();
  const part = (name: string): Buffer => {
    let data = cache.get(name);
    if (!data) {
      try {
        const inflated = pkg.read(name);
        data = Buffer.from(inflated.buffer, inflated.byteOffset, inflated.byteLength);
      } catch (e) {
        if (!(e instanceof ZipError)) throw e;
        faults.push(e);
        data = EMPTY;
      }
      cache.set(name, data);
    }
    return data;
  };
  const cfb = SheetCFB.utils.cfb_new();
  for (const { name } of pkg.entries) {
    const entry = SheetCFB.utils.cfb_add(cfb, name, EMPTY, { unsafe: true });
    Object.defineProperty(entry, "content", { configurable: true, enumerable: true, get: () => part(name) });
  }
  let wb: XLSX.WorkBook | undefined;
  let failure: unknown;
  try {
    wb = quietly(() => parseZip(cfb, { ...OPTIONS }));
  } catch (e) {
    failure = e;
  }
  if (faults.length) throw zipFault(faults[0]!, file);
  if (!wb) throw fromLibraryError(failure, file);
  const sheets = sheetsOf(wb);
  if (pkg.entries.some((e) => e.name === "content.xml") && !pkg.entries.some((e) => e.name === "[Content_Types].xml")) {
    // OpenDocument: SheetJS leaves out which tables are hidden (an XML parser only .ods needs)
    const { hiddenTables } = await import("./ods-tables.js");
    let hidden: Set<string>;
    try {
      hidden = hiddenTables(part("content.xml").toString("utf8"), sheets.length);
    } catch {
      throw notValid(file);
    }
    if (faults.length) throw zipFault(faults[0]!, file);
    return sheets.map((g) => (hidden.has(g.name) ? g.withState("hidden") : g));
  }
  return sheets;
}

async function readOleBook(bytes: Uint8Array, file: string): Promise<SheetGrid[]> {
  let container: object;
  try {
    container = quietly(() => SheetCFB.read(bytes, { type: "buffer" }));
  } catch {
    throw notValid(file);
  }
  // an encrypted .xlsx is an OLE container holding the encrypted package
  if (SheetCFB.find(container, "EncryptedPackage") || SheetCFB.find(container, "EncryptionInfo")) throw new UserError("file-encrypted", { file });
  // a Word 97–2003 document under a workbook's name
  if (SheetCFB.find(container, "WordDocument")) throw new UserError("file-doc", { file });
  // Excel 95 and earlier (a `Book` stream, BIFF5) store text in the file's code page, 936 for Chinese
  if (!SheetCFB.find(container, "Workbook") && SheetCFB.find(container, "Book")) {
    XLSX.set_cptable(await import("@e965/xlsx/dist/cpexcel.full.mjs"));
  }
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => XLSX.read(bytes, { ...OPTIONS, type: "buffer" }));
  } catch (e) {
    throw fromLibraryError(e, file);
  }
  return sheetsOf(wb);
}

const EMPTY = Buffer.alloc(0);

interface CfbApi {
  read(data: Uint8Array, opts: { type: "buffer" }): object;
  find(container: object, path: string): object | null;
  utils: {
    cfb_new(): object;
    cfb_add(cfb: object, name: string, content: Buffer, opts: { unsafe: boolean }): object;
  };
}
const SheetCFB = XLSX.CFB as CfbApi;
/** SheetJS's reader of a zip container it is given, rather than one it unpacks itself (exported, not typed). */
const parseZip = (XLSX as unknown as { parse_zip(cfb: object, opts: XLSX.ParsingOptions): XLSX.WorkBook }).parse_zip;

function fromLibraryError(e: unknown, file: string): UserError {
  if (e instanceof UserError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(message)) return new UserError("file-encrypted", { file });
  return notValid(file);
}

/** SheetJS writes warnings to the console (on some .ods files, odd zips); a report must not carry them. */
function quietly<T>(read: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  const mute = () => undefined;
  Object.assign(console, { error: mute, warn: mute, log: mute, info: mute });
  try {
    return read();
  } finally {
    Object.assign(console, saved);
  }
}

const STATES: Record<number, SheetState> = { 0: "visible", 1: "hidden", 2: "veryHidden" };

function sheetsOf(wb: XLSX.WorkBook): SheetGrid[] {
  const props = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => {
    const state = STATES[props[i]?.Hidden ?? 0] ?? "hidden";
    const ws = wb.Sheets[name];
    return ws ? toGrid(ws, name, state) : new SheetGrid({ name, state, rows: [], unreadable: true });
  });
}

/** SheetJS's dense sheet -> plain values; the SheetJS objects are dropped with the workbook. */
function toGrid(ws: XLSX.WorkSheet, name: string, state: SheetState): SheetGrid {
  const data = (ws["!data"] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: (CellValue | undefined)[][] = [];
  const issues = new Map<number, CellIssue>();
  for (let r = 0; r < data.length; r++) {
    const source = data[r];
    if (!source) continue;
    const row: (CellValue | undefined)[] = [];
    for (let c = 0; c < source.length; c++) {
      const cell = source[c];
      if (!cell) continue;
      switch (cell.t) {
        case "s":
        case "n":
        case "b":
          if (cell.v !== undefined && cell.v !== null) row[c] = cell.v as CellValue;
          break;
        case "d":
          row[c] = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
          break;
        case "e":
          issues.set(cellKey(r + 1, c + 1), { rule: "cell-error", error: cell.w ?? ERRORS[Number(cell.v)] ?? "#ERROR" });
          break;
        case "z":
          // an empty cell; with a formula, one whose value was never calculated and saved
          if (cell.f !== undefined) issues.set(cellKey(r + 1, c + 1), { rule: "formula-no-value" });
          break;
      }
    }
    if (row.length) rows[r] = row;
  }
  const merges: MergedRange[] = (ws["!merges"] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
  return new SheetGrid({ name, state, rows, issues, merges });
}

