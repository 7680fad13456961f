// Pure: summary JSONs of several areas (cities) -> the roll-up one level up
// (record contract §4): one row per area, the area's own total as its figures, totals
// summed exactly. What it refuses, each in one sentence: the same area twice,
// and areas counted as of different dates unless the user allows it.
import { UserError } from "../util/errors.js";
import type { AreaRow, AreaSummary, ReportedFigures } from "./model.js";
import { addReported, fillCapacity, orderCapacityUnits } from "./rollup.js";
import type { RollupInput } from "./rollup-json.js";
import { titleFor } from "./title.js";

export interface AreaOptions {
  /** `--as-of`: the date the roll-up is for; null to take the areas' own */
  asOf: string | null;
  /** `--allow-mixed-dates`: areas as of different dates are summed, each labelled with its date */
  allowMixedDates: boolean;
  /** `--area`: the roll-up's own area (湖北省) */
  area?: string | null;
  /** `--compiler`: 编制单位 */
  compiler?: string | null;
}

/** 随州市, 随州 市 and ｓ… full-width: one key. */
const areaKey = (name: string) => name.normalize("NFKC").replace(/\s+/g, "");

const given = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

function refuseSameArea(inputs: readonly RollupInput[]): void {
  const seen = new Map<string, RollupInput>();
  for (const input of inputs) {
    const key = areaKey(input.data.area);
    const first = seen.get(key);
    if (first) throw new UserError("summary-rollup-same-area", { area: input.data.area, first: first.file, again: input.file });
    seen.set(key, input);
  }
}

/** The roll-up's date: `--as-of`, else the latest area's. An area dated later than it is never summed. */
function rollupDate(inputs: readonly RollupInput[], o: AreaOptions): { asOf: string; mixed: boolean } {
  const latest = inputs.reduce((d, i) => (i.data.asOf > d ? i.data.asOf : d), inputs[0]!.data.asOf);
  const asOf = o.asOf ?? latest;
  const later = inputs.find((i) => i.data.asOf > asOf);
  // its figures count events after the date: they cannot be taken back
  if (later) throw new UserError("summary-rollup-after-as-of", { file: later.file, date: later.data.asOf, asOf });
  const other = inputs.find((i) => i.data.asOf !== asOf);
  if (other && !o.allowMixedDates) {
    if (o.asOf) throw new UserError("summary-rollup-as-of-differs", { file: other.file, date: other.data.asOf, asOf });
    const first = inputs.find((i) => i.data.asOf !== other.data.asOf)!;
    throw new UserError("summary-rollup-mixed-dates", { first: first.file, firstDate: first.data.asOf, other: other.file, otherDate: other.data.asOf });
  }
  return { asOf, mixed: other !== undefined };
}

const figuresOf = (f: ReportedFigures): ReportedFigures => ({ ...f, capacityEliminated: { ...f.capacityEliminated } });

export function rollUpAreas(inputs: readonly RollupInput[], o: AreaOptions): AreaSummary {
  if (inputs.length === 0) throw new UserError("no-input");
  refuseSameArea(inputs);
  const { asOf, mixed } = rollupDate(inputs, o);

  const units: AreaRow[] = inputs.map(({ file, data }) => ({
    county: data.area,
    asOf: data.asOf,
    plan: data.plan ?? null,
    file,
    figures: figuresOf(data.total),
    units: data.units.map((u) => {
      const { county, ...figures } = u;
      return { county, figures: figuresOf(figures) };
    }),
  }));
  const capacityUnits = orderCapacityUnits(units.flatMap((a) => Object.keys(a.figures.capacityEliminated)));
  const total = addReported(units.map((a) => a.figures));
  for (const f of [total, ...units.flatMap((a) => [a.figures, ...a.units.map((u) => u.figures)])]) fillCapacity(f, capacityUnits);

  const area = given(o.area);
  const year = Number(asOf.slice(0, 4));
  return {
    level: "areas",
    asOf,
    mixedDates: mixed,
    title: titleFor(area, year),
    area,
    compiler: given(o.compiler),
    year,
    ofCities: units.every((a) => a.plan !== null),
    capacityUnits,
    units,
    total,
  };
}
