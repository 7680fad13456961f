// The 填报单位（盖章）：… 填报时间：… line above a form, in one piece (a Word
// paragraph) or spread over a sheet's cells, read into its fields. Pure.
import type { Location, RawValue } from "../model/source.js";
import type { FormLayout } from "./layout.js";
import { Folded, tidy, withoutBlanks } from "./text.js";

/** A line of text, in one piece or spread over cells, each piece with where it stands. */
export type Line = { text: string; loc: Location }[];

/** Reads 填报单位（盖章）：随县科经局    填报时间：2024年8月20日 into its fields; the line nearest the form wins. */
export function readAbove(layout: FormLayout, lines: readonly Line[], put: (path: string, raw: RawValue, loc: Location) => void) {
  const got = new Map<string, { raw: string; loc: Location }>();
  for (const line of lines) {
    // the pieces joined by a space, each remembered by where it starts
    const starts: number[] = [];
    let text = "";
    for (const piece of line) {
      if (text) text += " ";
      starts.push(text.length);
      text += piece.text;
    }
    const locAt = (offset: number) => line[Math.max(0, starts.filter((s) => s <= offset).length - 1)]!.loc;
    const folded = new Folded(text);
    const found: { at: number; length: number; path: string }[] = [];
    for (const a of layout.above) {
      // the longest spelling first: 填报单位（盖章） before 填报单位
      for (const k of [...a.keys].sort((x, y) => y.length - x.length)) {
        const at = folded.indexOf(k);
        if (at >= 0 && !found.some((f) => at >= f.at && at < f.at + f.length)) {
          found.push({ at, length: k.length, path: a.path });
          break;
        }
      }
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.at - b.at);
    found.forEach((f, i) => {
      let from = f.at + f.length;
      if (folded.key[from] === ":") from++;
      // where the value starts in the typed text (its end, when the label ends the line: 填报时间：)
      const [start] = folded.span(from, from);
      const end = i + 1 < found.length ? folded.span(found[i + 1]!.at, found[i + 1]!.at + 1)[0] : text.length;
      const piece = text.slice(start, end);
      const value = tidy(withoutBlanks(piece));
      const offset = start + piece.search(/\S/);
      got.set(f.path, { raw: value, loc: value ? locAt(offset) : locAt(folded.span(f.at, f.at + 1)[0]) });
    });
  }
  for (const [path, { raw, loc }] of got) put(path, raw === "" ? null : raw, loc);
}
