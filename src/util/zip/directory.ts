// The one reader of a zip's central directory, for both uses of a package: the
// readers that only read its parts (./read.ts), and the marked copy that writes
// the package back with every part it need not change byte for byte
// (./package.ts). Every part is found by the directory, never by scanning or
// streaming the file, so the same bytes always give the same parts.
// The format is small and fixed: APPNOTE.TXT sections 4.3 and 4.5.

/** Why a package cannot be read or written; the caller words it for the user. */
export type ZipFault = { kind: "invalid" } | { kind: "encrypted" } | { kind: "too-large"; part: string; limit: number } | { kind: "doctype"; part: string };

export class ZipError extends Error {
  constructor(readonly fault: ZipFault) {
    super("part" in fault && fault.part ? `${fault.kind}: ${fault.part}` : fault.kind);
    this.name = "ZipError";
  }
}

/** Larger than any part of a county's workbook by far (a 10,000-enterprise sheet is about 20 MB); past it the zip is refused (a zip bomb). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** All parts together. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

export const invalid = () => new ZipError({ kind: "invalid" });

export const LOCAL = 0x04034b50;
export const CENTRAL = 0x02014b50;
export const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
export const ZIP64_EXTRA = 0x0001;

/** An entry as the central directory describes it, the ZIP64 sizes and offset resolved. */
export interface DirectoryEntry {
  /** the part's name, e.g. `xl/worksheets/sheet1.xml` */
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
  /** inflated size as the directory declares it */
  size: number;
  internalAttributes: number;
  externalAttributes: number;
  /** the central extra field as written, ZIP64 record included */
  centralExtra: Uint8Array;
  comment: Uint8Array;
  localOffset: number;
}

export interface Directory {
  entries: DirectoryEntry[];
  /** the archive's comment */
  comment: Uint8Array;
}

export const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Reads the central directory; nothing is inflated. Encrypted entries are refused. */
export function readDirectory(bytes: Uint8Array): Directory {
  const dv = view(bytes);
  const u16 = (at: number) => dv.getUint16(at, true);
  const u32 = (at: number) => dv.getUint32(at, true);
  const u64 = (at: number) => {
    const n = Number(dv.getBigUint64(at, true));
    if (!Number.isSafeInteger(n)) throw invalid();
    return n;
  };
  const inside = (at: number, length: number) => at >= 0 && length >= 0 && at + length <= bytes.length;

  const eocd = findEnd(bytes, dv);
  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirOffset = u32(eocd + 16);
  const comment = bytes.subarray(eocd + 22, Math.min(bytes.length, eocd + 22 + u16(eocd + 20)));
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw invalid(); // split archives are no packages
  const locator = eocd - 20;
  const hasLocator = locator >= 0 && u32(locator) === END64_LOCATOR;
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff || hasLocator) {
    if (!hasLocator) throw invalid();
    const at = u64(locator + 8);
    if (!inside(at, 56) || u32(at) !== END64) throw invalid();
    count = u64(at + 32);
    dirSize = u64(at + 40);
    dirOffset = u64(at + 48);
  }
  if (!inside(dirOffset, dirSize) || count * 46 > dirSize) throw invalid();

  const entries: DirectoryEntry[] = [];
  const utf8 = new TextDecoder("utf-8");
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) throw invalid();
    const flags = u16(at + 8);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) throw invalid();
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const extraStart = at + 46 + nameLength;
    // ZIP64: the sizes and offset that do not fit 32 bits, in this order, in extra field 0x0001
    for (let x = extraStart; x + 4 <= extraStart + extraLength; ) {
      const id = u16(x);
      const length = u16(x + 2);
      if (id === ZIP64_EXTRA) {
        let y = x + 4;
        const take = () => {
          if (y + 8 > x + 4 + length) throw invalid();
          const n = u64(y);
          y += 8;
          return n;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + length;
    }
    if (flags & 0x0001 || flags & 0x0040) throw new ZipError({ kind: "encrypted" });
    entries.push({
      name: utf8.decode(nameBytes),
      nameBytes,
      versionMadeBy: u16(at + 4),
      versionNeeded: u16(at + 6),
      flags,
      method: u16(at + 10),
      time: u16(at + 12),
      date: u16(at + 14),
      crc: u32(at + 16),
      compressedSize,
      size,
      internalAttributes: u16(at + 36),
      externalAttributes: u32(at + 38),
      centralExtra: bytes.subarray(extraStart, extraStart + extraLength),
      comment: bytes.subarray(extraStart + extraLength, extraStart + extraLength + commentLength),
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, comment };
}

/** The end-of-central-directory record: the last 22 bytes, or further back past a comment (or bytes after it). */
function findEnd(bytes: Uint8Array, dv: DataView): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= stop; at--) {
    if (dv.getUint32(at, true) === END && at + 22 + dv.getUint16(at + 20, true) <= bytes.length) return at;
  }
  throw invalid();
}

/** An entry's local extra field and compressed bytes, as they stand after its local header. */
export function localData(bytes: Uint8Array, e: DirectoryEntry): { localExtra: Uint8Array; data: Uint8Array } {
  const dv = view(bytes);
  const local = e.localOffset;
  if (local < 0 || local + 30 > bytes.length || dv.getUint32(local, true) !== LOCAL) throw invalid();
  const extraStart = local + 30 + dv.getUint16(local + 26, true);
  const start = extraStart + dv.getUint16(local + 28, true);
  if (start + e.compressedSize > bytes.length) throw invalid(); // truncated
  return { localExtra: bytes.subarray(extraStart, start), data: bytes.subarray(start, start + e.compressedSize) };
}
