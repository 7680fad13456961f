// Record contract §4: `summarize --format json`, area and plan included: exactly these keys, in this order.
import { NUMERIC_KEYS, type AnySummary, type ReportedFigures } from "./model.js";

type FigureJson = Record<string, number | Record<string, number>>;

function figuresJson(f: ReportedFigures): FigureJson {
  const out: FigureJson = {};
  for (const k of NUMERIC_KEYS) {
    out[k] = f[k];
    // capacityEliminated follows designCapacity in the spec's order
    if (k === "designCapacity") out.capacityEliminated = { ...f.capacityEliminated };
  }
  return out;
}

export interface SummaryJson {
  /** the area the figures are for (随州市); null for a roll-up of roll-ups made without --area */
  area: string | null;
  /** the plan's id; null one level up, where no one plan applies */
  plan: string | null;
  asOf: string;
  units: Record<string, string | number | Record<string, number>>[];
  total: FigureJson;
}

/** One unit per plan unit; one level up, one unit per area, `county` holding the area's name (record contract §4). */
export function summaryJson(s: AnySummary): SummaryJson {
  const total = s.level === "records" ? s.total.figures : s.total;
  return {
    area: s.area,
    plan: s.level === "records" ? s.plan : null,
    asOf: s.asOf,
    units: s.units.map((u) => ({ county: u.county, ...figuresJson(u.figures) })),
    total: figuresJson(total),
  };
}

export function formatSummaryJson(s: AnySummary): string {
  return JSON.stringify(summaryJson(s), null, 2) + "\n";
}
