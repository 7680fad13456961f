// A file that gave nothing to read (a Word document with no form, a .doc): one
// finding for it in a batch. Kept apart from the readers so that deciding it
// loads none of them.
import type { Finding } from "../model/finding.js";

/** Rules of a file that gave nothing to read: one finding in a batch, one sentence (exit 2) when no input gave anything. */
export const UNUSABLE = new Set(["form-not-found", "file-doc"]);

export function unusable(file: string, rule: string, data: Record<string, string | number> = {}): Finding {
  return { severity: "error" as const, rule, field: null, record: null, location: { file, sheet: null, row: null, cell: null, line: null }, data: { file, ...data } };
}
