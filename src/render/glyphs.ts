// The ☑/☐ of yes/no fields. Fonts that have both glyphs draw them as they are;
// for one that lacks them (Noto Serif SC among them) a ☐ is drawn as □ and a
// ☑ as □ with ✓ set inside it, measured as □ so lines break the same way.
import type { Measure } from "./linebreak.js";
import { TICKED, UNTICKED } from "./format.js";
import type { DrawOp, Face, FaceMetrics, LayoutFonts } from "./draw.js";

export const BOX = "□";
export const TICK = "✓";

const cp = (s: string) => s.codePointAt(0)!;

/** The font draws ☑ and ☐ itself. */
function hasBoxes(font: FaceMetrics): boolean {
  return font.has(cp(TICKED)) && font.has(cp(UNTICKED));
}

/** one measure per face: line breaking remembers its work per measure, across forms */
const measures = new WeakMap<FaceMetrics, Measure>();

/** Width of a string at 1 pt; ☑/☐ the font lacks measure as □. */
export function measurer(font: FaceMetrics): Measure {
  let m = measures.get(font);
  if (m) return m;
  const composed = !hasBoxes(font);
  const box = cp(BOX);
  m = (text) => {
    let w = 0;
    for (const ch of text) w += font.advance(composed && (ch === TICKED || ch === UNTICKED) ? box : cp(ch));
    return w;
  };
  measures.set(font, m);
  return m;
}

/** Text ops for one run of text; a ☑/☐ the font lacks is drawn as □ with ✓ set inside it. */
export function textOps(fonts: LayoutFonts, measure: Record<Face, Measure>, x: number, y: number, size: number, text: string, face: Face): DrawOp[] {
  if (!text.trim()) return [];
  const font = fonts[face];
  if (hasBoxes(font)) return [{ op: "text", x, y, size, text, face }];
  const out: DrawOp[] = [];
  const m = measure[face];
  // the tick in the bold face, where there is one, so it reads at a glance
  const tickFace: Face = fonts.bold.has(cp(TICK)) ? "bold" : face;
  const canTick = fonts[tickFace].has(cp(TICK));
  let cx = x;
  for (const part of text.split(/([☑☐])/u)) {
    if (!part) continue;
    if (part === TICKED || part === UNTICKED) {
      out.push({ op: "text", x: cx, y, size, text: BOX, face });
      if (part === TICKED && canTick) {
        const ts = size * 0.95;
        const bw = m(BOX) * size;
        out.push({ op: "text", x: cx + (bw - measure[tickFace](TICK) * ts) / 2, y: y - size * 0.04, size: ts, text: TICK, face: tickFace });
      }
      cx += m(BOX) * size;
    } else {
      if (part.trim()) out.push({ op: "text", x: cx, y, size, text: part, face });
      cx += m(part) * size;
    }
  }
  return out;
}
