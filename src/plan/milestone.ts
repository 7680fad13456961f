// What each enterprise milestone means, read from the record alone: the
// dates it was done on, never judged against a deadline (see status.ts).
// `check` and `summarize` both take their facts from here, so they cannot disagree.
import type { EnterpriseRecord } from "../model/record.js";
import type { MilestoneId } from "./schema.js";

/**
 * The evidence for one milestone as of a date:
 * - `applicable: false` — the milestone does not concern this enterprise;
 * - `done` — the date it was completed (the latest of its parts), or null;
 * - `undated` — done, but the record does not say when (a verdict without its date);
 * - `sealed` — dismantling replaced by power/water cut and sealing (dismantle only).
 */
export interface Evidence {
  applicable: boolean;
  done: string | null;
  undated?: boolean;
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

/** Where one production line of Annex 2 stands as of a date. */
export interface LineState {
  shutDown: boolean;
  dismantled: boolean;
  /** not dismantled, but power and water cut and the equipment sealed (三（五）) */
  sealed: boolean;
}

/** Every line of Annex 2 as of `asOf`, in order. */
export function lineStates(record: EnterpriseRecord, asOf: string): LineState[] {
  const a = record.acceptance;
  const nd = a?.notDismantled;
  const sealedOff = nd?.powerWaterCut === true && nd.sealed === true;
  return (a?.lines ?? []).map((l) => {
    const dismantled = happened(l.removedOn, asOf);
    // a line cannot be sealed before it is shut down: as of an earlier date it still runs
    const running = !!l.shutdownOn && l.shutdownOn > asOf;
    return { shutDown: happened(l.shutdownOn, asOf), dismantled, sealed: !dismantled && sealedOff && !running };
  });
}

export type Level = "county" | "city" | "province";

/** A level's verdict as of a date: passed, and on which day (null: the date is missing). */
export interface Verdict {
  passed: boolean;
  on: string | null;
}

/**
 * 通过 at a level as of `asOf`: signed on or before it, or signed on no stated day
 * ("passed, date missing", which `acceptance-incomplete` warns about).
 */
export function verdictAsOf(record: EnterpriseRecord, level: Level, asOf: string): Verdict {
  const s = record.acceptance?.[level];
  if (s?.passed !== true) return { passed: false, on: null };
  if (!s.signedOn) return { passed: true, on: null };
  return happened(s.signedOn, asOf) ? { passed: true, on: s.signedOn } : { passed: false, on: null };
}

function shutdown(r: EnterpriseRecord, asOf: string): Evidence {
  const lines = r.acceptance?.lines ?? [];
  return { applicable: true, done: allDone(lines.map((l) => l.shutdownOn), asOf) };
}

function dismantle(r: EnterpriseRecord, asOf: string): Evidence {
  const lines = r.acceptance?.lines ?? [];
  const done = allDone(lines.map((l) => l.removedOn), asOf);
  if (done) return { applicable: true, done };
  // 三（五）: equipment that cannot be dismantled yet is cut off and sealed instead
  const states = lineStates(r, asOf);
  if (states.length > 0 && states.every((s) => s.dismantled || s.sealed)) return { applicable: true, done: null, sealed: true };
  return { applicable: true, done: null };
}

function fromVerdict(v: Verdict): Evidence {
  if (!v.passed) return { applicable: true, done: null };
  return v.on ? { applicable: true, done: v.on } : { applicable: true, done: null, undated: true };
}

function countyAcceptance(r: EnterpriseRecord, asOf: string): Evidence {
  return fromVerdict(verdictAsOf(r, "county", asOf));
}

function provinceAcceptance(r: EnterpriseRecord, asOf: string): Evidence {
  if (!isFilled(r.acceptance?.province)) return { applicable: false, done: null };
  return fromVerdict(verdictAsOf(r, "province", asOf));
}

/** A licence is gone once revoked (吊销) or cancelled (注销), whichever came first. */
function goneOn(l: { revokedOn?: string | null; cancelledOn?: string | null } | null | undefined, asOf: string): string | null {
  const dates = [l?.revokedOn, l?.cancelledOn].filter((d): d is string => happened(d, asOf));
  return dates.length ? dates.sort()[0]! : null;
}

function licenses(r: EnterpriseRecord, asOf: string): Evidence {
  if (r.enterprise.closedEntirely !== true) return { applicable: false, done: null };
  const l = r.licenses;
  // the business licence always; a production or discharge permit only where the enterprise held one
  const dates: (string | null)[] = [goneOn(l?.business, asOf)];
  if (isFilled(l?.production?.number)) dates.push(goneOn(l?.production, asOf));
  if (isFilled(l?.discharge?.number)) dates.push(goneOn(l?.discharge, asOf));
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

/** 确有困难的，制定淘汰时间表 (三（一）): the enterprise is on an approved timetable of its own. */
export function onTimetable(record: EnterpriseRecord): boolean {
  const t = record.timetable;
  return !!(t?.shutdownBy || t?.dismantleBy);
}
