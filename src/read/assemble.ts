// Raw values with their origins -> one typed record and the findings of reading it.
import { fieldMeta, leaves } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import { getPath, setPath } from "../model/paths.js";
import type { EnterpriseRecord } from "../model/record.js";
import { recordNameOf, type CellRow, type LoadedRecord, type Location, type RawValue } from "../model/source.js";
import { isBlank, parseValue } from "../values/index.js";

export interface RawField {
  path: string;
  raw: RawValue;
  loc: Location;
}

/** The record's lists (`equipment`, `acceptance.lines`). */
const LISTS = [...new Set([...leaves.keys()].filter((p) => p.includes("[]")).map((p) => p.slice(0, p.indexOf("[]"))))];

/** Longest text kept in a record field; anything longer is cut and reported. */
export const MAX_TEXT = 4000;

export function displayRaw(raw: Exclude<RawValue, null>): string {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? "?" : raw.toISOString().slice(0, 10);
  const s = String(raw);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** How a record is named in findings, from its typed values (model/source.ts `recordNameOf`). */
export function recordKey(fields: readonly RawField[]): string | null {
  const typed = (path: string) => {
    const f = fields.find((x) => x.path === path);
    return f && !isBlank(f.raw) ? String(f.raw) : null;
  };
  return recordNameOf(typed("enterprise.uscc"), typed("enterprise.name"));
}

/**
 * 填报单位 names a department (随县科经局); where no 县市区 is given it also
 * stands for the county, which the plan then resolves to its unit.
 */
function withCounty(fields: readonly RawField[]): readonly RawField[] {
  const unit = fields.find((f) => f.path === "reportingUnit" && !isBlank(f.raw));
  if (!unit || fields.some((f) => f.path === "county" && !isBlank(f.raw))) return fields;
  return [...fields.filter((f) => f.path !== "county"), { ...unit, path: "county" }];
}

export function assemble(
  given: readonly RawField[],
  origin: Location,
  cells?: readonly CellRow[],
): { loaded: LoadedRecord; findings: Finding[] } {
  const fields = withCounty(given);
  const findings: Finding[] = [];
  const obj: Record<string, unknown> = {};
  const locations = new Map<string, Location>();
  const typed = new Map<string, string>();
  const unreadable = new Set<string>();
  const record = recordKey(fields);

  for (const { path, raw, loc } of fields) {
    locations.set(path, loc);
    if (isBlank(raw)) continue;
    const meta = fieldMeta(path);
    if (!meta) continue; // readers only pass known fields
    let value: RawValue = raw;
    if (typeof value === "string" && value.length > MAX_TEXT) {
      findings.push({ severity: "warning", rule: "value-too-long", field: path, record, location: loc, data: { length: value.length, max: MAX_TEXT } });
      value = value.slice(0, MAX_TEXT);
    }
    typed.set(path, displayRaw(value));
    const parsed = parseValue(value, meta);
    if (parsed.ok) {
      setPath(obj, path, parsed.value);
    } else {
      unreadable.add(path);
      findings.push({
        severity: "error",
        rule: parsed.code,
        data: parsed.data,
        field: path,
        record,
        location: loc,
        value: displayRaw(value),
      });
    }
  }

  // Every value came through a parser of its field's kind, so the record fits
  // RecordSchema by construction; a property test holds the two together. A
  // safeParse here would copy every record and cost a third of a large run.
  if (obj.enterprise === undefined) obj.enterprise = {};
  for (const list of LISTS) {
    // an empty item before a filled one (a YAML `- ~`) stays an empty item, not a hole
    const items = getPath(obj, list);
    if (Array.isArray(items)) for (let i = 0; i < items.length; i++) if (items[i] === undefined) items[i] = {};
  }
  const rec = obj as EnterpriseRecord;
  return { loaded: { record: rec, origin, locations, typed, unreadable, cells }, findings };
}

