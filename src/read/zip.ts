// A zip package (xlsx, xlsm, ods) read through its central directory, as the
// format intends: every part is found by the directory, never by scanning or
// streaming the file, so the same bytes always give the same parts. Sizes are
// checked twice: as the directory declares them, and again while inflating,
// so a zip bomb is refused before it can fill the memory.
import { inflateRawSync } from "node:zlib";
import { declaresDoctype } from "./xml-prolog.js";

/** Larger than any part of a county's workbook by far (a 10,000-enterprise sheet is about 20 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** All parts together. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

export interface ZipEntry {
  /** the part's name, e.g. `xl/worksheets/sheet1.xml` */
  name: string;
  /** inflated size as the central directory declares it */
  size: number;
}

export interface ZipPackage {
  entries: readonly ZipEntry[];
  /** the part's bytes, inflated and checked; throws a UserError for a bad part */
  read(name: string): Uint8Array;
}

/** Why a package cannot be read; the caller words it for the user. */
export type ZipFault = { kind: "invalid" } | { kind: "encrypted" } | { kind: "too-large"; part: string; limit: number } | { kind: "doctype"; part: string };

export class ZipError extends Error {
  constructor(readonly fault: ZipFault) {
    super(fault.kind);
    this.name = "ZipError";
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Located extends ZipEntry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

const invalid = () => new ZipError({ kind: "invalid" });

/** Reads the central directory; parts are inflated only when asked for. */
export function openZip(bytes: Uint8Array, limits = { part: MAX_PART_BYTES, total: MAX_PACKAGE_BYTES }): ZipPackage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => {
    const n = Number(view.getBigUint64(at, true));
    if (!Number.isSafeInteger(n)) throw invalid();
    return n;
  };
  const inside = (at: number, length: number) => at >= 0 && length >= 0 && at + length <= bytes.length;

  // the end-of-central-directory record: the last 22 bytes, or further back past a comment
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw invalid(); // split archives are no workbooks
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== EOCD64_LOCATOR) throw invalid();
    const at = u64(locator + 8);
    if (!inside(at, 56) || u32(at) !== EOCD64) throw invalid();
    count = u64(at + 32);
    dirSize = u64(at + 40);
    dirOffset = u64(at + 48);
  }
  if (!inside(dirOffset, dirSize) || count * 46 > dirSize) throw invalid();

  const entries: Located[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = dirOffset;
  const utf8 = new TextDecoder("utf-8");
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) throw invalid();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) throw invalid();
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the sizes and offset that do not fit 32 bits, in this order, in extra field 0x0001
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = u16(x);
      const length = u16(x + 2);
      if (id === 0x0001) {
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
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x0001 || flags & 0x0040) throw new ZipError({ kind: "encrypted" });
    if (name.endsWith("/")) continue; // a folder
    if (method !== 0 && method !== 8) throw invalid();
    if (names.has(name)) throw invalid();
    names.add(name);
    total += size;
    if (size > limits.part || total > limits.total) throw new ZipError({ kind: "too-large", part: name, limit: size > limits.part ? limits.part : limits.total });
    entries.push({ name, size, method, compressedSize, localOffset });
  }

  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    entries: entries.map(({ name, size }) => ({ name, size })),
    read(name: string): Uint8Array {
      const e = byName.get(name);
      if (!e) throw invalid();
      const local = e.localOffset;
      if (!inside(local, 30) || u32(local) !== LOCAL) throw invalid();
      const start = local + 30 + u16(local + 26) + u16(local + 28);
      if (!inside(start, e.compressedSize)) throw invalid(); // truncated
      const stored = bytes.subarray(start, start + e.compressedSize);
      let data: Uint8Array;
      if (e.method === 0) {
        data = stored;
      } else {
        try {
          // never more than the directory declared: a part that lies about its size stops here
          data = inflateRawSync(stored, { maxOutputLength: Math.max(1, e.size) });
        } catch {
          throw invalid();
        }
      }
      if (data.length !== e.size) throw invalid();
      if (declaresDoctype(data)) throw new ZipError({ kind: "doctype", part: name });
      return data;
    },
  };
}
