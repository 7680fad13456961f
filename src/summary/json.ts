// Spec §4 `summarize --format json`: exactly these keys, in this order.
import { NUMERIC_KEYS, type Figures, type Summary } from "./model.js";

type FigureJson = Record<string, number | Record<string, number>>;

function figuresJson(f: Figures): FigureJson {
  const out: FigureJson = {};
  for (const k of NUMERIC_KEYS) {
    out[k] = f[k];
    // capacityEliminated follows designCapacity in the spec's order
    if (k === "designCapacity") out.capacityEliminated = { ...f.capacityEliminated };
  }
  return out;
}

export interface SummaryJson {
  asOf: string;
  units: Record<string, string | number | Record<string, number>>[];
  total: FigureJson;
}

export function summaryJson(s: Summary): SummaryJson {
  return {
    asOf: s.asOf,
    units: s.units.map((u) => ({ county: u.county, ...figuresJson(u.figures) })),
    total: figuresJson(s.total.figures),
  };
}

export function formatSummaryJson(s: Summary): string {
  return JSON.stringify(summaryJson(s), null, 2) + "\n";
}
