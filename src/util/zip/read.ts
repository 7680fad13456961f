// A zip package (xlsx, xlsm, ods, docx) opened for reading its parts. Sizes are
// checked twice: as the directory declares them, and again while inflating,
// so a zip bomb is refused before it can fill the memory. An XML part that
// declares a DOCTYPE is refused, never expanded.
import { inflateRawSync } from "node:zlib";
import { invalid, localData, MAX_PACKAGE_BYTES, MAX_PART_BYTES, readDirectory, ZipError, type DirectoryEntry } from "./directory.js";
import { declaresDoctype } from "./xml-prolog.js";

export { MAX_PACKAGE_BYTES, MAX_PART_BYTES, ZipError, type ZipFault } from "./directory.js";


export interface ZipEntry {
  /** the part's name, e.g. `xl/worksheets/sheet1.xml` */
  name: string;
  /** inflated size as the central directory declares it */
  size: number;
}

export interface ZipPackage {
  entries: readonly ZipEntry[];
  /** the part's bytes, inflated and checked; throws a ZipError for a bad part */
  read(name: string): Uint8Array;
}

/** Reads the central directory; parts are inflated only when asked for. */
export function openZip(bytes: Uint8Array, limits = { part: MAX_PART_BYTES, total: MAX_PACKAGE_BYTES }): ZipPackage {
  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  for (const e of readDirectory(bytes).entries) {
    if (e.name.endsWith("/")) continue; // a folder
    if (e.method !== 0 && e.method !== 8) throw invalid();
    if (names.has(e.name)) throw invalid();
    names.add(e.name);
    total += e.size;
    if (e.size > limits.part || total > limits.total) throw new ZipError({ kind: "too-large", part: e.name, limit: e.size > limits.part ? limits.part : limits.total });
    entries.push(e);
  }

  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    entries: entries.map(({ name, size }) => ({ name, size })),
    read(name: string): Uint8Array {
      const e = byName.get(name);
      if (!e) throw invalid();
      const stored = localData(bytes, e).data;
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
