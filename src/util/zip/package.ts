// A zip package written back with every entry that is not replaced copied as
// it was: the same compressed bytes, CRC, name bytes, times and attributes.
// Only the parts that change are inflated and deflated again (node's zlib,
// deterministic). Used for the marked copy of a workbook and to give the
// packages we write (Word documents, collected workbooks) fixed entry dates.
//
// Hand-written rather than taken from a library: the libraries at hand either
// recompress every entry in JavaScript (jszip, through pako, 5-8x slower than
// zlib) or cannot add an entry's compressed bytes as they are (yazl, fflate).
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { CENTRAL, END, invalid, LOCAL, localData, MAX_PART_BYTES, readDirectory, view, ZIP64_EXTRA, ZipError, type DirectoryEntry } from "./directory.js";

export { ZipError, type ZipFault } from "./directory.js";


const tooLarge = (part: string, limit: number) => new ZipError({ kind: "too-large", part, limit });

/** An entry as it stands in the input: its compressed bytes are copied, never touched. */
export interface StoredEntry extends Omit<DirectoryEntry, "localOffset"> {
  kind: "stored";
  localExtra: Uint8Array;
  data: Uint8Array;
}

/** An entry written anew: its content is deflated when the zip is written. */
export interface NewEntry {
  kind: "new";
  name: string;
  content: Uint8Array;
  /** DOS time and date, taken from the input so the same input gives the same bytes */
  time: number;
  date: number;
  /** the attributes of the entry it replaces, if any */
  like?: StoredEntry;
}

export type ZipEntry = StoredEntry | NewEntry;

export interface ZipArchive {
  entries: ZipEntry[];
  comment: Uint8Array;
}

const UTF8_FLAG = 0x0800;
const DESCRIPTOR_FLAG = 0x0008;

/** The extra field without its zip64 record: the writer writes no zip64 (the directory reader has taken its values). */
function withoutZip64(extra: Uint8Array): Uint8Array {
  const dv = view(extra);
  const keep: Uint8Array[] = [];
  let found = false;
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = dv.getUint16(i, true);
    const len = dv.getUint16(i + 2, true);
    const end = Math.min(extra.length, i + 4 + len);
    if (id === ZIP64_EXTRA) found = true;
    else keep.push(extra.subarray(i, end));
    i = end;
  }
  return found ? Buffer.concat(keep) : extra;
}

const decoder = new TextDecoder("utf-8");

/** Every entry of the package, folders included, ready to be copied as it stands. */
export function readZip(bytes: Uint8Array): ZipArchive {
  const directory = readDirectory(bytes);
  const entries: ZipEntry[] = directory.entries.map((e) => {
    const { localExtra, data } = localData(bytes, e);
    const { localOffset: _, ...described } = e;
    return { kind: "stored", ...described, centralExtra: withoutZip64(e.centralExtra), localExtra: withoutZip64(localExtra), data };
  });
  return { entries, comment: directory.comment };
}

/** An entry's content, inflated, its size bounded and its CRC checked. */
export function contentOf(entry: ZipEntry): Uint8Array {
  if (entry.kind === "new") return entry.content;
  if (entry.size > MAX_PART_BYTES) throw tooLarge(entry.name, MAX_PART_BYTES);
  let out: Uint8Array;
  if (entry.method === 0) out = entry.data;
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(entry.data, { maxOutputLength: MAX_PART_BYTES });
    } catch (e) {
      throw (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? tooLarge(entry.name, MAX_PART_BYTES) : invalid();
    }
  } else throw invalid();
  if (crc32(out) >>> 0 !== entry.crc >>> 0) throw invalid();
  return out;
}

export function textOf(entry: ZipEntry): string {
  const bytes = contentOf(entry);
  // a byte-order mark is kept out of the text and put back by the caller if it wants
  return decoder.decode(bytes);
}

const encoder = new TextEncoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);

interface Written {
  header: Uint8Array;
  data: Uint8Array;
  central: Uint8Array;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}

function writeEntry(entry: ZipEntry, offset: number): Written {
  let nameBytes: Uint8Array;
  let flags: number;
  let method: number;
  let crc: number;
  let size: number;
  let data: Uint8Array;
  let versionNeeded: number;
  let versionMadeBy: number;
  let localExtra: Uint8Array = new Uint8Array(0);
  let centralExtra: Uint8Array = new Uint8Array(0);
  let comment: Uint8Array = new Uint8Array(0);
  let internalAttributes = 0;
  let externalAttributes = 0;
  if (entry.kind === "stored") {
    ({ nameBytes, method, crc, size, data, localExtra, centralExtra, comment, internalAttributes, externalAttributes, versionMadeBy } = entry);
    flags = entry.flags & ~DESCRIPTOR_FLAG; // sizes and CRC go in the local header
    versionNeeded = entry.versionNeeded >= 45 ? 20 : entry.versionNeeded;
  } else {
    nameBytes = utf8(entry.name);
    flags = isAscii(entry.name) ? 0 : UTF8_FLAG;
    method = 8;
    crc = crc32(entry.content) >>> 0;
    size = entry.content.length;
    data = deflateRawSync(entry.content);
    versionNeeded = 20;
    versionMadeBy = entry.like?.versionMadeBy ?? 20;
    if (entry.like) {
      ({ internalAttributes, externalAttributes, comment } = entry.like);
      if (entry.like.flags & UTF8_FLAG) flags |= UTF8_FLAG;
    }
  }
  if (size > 0xfffffffe || data.length > 0xfffffffe || offset > 0xfffffffe) throw tooLarge(entry.name, 0xfffffffe);
  const header = new Uint8Array(30 + nameBytes.length + localExtra.length);
  const h = view(header);
  h.setUint32(0, LOCAL, true);
  h.setUint16(4, versionNeeded, true);
  h.setUint16(6, flags, true);
  h.setUint16(8, method, true);
  h.setUint16(10, entry.time, true);
  h.setUint16(12, entry.date, true);
  h.setUint32(14, crc, true);
  h.setUint32(18, data.length, true);
  h.setUint32(22, size, true);
  h.setUint16(26, nameBytes.length, true);
  h.setUint16(28, localExtra.length, true);
  header.set(nameBytes, 30);
  header.set(localExtra, 30 + nameBytes.length);

  const central = new Uint8Array(46 + nameBytes.length + centralExtra.length + comment.length);
  const c = view(central);
  c.setUint32(0, CENTRAL, true);
  c.setUint16(4, versionMadeBy, true);
  c.setUint16(6, versionNeeded, true);
  c.setUint16(8, flags, true);
  c.setUint16(10, method, true);
  c.setUint16(12, entry.time, true);
  c.setUint16(14, entry.date, true);
  c.setUint32(16, crc, true);
  c.setUint32(20, data.length, true);
  c.setUint32(24, size, true);
  c.setUint16(28, nameBytes.length, true);
  c.setUint16(30, centralExtra.length, true);
  c.setUint16(32, comment.length, true);
  c.setUint16(34, 0, true);
  c.setUint16(36, internalAttributes, true);
  c.setUint32(38, externalAttributes, true);
  c.setUint32(42, offset, true);
  central.set(nameBytes, 46);
  central.set(centralExtra, 46 + nameBytes.length);
  central.set(comment, 46 + nameBytes.length + centralExtra.length);
  return { header, data, central };
}

export function writeZip(archive: ZipArchive): Uint8Array {
  const chunks: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of archive.entries) {
    const w = writeEntry(entry, offset);
    chunks.push(w.header, w.data);
    centrals.push(w.central);
    offset += w.header.length + w.data.length;
  }
  if (archive.entries.length > 0xfffe) throw tooLarge("", 0xfffe);
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = new Uint8Array(22 + archive.comment.length);
  const e = view(end);
  e.setUint32(0, END, true);
  e.setUint16(8, archive.entries.length, true);
  e.setUint16(10, archive.entries.length, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  e.setUint16(20, archive.comment.length, true);
  end.set(archive.comment, 22);
  return Buffer.concat([...chunks, ...centrals, end]);
}

/** A date as a zip entry stores it (DOS time and date, UTC, to the even second; 1980 at the earliest). */
export function dosDateTime(when: Date): { time: number; date: number } {
  const d = when.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : when;
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** The package again with every entry dated `when`: their bytes copied, the output depends on the input only. */
export function redate(bytes: Uint8Array, when: Date, opts: { sortByName?: boolean; dropFolders?: boolean } = {}): Uint8Array {
  const archive = readZip(bytes);
  const stamp = dosDateTime(when);
  let entries = archive.entries.map((e) => ({ ...e, ...stamp }));
  if (opts.dropFolders) entries = entries.filter((e) => !e.name.endsWith("/"));
  if (opts.sortByName) entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return writeZip({ entries, comment: archive.comment });
}
