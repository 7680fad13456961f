// --help in one language: commander's frame (titles, usage words, its own
// options' descriptions, the default/choices notes) worded by the catalogue.
import { Help, type Argument, type Command, type Option } from "commander";
import { t, type Lang } from "../i18n/index.js";
import { displayWidth } from "../report/width.js";

/** Characters a line may not begin with (Chinese punctuation that closes or follows). */
const NO_LINE_START = new Set([..."，。、；：？！）》」』】”’…"]);

/** Wraps `text` to `width` columns: at spaces, or between any two Chinese characters. */
export function wrapColumns(text: string, width: number): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      // chunks: a run of spaces and a word of ASCII, or one wide character
      const chunks = line.match(/\s*(?:[\x21-\x7e]+|[^\s])/gu) ?? [""];
      const lines: string[] = [];
      let current = "";
      for (const chunk of chunks) {
        const joined = current + chunk;
        if (current && displayWidth(joined) > width && !NO_LINE_START.has(chunk.trimStart()[0] ?? "")) {
          lines.push(current);
          current = chunk.trimStart();
        } else current = joined;
      }
      return [...lines, current].join("\n");
    })
    .join("\n");
}

/** commander's titles, as formatHelp passes them to styleTitle */
const TITLES: Record<string, string> = {
  "Usage:": "help.title.usage",
  "Arguments:": "help.title.arguments",
  "Options:": "help.title.options",
  "Global Options:": "help.title.global-options",
  "Commands:": "help.title.commands",
};

/** The words commander adds after a description: (default: …, choices: …) */
const EXTRAS: Record<string, string> = { "default:": "help.extra.default", "choices:": "help.extra.choices", "preset:": "help.extra.preset", "env:": "help.extra.env" };

/** Configures `program` (and every command added after) to word its help in `lang`. */
export function localiseHelp(program: Command, lang: Lang, version: string): void {
  const w = (id: string) => t(lang, id);
  const base = new Help();
  const usageWords = (usage: string) => usage.replace("[options]", `[${w("help.ph.options")}]`).replace("[command]", `[${w("help.ph.command")}]`);
  const extras = (text: string, description: string): string => {
    const tail = text.slice(description.length);
    const worded = tail.replace(/\b(default:|choices:|preset:|env:)/g, (m) => w(EXTRAS[m]!));
    return description + (lang === "en" ? worded : worded.replace(/^ \(/, "（").replace(/\)$/, "）").replace(/, /g, "，"));
  };
  program.configureHelp({
    styleTitle: (title: string) => (TITLES[title] ? w(TITLES[title]) : title),
    commandUsage: (cmd: Command) => usageWords(base.commandUsage(cmd)),
    subcommandTerm: (cmd: Command) => usageWords(base.subcommandTerm(cmd)),
    // Chinese takes two columns and breaks between characters, so the columns line up and long lines wrap
    displayWidth: (text: string) => displayWidth(text.replace(/\u001b\[[0-9;]*m/g, "")),
    boxWrap: (text: string, width: number) => (width < 40 ? text : wrapColumns(text, width)),
    optionDescription: (option: Option) => extras(base.optionDescription(option), option.description),
    argumentDescription: (argument: Argument) => extras(base.argumentDescription(argument), argument.description),
  });
  program.helpOption("-h, --help", w("help.help"));
  program.helpCommand(`help [${w("help.ph.command")}]`, w("help.help-command"));
  program.version(version, "-V, --version", w("help.version"));
}
