// Days as each language writes them. Kept light: the summaries and reports
// load it without the form templates.
import type { Lang } from "./index.js";

/** 2024-10-15 -> 2024年10月15日; 2005-03 -> 2005年3月; 2005 -> 2005年. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(iso);
  if (!m) return iso;
  let s = `${m[1]}年`;
  if (m[2]) s += `${Number(m[2])}月`;
  if (m[3]) s += `${Number(m[3])}日`;
  return s;
}

/** A day as a reader of `lang` writes it: 2024年12月31日, or 2024-12-31 in English. */
export function dateText(iso: string, lang: Lang): string {
  return lang === "en" ? iso : formatDate(iso);
}
