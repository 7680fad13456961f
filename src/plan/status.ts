// Milestone status (record contract §4): the record's evidence judged against the plan's
// deadlines as of a date. Pure: the date and the plan come in as arguments.
import type { EnterpriseRecord } from "../model/record.js";
import { daysBetween } from "./dates.js";
import { milestoneDue } from "./due.js";
import { milestoneEvidence } from "./milestone.js";
import { MILESTONE_IDS, type MilestoneId, type Plan } from "./schema.js";

export type { MilestoneId } from "./schema.js";
export { MILESTONE_IDS } from "./schema.js";

export const STATUSES = ["done", "late", "overdue", "due-soon", "pending", "sealed", "not-applicable"] as const;
export type Status = (typeof STATUSES)[number];

/** Days the warning window lasts when `--warn-days` says nothing. */
export const DEFAULT_WARN_DAYS = 14;

export interface MilestoneStatus {
  id: MilestoneId;
  /** the deadline (inclusive), or null where the milestone does not apply */
  due: string | null;
  /** the day it was done, counting only events on or before the as-of date */
  done: string | null;
  status: Status;
  /** late: days after the deadline it was done; overdue: days past the deadline as of the date */
  daysLate?: number;
  /** due-soon and pending: days from the as-of date to the deadline (0 on the deadline itself) */
  daysLeft?: number;
  /** done, but the record gives no date (an undated verdict): counted done, never late */
  undated?: true;
  /** judged against the enterprise's approved timetable, not the plan (按时间表) */
  timetable?: true;
}

/** Judges one milestone: done by `due` -> done, after -> late; not done -> overdue / due-soon / pending. */
export function judge(due: string, done: string | null, asOf: string, warnDays: number): Omit<MilestoneStatus, "id"> {
  if (done !== null) {
    const late = daysBetween(due, done);
    return late > 0 ? { due, done, status: "late", daysLate: late } : { due, done, status: "done" };
  }
  const left = daysBetween(asOf, due);
  if (left < 0) return { due, done, status: "overdue", daysLate: -left };
  return { due, done, status: left <= warnDays ? "due-soon" : "pending", daysLeft: left };
}

/**
 * Every milestone of one enterprise as of `asOf` (YYYY-MM-DD), in the order of
 * MILESTONE_IDS. `warnDays` is the width of the due-soon window.
 */
export function enterpriseMilestones(
  record: EnterpriseRecord,
  plan: Plan,
  asOf: string,
  warnDays: number = DEFAULT_WARN_DAYS,
): MilestoneStatus[] {
  return MILESTONE_IDS.map((id): MilestoneStatus => {
    const { due, timetable } = milestoneDue(plan, record, id);
    const ev = milestoneEvidence(id, record, asOf);
    // a milestone the plan sets no deadline for is not one this plan checks
    if (!ev.applicable || due === null) return { id, due: null, done: null, status: "not-applicable" };
    const mark = timetable ? { timetable: true as const } : {};
    if (ev.sealed) return { id, due, done: null, status: "sealed", ...mark };
    if (ev.undated) return { id, due, done: null, status: "done", undated: true, ...mark };
    return { id, ...judge(due, ev.done, asOf, warnDays), ...mark };
  });
}

/** True when a status means the enterprise is behind the plan (check exits 1). */
export function isBehind(status: Status): boolean {
  return status === "late" || status === "overdue";
}
