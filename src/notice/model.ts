// Pure: records + plan + options -> the public notice (公示) as data: which
// enterprises and lines, with what deadlines and progress. Only public facts
// are copied out of a record: unit, name, credit code, the lines or equipment
// and their capacity, the deadlines and the stage reached. Nothing else of a
// record (people, phones, staff, assets, debts, acceptance opinions) can reach
// a writer, because nothing else is put here.
import type { EnterpriseRecord } from "../model/record.js";
import { planArea } from "../plan/area.js";
import { milestoneDue } from "../plan/due.js";
import type { Plan } from "../plan/schema.js";
import { findUnit } from "../plan/units.js";
import { equipmentCapacity, lineCapacities, type Capacity } from "./capacity.js";
import type { Period } from "./period.js";
import { progressOf, type ProgressState } from "./progress.js";

export interface NoticeOptions {
  /** --title: the whole title, in place of {area}{year}年淘汰落后产能企业（生产线）公示名单 */
  title?: string;
  /** --area: whom the notice speaks for (随县); the plan's area when absent */
  area?: string;
  period: Period;
  /** where to send objections, as the office writes it (电话 0722-…) */
  contact?: string;
  /** --issuer: the issuing body; the plan's compiler when absent */
  issuer?: string;
  /** the date under the issuer */
  issuedOn: string;
  /** --as-of: adds 当前进展 as of this date */
  asOf?: string;
}

/** What a row retires: a line of Annex 2 as typed, or an item of Annex 1 equipment. */
export type RetiredItem = { kind: "line"; model: string } | { kind: "equipment"; name: string; quantity: number | null } | null;

/** A deadline and whether it comes from the enterprise's own approved timetable. */
export interface Deadline {
  date: string | null;
  byTimetable: boolean;
}

export interface NoticeRow {
  /** the plan unit, or the county as typed where it names none */
  county: string | null;
  name: string | null;
  uscc: string | null;
  item: RetiredItem;
  capacity: Capacity | null;
  shutdownBy: Deadline;
  dismantleBy: Deadline;
  /** null without --as-of */
  progress: ProgressState | null;
}

export interface Notice {
  /** null: the standard title, worded by the writer's language */
  title: string | null;
  area: string;
  year: number;
  planTitle: string;
  documentNo: string;
  issuer: string;
  issuedOn: string;
  period: Period;
  contact: string | null;
  asOf: string | null;
  enterprises: number;
  rows: NoticeRow[];
}

const blank = (s: string | null | undefined): s is null | undefined => s === null || s === undefined || s.trim() === "";

/** The deadline check judges the enterprise by: the plan's, or its approved timetable's (one place: plan/due.ts). */
function deadline(plan: Plan, record: EnterpriseRecord, id: "shutdown" | "dismantle"): Deadline {
  const { due, timetable } = milestoneDue(plan, record, id);
  return { date: due, byTimetable: timetable };
}

/** One row per line of Annex 2; where there is none, one per item of equipment; else one for the enterprise. */
function rowsOf(record: EnterpriseRecord, county: string | null, plan: Plan, asOf: string | null): NoticeRow[] {
  const base = {
    county,
    name: record.enterprise?.name ?? null,
    uscc: record.enterprise?.uscc ?? null,
    shutdownBy: deadline(plan, record, "shutdown"),
    dismantleBy: deadline(plan, record, "dismantle"),
  };
  const lines = (record.acceptance?.lines ?? []).filter((l) => !blank(l.model));
  if (lines.length) {
    const capacities = lineCapacities(record, lines);
    return lines.map((line, i) => ({
      ...base,
      item: { kind: "line", model: line.model!.trim() },
      capacity: capacities[i]!,
      progress: asOf ? progressOf(record, line, asOf) : null,
    }));
  }
  const progress = asOf ? progressOf(record, null, asOf) : null;
  const equipment = (record.equipment ?? []).filter((e) => !blank(e.name));
  if (equipment.length) {
    return equipment.map((e) => ({
      ...base,
      item: { kind: "equipment", name: e.name!.trim(), quantity: e.quantity ?? null },
      capacity: equipmentCapacity(e),
      progress,
    }));
  }
  return [{ ...base, item: null, capacity: null, progress }];
}

/** The notice: rows in the plan's order of units, each unit's enterprises as they were read. */
export function buildNotice(records: readonly EnterpriseRecord[], plan: Plan, options: NoticeOptions): Notice {
  const order = new Map(plan.units.map((u, i) => [u.name, i]));
  const placed = records.map((record, index) => {
    const typed = blank(record.county) ? null : record.county.trim();
    const unit = typed === null ? undefined : findUnit(plan, typed)?.name;
    // a county outside the plan goes after the plan's units, as typed
    return { record, index, county: unit ?? typed, rank: unit === undefined ? plan.units.length : order.get(unit)! };
  });
  placed.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const asOf = options.asOf ?? null;
  return {
    title: blank(options.title) ? null : options.title.trim(),
    area: blank(options.area) ? planArea(plan) : options.area.trim(),
    year: plan.year,
    planTitle: plan.title,
    documentNo: plan.documentNo,
    issuer: blank(options.issuer) ? plan.compiler : options.issuer.trim(),
    issuedOn: options.issuedOn,
    period: options.period,
    contact: blank(options.contact) ? null : options.contact.trim(),
    asOf,
    enterprises: records.length,
    rows: placed.flatMap((p) => rowsOf(p.record, p.county, plan, asOf)),
  };
}
