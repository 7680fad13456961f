// Filled forms -> records: each table a form of one of the layouts is read
// (./read.ts), its values typed as every reader's are (src/read/assemble.ts),
// and the forms that add a part to a record (附表2) joined to it within the
// file. What no form of the file could join is handed on, to be joined across
// the inputs (src/read/inputs.ts). Pure.
import type { Finding } from "../model/finding.js";
import type { LoadedRecord } from "../model/source.js";
import { assemble, recordKey } from "../read/assemble.js";
import { getPath } from "../model/paths.js";
import { isBlank } from "../values/index.js";
import { joinParts, type PartRecord } from "./join.js";
import type { FormLayout } from "./layout.js";
import { detectForm } from "./match.js";
import { readForm, type FormRead, type FormSource } from "./read.js";

export type { FormSource } from "./read.js";
export type { PartRecord } from "./join.js";

export interface FormsResult {
  records: LoadedRecord[];
  /** parts (acceptance) with no record of their own file to join */
  parts: PartRecord[];
  findings: Finding[];
  /** the tables that were forms */
  forms: FormSource[];
}

/** Values a both-ticked cell could not give: worded as such rather than as an unreadable yes/no. */
const BOTH = new Set(["yesno-invalid", "passed-invalid"]);

/** One form's read values -> its record, with the findings of reading it. */
export function recordOfForm(read: FormRead): { loaded: LoadedRecord; findings: Finding[] } {
  const { loaded, findings } = assemble(read.fields, read.origin);
  const record = recordKey(read.fields);
  const out: Finding[] = read.findings.map((f) => ({ ...f, record }));
  for (const f of findings) out.push(f.field && read.bothTicked.has(f.field) && BOTH.has(f.rule) ? { ...f, messageId: "both" } : f);
  // a required field whose label the form lacks has been reported: no second finding for its blank
  const unreadable = read.labelMissing.size ? new Set([...loaded.unreadable, ...read.labelMissing]) : loaded.unreadable;
  return { loaded: { ...loaded, unreadable }, findings: out };
}

/** Reads the tables that are forms; the others are left alone. */
export function readForms(sources: readonly FormSource[], layouts: readonly FormLayout[]): FormsResult {
  const records: LoadedRecord[] = [];
  const parts: PartRecord[] = [];
  const findings: Finding[] = [];
  const forms: FormSource[] = [];
  for (const source of sources) {
    const layout = detectForm(source.grid, layouts);
    if (!layout) continue;
    forms.push(source);
    const read = readForm(source, layout);
    if (read.fields.every((f) => isBlank(f.raw))) {
      // a blank form handed out and sent back as it was (or a spare one in the document): no enterprise
      findings.push({ severity: "warning", rule: "form-blank", field: null, record: null, location: { ...read.origin, row: null, cell: null }, data: { form: `${layout.tag}${layout.title}` } });
      continue;
    }
    const { loaded, findings: f } = recordOfForm(read);
    findings.push(...f);
    if (layout.part) parts.push({ part: layout.part, loaded: unfilledPart(loaded, layout) ? withoutPart(loaded, layout.part) : loaded });
    else records.push(loaded);
  }
  const joined = joinParts(records, parts);
  return { records: joined.records, parts: joined.left, findings: [...findings, ...joined.findings], forms };
}

/** Leaves under `value` that hold something, as paths with list indices folded: acceptance.lines[].model. */
function filledLeaves(value: unknown, path: string, out: string[]): string[] {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return out;
  if (Array.isArray(value)) value.forEach((v) => filledLeaves(v, `${path}[]`, out));
  else if (typeof value === "object" && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) filledLeaves(v, `${path}.${k}`, out);
  else out.push(path);
  return out;
}

/**
 * A part's form as printed before the visit and sent back unfilled: nothing
 * under the part but what the form was printed with (附表2's lines named from
 * 附表1's equipment), and nothing typed there that could not be read.
 */
export function unfilledPart(loaded: LoadedRecord, layout: FormLayout): boolean {
  const part = layout.part;
  if (!part) return false;
  if ([...loaded.unreadable].some((p) => p === part || p.startsWith(`${part}.`))) return false;
  return filledLeaves(getPath(loaded.record, part), part, []).every((p) => layout.prefilled.has(p));
}

/** The record without its part: an enterprise not yet accepted, as a blank 附表2 row leaves it. */
function withoutPart(loaded: LoadedRecord, part: string): LoadedRecord {
  const record = { ...(loaded.record as Record<string, unknown>) };
  delete record[part];
  return { ...loaded, record: record as LoadedRecord["record"] };
}
