// What a file is, by its first bytes and its name: light enough for every
// command to use before any reader (or SheetJS) is loaded.
import { basename, extname } from "node:path";
import { SHEETS } from "../model/sheets.js";
import { UserError } from "../util/errors.js";
import { normaliseLabel } from "../values/text.js";
import { openZip, type ZipError } from "../util/zip/read.js";

/** Spreadsheet files a folder is searched for; .csv only when named after an annex. */
export const WORKBOOK_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".et", ".ods"]);
export const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);
/** Word documents holding filled forms; a .doc (Word 97–2003) is named only to be sent back as .docx. */
export const DOCUMENT_EXTENSIONS = new Set([".docx", ".docm", ".doc"]);
const DOCX_EXTENSIONS = new Set([".docx", ".docm", ".dotx", ".dotm"]);
const DOC_EXTENSIONS = new Set([".doc", ".dot", ".wps"]);

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** An OLE compound file: .xls, .et, or an encrypted .xlsx. */
export const isOle = (bytes: Uint8Array) => bytes.length >= 512 && OLE.every((b, i) => bytes[i] === b);

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));

/** An OpenDocument spreadsheet begins with its uncompressed `mimetype` entry. */
function isOdsPackage(bytes: Uint8Array): boolean {
  if (!isZip(bytes) || bytes.length < 30 || ascii(bytes, 30, 8) !== "mimetype") return false;
  const start = 30 + (bytes[26]! | (bytes[27]! << 8)) + (bytes[28]! | (bytes[29]! << 8));
  return ascii(bytes, start, 46) === "application/vnd.oasis.opendocument.spreadsheet";
}

export type Sniffed = "xlsx" | "ods" | "xls" | "csv" | "yaml" | "json" | "docx" | "doc";

/** A zip package whose main part is a Word document's, whatever its name says. */
function isWordPackage(bytes: Uint8Array): boolean {
  try {
    return openZip(bytes).entries.some((e) => e.name === "word/document.xml");
  } catch {
    return false; // the workbook reader words what is wrong with it
  }
}

/** What a file really is, by its first bytes first and its name second. */
export function sniff(bytes: Uint8Array, file: string): Sniffed {
  const ext = extname(file).toLowerCase();
  if (isZip(bytes)) {
    if (DOCX_EXTENSIONS.has(ext)) return "docx";
    if (ext === ".ods" || isOdsPackage(bytes)) return "ods";
    return isWordPackage(bytes) ? "docx" : "xlsx";
  }
  // a .doc is sent back whatever it holds inside (Word 97, or RTF or HTML saved under that name)
  if (DOC_EXTENSIONS.has(ext)) return "doc";
  if (isOle(bytes)) return "xls";
  if (ext === ".csv") return "csv";
  if (YAML_EXTENSIONS.has(ext)) return "yaml";
  if (ext === ".json") return "json";
  if (WORKBOOK_EXTENSIONS.has(ext) || DOCX_EXTENSIONS.has(ext)) throw notValid(file);
  throw new UserError("file-type-unknown", { file });
}

/** The sentence for a file that is not what its name says. */
export function notValid(file: string): UserError {
  const ext = extname(file).toLowerCase();
  if (ext === ".xlsx") return new UserError("file-not-xlsx", { file });
  if (ext === ".et") return new UserError("file-et-unreadable", { file });
  return new UserError("file-not-valid", { file, format: ext || "?" });
}

/** The sentence for a zip package (workbook or Word document) the zip reader refused. */
export function zipFault(e: ZipError, file: string): UserError {
  switch (e.fault.kind) {
    case "encrypted":
      return new UserError("file-encrypted", { file });
    case "too-large":
      return new UserError("file-part-too-large", { file, part: e.fault.part, mb: Math.round(e.fault.limit / 1048576) });
    case "doctype":
      return new UserError("file-xml-doctype", { file, part: e.fault.part });
    default:
      return notValid(file);
  }
}

/**
 * The annex a CSV's name names, and what stands before it: `随县附表1设备.csv`
 * is 附表1设备 of the set `随县`. A CSV carries one sheet, so its name must say which.
 */
export function csvAnnex(file: string): { annex: string; set: string } | null {
  const base = normaliseLabel(basename(file, extname(file)));
  for (const s of SHEETS) {
    const name = normaliseLabel(s.name);
    if (base.endsWith(name)) return { annex: s.name, set: base.slice(0, base.length - name.length) };
  }
  return null;
}
