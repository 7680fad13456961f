// The clerk's progress report: one table per unit of the plan, the unit's
// counts, the date problems, then the plan's own timeline.
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import type { CheckedEnterprise, CheckResult, StatusCounts, TimelineEntry, UnitCheck } from "../plan/check.js";
import { planDues } from "../plan/due.js";
import type { Plan, Term } from "../plan/schema.js";
import { MILESTONE_IDS, STATUSES, type MilestoneStatus, type Status } from "../plan/status.js";
import { checkMessages } from "./check-messages.js";
import { renderTable, truncate, type Cell } from "./check-table.js";
import { describe } from "./describe.js";
import { labelled, locationLine } from "./location.js";
import type { Paint } from "./paint.js";

const NAME_WIDTH = 36;

export function checkText(lang: Lang, id: string, data?: Record<string, string | number>): string {
  return t(lang, id, data, checkMessages);
}

function colour(status: Status, paint: Paint): (s: string) => string {
  switch (status) {
    case "done":
      return paint.green;
    case "late":
    case "overdue":
      return paint.red;
    case "due-soon":
      return paint.yellow;
    case "sealed":
      return paint.green;
    case "not-applicable":
      return paint.dim;
    default:
      return (s) => s;
  }
}

/** MM-DD where the year is that of the deadline, else the full date. */
function shortDate(date: string, sameYearAs: string | null): string {
  return sameYearAs && date.slice(0, 4) === sameYearAs.slice(0, 4) ? date.slice(5) : date;
}

function milestoneCell(m: MilestoneStatus, lang: Lang, paint: Paint): Cell {
  const word = (id: string, data?: Record<string, string | number>) => checkText(lang, id, data);
  let text: string;
  switch (m.status) {
    case "done":
      text = m.done === null ? word("cell.done-undated") : word("cell.done", { date: shortDate(m.done, m.due) });
      break;
    case "late":
      text = word("cell.late", { days: m.daysLate ?? 0, date: shortDate(m.done!, m.due) });
      break;
    case "overdue":
      text = word("cell.overdue", { days: m.daysLate ?? 0 });
      break;
    case "due-soon":
      text = m.daysLeft === 0 ? word("cell.due-today") : word("cell.due-soon", { days: m.daysLeft ?? 0 });
      break;
    case "pending":
      text = word("cell.pending", { days: m.daysLeft ?? 0 });
      break;
    default:
      text = word(`cell.${m.status}`);
  }
  if (m.timetable && m.due) text += word("cell.timetable", { date: m.due });
  return { text, paint: colour(m.status, paint) };
}

export function formatCounts(counts: StatusCounts, lang: Lang, paint: Paint): string {
  const sep = t(lang, "list.comma");
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) =>
    colour(s, paint)(checkText(lang, "count.item", { status: checkText(lang, `status.${s}`), count: counts[s] })),
  );
  return parts.join(sep);
}

function enterpriseName(e: CheckedEnterprise, lang: Lang): string {
  const name = truncate(e.name ?? e.uscc ?? checkText(lang, "no-name"), NAME_WIDTH);
  return (e.annex2 ? name : name + checkText(lang, "no-annex2")) + (e.timetable ? checkText(lang, "on-timetable") : "");
}

function unitSection(u: UnitCheck, lang: Lang, paint: Paint, dues: ReadonlyMap<string, string>): string[] {
  const title = u.unit ?? checkText(lang, "unit.other");
  const out = [`${paint.bold(title)}  ${paint.dim(checkText(lang, "unit.enterprises", { count: u.enterprises.length }))}`];
  if (u.enterprises.length === 0) {
    out.push(`  ${paint.dim(checkText(lang, "unit.empty"))}`);
    return out;
  }
  const header: Cell[] = [
    { text: checkText(lang, "col.enterprise"), paint: paint.bold },
    ...MILESTONE_IDS.map((id) => ({ text: checkText(lang, `milestone.${id}`), paint: paint.bold })),
  ];
  const dueRow: Cell[] = [
    { text: "" },
    ...MILESTONE_IDS.map((id) => {
      const due = dues.get(id);
      return { text: due ? checkText(lang, "col.due", { date: due.slice(5) }) : "", paint: paint.dim };
    }),
  ];
  const rows: Cell[][] = [header, dueRow];
  for (const e of u.enterprises) {
    rows.push([{ text: enterpriseName(e, lang) }, ...e.milestones.map((m) => milestoneCell(m, lang, paint))]);
  }
  out.push(...renderTable(rows));
  out.push(`  ${checkText(lang, "unit.counts")}${formatCounts(u.counts, lang, paint)}`);
  return out;
}


function findingLine(f: Finding, lang: Lang, paint: Paint): string {
  const sev = f.severity === "error" ? paint.red(t(lang, "report.error")) : paint.yellow(t(lang, "report.warning"));
  const label = f.field ? fieldLabel(f.field, lang) : "";
  const value = f.value !== undefined ? paint.dim(` [${labelled(t(lang, "report.value"), String(f.value), lang)}]`) : "";
  return `  ${locationLine(f.location, lang)}  ${sev} ${labelled(label, describe(f, lang), lang)}${value}`;
}

function timelineLine(e: TimelineEntry, lang: Lang, paint: Paint, warnDays: number): Cell[] {
  const when = e.from ? `${e.from}～${e.due.slice(e.from.slice(0, 4) === e.due.slice(0, 4) ? 5 : 0)}` : e.due;
  let state: string;
  let tint: (s: string) => string = (s) => s;
  if (e.state === "upcoming") state = checkText(lang, "timeline.upcoming", { days: e.daysToStart ?? 0 });
  else if (e.state === "past") {
    state = checkText(lang, "timeline.past", { days: -e.daysLeft });
    tint = paint.dim;
  } else {
    state =
      e.daysLeft === 0
        ? checkText(lang, "timeline.today")
        : checkText(lang, e.from ? "timeline.window-open" : "timeline.open", { days: e.daysLeft });
    if (e.daysLeft <= warnDays) tint = paint.yellow;
  }
  return [{ text: when, paint: tint }, { text: lang === "en" ? e.titleEn : e.title, paint: tint }, { text: state, paint: tint }];
}

/** A per-project limit: what it caps and by how much, with its section; no countdown. */
function termLine(term: Term, lang: Lang): Cell[] {
  const title = lang === "en" ? term.titleEn ?? term.title : term.title;
  const limit = lang === "en" ? term.limitEn ?? term.limit : term.limit;
  return [{ text: title }, { text: limit }, { text: term.section ?? "" }];
}

export function formatCheckHuman(result: CheckResult, plan: Plan, lang: Lang, paint: Paint): string {
  const out: string[] = [];
  out.push(paint.bold(checkText(lang, "heading", { title: plan.title, documentNo: plan.documentNo })));
  out.push(checkText(lang, "as-of", { asOf: result.asOf, warnDays: result.warnDays }));
  out.push("");

  const dues = planDues(plan);
  for (const u of result.units) {
    out.push(...unitSection(u, lang, paint, dues));
    out.push("");
  }

  const enterprises = result.units.reduce((n, u) => n + u.enterprises.length, 0);
  const c = result.counts;
  const totals = { enterprises, late: c.late, overdue: c.overdue, dueSoon: c["due-soon"] };
  out.push(result.behind ? paint.red(checkText(lang, "total.behind", totals)) : paint.green(checkText(lang, "total.clean", totals)));
  out.push(paint.dim(checkText(lang, "legend")));
  if (result.units.some((u) => u.enterprises.some((e) => e.timetable))) out.push(paint.dim(checkText(lang, "legend.timetable")));

  const withProblems = result.units.flatMap((u) => u.enterprises.filter((e) => e.dateFindings.length > 0));
  if (withProblems.length || result.otherDateFindings.length) {
    out.push("");
    out.push(paint.bold(checkText(lang, "findings.heading")));
    for (const e of withProblems) {
      out.push(`  ${e.name ?? e.uscc ?? checkText(lang, "no-name")}`);
      for (const f of e.dateFindings) out.push(`  ${findingLine(f, lang, paint)}`);
    }
    for (const f of result.otherDateFindings) out.push(findingLine(f, lang, paint));
  }

  if (result.timeline.length) {
    out.push("");
    out.push(paint.bold(checkText(lang, "timeline.heading", { asOf: result.asOf })));
    out.push(...renderTable(result.timeline.map((e) => timelineLine(e, lang, paint, result.warnDays))));
  }
  if (result.terms.length) {
    out.push("");
    out.push(paint.bold(checkText(lang, "terms.heading")));
    out.push(...renderTable(result.terms.map((term) => termLine(term, lang))));
  }
  return out.join("\n") + "\n";
}
