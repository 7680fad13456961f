// The zip container of an OOXML package, read through its central directory
// and written back with every entry that is not replaced copied as it was: the
// same compressed bytes, CRC, name bytes, times and attributes. Only the parts
// the marks change are inflated and deflated again (node's zlib, deterministic).
//
// Hand-written rather than taken from a library: the libraries at hand either
// recompress every entry in JavaScript (jszip, through pako, 5-8x slower than
// zlib) or cannot add an entry's compressed bytes as they are (yazl, fflate).
// The format is small and fixed: APPNOTE.TXT sections 4.3 and 4.5.
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** No part of a workbook a county sends comes near this; past it the zip is refused (a zip bomb). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

export class ZipError extends Error {
  constructor(
    readonly reason: "not-zip" | "encrypted" | "too-large" | "corrupt",
    readonly entry?: string,
  ) {
    super(entry ? `${reason}: ${entry}` : reason);
    this.name = "ZipError";
  }
}

/** An entry as it stands in the input: its compressed bytes are copied, never touched. */
export interface StoredEntry {
  kind: "stored";
  name: string;
  nameBytes: Uint8Array;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  internalAttributes: number;
  externalAttributes: number;
  localExtra: Uint8Array;
  centralExtra: Uint8Array;
  comment: Uint8Array;
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

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const UTF8_FLAG = 0x0800;
const DESCRIPTOR_FLAG = 0x0008;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEnd(bytes: Uint8Array, dv: DataView): number {
  // the end record is 22 bytes plus a comment of at most 65535
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (dv.getUint32(i, true) === END && i + 22 + dv.getUint16(i + 20, true) === bytes.length) return i;
  }
  for (let i = bytes.length - 22; i >= stop; i--) if (dv.getUint32(i, true) === END) return i; // trailing bytes after the comment
  throw new ZipError("not-zip");
}

/** The extra field without its zip64 record (the writer writes no zip64), and the values that record held. */
function splitExtra(extra: Uint8Array): { rest: Uint8Array; zip64: DataView | null } {
  const dv = view(extra);
  const keep: Uint8Array[] = [];
  let zip64: DataView | null = null;
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = dv.getUint16(i, true);
    const len = dv.getUint16(i + 2, true);
    const end = Math.min(extra.length, i + 4 + len);
    if (id === ZIP64_EXTRA) zip64 = view(extra.subarray(i + 4, end));
    else keep.push(extra.subarray(i, end));
    i = end;
  }
  if (!zip64) return { rest: extra, zip64: null };
  return { rest: Buffer.concat(keep), zip64 };
}

const decoder = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

export function readZip(bytes: Uint8Array): ZipArchive {
  if (bytes.length < 22) throw new ZipError("not-zip");
  const dv = view(bytes);
  const end = findEnd(bytes, dv);
  let count = dv.getUint16(end + 10, true);
  let cdOffset = dv.getUint32(end + 16, true);
  const comment = bytes.subarray(end + 22, Math.min(bytes.length, end + 22 + dv.getUint16(end + 20, true)));
  if (end >= 20 && dv.getUint32(end - 20, true) === END64_LOCATOR) {
    const at = Number(dv.getBigUint64(end - 12, true));
    if (at + 56 > bytes.length || dv.getUint32(at, true) !== END64) throw new ZipError("corrupt");
    count = Number(dv.getBigUint64(at + 32, true));
    cdOffset = Number(dv.getBigUint64(at + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CENTRAL) throw new ZipError("corrupt");
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const { rest: centralExtra, zip64 } = splitExtra(bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    let size = dv.getUint32(p + 24, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let offset = dv.getUint32(p + 42, true);
    if (zip64) {
      let z = 0;
      const next = () => (z + 8 <= zip64.byteLength ? Number(zip64.getBigUint64((z += 8) - 8, true)) : NaN);
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (offset === 0xffffffff) offset = next();
      if ([size, compressedSize, offset].some(Number.isNaN)) throw new ZipError("corrupt");
    }
    const name = (flags & UTF8_FLAG ? decoder : latin1).decode(nameBytes);
    if (flags & 0x0001) throw new ZipError("encrypted", name);
    if (offset + 30 > bytes.length || dv.getUint32(offset, true) !== LOCAL) throw new ZipError("corrupt", name);
    const localNameLen = dv.getUint16(offset + 26, true);
    const localExtraLen = dv.getUint16(offset + 28, true);
    const dataStart = offset + 30 + localNameLen + localExtraLen;
    if (dataStart + compressedSize > bytes.length) throw new ZipError("corrupt", name);
    entries.push({
      kind: "stored",
      name,
      nameBytes,
      versionMadeBy: dv.getUint16(p + 4, true),
      versionNeeded: dv.getUint16(p + 6, true),
      flags,
      method: dv.getUint16(p + 10, true),
      time: dv.getUint16(p + 12, true),
      date: dv.getUint16(p + 14, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize,
      size,
      internalAttributes: dv.getUint16(p + 36, true),
      externalAttributes: dv.getUint32(p + 38, true),
      localExtra: splitExtra(bytes.subarray(offset + 30 + localNameLen, dataStart)).rest,
      centralExtra,
      comment: bytes.subarray(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen),
      data: bytes.subarray(dataStart, dataStart + compressedSize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, comment };
}

/** An entry's content, inflated, its size bounded and its CRC checked. */
export function contentOf(entry: ZipEntry): Uint8Array {
  if (entry.kind === "new") return entry.content;
  if (entry.size > MAX_PART_BYTES) throw new ZipError("too-large", entry.name);
  let out: Uint8Array;
  if (entry.method === 0) out = entry.data;
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(entry.data, { maxOutputLength: MAX_PART_BYTES });
    } catch (e) {
      throw new ZipError((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "too-large" : "corrupt", entry.name);
    }
  } else throw new ZipError("corrupt", entry.name);
  if (crc32(out) >>> 0 !== entry.crc >>> 0) throw new ZipError("corrupt", entry.name);
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
  if (size > 0xfffffffe || data.length > 0xfffffffe || offset > 0xfffffffe) throw new ZipError("too-large", entry.name);
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
  if (archive.entries.length > 0xfffe) throw new ZipError("too-large");
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
