// Chinese line breaking with 禁则 (kinsoku): a line never starts with closing
// punctuation and never ends with opening punctuation. A break may fall between
// any two Chinese characters; Latin words and numbers are kept whole unless a
// word alone is wider than the line. Pure: widths come from the caller.

/** may not begin a line */
export const NO_START = new Set([..."，。、；：？！）》」』】〕〉’”…—～·%‰℃°,.;:?!)]}"]);
/** may not end a line */
export const NO_END = new Set([..."（《「『【〔〈‘“([{"]);

/** width of a string at 1 pt (so multiply by the font size) */
export type Measure = (text: string) => number;

interface Unit {
  text: string;
  width: number;
  space: boolean;
}

const WORD = /[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF._\-/+#&@'%×·:,()[\]]/;

/** Units at 1 pt, remembered per measure and paragraph: a cell is broken at several sizes while it is fitted. */
const cache = new WeakMap<Measure, Map<string, Unit[]>>();

function unitsCached(paragraph: string, measure: Measure): Unit[] {
  let byText = cache.get(measure);
  if (!byText) cache.set(measure, (byText = new Map()));
  let us = byText.get(paragraph);
  if (!us) {
    if (byText.size > 20000) byText.clear();
    byText.set(paragraph, (us = units(paragraph, measure, 1)));
  }
  return us;
}

function units(paragraph: string, measure: Measure, size: number): Unit[] {
  const out: Unit[] = [];
  let word = "";
  const flush = () => {
    if (word) out.push({ text: word, width: measure(word) * size, space: false });
    word = "";
  };
  for (const ch of paragraph) {
    if (ch === " " || ch === "\u3000") {
      flush();
      out.push({ text: ch, width: measure(ch) * size, space: true });
    } else if (WORD.test(ch) && ch !== "(" && ch !== "[") {
      word += ch;
    } else if ((ch === "(" || ch === "[") && word === "") {
      word = ch; // an opening bracket binds to the word after it
    } else {
      flush();
      out.push({ text: ch, width: measure(ch) * size, space: false });
    }
  }
  flush();
  return out;
}

function splitWide(u: Unit, width: number, measure: Measure, size: number): Unit[] {
  const out: Unit[] = [];
  let cur = "";
  for (const ch of u.text) {
    if (cur && measure(cur + ch) * size > width) {
      out.push({ text: cur, width: measure(cur) * size, space: false });
      cur = "";
    }
    cur += ch;
  }
  if (cur) out.push({ text: cur, width: measure(cur) * size, space: false });
  return out;
}

const first = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
const lastChar = (s: string) => [...s].pop() ?? "";

/** Breaks text into lines no wider than `width` (pt) at `size` (pt); `\n` forces a break. */
export function breakLines(text: string, lineWidth: number, size: number, measure: Measure): string[] {
  const lines: string[] = [];
  const width = lineWidth / size; // work at 1 pt
  for (const paragraph of text.split("\n")) {
    let us = unitsCached(paragraph, measure);
    // a word wider than the line is broken where it must be
    if (us.some((u) => u.width > width && !u.space)) us = us.flatMap((u) => (u.width > width && !u.space ? splitWide(u, width, measure, 1) : [u]));
    let start = 0;
    while (start < us.length) {
      // skip spaces at the start of a wrapped line (not of a paragraph)
      if (lines.length > 0 && start > 0) while (start < us.length && us[start]!.space) start++;
      if (start >= us.length) break;
      let end = start;
      let w = 0;
      while (end < us.length && w + us[end]!.width <= width + 1e-6) w += us[end++]!.width;
      if (end === start) end++; // narrower than one character: one per line
      if (end < us.length) {
        // 禁则: pull the break back while the next line would start with closing
        // punctuation or this one would end with opening punctuation
        const bad = (k: number) => NO_START.has(first(us[k]!.text)) || NO_END.has(lastChar(us[k - 1]!.text));
        let k = end;
        while (k > start + 1 && bad(k)) k--;
        if (!bad(k)) end = k;
        else while (end < us.length && NO_START.has(first(us[end]!.text))) end++; // nothing to pull back: let it hang
      }
      lines.push(
        us
          .slice(start, end)
          .map((u) => u.text)
          .join("")
          .replace(/[ \u3000]+$/, (m) => (end >= us.length ? m : "")),
      );
      start = end;
    }
    if (us.length === 0) lines.push("");
  }
  return lines;
}
