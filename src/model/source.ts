// Where a value came from, so every finding can point at a cell or a line.
import { normaliseCode, normaliseText } from "../values/text.js";
import type { EnterpriseRecord } from "./record.js";

export interface Location {
  file: string;
  sheet: string | null;
  row: number | null;
  cell: string | null;
  line: number | null;
}

/** A value as it arrived, before it is judged: a cell's content or a YAML scalar. */
export type RawValue = string | number | boolean | Date | null;

/** One enterprise as read from its file(s), typed, with the origin of every value. */
export interface LoadedRecord {
  record: EnterpriseRecord;
  /** where the record starts: its 附表1 row (or 附表2 row), or the YAML document */
  origin: Location;
  /** location of each field path that was present, e.g. `acceptance.lines[1].removedOn` */
  locations: ReadonlyMap<string, Location>;
  /** the value as the clerk typed it, for reports */
  typed: ReadonlyMap<string, string>;
  /** paths whose value was present but could not be read (already reported) */
  unreadable: ReadonlySet<string>;
  /** spreadsheet rows the record was read from, to point at blank cells too */
  cells?: readonly CellRow[];
}

/** One sheet row of a record: which column holds which field (shared by all rows of a sheet). */
export interface CellRow {
  file: string;
  sheet: string;
  row: number;
  /** for item sheets: the list index this row fills */
  item: number | null;
  /** template path (`equipment[].name`) -> column letter */
  columns: ReadonlyMap<string, string>;
}

export function locate(rec: LoadedRecord, path: string): Location {
  const exact = rec.locations.get(path);
  if (exact) return exact;
  if (rec.cells) {
    // a blank cell: the column of its field in the row of its record or list item
    const template = path.replace(/\[\d+\]/g, "[]");
    const index = /\[(\d+)\]/.exec(path);
    const item = index ? Number(index[1]) : null;
    for (const c of rec.cells) {
      const letter = c.columns.get(template);
      if (letter && c.item === item) return { file: c.file, sheet: c.sheet, row: c.row, cell: `${letter}${c.row}`, line: null };
    }
  }
  // a missing field: point at the row of its list item or of the record
  const item = /^(.*\[\d+\])/.exec(path)?.[1];
  if (item) {
    for (const [p, loc] of rec.locations) {
      if (p.startsWith(item + ".")) return { ...loc, cell: null };
    }
  }
  // a field whose column the sheet lacks: the row its neighbours were read from
  // (a verdict's missing opinion points at the 附表2 row, not at 附表1)
  for (let prefix = path.slice(0, path.lastIndexOf(".") + 1); prefix; prefix = prefix.slice(0, prefix.lastIndexOf(".", prefix.length - 2) + 1)) {
    for (const [p, loc] of rec.locations) {
      if (!p.startsWith(prefix) || loc.sheet === null) continue;
      return loc.sheet === rec.origin.sheet && loc.row === rec.origin.row && loc.file === rec.origin.file ? rec.origin : { ...loc, cell: null };
    }
  }
  return rec.origin;
}

/**
 * The one way a record is named, by validate, check, render, notice and annotate
 * alike: its USCC (folded as every code is), else its name; null with neither.
 * The reader names a record from its typed values before the record exists
 * (read/assemble.ts `recordKey`), through this same function.
 */
export function recordNameOf(uscc: string | null | undefined, name: string | null | undefined): string | null {
  const code = uscc ? normaliseCode(uscc) : "";
  if (code) return code;
  const text = name ? normaliseText(name) : "";
  return text || null;
}

/** A loaded record's name: its USCC as read, else as typed (unreadable), else its name. */
export function recordName(rec: LoadedRecord): string | null {
  return recordNameOf(rec.record.enterprise?.uscc ?? rec.typed.get("enterprise.uscc"), rec.record.enterprise?.name);
}
