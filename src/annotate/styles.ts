// xl/styles.xml: fonts, fills and cell formats are appended, never changed.
// A marked cell gets a new format that is its own plus the fill, so its font,
// borders, number format and alignment stay as the clerk set them.
import type { Severity } from "../model/finding.js";
import { appendChildren, CONTENT_TYPE, Package, REL, type PartEdit } from "./opc.js";
import { child, childrenNamed, prefixOf, startTag, withAttrs, type XmlElement } from "./xml.js";

/** The marks' colours (ARGB): errors red, warnings amber. */
export const FILL: Record<Severity, string> = { error: "FFFF7C80", warning: "FFFFC000" };

type Collection = "fonts" | "fills" | "cellXfs";

/** The children of styleSheet, in schema order. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/** What a collection holds before anything is added, when a stylesheet lacks it; `p` is the prefix. */
const DEFAULTS: Record<Collection, (p: string) => string[]> = {
  fonts: (p) => [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`],
  fills: (p) => [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`],
  cellXfs: (p) => [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`],
};

const solidFill = (p: string, argb: string) =>
  `<${p}fill><${p}patternFill patternType="solid">${startTag(`${p}fgColor`, [["rgb", argb]], true)}<${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;

export interface FontSpec {
  bold?: boolean;
  size?: number;
  color?: string;
  underline?: boolean;
}

export interface XfSpec {
  font?: FontSpec;
  fill?: string;
  wrap?: boolean;
  vertical?: "top" | "center";
}


export class StyleBook {
  private readonly edit: PartEdit;
  private readonly root: XmlElement;
  private readonly prefix: string;
  private readonly existing: Record<Collection, XmlElement[]>;
  private readonly added: Record<Collection, string[]> = { fonts: [], fills: [], cellXfs: [] };
  private readonly cache = new Map<string, number>();

  private constructor(edit: PartEdit) {
    this.edit = edit;
    this.root = edit.tree();
    this.prefix = prefixOf(this.root.name);
    const list = (name: Collection) => {
      const el = child(this.root, name);
      return el ? childrenNamed(el, name === "fonts" ? "font" : name === "fills" ? "fill" : "xf") : [];
    };
    this.existing = { fonts: list("fonts"), fills: list("fills"), cellXfs: list("cellXfs") };
  }

  /** The workbook's stylesheet, created (and declared) when the package has none. */
  static of(pkg: Package, workbook: string): StyleBook {
    let part = pkg.relationships(workbook).find((r) => r.type.endsWith("/styles"))?.part ?? null;
    if (part === null || !pkg.has(part)) {
      part = `${workbook.includes("/") ? workbook.slice(0, workbook.lastIndexOf("/") + 1) : ""}styles.xml`;
      pkg.add(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`);
      pkg.addRelationship(workbook, REL.styles, part);
      pkg.declare(part, CONTENT_TYPE.styles);
    }
    return new StyleBook(pkg.edit(part));
  }

  private count(c: Collection): number {
    return (this.existing[c].length || (child(this.root, c) ? 0 : DEFAULTS[c](this.prefix).length)) + this.added[c].length;
  }

  private addTo(c: Collection, xml: string): number {
    const key = `${c}\u0000${xml}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const index = this.count(c);
    this.added[c].push(xml);
    this.cache.set(key, index);
    return index;
  }

  private xf(index: number): XmlElement | undefined {
    return this.existing.cellXfs[index] ?? this.existing.cellXfs[0];
  }

  /** The element's text with some attributes changed. */
  private cloneXf(index: number, changes: Record<string, string | undefined>): string {
    const xf = this.xf(index);
    if (!xf) return startTag(`${this.prefix}xf`, Object.entries({ numFmtId: "0", fontId: "0", fillId: "0", borderId: "0", xfId: "0", ...changes }), true);
    const open = startTag(xf.name, withAttrs(xf, changes, "fillId"), xf.selfClosing);
    return xf.selfClosing ? open : `${open}${this.edit.source.slice(xf.openEnd, xf.closeStart)}</${xf.name}>`;
  }

  /** A format that is format `s` with the fill of a mark. */
  marked(s: number, severity: Severity): number {
    const fillId = this.addTo("fills", solidFill(this.prefix, FILL[severity]));
    return this.addTo("cellXfs", this.cloneXf(s, { fillId: String(fillId), applyFill: "1" }));
  }

  /** A format that is format `s` without any fill (a mark from an earlier run taken off). */
  unfilled(s: number): number {
    const xf = this.xf(s);
    if (!xf || (xf.attrs.fillId ?? "0") === "0") return s;
    return this.addTo("cellXfs", this.cloneXf(s, { fillId: "0", applyFill: undefined }));
  }

  /** Whether format `s` is filled in one of the marks' colours. */
  hasMarkFill(s: number): boolean {
    const fill = this.existing.fills[Number(this.xf(s)?.attrs.fillId ?? 0)];
    const pattern = fill && child(fill, "patternFill");
    const rgb = pattern && pattern.attrs.patternType === "solid" ? child(pattern, "fgColor")?.attrs.rgb?.toUpperCase() : undefined;
    return rgb === FILL.error || rgb === FILL.warning;
  }

  /** A format of capexit's own sheet. */
  format(spec: XfSpec): number {
    const fontId = spec.font ? this.addTo("fonts", this.fontXml(spec.font)) : 0;
    const fillId = spec.fill ? this.addTo("fills", solidFill(this.prefix, spec.fill)) : 0;
    const alignment = spec.wrap || spec.vertical ? startTag(`${this.prefix}alignment`, [["vertical", spec.vertical], ["wrapText", spec.wrap ? "1" : undefined]], true) : "";
    const attrs: [string, string | undefined][] = [
      ["numFmtId", "0"],
      ["fontId", String(fontId)],
      ["fillId", String(fillId)],
      ["borderId", "0"],
      ["xfId", "0"],
      ["applyFont", spec.font ? "1" : undefined],
      ["applyFill", spec.fill ? "1" : undefined],
      ["applyAlignment", alignment ? "1" : undefined],
    ];
    const xml = alignment ? `${startTag(`${this.prefix}xf`, attrs)}${alignment}</${this.prefix}xf>` : startTag(`${this.prefix}xf`, attrs, true);
    return this.addTo("cellXfs", xml);
  }

  /** A font like the workbook's default one (its typeface), with the given look. */
  private fontXml(f: FontSpec): string {
    const p = this.prefix;
    const base = this.existing.fonts[0];
    const name = (base && child(base, "name")?.attrs.val) ?? "Calibri";
    const size = f.size ?? Number((base && child(base, "sz")?.attrs.val) ?? 11);
    return (
      `<${p}font>` +
      (f.bold ? `<${p}b/>` : "") +
      (f.underline ? `<${p}u/>` : "") +
      startTag(`${p}sz`, [["val", size]], true) +
      (f.color ? startTag(`${p}color`, [["rgb", f.color]], true) : "") +
      startTag(`${p}name`, [["val", name]], true) +
      `</${p}font>`
    );
  }

  /** Writes the additions into the edit: each collection's children appended and its count updated. */
  finish(): void {
    for (const c of ["fonts", "fills", "cellXfs"] as const) {
      if (!this.added[c].length) continue;
      const el = child(this.root, c);
      const total = String(this.count(c));
      if (el) {
        if (!el.selfClosing && "count" in el.attrs) {
          this.edit.splices.replace(el.start, el.openEnd, startTag(el.name, withAttrs(el, { count: total })));
        }
        appendChildren(this.edit, el, this.added[c].join(""));
        if (el.selfClosing && "count" in el.attrs) {
          // opening the element rewrites its start tag: give it the new count there
          const a = this.edit.appends.get(el)!;
          this.edit.appends.delete(el);
          this.edit.splices.replace(el.start, el.end, `${startTag(el.name, withAttrs(el, { count: total }))}${a.start.join("")}${a.end.join("")}</${el.name}>`);
        }
        continue;
      }
      const name = `${this.prefix}${c}`;
      const xml = `${startTag(name, [["count", total]])}${DEFAULTS[c](this.prefix).join("")}${this.added[c].join("")}</${name}>`;
      this.insertInOrder(c, xml);
    }
  }

  private insertInOrder(c: string, xml: string): void {
    const after = ORDER.slice(ORDER.indexOf(c) + 1);
    const next = this.root.children.find((k) => after.includes(k.local));
    if (next) this.edit.splices.insert(next.start, xml);
    else appendChildren(this.edit, this.root, xml);
  }
}
