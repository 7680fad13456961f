// Pure: records + plan + as-of date -> the roll-up per unit of the plan and in total.
// Every figure of a unit is the sum of its enterprises' figures, so 明细 and 汇总 agree.
import type { EnterpriseRecord } from "../model/record.js";
import { planArea } from "../plan/area.js";
import { planDue } from "../plan/due.js";
import { lineStates, onTimetable, verdictAsOf } from "../plan/milestone.js";
import type { Plan } from "../plan/schema.js";
import { findUnit } from "../plan/units.js";
import {
  NUMERIC_KEYS,
  OTHER_UNIT,
  TALLIED_MILESTONES,
  UNSTATED_UNIT,
  type EnterpriseSummary,
  type Figures,
  type MilestoneId,
  type MilestoneLike,
  type MilestonesOf,
  type Progress,
  type ReportedFigures,
  type Summary,
  type Tally,
  type UnitSummary,
} from "./model.js";
import { Sum } from "./sum.js";
import { summaryTitle } from "./title.js";

/** 万 吨 / 万t as typed -> one key: NFKC, no white space. */
export function capacityUnitKey(unit: string | null | undefined): string {
  const u = (unit ?? "").normalize("NFKC").replace(/\s+/g, "");
  return u || UNSTATED_UNIT;
}

function emptyFigures(): Figures {
  const f = { capacityEliminated: {}, linesTotal: 0, linesShutdown: 0, onTimetable: 0 } as unknown as Figures;
  for (const k of NUMERIC_KEYS) f[k] = 0;
  return f;
}

const emptyTally = (): Tally => ({ onTime: 0, late: 0, overdue: 0, open: 0, sealed: 0 });

function emptyProgress(): Progress {
  return { shutdown: emptyTally(), dismantle: emptyTally(), "county-acceptance": emptyTally() };
}

/** One enterprise's own figures as of the date; what is done, sealed and passed comes from src/plan/milestone.ts. */
export function enterpriseFigures(
  record: EnterpriseRecord,
  asOf: string,
): { figures: Figures; capacityUnit: string | null; capacityAmount: number | null; passed: EnterpriseSummary["passed"] } {
  const f = emptyFigures();
  const a = record.acceptance ?? null;
  f.enterprises = 1;

  // The bureau counts machines (台): a listed item with no quantity is one machine.
  const equipment = record.equipment ?? [];
  f.equipmentUnits = new Sum().add(equipment.reduce((n, e) => n + (e.quantity ?? 1), 0)).value;
  const design = new Sum();
  for (const e of equipment) design.add(e.designCapacity);
  f.designCapacity = design.value;

  let capacityUnit: string | null = null;
  let capacityAmount: number | null = null;
  if (a?.capacity?.amount != null) {
    capacityUnit = capacityUnitKey(a.capacity.unit);
    capacityAmount = a.capacity.amount;
    f.capacityEliminated[capacityUnit] = capacityAmount;
  }

  f.staffInvolved = a?.staff?.involved ?? 0;
  f.staffResettled = a?.staff?.resettled ?? 0;
  f.fixedAssetsNet = a?.fixedAssetsNet ?? 0;
  const e = a?.effects;
  f.energySavedTce = e?.energySavedTce ?? 0;
  f.so2 = e?.so2 ?? 0;
  f.co2 = e?.co2 ?? 0;
  f.cod = e?.cod ?? 0;
  f.nox = e?.nox ?? 0;
  f.landFreedMu = e?.landFreedMu ?? 0;

  const lines = lineStates(record, asOf);
  f.linesTotal = lines.length;
  for (const line of lines) {
    if (line.shutDown) f.linesShutdown++;
    if (line.dismantled) f.linesDismantled++;
    if (line.sealed) f.linesSealed++;
  }

  // an undated 通过 counts as passed ("passed, date missing"), as in check
  const passed = {
    county: verdictAsOf(record, "county", asOf).passed,
    city: verdictAsOf(record, "city", asOf).passed,
    province: verdictAsOf(record, "province", asOf).passed,
  };
  f.countyPassed = passed.county ? 1 : 0;
  f.cityPassed = passed.city ? 1 : 0;
  f.provincePassed = passed.province ? 1 : 0;
  f.onTimetable = onTimetable(record) ? 1 : 0;

  return { figures: f, capacityUnit, capacityAmount, passed };
}

/** Adds the figures of the JSON report exactly (see Sum); capacity kept per unit of measure. */
export function addReported(list: readonly ReportedFigures[]): ReportedFigures {
  const out = { capacityEliminated: {} } as ReportedFigures;
  for (const k of NUMERIC_KEYS) {
    const s = new Sum();
    for (const f of list) s.add(f[k]);
    out[k] = s.value;
  }
  const cap = new Map<string, Sum>();
  for (const f of list) {
    for (const [unit, amount] of Object.entries(f.capacityEliminated)) {
      let s = cap.get(unit);
      if (!s) cap.set(unit, (s = new Sum()));
      s.add(amount);
    }
  }
  for (const [unit, s] of cap) out.capacityEliminated[unit] = s.value;
  return out;
}

/** Adds figures exactly (see Sum); capacity kept per unit of measure. */
export function addFigures(list: readonly Figures[]): Figures {
  const out: Figures = { ...addReported(list), linesTotal: 0, linesShutdown: 0, onTimetable: 0 };
  out.linesTotal = list.reduce((n, f) => n + f.linesTotal, 0);
  out.linesShutdown = list.reduce((n, f) => n + f.linesShutdown, 0);
  out.onTimetable = list.reduce((n, f) => n + f.onTimetable, 0);
  return out;
}

function tallyInto(progress: Progress, milestones: EnterpriseSummary["milestones"]): void {
  for (const id of TALLIED_MILESTONES) {
    const m = milestones[id];
    if (!m) continue;
    const t = progress[id];
    switch (m.status) {
      case "done":
        t.onTime++;
        break;
      case "late":
        t.late++;
        break;
      case "overdue":
        t.overdue++;
        break;
      case "pending":
      case "due-soon":
        t.open++;
        break;
      case "sealed":
        t.sealed++;
        break;
      case "not-applicable":
        break;
    }
  }
}

function addProgress(list: readonly Progress[]): Progress {
  const out = emptyProgress();
  for (const p of list) {
    for (const id of TALLIED_MILESTONES) {
      for (const k of Object.keys(out[id]) as (keyof Tally)[]) out[id][k] += p[id][k];
    }
  }
  return out;
}

/** Capacity units in report order: 万吨 first (the forms' own unit), then as they first appear, unstated last. */
export function orderCapacityUnits(units: Iterable<string | null>): string[] {
  const seen: string[] = [];
  for (const u of units) if (u && !seen.includes(u)) seen.push(u);
  const rank = (u: string) => (u === "万吨" ? 0 : u === UNSTATED_UNIT ? 2 : 1);
  return seen.map((u, i) => ({ u, i })).sort((x, y) => rank(x.u) - rank(y.u) || x.i - y.i).map(({ u }) => u);
}

/** Every row lists every capacity unit present, with 0 where it has none. */
export function fillCapacity(f: ReportedFigures, units: readonly string[]): void {
  const filled: Record<string, number> = {};
  for (const u of units) filled[u] = f.capacityEliminated[u] ?? 0;
  f.capacityEliminated = filled;
}

/** Names a summary may be given instead of the plan's own (`--area`, `--compiler`). */
export interface SummaryNames {
  area?: string | null;
  compiler?: string | null;
}

const given = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

export function rollUp(records: readonly EnterpriseRecord[], plan: Plan, asOf: string, milestonesOf: MilestonesOf, names: SummaryNames = {}): Summary {
  const unitNames = plan.units.map((u) => u.name);
  const byUnit = new Map<string, EnterpriseSummary[]>(unitNames.map((n) => [n, []]));
  byUnit.set(OTHER_UNIT, []);

  for (const record of records) {
    const county = record.county ?? null;
    const unit = (county && findUnit(plan, county)?.name) || OTHER_UNIT;
    const { figures, capacityUnit, capacityAmount, passed } = enterpriseFigures(record, asOf);
    const milestones: Partial<Record<MilestoneId, MilestoneLike>> = {};
    for (const m of milestonesOf(record, asOf)) milestones[m.id] = m;
    byUnit.get(unit)!.push({
      unit,
      county,
      name: record.enterprise?.name ?? null,
      uscc: record.enterprise?.uscc ?? null,
      figures,
      capacityUnit,
      capacityAmount,
      passed,
      timetable: onTimetable(record) ? { shutdownBy: record.timetable?.shutdownBy ?? null, dismantleBy: record.timetable?.dismantleBy ?? null, approvedBy: record.timetable?.approvedBy ?? null } : null,
      milestones,
    });
  }

  const rows = [...unitNames, ...(byUnit.get(OTHER_UNIT)!.length ? [OTHER_UNIT] : [])];
  const enterprises = rows.flatMap((n) => byUnit.get(n)!);
  const capacityUnits = orderCapacityUnits(enterprises.map((e) => e.capacityUnit));

  const units: UnitSummary[] = rows.map((county) => {
    const list = byUnit.get(county)!;
    const progress = emptyProgress();
    for (const e of list) tallyInto(progress, e.milestones);
    return { county, inPlan: county !== OTHER_UNIT, figures: addFigures(list.map((e) => e.figures)), progress };
  });
  const total = { figures: addFigures(units.map((u) => u.figures)), progress: addProgress(units.map((u) => u.progress)) };
  for (const f of [...units.map((u) => u.figures), total.figures]) fillCapacity(f, capacityUnits);

  const area = given(names.area) ?? planArea(plan);
  return {
    level: "records",
    asOf,
    title: summaryTitle(plan, area),
    area,
    plan: plan.id,
    compiler: given(names.compiler) ?? plan.compiler,
    planTitle: plan.title,
    documentNo: plan.documentNo,
    year: plan.year,
    capacityUnits,
    dues: { shutdown: planDue(plan, "shutdown"), dismantle: planDue(plan, "dismantle"), "county-acceptance": planDue(plan, "county-acceptance") },
    units,
    total,
    enterprises,
  };
}
