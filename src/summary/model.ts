// The roll-up's shape: figures per enterprise, per unit and in total, and the
// milestone tallies. Pure data, shared by the roll-up and every writer.
import type { EnterpriseRecord } from "../model/record.js";
import type { MilestoneId as StatusMilestoneId, MilestoneStatus, Status } from "../plan/status.js";

/** The summed figures of record contract §4, in the order the JSON report lists them. */
export const NUMERIC_KEYS = [
  "enterprises",
  "equipmentUnits",
  "designCapacity",
  "staffInvolved",
  "staffResettled",
  "fixedAssetsNet",
  "energySavedTce",
  "so2",
  "co2",
  "cod",
  "nox",
  "landFreedMu",
  "linesDismantled",
  "linesSealed",
  "countyPassed",
  "cityPassed",
  "provincePassed",
] as const;

export type NumericKey = (typeof NUMERIC_KEYS)[number];

/** The figures of the JSON report (record contract §4): all a roll-up one level down hands up. */
export type ReportedFigures = Record<NumericKey, number> & {
  /** capacity retired per unit of measure (万吨, 万千伏安 …); units are never added together */
  capacityEliminated: Record<string, number>;
};

export type Figures = ReportedFigures & {
  /** not in the JSON report: lines listed, and lines shut down as of the as-of date */
  linesTotal: number;
  linesShutdown: number;
  /** not in the JSON report: enterprises on an approved timetable (三（一）) */
  onTimetable: number;
};

/** The milestones the roll-up tallies (record contract §4 ids). */
export const TALLIED_MILESTONES = ["shutdown", "dismantle", "county-acceptance"] as const;
export type TalliedMilestone = (typeof TALLIED_MILESTONES)[number];

export type MilestoneId = StatusMilestoneId;
export type MilestoneState = Status;
export type MilestoneLike = MilestoneStatus;

/** The milestones of one record as of a date (src/plan/status.ts with the plan bound). */
export type MilestonesOf = (record: EnterpriseRecord, asOf: string) => readonly MilestoneStatus[];

/** Enterprises by how a milestone stands: done on time, done late, overdue, not yet due, sealed. */
export interface Tally {
  onTime: number;
  late: number;
  overdue: number;
  /** not done and not yet due (pending or due soon) */
  open: number;
  /** dismantle only: main equipment left standing, power and water cut, sealed */
  sealed: number;
}

export type Progress = Record<TalliedMilestone, Tally>;

export interface EnterpriseSummary {
  /** the plan unit it is counted in, or OTHER_UNIT */
  unit: string;
  /** 县市区 as the record gives it */
  county: string | null;
  name: string | null;
  uscc: string | null;
  figures: Figures;
  /** the unit of measure of its capacity retired, when it gives an amount */
  capacityUnit: string | null;
  capacityAmount: number | null;
  passed: { county: boolean; city: boolean; province: boolean };
  /** the approved timetable the enterprise is judged against, if any */
  timetable: { shutdownBy: string | null; dismantleBy: string | null; approvedBy: string | null } | null;
  milestones: Partial<Record<MilestoneId, MilestoneLike>>;
}

export interface UnitSummary {
  /** the plan unit's name, or OTHER_UNIT */
  county: string;
  /** false for the row of records whose 县市区 is no unit of the plan */
  inPlan: boolean;
  figures: Figures;
  progress: Progress;
}

/** The roll-up of enterprise records under one plan: what `summarize` makes of the counties' files. */
export interface Summary {
  level: "records";
  asOf: string;
  /** 随州市2024年淘汰落后产能工作汇总表 */
  title: string;
  /** 随州市: the area the plan is for (src/plan/area.ts), or `--area` */
  area: string;
  /** the plan's id (suizhou-2024) */
  plan: string;
  /** 编制单位 */
  compiler: string;
  planTitle: string;
  documentNo: string;
  year: number;
  /** every capacity unit of measure present, in report order (万吨 first) */
  capacityUnits: string[];
  /** the plan's due date of each tallied milestone (enterprises on a timetable have their own) */
  dues: Record<TalliedMilestone, string | null>;
  /** plan units in plan order, then OTHER_UNIT when some record fits none */
  units: UnitSummary[];
  total: Omit<UnitSummary, "county" | "inPlan">;
  /** one per record: plan unit order, then input order */
  enterprises: EnterpriseSummary[];
}

/** The row for records whose 县市区 names no unit of the plan (blank or misspelt). */
export const OTHER_UNIT = "其他";

/** The key for capacity retired whose unit of measure is not given. */
export const UNSTATED_UNIT = "未注明单位";

/** One area of a roll-up one level up: a city's (or a province's) summary JSON, taken whole. */
export interface AreaRow {
  /** the area's name, as its JSON's `area` gives it (随州市) */
  county: string;
  /** the date its figures are as of */
  asOf: string;
  /** its plan's id, null for a roll-up of roll-ups */
  plan: string | null;
  /** the file it came from */
  file: string;
  figures: ReportedFigures;
  /** its own units (its counties), as its JSON lists them */
  units: { county: string; figures: ReportedFigures }[];
}

/**
 * The roll-up of roll-ups (record contract §4): one row per area, totals summed. Only the
 * figures of the JSON report come up a level; lines shut down, enterprises on a
 * timetable and the milestone tallies stay in each area's own summary.
 */
export interface AreaSummary {
  level: "areas";
  /** the latest of the areas' dates (all the same unless --allow-mixed-dates) */
  asOf: string;
  /** true when the areas' dates differ: each row is labelled with its own */
  mixedDates: boolean;
  title: string;
  /** `--area` (湖北省), or null: the roll-up then has no area of its own */
  area: string | null;
  /** `--compiler`, or null */
  compiler: string | null;
  year: number;
  /** true when every area is a city's summary under its plan, so its units are counties */
  ofCities: boolean;
  capacityUnits: string[];
  /** areas in the order given */
  units: AreaRow[];
  total: ReportedFigures;
}

export type AnySummary = Summary | AreaSummary;
