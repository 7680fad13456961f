// Just enough of the OpenType file format to embed a subset in a PDF: the
// table directory and the character map. Pure.

export interface SfntTables {
  cff: boolean;
  tables: Map<string, { offset: number; length: number }>;
}

/** The table directory of the font at `at` (0, or a face's offset in a collection). */
export function readTables(font: Uint8Array, at = 0): SfntTables {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tag = (o: number) => String.fromCharCode(font[o]!, font[o + 1]!, font[o + 2]!, font[o + 3]!);
  const n = v.getUint16(at + 4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i++) {
    const rec = at + 12 + i * 16;
    tables.set(tag(rec), { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
  }
  return { cff: tag(at) === "OTTO", tables };
}

/** Where each face of a file starts: one face for a TTF/OTF, several for a TTC; null when it is no font. */
export function faceOffsets(font: Uint8Array): number[] | null {
  if (font.byteLength < 12) return null;
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const magic = v.getUint32(0);
  if (magic === 0x74746366 /* ttcf */) {
    const n = v.getUint32(8);
    if (n === 0 || 12 + 4 * n > font.byteLength) return null;
    return Array.from({ length: n }, (_, i) => v.getUint32(12 + 4 * i));
  }
  if (magic === 0x00010000 || magic === 0x4f54544f /* OTTO */ || magic === 0x74727565 /* true */) return [0];
  return null;
}

export interface FaceInfo {
  postscriptName: string | null;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: [number, number, number, number];
  cmap: Map<number, number>;
  /** advance width of a glyph in font units */
  advance(gid: number): number;
}

/** What a PDF and a line breaker need of one face: metrics, widths and the character map. */
export function readFace(font: Uint8Array, at = 0): FaceInfo {
  const { tables } = readTables(font, at);
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const table = (t: string) => {
    const found = tables.get(t);
    if (!found) throw new Error(`no ${t} table`);
    return found.offset;
  };
  const head = table("head");
  const hhea = table("hhea");
  const hmtx = table("hmtx");
  const metrics = v.getUint16(hhea + 34);
  const os2 = tables.get("OS/2");
  const post = tables.get("post");
  return {
    postscriptName: readPostscriptName(font, tables.get("name")?.offset),
    unitsPerEm: v.getUint16(head + 18),
    bbox: [v.getInt16(head + 36), v.getInt16(head + 38), v.getInt16(head + 40), v.getInt16(head + 42)],
    ascent: v.getInt16(hhea + 4),
    descent: v.getInt16(hhea + 6),
    capHeight: os2 && v.getUint16(os2.offset) >= 2 && os2.length >= 90 ? v.getInt16(os2.offset + 88) : v.getInt16(hhea + 4),
    italicAngle: post ? v.getInt32(post.offset + 4) / 65536 : 0,
    cmap: readCmap(font, at),
    advance: (gid) => (metrics === 0 ? 0 : v.getUint16(hmtx + 4 * Math.min(gid, metrics - 1))),
  };
}

function readPostscriptName(font: Uint8Array, at: number | undefined): string | null {
  if (at === undefined) return null;
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = v.getUint16(at + 2);
  const strings = at + v.getUint16(at + 4);
  for (let i = 0; i < count; i++) {
    const r = at + 6 + i * 12;
    if (v.getUint16(r + 6) !== 6) continue;
    const platform = v.getUint16(r);
    const bytes = font.subarray(strings + v.getUint16(r + 10), strings + v.getUint16(r + 10) + v.getUint16(r + 8));
    if (platform === 3 || platform === 0) {
      let out = "";
      for (let k = 0; k + 1 < bytes.length; k += 2) out += String.fromCharCode((bytes[k]! << 8) | bytes[k + 1]!);
      return out;
    }
    if (platform === 1) return String.fromCharCode(...bytes);
  }
  return null;
}

/** Unicode code point -> glyph id, from the best Unicode subtable (format 12, else 4). */
export function readCmap(font: Uint8Array, at = 0): Map<number, number> {
  const { tables } = readTables(font, at);
  const cmap = tables.get("cmap");
  const out = new Map<number, number>();
  if (!cmap) return out;
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const base = cmap.offset;
  const count = v.getUint16(base + 2);
  let best = -1;
  let bestRank = 0;
  for (let i = 0; i < count; i++) {
    const platform = v.getUint16(base + 4 + i * 8);
    const encoding = v.getUint16(base + 6 + i * 8);
    const offset = base + v.getUint32(base + 8 + i * 8);
    const format = v.getUint16(offset);
    const rank =
      format === 12 && (platform === 3 || platform === 0) ? 3 : format === 4 && ((platform === 3 && encoding === 1) || platform === 0) ? 2 : 0;
    if (rank > bestRank) {
      best = offset;
      bestRank = rank;
    }
  }
  if (best < 0) return out;
  if (v.getUint16(best) === 12) {
    const groups = v.getUint32(best + 12);
    for (let g = 0; g < groups; g++) {
      const o = best + 16 + g * 12;
      const start = v.getUint32(o);
      const end = v.getUint32(o + 4);
      const gid = v.getUint32(o + 8);
      for (let cp = start; cp <= end; cp++) out.set(cp, gid + cp - start);
    }
    return out;
  }
  const segX2 = v.getUint16(best + 6);
  const ends = best + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = v.getUint16(ends + s * 2);
    const start = v.getUint16(starts + s * 2);
    const delta = v.getInt16(deltas + s * 2);
    const ro = v.getUint16(rangeOffsets + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let gid: number;
      if (ro === 0) gid = (cp + delta) & 0xffff;
      else {
        const at = rangeOffsets + s * 2 + ro + (cp - start) * 2;
        gid = v.getUint16(at);
        if (gid !== 0) gid = (gid + delta) & 0xffff;
      }
      if (gid !== 0) out.set(cp, gid);
    }
  }
  return out;
}

/**
 * For a CID-keyed CFF font, glyph id -> CID from its charset; null for a
 * TrueType or name-keyed font, where a PDF selects glyphs by id directly.
 */
export function readCffCids(font: Uint8Array): Map<number, number> | null {
  const cff = readTables(font).tables.get("CFF ");
  if (!cff) return null;
  const b = font.subarray(cff.offset, cff.offset + cff.length);
  const u16 = (o: number) => (b[o]! << 8) | b[o + 1]!;
  const offset = (o: number, size: number) => {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + b[o + i]!;
    return v;
  };
  /** an INDEX at `o`: its items' [start, end) and where it ends */
  const index = (o: number) => {
    const count = u16(o);
    if (count === 0) return { items: [] as [number, number][], end: o + 2 };
    const size = b[o + 2]!;
    const data = o + 3 + (count + 1) * size - 1;
    const items: [number, number][] = [];
    for (let i = 0; i < count; i++) items.push([data + offset(o + 3 + i * size, size), data + offset(o + 3 + (i + 1) * size, size)]);
    return { items, end: data + offset(o + 3 + count * size, size) };
  };
  const names = index(b[2]!);
  const top = index(names.end).items[0];
  if (!top) return null;
  // the Top DICT: operands, then an operator
  const ops = new Map<number, number[]>();
  let operands: number[] = [];
  for (let p = top[0]; p < top[1]; ) {
    const v = b[p]!;
    if (v <= 21) {
      const op = v === 12 ? 1200 + b[p + 1]! : v;
      p += v === 12 ? 2 : 1;
      ops.set(op, operands);
      operands = [];
    } else if (v === 28) {
      operands.push(((u16(p + 1) << 16) >> 16));
      p += 3;
    } else if (v === 29) {
      operands.push((u16(p + 1) << 16) | u16(p + 3));
      p += 5;
    } else if (v === 30) {
      p++;
      while (p < top[1] && (b[p]! & 0x0f) !== 0x0f && (b[p]! & 0xf0) !== 0xf0) p++;
      p++;
      operands.push(0); // a real: no offset we need is one
    } else if (v >= 32 && v <= 246) {
      operands.push(v - 139);
      p++;
    } else if (v >= 247 && v <= 250) {
      operands.push((v - 247) * 256 + b[p + 1]! + 108);
      p += 2;
    } else if (v >= 251 && v <= 254) {
      operands.push(-(v - 251) * 256 - b[p + 1]! - 108);
      p += 2;
    } else p++;
  }
  if (!ops.has(1230)) return null; // no ROS: name-keyed
  const charset = ops.get(15)?.[0] ?? 0;
  const charStrings = ops.get(17)?.[0];
  if (charStrings === undefined || charset <= 2) return null;
  const glyphs = u16(charStrings);
  const cids = new Map<number, number>([[0, 0]]);
  let p = charset;
  const format = b[p++]!;
  let gid = 1;
  if (format === 0) {
    for (; gid < glyphs; gid++, p += 2) cids.set(gid, u16(p));
  } else {
    while (gid < glyphs) {
      const first = u16(p);
      const left = format === 1 ? b[p + 2]! : u16(p + 2);
      p += format === 1 ? 3 : 4;
      for (let k = 0; k <= left && gid < glyphs; k++) cids.set(gid++, first + k);
    }
  }
  return cids;
}
