// Chinese line breaking with 禁则 (kinsoku): a line never starts with closing
// punctuation and never ends with opening punctuation. A break may fall between
// any two Chinese characters; Latin words and numbers are kept whole unless a
// word alone is wider than the line.
//
// Two rules make a wrapped text look set rather than cut:
// - no lone last character: when a paragraph's last line would hold a single
//   character (盖章。→ 章。), the break moves back, to a word boundary where
//   there is one (…的 / 原因, 是否 / 封存), else by one character;
// - balanced lines (labels): the lines of a label are made as even as they go
//   at the same count (统一社会 / 信用代码 rather than 统一社会信用 / 代码).
// Pure: widths come from the caller.

/** may not begin a line */
export const NO_START = new Set([..."，。、；：？！）》」』】〕〉’”…—～·%‰℃°,.;:?!)]}"]);
/** may not end a line */
export const NO_END = new Set([..."（《「『【〔〈‘“([{"]);

/** width of a string at 1 pt (so multiply by the font size) */
export type Measure = (text: string) => number;

export interface BreakOptions {
  /** even out the lines of each paragraph, keeping their number (for labels) */
  balance?: boolean;
}

interface Unit {
  text: string;
  width: number;
  space: boolean;
  /** where the unit starts in its paragraph, in UTF-16 units */
  at: number;
}

const WORD = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF._\-/+#&@'%×·:,()[\]]/;

let segmenter: Intl.Segmenter | null | undefined;
const segmented = new Map<string, Set<number>>();

/** Chinese word boundaries (ICU's dictionary), as offsets in UTF-16 units; none where Intl lacks them. */
function wordStarts(paragraph: string): Set<number> {
  let out = segmented.get(paragraph);
  if (out) return out;
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  out = new Set<number>();
  if (segmenter) for (const s of segmenter.segment(paragraph)) out.add(s.index);
  if (segmented.size > 5000) segmented.clear();
  segmented.set(paragraph, out);
  return out;
}

/** Units at 1 pt, remembered per measure and paragraph: a cell is broken at several sizes while it is fitted. */
const cache = new WeakMap<Measure, Map<string, Unit[]>>();

function unitsCached(paragraph: string, measure: Measure): Unit[] {
  let byText = cache.get(measure);
  if (!byText) cache.set(measure, (byText = new Map()));
  let us = byText.get(paragraph);
  if (!us) {
    if (byText.size > 20000) byText.clear();
    byText.set(paragraph, (us = units(paragraph, measure)));
  }
  return us;
}

function units(paragraph: string, measure: Measure): Unit[] {
  const out: Unit[] = [];
  let word = "";
  let at = 0; // UTF-16 offset of the next character
  let wordAt = 0;
  const push = (text: string, offset: number, space: boolean) => out.push({ text, width: measure(text), space, at: offset });
  const flush = () => {
    if (word) push(word, wordAt, false);
    word = "";
  };
  for (const ch of paragraph) {
    if (ch === " " || ch === "\u3000") {
      flush();
      push(ch, at, true);
    } else if (WORD.test(ch) && ch !== "(" && ch !== "[") {
      if (!word) wordAt = at;
      word += ch;
    } else if ((ch === "(" || ch === "[") && word === "") {
      word = ch; // an opening bracket binds to the word after it
      wordAt = at;
    } else {
      flush();
      push(ch, at, false);
    }
    at += ch.length;
  }
  flush();
  return out;
}

function splitWide(u: Unit, width: number, measure: Measure): Unit[] {
  const out: Unit[] = [];
  let cur = "";
  let at = u.at;
  for (const ch of u.text) {
    if (cur && measure(cur + ch) > width) {
      out.push({ text: cur, width: measure(cur), space: false, at });
      at += cur.length;
      cur = "";
    }
    cur += ch;
  }
  if (cur) out.push({ text: cur, width: measure(cur), space: false, at });
  return out;
}

const first = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
const lastChar = (s: string) => [...s].pop() ?? "";
const EPS = 1e-6;

/** A break before unit k is allowed by 禁则. */
function allowed(us: readonly Unit[], k: number): boolean {
  return !NO_START.has(first(us[k]!.text)) && !NO_END.has(lastChar(us[k - 1]!.text));
}

/** Units that are text rather than spaces or punctuation: what a reader counts as characters. */
function letters(us: readonly Unit[], start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const u = us[k]!;
    if (u.space || NO_START.has(u.text) || NO_END.has(u.text)) continue;
    n += u.text.length > 1 && WORD.test(u.text) ? 2 : [...u.text].length; // a Latin word never stands as a lone character
  }
  return n;
}

function widthOf(us: readonly Unit[], start: number, end: number): number {
  let w = 0;
  for (let k = start; k < end; k++) w += us[k]!.width;
  return w;
}

/** Line starts for one paragraph at `width` (1 pt units), 禁则 applied; the last entry is `us.length`. */
function greedy(us: readonly Unit[], width: number): number[] {
  const starts: number[] = [];
  let start = 0;
  while (start < us.length) {
    // skip spaces at the start of a wrapped line (not of a paragraph)
    if (starts.length > 0) while (start < us.length && us[start]!.space) start++;
    if (start >= us.length) break;
    starts.push(start);
    let end = start;
    let w = 0;
    while (end < us.length && w + us[end]!.width <= width + EPS) w += us[end++]!.width;
    if (end === start) end++; // narrower than one character: one per line
    if (end < us.length) {
      // pull the break back while the next line would start with closing
      // punctuation or this one would end with opening punctuation
      let k = end;
      while (k > start + 1 && !allowed(us, k)) k--;
      if (allowed(us, k)) end = k;
      else while (end < us.length && NO_START.has(first(us[end]!.text))) end++; // nothing to pull back: let it hang
    }
    start = end;
  }
  starts.push(us.length);
  return starts;
}

/**
 * No lone last character: moves the last break back, to the nearest word
 * boundary that leaves both lines at least two characters and fits, else by
 * the fewest characters that do.
 */
function keepLastLineCompany(us: readonly Unit[], starts: number[], width: number, paragraph: string): number[] {
  const n = starts.length - 1; // lines
  if (n < 2) return starts;
  const end = us.length;
  const lastStart = starts[n - 1]!;
  if (letters(us, lastStart, end) !== 1) return starts;
  const prevStart = starts[n - 2]!;
  const fits = (k: number) => widthOf(us, k, end) <= width + EPS;
  const ok = (k: number) => allowed(us, k) && letters(us, prevStart, k) >= 2 && letters(us, k, end) >= 2 && fits(k);
  const words = wordStarts(paragraph);
  let best = -1;
  for (let k = lastStart - 1; k > prevStart; k--) {
    if (!ok(k)) continue;
    if (words.has(us[k]!.at)) {
      best = k;
      break;
    }
    if (best < 0) best = k; // the nearest break, should no word boundary do
  }
  if (best < 0) return starts;
  const out = starts.slice();
  out[n - 1] = best;
  return out;
}

function lineTexts(us: readonly Unit[], starts: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const end = starts[i + 1]!;
    let text = "";
    for (let k = starts[i]!; k < end; k++) text += us[k]!.text;
    // spaces at the end of a wrapped line are dropped; the paragraph's own are kept
    out.push(end >= us.length ? text : text.replace(/[ \u3000]+$/, ""));
  }
  return out;
}

function breakParagraph(us: readonly Unit[], width: number, paragraph: string): number[] {
  return keepLastLineCompany(us, greedy(us, width), width, paragraph);
}

/**
 * The narrowest width (down to the widest unit) that keeps the paragraph on as
 * many lines; then each break that splits a word moves by one to the word's
 * edge where the lines still fit (淘汰落后和 / 过剩产能效果).
 */
function balanced(us: readonly Unit[], width: number, lines: number, paragraph: string): number[] {
  let lo = Math.max(...us.map((u) => u.width));
  let hi = width;
  let best = breakParagraph(us, width, paragraph);
  if (lo >= hi) return best;
  for (let i = 0; i < 12 && hi - lo > 0.05; i++) {
    const mid = (lo + hi) / 2;
    const at = breakParagraph(us, mid, paragraph);
    if (at.length - 1 <= lines) {
      hi = mid;
      best = at;
    } else lo = mid;
  }
  const words = wordStarts(paragraph);
  const out = best.slice();
  for (let i = 1; i < out.length - 1; i++) {
    if (words.has(us[out[i]!]!.at)) continue;
    for (const k of [out[i]! - 1, out[i]! + 1]) {
      const fits = widthOf(us, out[i - 1]!, k) <= width + EPS && widthOf(us, k, out[i + 1]!) <= width + EPS;
      const company = letters(us, out[i - 1]!, k) >= 2 && letters(us, k, out[i + 1]!) >= 2;
      if (k > out[i - 1]! && k < out[i + 1]! && words.has(us[k]!.at) && allowed(us, k) && fits && company) {
        out[i] = k;
        break;
      }
    }
  }
  return out;
}

/** Breaks text into lines no wider than `lineWidth` (pt) at `size` (pt); `\n` forces a break. */
export function breakLines(text: string, lineWidth: number, size: number, measure: Measure, options: BreakOptions = {}): string[] {
  const lines: string[] = [];
  const width = lineWidth / size; // work at 1 pt
  for (const paragraph of text.split("\n")) {
    let us = unitsCached(paragraph, measure);
    if (us.length === 0) {
      lines.push("");
      continue;
    }
    // a word wider than the line is broken where it must be
    if (us.some((u) => u.width > width && !u.space)) us = us.flatMap((u) => (u.width > width && !u.space ? splitWide(u, width, measure) : [u]));
    let starts = breakParagraph(us, width, paragraph);
    if (options.balance && starts.length > 2) starts = balanced(us, width, starts.length - 1, paragraph);
    lines.push(...lineTexts(us, starts));
  }
  return lines;
}

/** A wrapped paragraph's last line holds one character (a lone character, 孤字). */
export function loneLastCharacter(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const last = [...lines[lines.length - 1]!].filter((c) => c.trim() && c !== "\u3000" && !NO_START.has(c) && !NO_END.has(c));
  return last.length === 1;
}
