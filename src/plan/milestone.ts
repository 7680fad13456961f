// What each enterprise milestone means, read from the record alone: the
// dates it was done on, never judged against a deadline (see status.ts).
import type { EnterpriseRecord } from "../model/record.js";
import type { MilestoneId } from "./schema.js";

/**
 * The evidence for one milestone as of a date:
 * - `applicable: false` — the milestone does not concern this enterprise;
 * - `done` — the date it was completed (the latest of its parts), or null;
 * - `sealed` — dismantling replaced by power/water cut and sealing (dismantle only).
 */
export interface Evidence {
  applicable: boolean;
  done: string | null;
  sealed?: boolean;
}

/** An event has happened as of `asOf` when it is dated on or before it. */
const happened = (date: string | null | undefined, asOf: string): date is string => !!date && date <= asOf;

/** All parts done as of `asOf` -> the day the last was done; any part missing -> null. */
function allDone(dates: readonly (string | null | undefined)[], asOf: string): string | null {
  if (dates.length === 0) return null;
  let last = "";
  for (const d of dates) {
    if (!happened(d, asOf)) return null;
    if (d > last) last = d;
  }
  return last;
}

function isFilled(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.some(isFilled);
  if (typeof v === "object") return Object.values(v as Record<string, unknown>).some(isFilled);
  return true;
}

/** Annex 2 holds anything at all (a bare row with only the join key does not count). */
export function hasAnnex2(record: EnterpriseRecord): boolean {
  return isFilled(record.acceptance);
}

function shutdown(r: EnterpriseRecord, asOf: string): Evidence {
  const lines = r.acceptance?.lines ?? [];
  return { applicable: true, done: allDone(lines.map((l) => l.shutdownOn), asOf) };
}

function dismantle(r: EnterpriseRecord, asOf: string): Evidence {
  const a = r.acceptance;
  const lines = a?.lines ?? [];
  const done = allDone(lines.map((l) => l.removedOn), asOf);
  if (done) return { applicable: true, done };
  // 三（五）: equipment that cannot be dismantled yet is cut off and sealed instead.
  const nd = a?.notDismantled;
  if (nd?.powerWaterCut === true && nd.sealed === true) {
    // a line cannot be sealed before it is shut down: as of an earlier date it still runs
    const standing = lines.filter((l) => !happened(l.removedOn, asOf));
    const runningAsOf = standing.some((l) => !!l.shutdownOn && l.shutdownOn > asOf);
    if (!runningAsOf) return { applicable: true, done: null, sealed: true };
  }
  return { applicable: true, done: null };
}

function countyAcceptance(r: EnterpriseRecord, asOf: string): Evidence {
  const c = r.acceptance?.county;
  return { applicable: true, done: c?.passed === true && happened(c.signedOn, asOf) ? c.signedOn : null };
}

function provinceAcceptance(r: EnterpriseRecord, asOf: string): Evidence {
  const p = r.acceptance?.province;
  if (!isFilled(p)) return { applicable: false, done: null };
  return { applicable: true, done: p?.passed === true && happened(p.signedOn, asOf) ? p.signedOn : null };
}

function licenses(r: EnterpriseRecord, asOf: string): Evidence {
  if (r.enterprise.closedEntirely !== true) return { applicable: false, done: null };
  const l = r.licenses;
  // the business licence always; a production or discharge permit only where the enterprise held one
  const dates: (string | null | undefined)[] = [l?.business?.revokedOn];
  if (isFilled(l?.production?.number)) dates.push(l?.production?.revokedOn);
  if (isFilled(l?.discharge?.number)) dates.push(l?.discharge?.revokedOn);
  return { applicable: true, done: allDone(dates, asOf) };
}

const readers: Record<MilestoneId, (r: EnterpriseRecord, asOf: string) => Evidence> = {
  shutdown,
  dismantle,
  "county-acceptance": countyAcceptance,
  "province-acceptance": provinceAcceptance,
  licenses,
};

export function milestoneEvidence(id: MilestoneId, record: EnterpriseRecord, asOf: string): Evidence {
  return readers[id](record, asOf);
}
