// The notice in words: the title, lead paragraph, table, 公示期 and signature,
// as the document every writer (pdf, xlsx, docx, md) draws. Pure.
import { t, type Lang } from "../i18n/index.js";
import { dateText, formatNumber } from "../render/format.js";
import type { CellValue, Column, SummaryDocument } from "../summary/tables.js";
import type { Capacity } from "./capacity.js";
import type { Deadline, Notice, NoticeRow, RetiredItem } from "./model.js";

/** Marks a deadline set by the enterprise's own timetable (explained in a note under the table). */
export const TIMETABLE_MARK = "＊";

export const noticeDate = dateText;

export function noticeTitle(n: Notice, lang: Lang): string {
  return n.title ?? t(lang, "notice.title", { area: n.area, year: n.year });
}

function itemText(item: RetiredItem, lang: Lang): string | null {
  if (item === null) return null;
  if (item.kind === "line") return item.model;
  return item.quantity === null ? item.name : t(lang, "notice.quantity", { name: item.name, quantity: item.quantity });
}

function capacityText(c: Capacity | null, lang: Lang): string | null {
  if (c === null) return null;
  return lang === "en" && c.unit ? `${formatNumber(c.amount)} ${c.unit}` : `${formatNumber(c.amount)}${c.unit}`;
}

function deadlineText(d: Deadline, lang: Lang): string | null {
  if (d.date === null) return null;
  return noticeDate(d.date, lang) + (d.byTimetable ? TIMETABLE_MARK : "");
}

interface ColumnSpec {
  id: string;
  group?: string;
  width: number;
  value: (row: NoticeRow, index: number) => CellValue;
}

function columnSpecs(n: Notice, lang: Lang): ColumnSpec[] {
  const specs: ColumnSpec[] = [
    { id: "index", width: 5, value: (_, i) => i + 1 },
    { id: "county", width: 10, value: (r) => r.county },
    { id: "name", width: 29, value: (r) => r.name },
    { id: "uscc", width: 20, value: (r) => r.uscc },
    { id: "item", width: 26, value: (r) => itemText(r.item, lang) },
    { id: "capacity", width: 11, value: (r) => capacityText(r.capacity, lang) },
    { id: "shutdown", group: "deadline", width: 17, value: (r) => deadlineText(r.shutdownBy, lang) },
    { id: "dismantle", group: "deadline", width: 17, value: (r) => deadlineText(r.dismantleBy, lang) },
  ];
  if (n.asOf !== null) specs.push({ id: "progress", width: 9, value: (r) => (r.progress ? t(lang, `notice.progress.${r.progress}`) : null) });
  return specs;
}

/** 0722-3226789。 -> 0722-3226789: the sentence supplies its own full stop. */
const withoutStop = (s: string) => s.replace(/[。．.；;，,\s]+$/u, "");

export function noticeDocument(n: Notice, lang: Lang): SummaryDocument {
  const specs = columnSpecs(n, lang);
  const columns: Column[] = specs.map((s) => ({
    group: s.group ? t(lang, `notice.col.${s.group}`) : null,
    label: t(lang, `notice.col.${s.id}`),
    kind: "text",
    width: s.width,
    summed: false,
  }));
  const objection = n.contact
    ? t(lang, "notice.objection-contact", { issuer: n.issuer, contact: withoutStop(n.contact) })
    : t(lang, "notice.objection", { issuer: n.issuer });
  const period = t(lang, "notice.period", { from: noticeDate(n.period.from, lang), to: noticeDate(n.period.to, lang), days: n.period.days });
  const timetable = n.rows.some((r) => r.shutdownBy.byTimetable || r.dismantleBy.byTimetable);
  const sep = lang === "en" ? " " : "";
  return {
    title: noticeTitle(n, lang),
    compilerLine: "",
    asOfLine: n.asOf === null ? "" : t(lang, "notice.as-of", { date: noticeDate(n.asOf, lang) }),
    tables: [
      {
        name: t(lang, "notice.sheet"),
        columns,
        rows: n.rows.map((r, i) => specs.map((s) => s.value(r, i))),
        total: null,
        frozenColumns: 0,
      },
    ],
    lead: [
      t(lang, "notice.lead", {
        planTitle: n.planTitle,
        documentNo: n.documentNo,
        area: n.area,
        year: n.year,
        enterprises: n.enterprises,
        items: n.rows.length,
      }),
    ],
    closing: [...(timetable ? [t(lang, "notice.timetable-note")] : []), `${period}${sep}${objection}`],
    signature: [n.issuer, noticeDate(n.issuedOn, lang)],
  };
}
