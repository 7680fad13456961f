// The items a list block prints: the record's own list, or, when that is
// empty and the template names a fallback, items made from another list of
// the record (附表2's lines from 附表1's equipment, before acceptance). Pure.
import { getPath } from "../model/paths.js";
import { fill, type FillContext } from "./format.js";
import type { ListBlock } from "./template.js";

const NOWHERE = { file: "", sheet: null, row: null, cell: null, line: null };

function listLength(record: unknown, path: string): number {
  const v = record ? getPath(record, path) : undefined;
  return Array.isArray(v) ? v.length : 0;
}

/** A copy of `record` with `value` at the dotted `path`, objects along it copied (or made). */
function withPath(record: unknown, path: string, value: unknown): unknown {
  const [key, ...rest] = path.split(".");
  const obj = record !== null && typeof record === "object" ? (record as Record<string, unknown>) : {};
  return { ...obj, [key!]: rest.length === 0 ? value : withPath(obj[key!], rest.join("."), value) };
}

/** The record to fill the list's rows from, and how many items it has. */
export function listItems(block: ListBlock, record: unknown): { record: unknown; count: number } {
  const own = listLength(record, block.list);
  if (own > 0 || !block.fallback) return { record, count: own };
  const from = block.fallback.list;
  const count = listLength(record, from);
  if (count === 0) return { record, count: 0 };
  // the texts are made here; characters the font lacks are found when they are printed
  const ctx: FillContext = { coverage: { has: () => true }, record: null, locate: () => NOWHERE, findings: [], reported: new Set() };
  const items = Array.from({ length: count }, (_, index) => {
    const item: Record<string, string | null> = {};
    for (const [field, text] of Object.entries(block.fallback!.item)) {
      const filled = fill(text, { record, list: from, index }, ctx);
      item[field] = filled.blank ? null : filled.text.trim() || null;
    }
    return item;
  });
  return { record: withPath(record, block.list, items), count };
}
