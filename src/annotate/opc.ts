// The package as Open Packaging Conventions see it: parts by name, their
// content types and relationships. Parts are read lazily; a part that is not
// set or removed is written back as the very entry it was.
import { posix } from "node:path";
import { contentOf, readZip, textOf, utf8, writeZip, type NewEntry, type StoredEntry, type ZipArchive, type ZipEntry } from "../util/zip/package.js";
import { childrenNamed, parseXml, Splices, startTag, type Undo, type XmlElement } from "./xml.js";

export const NS = {
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strictRelationships: "http://purl.oclc.org/ooxml/officeDocument/relationships",
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  packageRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  vml: "urn:schemas-microsoft-com:vml",
  office: "urn:schemas-microsoft-com:office:office",
  excel: "urn:schemas-microsoft-com:office:excel",
} as const;

export const REL = {
  officeDocument: `${NS.relationships}/officeDocument`,
  worksheet: `${NS.relationships}/worksheet`,
  styles: `${NS.relationships}/styles`,
  sharedStrings: `${NS.relationships}/sharedStrings`,
  comments: `${NS.relationships}/comments`,
  vmlDrawing: `${NS.relationships}/vmlDrawing`,
} as const;

/** Whether a relationship type is `kind`, in transitional or strict spelling. */
export const isRel = (type: string, kind: keyof typeof REL): boolean => type.endsWith(`/${kind}`);

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vmlDrawing: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** the part it points at, as a zip name; null for external targets */
  part: string | null;
  el: XmlElement;
}

/** `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`; `_rels/.rels` for the package. */
export function relsPathOf(part: string): string {
  const dir = posix.dirname(part);
  return posix.join(dir === "." ? "" : dir, "_rels", `${posix.basename(part)}.rels`);
}

/** The zip name a relationship target of `source` points at. */
export function resolveTarget(source: string, target: string): string {
  const bare = target.split("#")[0]!;
  if (bare.startsWith("/")) return posix.normalize(bare.slice(1));
  const dir = source === "" ? "" : posix.dirname(source);
  return posix.normalize(posix.join(dir === "." ? "" : dir, bare)).replace(/^(\.\.\/)+/, "");
}

/** The relative target from `source` to `part`. */
export function relativeTarget(source: string, part: string): string {
  const dir = source === "" ? "." : posix.dirname(source);
  return posix.relative(dir, part) || posix.basename(part);
}

/** A part being edited in place: its text as read, and the edits to make to it. */
export interface PartEdit {
  name: string;
  source: string;
  splices: Splices;
  /** parsed on first use (small parts only: a worksheet is scanned instead) */
  tree(): XmlElement;
  /** children to add at the end (or start) of an element, written out as one edit on commit */
  appends: Map<XmlElement, { start: string[]; end: string[] }>;
}

export interface EditRecord {
  /** per edited part: the SHA-256 of its text after the edits, and how to take them back */
  edited: Record<string, { sha256: string; undo: Undo[] }>;
  /** parts that did not exist before */
  added: string[];
}

export class Package {
  private entries: ZipEntry[];
  private readonly comment: Uint8Array;
  private byName = new Map<string, number>();
  private texts = new Map<string, string>();
  private edits = new Map<string, PartEdit>();
  private added: string[] = [];
  /** the time stamp of new entries: the workbook part's, so the same input gives the same bytes */
  stamp = { time: 0, date: 0x21 };

  constructor(archive: ZipArchive) {
    this.entries = archive.entries;
    this.comment = archive.comment;
    this.reindex();
  }

  static open(bytes: Uint8Array): Package {
    return new Package(readZip(bytes));
  }

  private reindex() {
    this.byName.clear();
    this.entries.forEach((e, i) => {
      this.byName.set(e.name, i);
      const lower = e.name.toLowerCase();
      if (!this.byName.has(lower)) this.byName.set(lower, i);
    });
  }

  /** The zip name of a part as stored (part names are case-insensitive), or null. */
  find(name: string): string | null {
    const i = this.byName.get(name) ?? this.byName.get(name.toLowerCase());
    if (i !== undefined) return this.entries[i]!.name;
    try {
      const decoded = decodeURIComponent(name);
      if (decoded !== name) return this.find(decoded);
    } catch {
      /* not percent-encoded */
    }
    return null;
  }

  has(name: string): boolean {
    return this.find(name) !== null;
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  private entry(name: string): ZipEntry | undefined {
    const found = this.find(name);
    return found === null ? undefined : this.entries[this.byName.get(found)!];
  }

  text(name: string): string | null {
    const found = this.find(name);
    if (found === null) return null;
    let t = this.texts.get(found);
    if (t === undefined) {
      t = textOf(this.entry(found)!);
      this.texts.set(found, t);
    }
    return t;
  }

  bytes(name: string): Uint8Array | null {
    const e = this.entry(name);
    return e ? contentOf(e) : null;
  }

  /** Replaces a part's content (its entry keeps its place, time and attributes). */
  setText(name: string, text: string): void {
    const found = this.find(name);
    if (found === null) throw new Error(`no part ${name}`);
    const i = this.byName.get(found)!;
    const old = this.entries[i]!;
    const like = old.kind === "stored" ? old : old.like;
    this.entries[i] = { kind: "new", name: found, content: utf8(text), time: old.time, date: old.date, like } satisfies NewEntry;
    this.texts.set(found, text);
    this.edits.delete(found); // edits made against the old text no longer apply
  }

  /** Adds a new part at the end of the package. */
  add(name: string, text: string): void {
    if (this.has(name)) throw new Error(`part ${name} exists`);
    this.entries.push({ kind: "new", name, content: utf8(text), ...this.stamp });
    this.texts.set(name, text);
    this.added.push(name);
    this.reindex();
  }

  remove(name: string): void {
    const found = this.find(name);
    if (found === null) return;
    this.entries = this.entries.filter((e) => e.name !== found);
    this.texts.delete(found);
    this.edits.delete(found);
    this.reindex();
  }

  /** Gives every entry the same time stamp (for a workbook built here, whose writer stamps the clock). */
  restamp(time: number, date: number): void {
    this.entries = this.entries.map((e) => ({ ...e, time, date }) as ZipEntry);
    this.stamp = { time, date };
  }

  /** The time stamp a part's entry carries. */
  stampOf(name: string): { time: number; date: number } | null {
    const e = this.entry(name);
    return e ? { time: e.time, date: e.date } : null;
  }

  // ---------------------------------------------------------------- edits in place

  /** The pending edits of a part (one per part: every edit is made against the text as read). */
  edit(name: string): PartEdit {
    const found = this.find(name);
    if (found === null) throw new Error(`no part ${name}`);
    let e = this.edits.get(found);
    if (!e) {
      const source = this.text(found)!;
      let tree: XmlElement | null = null;
      e = { name: found, source, splices: new Splices(), tree: () => (tree ??= parseXml(source, found)), appends: new Map() };
      this.edits.set(found, e);
    }
    return e;
  }

  /** Applies every pending edit; returns what was done, so that a later run can take it back. */
  commit(digest: (text: string) => string): EditRecord {
    const record: EditRecord = { edited: {}, added: [...this.added] };
    for (const e of [...this.edits.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      flushAppends(e);
      if (e.splices.size === 0) continue;
      const { text, undo } = e.splices.apply(e.source, e.name);
      this.setText(e.name, text);
      record.edited[e.name] = { sha256: digest(text), undo };
    }
    this.edits.clear();
    this.added = [];
    return record;
  }

  /** Forgets what was added so far (after a clean-up pass whose result stands as the input). */
  settle(): void {
    this.edits.clear();
    this.added = [];
  }

  toBytes(): Uint8Array {
    if (this.edits.size) throw new Error("uncommitted edits");
    return writeZip({ entries: this.entries, comment: this.comment });
  }

  storedEntry(name: string): StoredEntry | null {
    const e = this.entry(name);
    return e?.kind === "stored" ? e : null;
  }

  // ---------------------------------------------------------------- relationships and content types

  relationships(source: string): Relationship[] {
    const path = relsPathOf(source);
    if (!this.has(path)) return [];
    const root = this.edits.get(this.find(path)!)?.tree() ?? parseXml(this.text(path)!, path);
    return childrenNamed(root, "Relationship").map((el) => {
      const external = el.attrs.TargetMode === "External";
      const target = el.attrs.Target ?? "";
      const resolved = external ? null : resolveTarget(source, target);
      return { id: el.attrs.Id ?? "", type: el.attrs.Type ?? "", target, external, part: resolved === null ? null : (this.find(resolved) ?? resolved), el };
    });
  }

  /** Adds a relationship from `source` to `part` (creating the .rels part if need be); returns its id. */
  addRelationship(source: string, type: string, part: string): string {
    const path = relsPathOf(source);
    const target = relativeTarget(source, part);
    if (!this.has(path)) {
      const id = "rId1";
      this.add(
        path,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">${startTag("Relationship", [["Id", id], ["Type", type], ["Target", target]], true)}</Relationships>`,
      );
      return id;
    }
    const edit = this.edit(path);
    const root = edit.tree();
    const taken = new Set(childrenNamed(root, "Relationship").map((r) => r.attrs.Id));
    for (const pending of this.pendingIds.get(path) ?? []) taken.add(pending);
    let n = 1;
    for (const id of taken) if (id?.startsWith("rId") && /^\d+$/.test(id.slice(3))) n = Math.max(n, Number(id.slice(3)) + 1);
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.pendingIds.set(path, [...(this.pendingIds.get(path) ?? []), id]);
    const el = startTag(`${root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":") + 1) : ""}Relationship`, [["Id", id], ["Type", type], ["Target", target]], true);
    appendChildren(edit, root, el);
    return id;
  }
  private pendingIds = new Map<string, string[]>();

  private contentTypes(): XmlElement {
    const name = "[Content_Types].xml";
    return this.edits.get(name)?.tree() ?? parseXml(this.text(name) ?? "<Types/>", name);
  }

  contentTypeOf(part: string): string | null {
    const types = this.contentTypes();
    const wanted = `/${part}`.toLowerCase();
    for (const o of childrenNamed(types, "Override")) if ((o.attrs.PartName ?? "").toLowerCase() === wanted) return o.attrs.ContentType ?? null;
    const ext = posix.extname(part).slice(1).toLowerCase();
    for (const d of childrenNamed(types, "Default")) if ((d.attrs.Extension ?? "").toLowerCase() === ext) return d.attrs.ContentType ?? null;
    return null;
  }

  /** Declares a new part's content type: an Override, or nothing when the extension's Default already says it. */
  declare(part: string, contentType: string, byExtension = false): void {
    if (this.contentTypeOf(part) === contentType && !this.overridden(part)) return;
    const edit = this.edit("[Content_Types].xml");
    const types = edit.tree();
    const prefix = types.name.includes(":") ? types.name.slice(0, types.name.indexOf(":") + 1) : "";
    if (byExtension) {
      const ext = posix.extname(part).slice(1);
      if (this.declaredExtensions.has(ext)) return;
      this.declaredExtensions.add(ext);
      const defaults = childrenNamed(types, "Default");
      const el = startTag(`${prefix}Default`, [["Extension", ext], ["ContentType", contentType]], true);
      if (defaults.length) edit.splices.insert(defaults[defaults.length - 1]!.end, el);
      else appendChildren(edit, types, el, true);
      return;
    }
    appendChildren(edit, types, startTag(`${prefix}Override`, [["PartName", `/${part}`], ["ContentType", contentType]], true));
  }
  private declaredExtensions = new Set<string>();

  private overridden(part: string): boolean {
    const wanted = `/${part}`.toLowerCase();
    return childrenNamed(this.contentTypes(), "Override").some((o) => (o.attrs.PartName ?? "").toLowerCase() === wanted);
  }

  /** The package's main part (the workbook). */
  officeDocument(): string | null {
    const rel = this.relationships("").find((r) => isRel(r.type, "officeDocument"));
    return rel?.part ?? null;
  }
}

/** Adds children at the end of an element (or at its start), in the order the calls are made. */
export function appendChildren(edit: PartEdit, el: XmlElement, xml: string, atStart = false): void {
  let a = edit.appends.get(el);
  if (!a) edit.appends.set(el, (a = { start: [], end: [] }));
  (atStart ? a.start : a.end).push(xml);
}

/** The pending children as edits: before the end tag, or by opening a self-closing element. */
function flushAppends(edit: PartEdit): void {
  for (const [el, { start, end }] of edit.appends) {
    if (el.selfClosing) {
      const open = edit.source.slice(el.start, el.end - 2).trimEnd();
      edit.splices.replace(el.start, el.end, `${open}>${start.join("")}${end.join("")}</${el.name}>`);
    } else {
      if (start.length) edit.splices.insert(el.openEnd, start.join(""));
      if (end.length) edit.splices.insert(el.closeStart, end.join(""));
    }
  }
  edit.appends.clear();
}

export function removeElement(edit: PartEdit, el: XmlElement): void {
  edit.splices.replace(el.start, el.end, "");
}
