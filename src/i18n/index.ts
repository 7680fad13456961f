// Message lookup: an id and its data -> a sentence in the chosen language.
import { en } from "./en.js";
import { zhCN } from "./zh-CN.js";

export type Lang = "zh-CN" | "en";

export const catalogues: Record<Lang, Record<string, string>> = { "zh-CN": zhCN, en };

export function parseLang(value: string | undefined): Lang {
  if (!value) return "zh-CN";
  const v = value.toLowerCase();
  return v === "en" || v.startsWith("en-") || v.startsWith("en_") ? "en" : "zh-CN";
}

export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Words a message id; extra catalogues (a rule's own) are consulted first. */
export function t(
  lang: Lang,
  id: string,
  data?: Record<string, string | number>,
  extra?: Partial<Record<Lang, Record<string, string>>>,
): string {
  const template = extra?.[lang]?.[id] ?? catalogues[lang][id] ?? catalogues["zh-CN"][id] ?? id;
  return interpolate(template, data);
}
