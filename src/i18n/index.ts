// Message lookup: an id and its data -> a sentence in the chosen language.
import { en } from "./en.js";
import { zhCN } from "./zh-CN.js";

export type Lang = "zh-CN" | "en";

export const catalogues: Record<Lang, Record<string, string>> = { "zh-CN": zhCN, en };

/** The spellings `--lang` accepts, lower-cased with `_` read as `-`; anything else is refused. */
const NAMES: Record<string, Lang> = { "zh-cn": "zh-CN", zh: "zh-CN", "zh-hans": "zh-CN", "zh-hans-cn": "zh-CN", en: "en" };

/** A language the user named (`--lang`, CAPEXIT_LANG): zh-CN or en and their aliases (en-US, en_GB, zh, zh_CN…); null for any other. */
export function langNamed(value: string): Lang | null {
  const v = value.trim().toLowerCase().replace(/_/g, "-");
  return NAMES[v] ?? (/^en-[a-z0-9-]+$/.test(v) ? "en" : null);
}

/** The language of a POSIX locale (LC_ALL, LC_MESSAGES, LANG in that order): English for en_*, else Chinese. */
export function localeLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return langNamed(locale.split(/[.@]/)[0] ?? "") ?? "zh-CN";
}

/** Lenient: a value that names no language falls back to Chinese (for wording an error about that very value). */
export function parseLang(value: string | undefined): Lang {
  return (value && langNamed(value)) || "zh-CN";
}

export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Words a list as "a、b 或 c" / "a, b or c". */
export function orList(lang: Lang, items: readonly string[]): string {
  if (items.length < 2) return items.join("");
  return t(lang, "list.or", { items: items.slice(0, -1).join(t(lang, "list.sep")), last: items.at(-1)! });
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
