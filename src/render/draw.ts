// Drawing operations on a page, and the pen that makes them: ruling lines,
// runs of text, three-part lines (left, centre, right) and fitted cells.
// Points throughout, y measured down from the top edge; a text's y is its baseline.
import type { Fitted } from "./cells.js";
import type { Coverage } from "./format.js";
import { measurer, textOps } from "./glyphs.js";
import { NO_END, NO_START, type Measure } from "./linebreak.js";

export const PT_PER_MM = 72 / 25.4;
/** the ideographic em box sits 0.88 em above and 0.12 em below the baseline */
export const EM_ABOVE = 0.88;
/** baseline below the middle of a line, in em */
export const EM_CENTER = EM_ABOVE - 0.5;

export interface FaceMetrics extends Coverage {
  /** advance width of a code point in em */
  advance(codePoint: number): number;
}

export type Face = "regular" | "bold";
export type LayoutFonts = Record<Face, FaceMetrics>;

export type DrawOp =
  | { op: "rule"; x1: number; y1: number; x2: number; y2: number; width: number }
  | { op: "text"; x: number; y: number; size: number; text: string; face: Face };

/** A page in points, y measured down from the top edge; `y` of text is its baseline. */
export interface PageLayout {
  width: number;
  height: number;
  ops: DrawOp[];
}

/** A three-part line with its text filled in; `room` in pt is kept after `right`. */
export interface FilledLine {
  left: string;
  center: string;
  right: string;
  room: number;
}

/** Spacing of cell text, in pt. */
export interface CellMetrics {
  /** padding left and right, top and bottom */
  pad: number;
  padY: number;
  /** line height as a multiple of the font size */
  lh: number;
  /** the size of labels, prefixes, suffixes and foot lines */
  labelSize: number;
  /** foot lines keep this far from the cell's left and right rules */
  footPad: number;
}

/** The gap between a prefix or suffix and the value beside it, in em; a bracket brings its own. */
export function affixGap(affix: string, side: "prefix" | "suffix"): number {
  const ch = side === "suffix" ? affix[0] : affix[affix.length - 1];
  return ch !== undefined && (NO_END.has(ch) || NO_START.has(ch)) ? 0 : 0.3;
}

export class Pen {
  readonly measure: Record<Face, Measure>;
  /** the page being drawn on */
  ops: DrawOp[] = [];

  constructor(
    private readonly fonts: LayoutFonts,
    private readonly ruleWidth: number,
  ) {
    this.measure = { regular: measurer(fonts.regular), bold: measurer(fonts.bold) };
  }

  /** width of a string at `size` */
  width(text: string, size: number, face: Face = "regular"): number {
    return this.measure[face](text) * size;
  }

  rule(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push({ op: "rule", x1, y1, x2, y2, width: this.ruleWidth });
  }

  text(x: number, y: number, size: number, text: string, face: Face = "regular"): void {
    for (const op of textOps(this.fonts, this.measure, x, y, size, text, face)) this.ops.push(op);
  }

  /** A three-part line between `left` and `right` (x), on `baseline`. */
  line(line: FilledLine, left: number, right: number, baseline: number, size: number, face: Face = "regular"): void {
    if (line.left) this.text(left, baseline, size, line.left, face);
    if (line.center) this.text(left + (right - left - this.width(line.center, size, face)) / 2, baseline, size, line.center, face);
    if (line.right) this.text(right - line.room - this.width(line.right, size, face), baseline, size, line.right, face);
  }

  /** Widest a three-part line needs at 1 pt (parts side by side, an em apart). */
  lineWidth(line: FilledLine): number {
    const parts = [line.left, line.center, line.right].filter(Boolean);
    return parts.reduce((w, p) => w + this.measure.regular(p), 0) + Math.max(0, parts.length - 1) + line.room;
  }

  /** The room a prefix or suffix takes beside the value, at `size`. */
  affix(text: string, side: "prefix" | "suffix", size: number): number {
    return text ? this.width(text, size) + affixGap(text, side) * size : 0;
  }

  /** A fitted cell in its box: the four rules, the body's lines, prefix and suffix, and foot lines. */
  cell(c: Fitted, x: number, y: number, w: number, h: number, m: CellMetrics): void {
    this.rule(x, y, x + w, y);
    this.rule(x, y + h, x + w, y + h);
    this.rule(x, y, x, y + h);
    this.rule(x + w, y, x + w, y + h);
    const s = c.fontSize;
    const line = s * m.lh;
    const footLine = c.footerSize * m.lh;
    const footH = c.footer.length * footLine;
    const areaTop = y + m.padY;
    const areaBottom = y + h - m.padY - footH - (footH > 0 && c.lines.length > 0 ? s * 0.3 : 0);
    const bodyH = Math.max(c.lines.length * line, c.prefix || c.suffix ? m.labelSize * m.lh : 0);
    const top = c.valign === "top" ? areaTop : c.valign === "bottom" ? areaBottom - bodyH : areaTop + (areaBottom - areaTop - bodyH) / 2;
    const left = x + m.pad + this.affix(c.prefix, "prefix", m.labelSize);
    const right = x + w - m.pad - this.affix(c.suffix, "suffix", m.labelSize);
    const firstBase = top + (c.lines.length > 0 ? line : m.labelSize * m.lh) / 2 + EM_CENTER * (c.lines.length > 0 ? s : m.labelSize);
    if (c.prefix) this.text(x + m.pad, firstBase, m.labelSize, c.prefix);
    let base = top + line / 2 + EM_CENTER * s;
    for (const text of c.lines) {
      const tw = this.width(text, s);
      const tx = c.align === "left" ? left : c.align === "right" ? right - tw : left + (right - left - tw) / 2;
      this.text(tx, base, s, text);
      base += line;
    }
    if (c.suffix) {
      const lastBase = c.lines.length > 0 ? base - line : firstBase;
      this.text(x + w - m.pad - this.width(c.suffix, m.labelSize), lastBase, m.labelSize, c.suffix);
    }
    let fb = y + h - m.padY - footH + footLine / 2 + EM_CENTER * c.footerSize;
    for (const foot of c.footer) {
      this.line(foot, x + m.footPad, x + w - m.footPad, fb, c.footerSize);
      fb += footLine;
    }
  }
}
