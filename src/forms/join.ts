// A form that adds a part to a record filed before (附表2's acceptance to the
// enterprise of 附表1) joins that record by 统一社会信用代码: in its own file
// first, then in any other input. A part with no record to join is a record
// of its own (acceptance only), as a 附表2 sheet without 附表1 is. Pure.
import type { Finding } from "../model/finding.js";
import { getPath, setPath } from "../model/paths.js";
import type { LoadedRecord } from "../model/source.js";
import { displayRaw } from "../read/assemble.js";
import { normaliseCode } from "../values/text.js";
import { labelKey } from "./text.js";

/** A record read from a form that only adds `part` (acceptance) to its enterprise's record. */
export interface PartRecord {
  part: string;
  loaded: LoadedRecord;
}

/** The USCC a record is joined by, as read or else as typed. */
export function joinKey(rec: LoadedRecord): string | null {
  const uscc = rec.record.enterprise?.uscc ?? rec.typed.get("enterprise.uscc");
  return uscc ? normaliseCode(uscc) : null;
}

/** What the part's form repeats of the record's own (附表2's name and address); the record's stand. */
const REPEATED = ["enterprise.name", "enterprise.address"];

/**
 * Joins each part into the first record with its USCC that lacks that part;
 * returns the records (joined ones replaced) and the parts that found none.
 */
export function joinParts(records: readonly LoadedRecord[], parts: readonly PartRecord[]): { records: LoadedRecord[]; left: PartRecord[]; findings: Finding[] } {
  const out = [...records];
  const left: PartRecord[] = [];
  const findings: Finding[] = [];
  for (const p of parts) {
    const key = joinKey(p.loaded);
    const i = key === null ? -1 : out.findIndex((r) => joinKey(r) === key && getPath(r.record, p.part) == null);
    if (i < 0) {
      left.push(p);
      continue;
    }
    const merged = mergePart(out[i]!, p);
    out[i] = merged.loaded;
    findings.push(...merged.findings);
  }
  return { records: out, left, findings };
}


/** The record with the part's values where it has none of its own; where both give a name or address and they differ, a warning at the part's cell. */
export function mergePart(base: LoadedRecord, part: PartRecord): { loaded: LoadedRecord; findings: Finding[] } {
  const extra = part.loaded;
  const record = structuredClone(base.record) as Record<string, unknown>;
  const locations = new Map(base.locations);
  const typed = new Map(base.typed);
  const unreadable = new Set(base.unreadable);
  const findings: Finding[] = [];
  for (const [path, loc] of extra.locations) {
    const value = getPath(extra.record, path);
    const mine = getPath(record, path);
    if (value !== undefined && value !== null) {
      if (mine === undefined || mine === null) {
        setPath(record, path, value);
        locations.set(path, loc);
        const t = extra.typed.get(path);
        if (t !== undefined) typed.set(path, t);
      } else if (REPEATED.includes(path) && labelKey(String(mine)) !== labelKey(String(value))) {
        const other = base.locations.get(path) ?? base.origin;
        findings.push({
          severity: "warning",
          rule: "annex-mismatch",
          field: path,
          record: joinKey(base),
          location: loc,
          data: { sheet: other.sheet ?? other.file, value: displayRaw(String(value)), other: displayRaw(String(mine)) },
          places: { where: other },
          value: displayRaw(String(value)),
        });
      }
    } else if (!locations.has(path) || path.startsWith(`${part.part}.`)) {
      // a blank or unreadable cell of the part: where a finding about it points
      locations.set(path, loc);
      if (extra.unreadable.has(path)) {
        unreadable.add(path);
        const t = extra.typed.get(path);
        if (t !== undefined) typed.set(path, t);
      }
    }
  }
  const cells = base.cells || extra.cells ? [...(base.cells ?? []), ...(extra.cells ?? [])] : undefined;
  return { loaded: { record: record as LoadedRecord["record"], origin: base.origin, locations, typed, unreadable, cells }, findings };
}
