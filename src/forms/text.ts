// Labels as clerks type them: matched after folding white space (runs of
// spaces as in `手    机`, full-width spaces, line breaks), full- and
// half-width forms (（ and (, ： and :) and Latin case, while every position
// in the folded text still points back at the text as typed, so that what
// follows a label can be cut out of the same cell.
import { normaliseLabel } from "../values/text.js";

/** A label's key: what two spellings of one label share. */
export const labelKey = normaliseLabel;

/** A label without the unit in brackets at its end: 设计产能（万吨） -> 设计产能. */
export function bareKey(key: string): string {
  return key.replace(/\([^()]*\)$/, "");
}

/** Text with its folded form, each folded character mapped to the span of the typed text it came from. */
export class Folded {
  readonly key: string;
  /** start[i]: where in `raw` folded character i begins */
  readonly #start: number[] = [];
  /** end[i]: where in `raw` folded character i ends */
  readonly #end: number[] = [];

  constructor(readonly raw: string) {
    let key = "";
    let i = 0;
    for (const ch of raw) {
      const next = i + ch.length;
      const folded = fold(ch);
      for (let k = 0; k < folded.length; k++) {
        this.#start.push(i);
        this.#end.push(next);
      }
      key += folded;
      i = next;
    }
    this.key = key;
  }

  /** The span of `raw` that folded characters [from, to) came from. */
  span(from: number, to: number): [number, number] {
    if (from >= to) {
      const at = from < this.#start.length ? this.#start[from]! : this.raw.length;
      return [at, at];
    }
    return [this.#start[from]!, this.#end[to - 1]!];
  }

  /** The typed text before folded position `at`. */
  before(at: number): string {
    return this.raw.slice(0, at < this.#start.length ? this.#start[at]! : this.raw.length);
  }

  /** The typed text after folded position `at` (the characters from `at` on). */
  after(at: number): string {
    return at < this.#start.length ? this.raw.slice(this.#start[at]!) : "";
  }

  /** Where `key` (a folded label) occurs, from folded position `from`; -1 when it does not. */
  indexOf(key: string, from = 0): number {
    return key ? this.key.indexOf(key, from) : -1;
  }
}

const cache = new Map<string, string>();

/** One character folded as labels are: NFKC, no white space, lower case. */
function fold(ch: string): string {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c >= 0x4e00 && c <= 0x9fff) return ch; // most of a form: CJK ideographs never change
    if (c < 0x80) return /\s/.test(ch) ? "" : ch.toLowerCase();
  }
  let f = cache.get(ch);
  if (f === undefined) {
    f = normaliseLabel(ch);
    cache.set(ch, f);
  }
  return f;
}

/** Text as typed without its line breaks' surrounding blanks: each line trimmed, blank lines dropped. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
    .filter((l) => l !== "")
    .join("\n");
}

/** Blanks a clerk leaves to write into: runs of underscores (填报时间：______). */
export function withoutBlanks(text: string): string {
  return text.replace(/[_＿]{2,}/g, " ");
}

/** A cell that says "nothing here" rather than a value: a slash or a dash. */
export function isNothing(text: string): boolean {
  return /^[/／\\—–\-－─━]+$/.test(labelKey(text));
}
