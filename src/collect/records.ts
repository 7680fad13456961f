// The records collect writes: each in the shape of record contract §1, keys in the
// record's own order, blanks left out; a value that could not be read is
// written as it was typed, so that reading the collected file again finds it
// again. Pure.
import { recordTree, type FieldNode } from "../model/fields.js";
import type { LoadedRecord, Location } from "../model/source.js";

export interface Collected {
  /** the record as written: typed values, and the text as typed where a value could not be read */
  record: Record<string, unknown>;
  /** where it came from, for a comment beside it */
  origin: Location;
}

function walk(node: FieldNode, value: unknown, path: string, loaded: LoadedRecord): unknown {
  if (node.type === "leaf") {
    if (loaded.unreadable.has(path)) return loaded.typed.get(path);
    return value === null || value === "" ? undefined : value;
  }
  if (node.type === "array") {
    if (!Array.isArray(value)) return undefined;
    const items = value.map((item, i) => walk(node.element, item, `${path}[${i}]`, loaded) ?? {});
    return items.length ? items : undefined;
  }
  const out: Record<string, unknown> = {};
  const obj = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  for (const [key, child] of node.children) {
    const v = walk(child, obj[key], path ? `${path}.${key}` : key, loaded);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length || path === "enterprise" ? out : undefined;
}

export function collectRecord(loaded: LoadedRecord): Collected {
  const record = (walk(recordTree, loaded.record, "", loaded) ?? {}) as Record<string, unknown>;
  if (!record.enterprise) record.enterprise = {};
  return { record, origin: loaded.origin };
}

/** How a record's origin is named beside it: `随县.docx › 表1`, `随县.xlsx › 附表1 第5行`. */
export function originText(loc: Location): string {
  if (loc.sheet === null) return loc.line !== null ? `${loc.file}:${loc.line}` : loc.file;
  return `${loc.file} › ${loc.sheet}`;
}
