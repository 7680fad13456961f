// Layouts as data: the three tables of the summary (汇总, 进度, 明细) as columns
// with labels, units and kinds, filled from a Summary. Every writer (xlsx, pdf,
// Markdown, terminal) draws these same tables; none decides what goes in them.
import { dateText, formatDate } from "../i18n/dates.js";
import { t, t as tr, type Lang } from "../i18n/index.js";
import { labelled } from "../report/location.js";
import {
  OTHER_UNIT,
  type AnySummary,
  type AreaSummary,
  type EnterpriseSummary,
  type Figures,
  type MilestoneState,
  type Progress,
  type ReportedFigures,
  type Summary,
  type Tally,
  type TalliedMilestone,
} from "./model.js";

type Text = { "zh-CN": string; en: string };
const tx = (zh: string, en: string): Text => ({ "zh-CN": zh, en });

export type CellKind = "text" | "count" | "amount";
export type CellValue = string | number | null;

export interface Column {
  /** the header: group (spanning its columns) and the column's own label, unit included */
  group: string | null;
  label: string;
  kind: CellKind;
  /** width in characters (a Chinese character counts two) */
  width: number;
  /** whether the 合计 row sums this column */
  summed: boolean;
}

export interface Table {
  /** sheet name in the workbook; also the section heading */
  name: string;
  columns: Column[];
  rows: CellValue[][];
  /** the 合计 row: label first, sums in summed columns, null elsewhere */
  total: CellValue[] | null;
  /** how many leading columns stay in view when scrolling sideways */
  frozenColumns: number;
}

export interface SummaryDocument {
  title: string;
  /** 编制单位：… */
  compilerLine: string;
  /** 截至 2024年12月31日 */
  asOfLine: string;
  tables: Table[];
  /** paragraphs before the tables (a notice's lead paragraph); a summary has none */
  lead?: string[];
  /** paragraphs after the last table (a notice's 公示期 and where to object) */
  closing?: string[];
  /** lines set flush right at the very end: the issuing body, then the date */
  signature?: string[];
}

interface ColumnSpec<R> {
  group?: Text;
  label: Text;
  kind: CellKind;
  width: number;
  summed?: boolean;
  value: (row: R) => CellValue;
}

function columnOf<R>(spec: ColumnSpec<R>, lang: Lang): Column {
  return {
    group: spec.group ? spec.group[lang] : null,
    label: spec.label[lang],
    kind: spec.kind,
    width: spec.width,
    summed: spec.summed ?? spec.kind !== "text",
  };
}

const G = {
  equipment: tx("主要淘汰生产设备", "Main equipment retired"),
  capacity: tx("实际淘汰产能", "Capacity retired"),
  staff: tx("职工（人）", "Staff (persons)"),
  emissions: tx("减排（吨）", "Emissions cut (t)"),
  lines: tx("生产线（设备）（条）", "Lines (equipment)"),
  passed: tx("验收通过（家）", "Acceptance passed (enterprises)"),
  passedEach: tx("验收通过", "Acceptance passed"),
};

const COUNTY = tx("县市区", "County");
const TOTAL = tx("合计", "Total");

/** One column per figure of the JSON report; the capacity columns are made per unit of measure. */
const REPORTED = {
  enterprises: { label: tx("企业（家）", "Enterprises"), kind: "count", width: 8, value: (f) => f.enterprises },
  equipmentUnits: { group: G.equipment, label: tx("数量（台）", "Units"), kind: "count", width: 8, value: (f) => f.equipmentUnits },
  designCapacity: { group: G.equipment, label: tx("设计产能（万吨）", "Design capacity (10kt)"), kind: "amount", width: 10, value: (f) => f.designCapacity },
  staffInvolved: { group: G.staff, label: tx("涉及", "Involved"), kind: "count", width: 8, value: (f) => f.staffInvolved },
  staffResettled: { group: G.staff, label: tx("已安置", "Resettled"), kind: "count", width: 8, value: (f) => f.staffResettled },
  fixedAssetsNet: { label: tx("固定资产净值（万元）", "Net fixed assets (10k yuan)"), kind: "amount", width: 11, value: (f) => f.fixedAssetsNet },
  energySavedTce: { label: tx("节能（吨标煤）", "Energy saved (tce)"), kind: "amount", width: 11, value: (f) => f.energySavedTce },
  so2: { group: G.emissions, label: tx("SO2", "SO2"), kind: "amount", width: 9, value: (f) => f.so2 },
  co2: { group: G.emissions, label: tx("CO2", "CO2"), kind: "amount", width: 10, value: (f) => f.co2 },
  cod: { group: G.emissions, label: tx("COD", "COD"), kind: "amount", width: 9, value: (f) => f.cod },
  nox: { group: G.emissions, label: tx("NOx", "NOx"), kind: "amount", width: 9, value: (f) => f.nox },
  landFreedMu: { label: tx("腾出土地（亩）", "Land freed (mu)"), kind: "amount", width: 9, value: (f) => f.landFreedMu },
  linesDismantled: { group: G.lines, label: tx("已拆除", "Dismantled"), kind: "count", width: 7, value: (f) => f.linesDismantled },
  linesSealed: { group: G.lines, label: tx("封存未拆除", "Sealed"), kind: "count", width: 9, value: (f) => f.linesSealed },
  countyPassed: { group: G.passed, label: tx("县级", "County"), kind: "count", width: 6, value: (f) => f.countyPassed },
  cityPassed: { group: G.passed, label: tx("市级", "City"), kind: "count", width: 6, value: (f) => f.cityPassed },
  provincePassed: { group: G.passed, label: tx("省级", "Province"), kind: "count", width: 6, value: (f) => f.provincePassed },
} satisfies Record<string, ColumnSpec<ReportedFigures>>;

/** Figures counted from the records themselves, which the JSON report does not carry. */
const FIG = {
  ...REPORTED,
  onTimetable: { label: tx("其中按时间表（家）", "Of which on a timetable"), kind: "count", width: 10, value: (f) => f.onTimetable },
  linesTotal: { group: G.lines, label: tx("列入", "Listed"), kind: "count", width: 6, value: (f) => f.linesTotal },
  linesShutdown: { group: G.lines, label: tx("已关停", "Shut down"), kind: "count", width: 7, value: (f) => f.linesShutdown },
} satisfies Record<string, ColumnSpec<Figures>>;

function capacityColumn(unit: string): ColumnSpec<ReportedFigures> {
  return { group: G.capacity, label: tx(`（${unit}）`, `(${unit})`), kind: "amount", width: 10, value: (f) => f.capacityEliminated[unit] ?? 0 };
}

/** The figures of a 汇总 row as the JSON report has them: with no capacity given anywhere, one 万吨 column of zeros keeps the table's shape. */
function reportedColumns(capacityUnits: readonly string[]): ColumnSpec<ReportedFigures>[] {
  const caps = capacityUnits.length ? capacityUnits : ["万吨"];
  return [
    REPORTED.enterprises,
    REPORTED.equipmentUnits,
    REPORTED.designCapacity,
    ...caps.map(capacityColumn),
    REPORTED.staffInvolved,
    REPORTED.staffResettled,
    REPORTED.fixedAssetsNet,
    REPORTED.energySavedTce,
    REPORTED.so2,
    REPORTED.co2,
    REPORTED.cod,
    REPORTED.nox,
    REPORTED.landFreedMu,
    REPORTED.linesDismantled,
    REPORTED.linesSealed,
    REPORTED.countyPassed,
    REPORTED.cityPassed,
    REPORTED.provincePassed,
  ];
}

/**
 * A 汇总 row made from records: the reported figures, with 其中按时间表 after the
 * enterprises and 已关停 before 已拆除. One level up these two are left out (the
 * JSON report does not carry them) rather than shown as zeros never counted.
 */
function figureColumns(capacityUnits: readonly string[]): ColumnSpec<Figures>[] {
  return reportedColumns(capacityUnits).flatMap((c): ColumnSpec<Figures>[] => {
    if (c === REPORTED.enterprises) return [c, FIG.onTimetable];
    if (c === REPORTED.linesDismantled) return [FIG.linesShutdown, c];
    return [c];
  });
}

const MILESTONE_LABEL: Record<TalliedMilestone, Text> = {
  shutdown: tx("关停", "Shutdown"),
  dismantle: tx("拆除", "Dismantling"),
  "county-acceptance": tx("县级验收", "County acceptance"),
};

/** A catalogue id in both languages; an English heading starts with a capital. */
const said = (id: string, heading = false): Text => {
  const en = t("en", id);
  return tx(t("zh-CN", id), heading ? en.charAt(0).toUpperCase() + en.slice(1) : en);
};

/** A tally counts enterprises by their milestone's status, worded as check words it. */
const TALLY_LABEL: Record<keyof Tally, Text> = {
  onTime: said("status.done", true),
  late: said("status.late", true),
  overdue: said("status.overdue", true),
  sealed: said("status.sealed", true),
  open: said("status.pending", true),
};

export const STATUS_LABEL: Record<MilestoneState, Text> = {
  done: said("status.done"),
  late: said("status.late"),
  overdue: said("status.overdue"),
  "due-soon": said("status.due-soon"),
  pending: said("status.pending"),
  sealed: said("status.sealed"),
  "not-applicable": said("status.not-applicable"),
};

function progressColumns(s: Summary): ColumnSpec<Progress>[] {
  const out: ColumnSpec<Progress>[] = [];
  for (const id of ["shutdown", "dismantle", "county-acceptance"] as const) {
    // the plan's date; enterprises on a timetable are judged against their own
    const due = s.dues[id];
    const base = MILESTONE_LABEL[id];
    const group = due ? tx(`${base["zh-CN"]}（${due}前，家）`, `${base.en} (due ${due})`) : tx(`${base["zh-CN"]}（家）`, base.en);
    const keys: (keyof Tally)[] = id === "dismantle" ? ["onTime", "late", "overdue", "sealed", "open"] : ["onTime", "late", "overdue", "open"];
    for (const k of keys) out.push({ group, label: TALLY_LABEL[k], kind: "count", width: 8, value: (p) => p[id][k] });
  }
  return out;
}

function unitLabel(e: EnterpriseSummary): string {
  if (e.unit !== OTHER_UNIT) return e.unit;
  return e.county ? `${OTHER_UNIT}（${e.county}）` : OTHER_UNIT;
}

type DetailRow = EnterpriseSummary & { index: number };

function detailColumns(lang: Lang): ColumnSpec<DetailRow>[] {
  const yes = lang === "en" ? "passed" : "通过";
  const status = (e: EnterpriseSummary, id: TalliedMilestone) => {
    const m = e.milestones[id];
    return m ? STATUS_LABEL[m.status][lang] : null;
  };
  const fig = (c: ColumnSpec<Figures>): ColumnSpec<DetailRow> => ({ ...c, value: (e) => c.value(e.figures) });
  const progress = said(SHEET_NAMES.progress);
  const timetable = (e: EnterpriseSummary) => {
    const t = e.timetable;
    if (!t) return null;
    const parts = [t.shutdownBy && tr(lang, "summary.timetable.shutdown", { date: t.shutdownBy }), t.dismantleBy && tr(lang, "summary.timetable.dismantle", { date: t.dismantleBy })];
    return parts.filter(Boolean).join(tr(lang, "list.comma"));
  };
  return [
    { label: tx("序号", "No."), kind: "text", width: 6, value: (e) => e.index },
    { label: COUNTY, kind: "text", width: 10, value: unitLabel },
    { label: tx("企业名称", "Enterprise"), kind: "text", width: 28, value: (e) => e.name },
    { label: tx("统一社会信用代码", "USCC"), kind: "text", width: 24, value: (e) => e.uscc },
    fig(FIG.equipmentUnits),
    fig(FIG.designCapacity),
    { group: G.capacity, label: tx("数量", "Amount"), kind: "amount", width: 9, summed: false, value: (e) => e.capacityAmount },
    { group: G.capacity, label: tx("单位", "Unit"), kind: "text", width: 9, value: (e) => e.capacityUnit },
    fig(FIG.staffInvolved),
    fig(FIG.staffResettled),
    fig(FIG.fixedAssetsNet),
    fig(FIG.energySavedTce),
    fig(FIG.so2),
    fig(FIG.co2),
    fig(FIG.cod),
    fig(FIG.nox),
    fig(FIG.landFreedMu),
    fig(FIG.linesTotal),
    fig(FIG.linesShutdown),
    fig(FIG.linesDismantled),
    fig(FIG.linesSealed),
    { group: G.passedEach, label: tx("县级", "County"), kind: "text", width: 6, value: (e) => (e.passed.county ? yes : null) },
    { group: G.passedEach, label: tx("市级", "City"), kind: "text", width: 6, value: (e) => (e.passed.city ? yes : null) },
    { group: G.passedEach, label: tx("省级", "Province"), kind: "text", width: 6, value: (e) => (e.passed.province ? yes : null) },
    { label: tx("淘汰时间表", "Timetable"), kind: "text", width: 16, value: timetable },
    { group: progress, label: MILESTONE_LABEL.shutdown, kind: "text", width: 11, value: (e) => status(e, "shutdown") },
    { group: progress, label: MILESTONE_LABEL.dismantle, kind: "text", width: 11, value: (e) => status(e, "dismantle") },
    { group: progress, label: MILESTONE_LABEL["county-acceptance"], kind: "text", width: 11, value: (e) => status(e, "county-acceptance") },
  ];
}

function tableOf<R>(
  name: string,
  specs: readonly ColumnSpec<R>[],
  rows: readonly R[],
  total: R | null,
  lang: Lang,
  frozenColumns: number,
): Table {
  const columns = specs.map((c) => columnOf(c, lang));
  return {
    name,
    columns,
    rows: rows.map((r) => specs.map((c) => c.value(r))),
    total: total === null ? null : specs.map((c, i) => (i === 0 ? TOTAL[lang] : columns[i]!.summed ? c.value(total) : null)),
    frozenColumns,
  };
}

/** The tables' names: the workbook's sheets and the headings, in the summary's language. */
export const SHEET_NAMES = { summary: "summary.sheet.summary", progress: "summary.sheet.progress", detail: "summary.sheet.detail" } as const;

function formatAsOf(asOf: string, lang: Lang): string {
  return tr(lang, "summary.as-of", { date: dateText(asOf, lang) });
}

export function summaryDocument(s: AnySummary, lang: Lang): SummaryDocument {
  return s.level === "areas" ? areaDocument(s, lang) : recordsDocument(s, lang);
}

function recordsDocument(s: Summary, lang: Lang): SummaryDocument {
  const countyCol = <R>(value: (r: R) => string): ColumnSpec<R> => ({ label: COUNTY, kind: "text", width: 12, value });
  type UnitRow = { county: string; figures: Figures; progress: Progress };
  const unitRows: UnitRow[] = s.units;
  const totalRow: UnitRow = { county: TOTAL[lang], ...s.total };

  const summarySpecs: ColumnSpec<UnitRow>[] = [
    countyCol((r) => r.county),
    ...figureColumns(s.capacityUnits).map((c) => ({ ...c, value: (r: UnitRow) => c.value(r.figures) })),
  ];
  const progressSpecs: ColumnSpec<UnitRow>[] = [
    countyCol((r) => r.county),
    { label: tx("企业（家）", "Enterprises"), kind: "count", width: 8, value: (r) => r.figures.enterprises },
    { ...FIG.onTimetable, value: (r) => r.figures.onTimetable },
    ...progressColumns(s).map((c) => ({ ...c, value: (r: UnitRow) => c.value(r.progress) })),
  ];
  const details = s.enterprises.map((e, i) => ({ ...e, index: i + 1 }));

  return {
    title: s.title,
    compilerLine: labelled(t(lang, "summary.compiler"), s.compiler, lang),
    asOfLine: formatAsOf(s.asOf, lang),
    tables: [
      tableOf(t(lang, SHEET_NAMES.summary), summarySpecs, unitRows, totalRow, lang, 1),
      tableOf(t(lang, SHEET_NAMES.progress), progressSpecs, unitRows, totalRow, lang, 1),
      tableOf(t(lang, SHEET_NAMES.detail), detailColumns(lang), details, null, lang, 3),
    ],
  };
}

/** 市州 when the areas are cities under their plans; 地区 for a roll-up of roll-ups. */
const AREA = { cities: tx("市州", "City"), areas: tx("地区", "Area") };
const SUB_UNIT = { cities: COUNTY, areas: tx("下级地区", "Sub-area") };

/** An area's row label: its name, and with mixed dates the date its figures are as of. */
function areaLabel(name: string, asOf: string, s: AreaSummary, lang: Lang): string {
  if (!s.mixedDates) return name;
  // in Chinese the year goes without saying when it is the summary's own
  const date = lang === "en" || !asOf.startsWith(`${s.year}-`) ? dateText(asOf, lang) : formatDate(asOf).replace(/^\d{4}年/, "");
  return tr(lang, "summary.area-as-of", { name, date });
}

/**
 * One level up (record contract §4): 汇总 has a row per area and the 合计; 明细 lists each
 * area's own units (a city's counties), with the same figure columns. There is
 * no 进度: the milestone tallies are not in the JSON report.
 */
function areaDocument(s: AreaSummary, lang: Lang): SummaryDocument {
  const kind = s.ofCities ? "cities" : "areas";
  type AreaRowView = { label: string; figures: ReportedFigures };
  type DetailRowView = AreaRowView & { index: number; county: string };
  const figures = <R extends { figures: ReportedFigures }>(): ColumnSpec<R>[] =>
    reportedColumns(s.capacityUnits).map((c) => ({ ...c, value: (r: R) => c.value(r.figures) }));
  const labelWidth = s.mixedDates ? 26 : 12;

  const summarySpecs: ColumnSpec<AreaRowView>[] = [{ label: AREA[kind], kind: "text", width: labelWidth, value: (r) => r.label }, ...figures<AreaRowView>()];
  const rows: AreaRowView[] = s.units.map((a) => ({ label: areaLabel(a.county, a.asOf, s, lang), figures: a.figures }));
  const details: DetailRowView[] = s.units
    .flatMap((a) => a.units.map((u) => ({ label: areaLabel(a.county, a.asOf, s, lang), county: u.county, figures: u.figures })))
    .map((d, i) => ({ ...d, index: i + 1 }));
  const detailSpecs: ColumnSpec<DetailRowView>[] = [
    { label: tx("序号", "No."), kind: "text", width: 6, value: (r) => r.index },
    { label: AREA[kind], kind: "text", width: labelWidth, value: (r) => r.label },
    { label: SUB_UNIT[kind], kind: "text", width: 12, value: (r) => r.county },
    ...figures<DetailRowView>(),
  ];
  const mixed = s.mixedDates ? tr(lang, "summary.mixed-dates") : "";
  const compiler = s.compiler ? labelled(t(lang, "summary.compiler"), s.compiler, lang) : "";
  return {
    title: s.title,
    compilerLine: compiler,
    asOfLine: `${formatAsOf(s.asOf, lang)}${mixed}`,
    tables: [
      tableOf(t(lang, SHEET_NAMES.summary), summarySpecs, rows, { label: TOTAL[lang], figures: s.total }, lang, 1),
      tableOf(t(lang, SHEET_NAMES.detail), detailSpecs, details, null, lang, 3),
    ],
  };
}

/** The header on one line: 实际淘汰产能（万吨）, 职工（人）·涉及, or the label alone. */
export function flatLabel(c: Column): string {
  if (!c.group) return c.label;
  if (c.label.startsWith("（")) return `${c.group}${c.label}`;
  return c.label.startsWith("(") ? `${c.group} ${c.label}` : `${c.group}·${c.label}`;
}
