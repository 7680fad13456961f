// Ticked answers on a form: `是☑ 否☐`, `☑是 □否`, `是（√）否（ ）`, `通过■ 不通过□`.
// The words come from the form (是/否, 通过/不通过); a mark stands right after
// its word or right before it, and the layout of the whole line says which.
// Pure.

/** Marks that tick an answer. */
const TICKS = new Set(["☑", "√", "✓", "✔", "■", "●", "☒", "✅", "☒", "⊠", "◼", "▇"]);
/** Marks that leave it open: the printed box. */
const BOXES = new Set(["☐", "□", "○", "◯", "▢", "〇"]);
/** Brackets a mark may stand in, as in 是（√）; they say nothing themselves. */
const BRACKETS = new Set(["(", ")", "（", "）", "[", "]", "【", "】", "〔", "〕"]);

export type TickAnswer =
  /** no option word with a mark: the text is no ticked line */
  | { kind: "none" }
  /** the words are there, with their boxes, none ticked: blank */
  | { kind: "blank" }
  | { kind: "one"; index: number }
  | { kind: "both" };

type Token = { type: "word"; option: number; gap: number } | { type: "mark"; ticked: boolean; gap: number };

/**
 * Reads a ticked line. `options` are the answers (是, 否), longest matched first
 * where one holds another (不通过 holds 通过). Other text around them is ignored.
 */
export function readTicks(text: string, options: readonly string[]): TickAnswer {
  const order = options.map((o, i) => ({ o, i })).sort((a, b) => b.o.length - a.o.length);
  const tokens: Token[] = [];
  let gap = 0;
  let i = 0;
  const chars = [...text.normalize("NFC")];
  outer: while (i < chars.length) {
    const ch = chars[i]!;
    if (TICKS.has(ch) || BOXES.has(ch)) {
      tokens.push({ type: "mark", ticked: TICKS.has(ch), gap });
      gap = 0;
      i++;
      continue;
    }
    for (const { o, i: option } of order) {
      if (chars.slice(i, i + [...o].length).join("") === o) {
        tokens.push({ type: "word", option, gap });
        gap = 0;
        i += [...o].length;
        continue outer;
      }
    }
    if (/\s/.test(ch) || BRACKETS.has(ch) || ch === "\u3000") gap++;
    else gap += 100; // other text between a word and a mark parts them
    i++;
  }
  if (!tokens.some((t) => t.type === "mark") || !tokens.some((t) => t.type === "word")) return { kind: "none" };

  // pair each word with the mark after it, or with the one before it; the reading with more pairs wins, then the tighter
  const pairing = (after: boolean) => {
    const ticked = new Set<number>();
    let pairs = 0;
    let spread = 0;
    const used = new Set<number>();
    tokens.forEach((t, k) => {
      if (t.type !== "word") return;
      const m = after ? k + 1 : k - 1;
      const mark = tokens[m];
      if (!mark || mark.type !== "mark" || used.has(m)) return;
      const distance = after ? mark.gap : t.gap;
      if (distance >= 100) return;
      used.add(m);
      pairs++;
      spread += distance;
      if (mark.ticked) ticked.add(t.option);
    });
    return { pairs, spread, ticked };
  };
  const a = pairing(true);
  const b = pairing(false);
  const best = b.pairs > a.pairs || (b.pairs === a.pairs && b.spread < a.spread) ? b : a;
  if (best.pairs === 0) return { kind: "none" };
  if (best.ticked.size === 0) return { kind: "blank" };
  if (best.ticked.size > 1) return { kind: "both" };
  return { kind: "one", index: [...best.ticked][0]! };
}

/** Whether a text holds any tick or box mark at all. */
export function hasMarks(text: string): boolean {
  for (const ch of text) if (TICKS.has(ch) || BOXES.has(ch)) return true;
  return false;
}
