// The same enterprise twice would be counted twice: find every USCC entered more than once.
import { t } from "../i18n/index.js";
import { locationInText } from "../report/location.js";
import type { LoadedRecord, Location } from "../model/source.js";
import { UserError } from "../util/errors.js";

export interface Duplicate {
  uscc: string;
  first: Location;
  again: Location;
}

export function findDuplicates(records: readonly LoadedRecord[]): Duplicate[] {
  const first = new Map<string, Location>();
  const out: Duplicate[] = [];
  for (const rec of records) {
    const uscc = rec.record.enterprise?.uscc;
    if (!uscc) continue;
    const prev = first.get(uscc);
    if (prev) out.push({ uscc, first: prev, again: rec.origin });
    else first.set(uscc, rec.origin);
  }
  return out;
}


/** The same enterprise twice would be counted twice: refuse, naming both places and how many more. */
export function refuseDuplicates(records: readonly LoadedRecord[], lang: "zh-CN" | "en", messageId = "summary-duplicate"): void {
  const dups = findDuplicates(records);
  if (!dups.length) return;
  const d = dups[0]!;
  throw new UserError(messageId, {
    uscc: d.uscc,
    first: locationInText(d.first, lang),
    again: locationInText(d.again, lang),
    more: dups.length > 1 ? t(lang, "summary-duplicate-more", { count: dups.length - 1 }) : "",
  });
}
