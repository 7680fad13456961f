// What must be known before commander parses: the language (help is worded at
// registration) and whether errors go to stdout as JSON too.
import { langNamed, localeLang, type Lang } from "../i18n/index.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The values given to an option, up to `--` (after it, every word is an input). */
function optionValues(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === name && i + 1 < argv.length) out.push(argv[++i]!);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  }
  return out;
}

/** The language when nothing is given on the command line: CAPEXIT_LANG, else the locale. */
export function envLang(env: Env): Lang {
  return (env.CAPEXIT_LANG ? langNamed(env.CAPEXIT_LANG) : null) ?? localeLang(env);
}

export type LangChoice = { lang: Lang; refused?: undefined } | { lang: Lang; refused: { value: string; source: string } };

/** `--lang` (the last one given), else CAPEXIT_LANG, else the locale; a value naming no language we have is refused. */
export function chooseLang(argv: readonly string[], env: Env): LangChoice {
  const fallback = localeLang(env);
  const given = optionValues(argv, "--lang").at(-1);
  for (const [value, source] of [[given, "--lang"], [env.CAPEXIT_LANG || undefined, "CAPEXIT_LANG"]] as const) {
    if (value === undefined) continue;
    const lang = langNamed(value);
    return lang ? { lang } : { lang: fallback, refused: { value, source } };
  }
  return { lang: fallback };
}

/** `--format json` (render: `--format docx,json`): a refusal is written to stdout as JSON too. */
export function wantsJson(formats: readonly string[]): boolean {
  return formats.some((f) => f.split(",").some((w) => w.trim().toLowerCase() === "json"));
}

export function formatsInArgv(argv: readonly string[]): string[] {
  return optionValues(argv, "--format");
}
