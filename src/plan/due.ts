// The one place a milestone's due date is looked up: the plan's deadline, or
// for an enterprise on an approved timetable (三（一）), the timetable's own dates.
import type { EnterpriseRecord } from "../model/record.js";
import { addDays, daysBetween } from "./dates.js";
import { onTimetable } from "./milestone.js";
import type { MilestoneId, Plan } from "./schema.js";

/** The plan's due date for a milestone, or null where the plan sets none. */
export function planDue(plan: Plan, id: MilestoneId): string | null {
  for (const d of plan.deadlines ?? []) if (d.milestone === id && d.due) return d.due;
  return null;
}

export interface Due {
  /** inclusive due date, or null where neither the plan nor a timetable sets one */
  due: string | null;
  /** judged against the enterprise's approved timetable rather than the plan (按时间表) */
  timetable: boolean;
}

/**
 * The due date one enterprise is judged against. On a timetable, shutdown and
 * dismantling are due on the timetable's dates; the later milestones (acceptance,
 * licences) move by as many days as dismantling moved, keeping the plan's spacing,
 * and never come earlier than the plan's own date. A missing timetable date moves
 * with the other one.
 */
export function milestoneDue(plan: Plan, record: EnterpriseRecord, id: MilestoneId): Due {
  const base = planDue(plan, id);
  if (!onTimetable(record)) return { due: base, timetable: false };
  const t = record.timetable!;
  const planShutdown = planDue(plan, "shutdown");
  const planDismantle = planDue(plan, "dismantle");
  // how far the timetable moves the plan: by dismantling where it says, else by shutdown
  const shift =
    t.dismantleBy && planDismantle ? daysBetween(planDismantle, t.dismantleBy) : t.shutdownBy && planShutdown ? daysBetween(planShutdown, t.shutdownBy) : 0;
  const moved = (d: string | null) => (d === null ? null : addDays(d, Math.max(0, shift)));
  switch (id) {
    case "shutdown":
      return { due: t.shutdownBy ?? moved(base), timetable: base !== null || !!t.shutdownBy };
    case "dismantle":
      return { due: t.dismantleBy ?? moved(base), timetable: base !== null || !!t.dismantleBy };
    default:
      return { due: moved(base), timetable: base !== null };
  }
}

/** The plan's due dates of every milestone it sets, for headers and summaries. */
export function planDues(plan: Plan): Map<MilestoneId, string> {
  const out = new Map<MilestoneId, string>();
  for (const d of plan.deadlines ?? []) if (d.milestone && d.due) out.set(d.milestone, d.due);
  return out;
}
