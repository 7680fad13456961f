// A zip written byte by byte, for packages no zip library would write: parts
// that lie about their size, zip bombs, encrypted flags.
import { deflateRawSync, constants } from "node:zlib";
import JSZip from "jszip";

export interface RawEntry {
  name: string;
  /** the bytes as stored (already deflated when method is 8) */
  stored: Uint8Array;
  method: 0 | 8;
  /** the inflated size the directory declares */
  size: number;
  flags?: number;
  /** sizes in a ZIP64 extra field, as writers of large or streamed packages put them */
  zip64?: boolean;
}

export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const extra = Buffer.alloc(e.zip64 ? 20 : 0);
    if (e.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(e.size), 4);
      extra.writeBigUInt64LE(BigInt(e.stored.length), 12);
    }
    const csize = e.zip64 ? 0xffffffff : e.stored.length;
    const usize = e.zip64 ? 0xffffffff : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    chunks.push(local, name, extra, Buffer.from(e.stored));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE((e.flags ?? 0) | 0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(csize, 20);
    dir.writeUInt32LE(usize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(extra.length, 30);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name, extra);
    offset += 30 + name.length + extra.length + e.stored.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dirBytes, end]));
}

/** A real workbook's parts, deflated afresh, in their order. */
export async function partsOf(data: Uint8Array): Promise<RawEntry[]> {
  const zip = await JSZip.loadAsync(data);
  const out: RawEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue;
    const content = await zip.file(name)!.async("uint8array");
    out.push({ name, stored: deflateRawSync(content), method: 8, size: content.length });
  }
  return out;
}

/**
 * A deflate stream of `megabytes` MiB of `<` characters, about 1 KB per MiB:
 * one flushed block of a MiB repeated (each starts afresh), then the final block.
 */
export function bombStream(megabytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20, "<"), { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: megabytes }, () => block), last]));
}
