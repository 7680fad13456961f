// `capexit check` as a pure function: loaded records, the plan, the date and
// the findings of validation -> statuses grouped by the plan's units, the
// plan's own timeline and the findings that touch dates.
import { fieldMeta } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import { recordName, type LoadedRecord } from "../model/source.js";
import { findUnit } from "./units.js";
import { daysBetween } from "./dates.js";
import { hasAnnex2, onTimetable } from "./milestone.js";
import type { Plan, Term } from "./schema.js";
import { DEFAULT_WARN_DAYS, enterpriseMilestones, isBehind, STATUSES, type MilestoneStatus, type Status } from "./status.js";

export interface CheckedEnterprise {
  uscc: string | null;
  name: string | null;
  /** the plan unit's own name where the record's 县市区 names one, else as typed */
  county: string | null;
  /** Annex 2 holds any data yet */
  annex2: boolean;
  /** on an approved timetable (三（一）): its milestones are judged against the timetable's dates */
  timetable: boolean;
  milestones: MilestoneStatus[];
  /** validation findings about this enterprise's dates */
  dateFindings: Finding[];
}

export type StatusCounts = Record<Status, number>;

export interface UnitCheck {
  /** a unit of the plan, or null for records naming no unit of the plan */
  unit: string | null;
  enterprises: CheckedEnterprise[];
  counts: StatusCounts;
}

/** Where the plan's own timeline stands as of the date. */
export interface TimelineEntry {
  id: string;
  title: string;
  titleEn: string;
  from: string | null;
  due: string;
  /** before the window opens / open (due today or later) / past */
  state: "upcoming" | "open" | "past";
  /** days from the as-of date to the deadline (negative once past) */
  daysLeft: number;
  /** days until a window opens (upcoming only) */
  daysToStart: number | null;
}

export interface CheckResult {
  asOf: string;
  warnDays: number;
  units: UnitCheck[];
  timeline: TimelineEntry[];
  /** limits each project sets within a cap: shown as rules, never counted down */
  terms: Term[];
  counts: StatusCounts;
  /** date findings that belong to no single enterprise */
  otherDateFindings: Finding[];
  /** anything late or overdue (exit 1) */
  behind: boolean;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Findings that touch dates: a date field's value, or the order of dates. */
export function isDateFinding(f: Finding): boolean {
  return f.rule === "date-order" || (f.field !== null && fieldMeta(f.field)?.kind === "date");
}

export function timeline(plan: Plan, asOf: string): TimelineEntry[] {
  return [...(plan.deadlines ?? [])]
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
    .map((d) => {
      const daysLeft = daysBetween(asOf, d.due);
      const from = d.from ?? null;
      const upcoming = from !== null && asOf < from;
      return {
        id: d.id,
        title: d.title,
        titleEn: d.titleEn ?? d.title,
        from,
        due: d.due,
        state: upcoming ? "upcoming" : daysLeft >= 0 ? "open" : "past",
        daysLeft,
        daysToStart: upcoming ? daysBetween(asOf, from) : null,
      };
    });
}

export interface CheckOptions {
  asOf: string;
  warnDays?: number;
  /** validation findings (all of them: the date ones are picked here) */
  findings?: readonly Finding[];
}

export function checkRecords(records: readonly LoadedRecord[], plan: Plan, opts: CheckOptions): CheckResult {
  const { asOf } = opts;
  const warnDays = opts.warnDays ?? DEFAULT_WARN_DAYS;
  const dateFindings = (opts.findings ?? []).filter(isDateFinding);
  const claimed = new Set<Finding>();

  const byUnit = new Map<string | null, CheckedEnterprise[]>(plan.units.map((u) => [u.name, []]));
  for (const rec of records) {
    const r = rec.record;
    const unit = r.county ? (findUnit(plan, r.county)?.name ?? null) : null;
    const key = recordName(rec);
    const own = key === null ? [] : dateFindings.filter((f) => f.record === key);
    for (const f of own) claimed.add(f);
    const entry: CheckedEnterprise = {
      uscc: r.enterprise.uscc ?? rec.typed.get("enterprise.uscc") ?? null,
      name: r.enterprise.name ?? null,
      county: unit ?? r.county ?? null,
      annex2: hasAnnex2(r),
      timetable: onTimetable(r),
      milestones: enterpriseMilestones(r, plan, asOf, warnDays),
      dateFindings: own,
    };
    const list = byUnit.get(unit) ?? [];
    list.push(entry);
    byUnit.set(unit, list);
  }

  const total = emptyCounts();
  const units: UnitCheck[] = [];
  for (const [unit, enterprises] of byUnit) {
    const counts = emptyCounts();
    for (const e of enterprises) for (const m of e.milestones) counts[m.status]++;
    for (const s of STATUSES) total[s] += counts[s];
    // records naming no unit of the plan come last, and only when there are some
    if (unit === null && enterprises.length === 0) continue;
    units.push({ unit, enterprises, counts });
  }
  const nowhere = units.findIndex((u) => u.unit === null);
  if (nowhere >= 0) units.push(...units.splice(nowhere, 1));

  return {
    asOf,
    warnDays,
    units,
    timeline: timeline(plan, asOf),
    terms: plan.terms ?? [],
    counts: total,
    otherDateFindings: dateFindings.filter((f) => !claimed.has(f)),
    behind: units.some((u) => u.enterprises.some((e) => e.milestones.some((m) => isBehind(m.status)))),
  };
}
