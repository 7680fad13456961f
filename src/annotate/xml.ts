// XML as the package editor needs it: a real parser (saxes) that reports where
// each element starts and ends in the text, so an edit replaces exactly the
// nodes capexit owns and leaves every other character of the part as it was.
import { SaxesParser } from "saxes";

export class XmlError extends Error {
  constructor(
    readonly part: string,
    detail: string,
  ) {
    super(`${part}: ${detail}`);
    this.name = "XmlError";
  }
}

/** An element's start tag as the scanner reports it. */
export interface XmlTag {
  /** the name as written, prefix included */
  name: string;
  /** the name without its prefix */
  local: string;
  /** attributes in document order, values unescaped */
  attrs: Record<string, string>;
  /** index of its `<` */
  start: number;
  /** index just after the `>` of its start tag */
  openEnd: number;
  selfClosing: boolean;
}

export interface XmlElement extends XmlTag {
  /** index of the `<` of its end tag (openEnd when self-closing) */
  closeStart: number;
  /** index just after its end tag */
  end: number;
  children: XmlElement[];
  /** its own character data (not its children's) */
  text: string;
  parent: XmlElement | null;
}

export interface ScanHandlers {
  open?(tag: XmlTag, depth: number): void;
  /** closeStart/end of the element just closed */
  close?(tag: XmlTag, closeStart: number, end: number, depth: number): void;
  text?(text: string, depth: number): void;
}

/**
 * A start tag as the scanner meets it. Its start and local name are worked out
 * only when asked for: a worksheet has hundreds of thousands of elements and
 * the scanner's callers look closely at few of them.
 */
class Tag implements XmlTag {
  private _start = -1;
  constructor(
    private readonly source: string,
    readonly name: string,
    readonly attrs: Record<string, string>,
    readonly openEnd: number,
    readonly selfClosing: boolean,
  ) {}

  get local(): string {
    const i = this.name.indexOf(":");
    return i < 0 ? this.name : this.name.slice(i + 1);
  }

  /** `<` cannot stand unescaped inside a tag, so the last one before its end is its start */
  get start(): number {
    if (this._start < 0) this._start = this.source.lastIndexOf("<", this.openEnd - 1);
    return this._start;
  }
}

/**
 * Reads `text` start to end, calling the handlers with each element's place in
 * the text. A DOCTYPE (and with it any entity declaration) is refused.
 */
export function scanXml(text: string, part: string, handlers: ScanHandlers): void {
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const stack: Tag[] = [];
  parser.on("doctype", () => {
    throw new XmlError(part, "DOCTYPE");
  });
  parser.on("error", (e) => {
    throw new XmlError(part, e.message);
  });
  const { open, close } = handlers;
  parser.on("opentag", (node) => {
    const tag = new Tag(text, node.name, node.attributes as Record<string, string>, parser.position, node.isSelfClosing);
    open?.(tag, stack.length);
    stack.push(tag);
  });
  parser.on("closetag", () => {
    const tag = stack.pop()!;
    if (!close) return;
    const end = parser.position;
    close(tag, tag.selfClosing ? tag.openEnd : text.lastIndexOf("<", end - 1), end, stack.length);
  });
  if (handlers.text) {
    const onText = (t: string) => handlers.text!(t, stack.length);
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  parser.write(text).close();
}

/** The whole element tree of a small part, with positions. */
export function parseXml(text: string, part: string): XmlElement {
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  scanXml(text, part, {
    open(tag) {
      const parent = stack[stack.length - 1] ?? null;
      const el: XmlElement = {
        name: tag.name,
        local: tag.local,
        attrs: tag.attrs,
        start: tag.start,
        openEnd: tag.openEnd,
        selfClosing: tag.selfClosing,
        closeStart: tag.openEnd,
        end: tag.openEnd,
        children: [],
        text: "",
        parent,
      };
      if (parent) parent.children.push(el);
      else root = el;
      stack.push(el);
    },
    close(_tag, closeStart, end) {
      const el = stack.pop()!;
      el.closeStart = closeStart;
      el.end = end;
    },
    text(t) {
      const el = stack[stack.length - 1];
      if (el) el.text += t;
    },
  });
  if (!root) throw new XmlError(part, "no root element");
  return root;
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** The prefix (with its colon) of an element's name: `x:` for `x:worksheet`, else empty. */
export function prefixOf(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? "" : name.slice(0, i + 1);
}

/** The prefix an element binds to `namespace` in its own attributes, or null. */
export function prefixFor(el: XmlTag, namespace: string): string | null {
  for (const [k, v] of Object.entries(el.attrs)) if (v === namespace && k.startsWith("xmlns:")) return k.slice(6);
  return null;
}

/** An attribute by local name, whatever its prefix (`r:id`, `rel:id`). */
export function attrByLocal(el: XmlTag, prefix: string | null, local: string): string | undefined {
  return prefix === null ? undefined : el.attrs[`${prefix}:${local}`];
}

// ---------------------------------------------------------------- writing

/** Characters XML 1.0 cannot hold, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

export function escapeAttr(s: string): string {
  return s
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export type Attrs = readonly (readonly [string, string | number | undefined])[];

/** A start tag; attributes whose value is undefined are left out. */
export function startTag(name: string, attrs: Attrs, selfClosing = false): string {
  let s = `<${name}`;
  for (const [k, v] of attrs) if (v !== undefined) s += ` ${k}="${escapeAttr(String(v))}"`;
  return s + (selfClosing ? "/>" : ">");
}

/** An element of text content. */
export function textElement(name: string, attrs: Attrs, text: string): string {
  return `${startTag(name, attrs)}${escapeText(text)}</${name}>`;
}

/** A tag's attributes with some changed: kept in their order, new ones after `after` (or at the end). */
export function withAttrs(tag: XmlTag, changes: Record<string, string | undefined>, after?: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  const pending = new Map(Object.entries(changes).filter(([k]) => !(k in tag.attrs)));
  for (const [k, v] of Object.entries(tag.attrs)) {
    out.push([k, k in changes ? changes[k] : v]);
    if (k === after) for (const [pk, pv] of pending) out.push([pk, pv]), pending.delete(pk);
  }
  for (const [pk, pv] of pending) out.push([pk, pv]);
  return out;
}

// ---------------------------------------------------------------- splicing

/** One edit as it can be taken back: at `at` in the edited text, `length` characters stand where `old` stood. */
export type Undo = readonly [at: number, length: number, old: string];

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/**
 * Edits to one text, collected and then applied in one pass. Edits must not
 * overlap; insertions at the same place keep the order they were made in.
 */
export class Splices {
  private edits: Edit[] = [];

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  get size(): number {
    return this.edits.length;
  }

  apply(source: string, part: string): { text: string; undo: Undo[] } {
    const edits = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.seq - b.seq);
    const pieces: string[] = [];
    const undo: Undo[] = [];
    let pos = 0;
    let length = 0;
    for (const e of edits) {
      if (e.start < pos) throw new Error(`overlapping edits in ${part} at ${e.start}`);
      const keep = source.slice(pos, e.start);
      pieces.push(keep, e.text);
      length += keep.length;
      // consecutive edits at one place are one undo step
      const last = undo[undo.length - 1];
      if (last && last[0] + last[1] === length && e.start === pos) undo[undo.length - 1] = [last[0], last[1] + e.text.length, last[2] + source.slice(e.start, e.end)];
      else undo.push([length, e.text.length, source.slice(e.start, e.end)]);
      length += e.text.length;
      pos = e.end;
    }
    pieces.push(source.slice(pos));
    return { text: pieces.join(""), undo };
  }
}

/** The text before the edits whose undo steps are given. */
export function revert(text: string, undo: readonly Undo[]): string {
  const pieces: string[] = [];
  let pos = 0;
  for (const [at, length, old] of undo) {
    if (at < pos || at + length > text.length) throw new Error("undo steps out of order");
    pieces.push(text.slice(pos, at), old);
    pos = at + length;
  }
  pieces.push(text.slice(pos));
  return pieces.join("");
}
