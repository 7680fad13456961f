// Just enough of the OpenType file format to embed a subset in a PDF: the
// table directory and the character map. Pure.

export interface SfntTables {
  cff: boolean;
  tables: Map<string, { offset: number; length: number }>;
}

export function readTables(font: Uint8Array): SfntTables {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tag = (o: number) => String.fromCharCode(font[o]!, font[o + 1]!, font[o + 2]!, font[o + 3]!);
  const n = v.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    tables.set(tag(rec), { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
  }
  return { cff: tag(0) === "OTTO", tables };
}

/** Unicode code point -> glyph id, from the best Unicode subtable (format 12, else 4). */
export function readCmap(font: Uint8Array): Map<number, number> {
  const { tables } = readTables(font);
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
