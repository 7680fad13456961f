// Markdown tables for pasting into a report: the same three tables as the workbook.
import type { Lang } from "../i18n/index.js";
import { flatLabel, type SummaryDocument, type Table } from "./tables.js";
import { cellText } from "./text.js";

/** A cell that cannot break the table: pipes escaped, line breaks folded. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s*[\r\n]+\s*/g, " ");
}

export function markdownTable(t: Table): string {
  const head = `| ${t.columns.map((c) => mdCell(flatLabel(c))).join(" | ")} |`;
  const rule = `|${t.columns.map((c) => (c.kind === "text" ? " --- " : " ---: ")).join("|")}|`;
  const body = t.rows.map((r) => `| ${r.map((v) => mdCell(cellText(v))).join(" | ")} |`);
  const total = t.total ? [`| ${t.total.map((v, i) => (i === 0 ? `**${mdCell(cellText(v))}**` : mdCell(cellText(v)))).join(" | ")} |`] : [];
  return [head, rule, ...body, ...total].join("\n");
}

export function formatSummaryMarkdown(doc: SummaryDocument, lang: Lang): string {
  const sep = lang === "en" ? "; " : "　";
  const out = [`# ${mdCell(doc.title)}`];
  for (const p of doc.lead ?? []) out.push("", mdCell(p));
  const info = [doc.compilerLine, doc.asOfLine].filter((s) => s.trim()).map(mdCell);
  if (info.length) out.push("", info.join(sep));
  for (const t of doc.tables) out.push("", `## ${t.name}`, "", markdownTable(t));
  for (const p of doc.closing ?? []) out.push("", mdCell(p));
  // a backslash at the end of a line is Markdown's hard line break: the issuer above the date
  if (doc.signature?.length) out.push("", doc.signature.map(mdCell).join("\\\n"));
  return out.join("\n") + "\n";
}
