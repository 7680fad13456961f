// Cell notes: the comments part of a sheet and the legacy VML drawing that
// gives each note its box. A clerk's notes stay; capexit's block is appended
// under a clerk's note, or is a note of its own. Parts the sheet lacks are
// created; parts it has are edited in place.
import { appendChildren, CONTENT_TYPE, isRel, NS, Package, REL, relsPathOf, removeElement, type PartEdit } from "./opc.js";
import { addressOf, parseAddress, type CellAddress } from "./sheet.js";
import { child, childrenNamed, escapeText, prefixFor, prefixOf, startTag, textElement, type XmlElement } from "./xml.js";

export interface NoteRun {
  text: string;
  bold?: boolean;
  /** ARGB */
  color?: string;
}

export interface Note {
  at: CellAddress;
  runs: NoteRun[];
}

export const AUTHOR = "capexit";
const NOTE_SIZE = 9;

const cellKey = (a: CellAddress) => a.row * 16_384 + a.col;

function runXml(p: string, run: NoteRun): string {
  const rPr = `<${p}rPr>${run.bold ? `<${p}b/>` : ""}<${p}sz val="${NOTE_SIZE}"/>${run.color ? startTag(`${p}color`, [["rgb", run.color]], true) : ""}</${p}rPr>`;
  return `<${p}r>${rPr}${textElement(`${p}t`, [["xml:space", "preserve"]], run.text)}</${p}r>`;
}

interface CommentsView {
  edit: PartEdit;
  root: XmlElement;
  prefix: string;
  authors: XmlElement | undefined;
  list: XmlElement | undefined;
  byCell: Map<number, XmlElement>;
}

function viewComments(pkg: Package, part: string): CommentsView {
  const edit = pkg.edit(part);
  const root = edit.tree();
  const list = child(root, "commentList");
  const byCell = new Map<number, XmlElement>();
  for (const c of list ? childrenNamed(list, "comment") : []) {
    const a = parseAddress(c.attrs.ref ?? "");
    if (a) byCell.set(cellKey(a), c);
  }
  return { edit, root, prefix: prefixOf(root.name), authors: child(root, "authors"), list, byCell };
}

// ---------------------------------------------------------------- VML

const SHAPE_TYPE = "_x0000_t202";

interface VmlPrefixes {
  v: string;
  o: string;
  x: string;
  /** declarations to put on each new shape when the root does not bind the three namespaces */
  local: string;
}

function vmlPrefixes(root: XmlElement): VmlPrefixes {
  const v = prefixFor(root, NS.vml);
  const o = prefixFor(root, NS.office);
  const x = prefixFor(root, NS.excel);
  if (v && o && x) return { v, o, x, local: "" };
  return { v: "v", o: "o", x: "x", local: ` xmlns:v="${NS.vml}" xmlns:o="${NS.office}" xmlns:x="${NS.excel}"` };
}

function shapeTypeXml({ v, o }: VmlPrefixes, local = ""): string {
  return `<${v}:shapetype${local} id="${SHAPE_TYPE}" coordsize="21600,21600" ${o}:spt="202" path="m,l,21600r21600,l21600,xe"><${v}:stroke joinstyle="miter"/><${v}:path gradientshapeok="t" ${o}:connecttype="rect"/></${v}:shapetype>`;
}

/** A note's box: hidden until the cell is pointed at, about three columns wide, as tall as its lines. */
function shapeXml(pf: VmlPrefixes, id: number, z: number, note: Note): string {
  const { v, o, x } = pf;
  const lines = note.runs.reduce((n, r) => n + (r.text.match(/\n/g)?.length ?? 0), 1) + Math.ceil(note.runs.reduce((n, r) => n + r.text.length, 0) / 40);
  const rows = Math.max(3, Math.ceil((lines * 12) / 15) + 1);
  const top = Math.max(0, note.at.row - 2);
  const col = note.at.col; // 0-based column of the box's left edge: the column right of the cell
  const anchor = `${col}, 15, ${top}, 10, ${col + 3}, 15, ${top + rows}, 4`;
  const style = `position:absolute;margin-left:${(col * 48 + 10).toFixed(0)}pt;margin-top:${(top * 15 + 1.5).toFixed(1)}pt;width:144pt;height:${rows * 15}pt;z-index:${z};visibility:hidden`;
  return (
    `<${v}:shape${pf.local} id="_x0000_s${id}" type="#${SHAPE_TYPE}" style="${style}" fillcolor="#ffffe1" ${o}:insetmode="auto">` +
    `<${v}:fill color2="#ffffe1"/><${v}:shadow on="t" color="black" obscured="t"/><${v}:path ${o}:connecttype="none"/>` +
    `<${v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></${v}:textbox>` +
    `<${x}:ClientData ObjectType="Note"><${x}:MoveWithCells/><${x}:SizeWithCells/><${x}:Anchor>${anchor}</${x}:Anchor>` +
    `<${x}:AutoFill>False</${x}:AutoFill><${x}:Row>${note.at.row - 1}</${x}:Row><${x}:Column>${note.at.col - 1}</${x}:Column></${x}:ClientData></${v}:shape>`
  );
}

interface Shape {
  el: XmlElement;
  /** 1-based, as cells are addressed here; null for shapes that are not notes */
  at: CellAddress | null;
  number: number | null;
}

function shapesOf(root: XmlElement): Shape[] {
  const out: Shape[] = [];
  for (const el of root.children) {
    if (el.local !== "shape") continue;
    const data = child(el, "ClientData");
    const isNote = data?.attrs.ObjectType === "Note";
    const row = data && child(data, "Row");
    const col = data && child(data, "Column");
    const at = isNote && row && col ? { row: Number(row.text.trim()) + 1, col: Number(col.text.trim()) + 1 } : null;
    const id = el.attrs.id ?? "";
    const n = id.startsWith("_x0000_s") ? Number(id.slice(8)) : NaN;
    out.push({ el, at, number: Number.isInteger(n) ? n : null });
  }
  return out;
}

const blocksTaken = new WeakMap<Package, Set<number>>();

/** The shape-id blocks (`o:idmap data`) taken by the package's drawings, read once per package. */
function takenBlocks(pkg: Package): Set<number> {
  const known = blocksTaken.get(pkg);
  if (known) return known;
  const taken = new Set<number>();
  blocksTaken.set(pkg, taken);
  for (const name of pkg.names()) {
    if (pkg.contentTypeOf(name) !== CONTENT_TYPE.vmlDrawing) continue;
    try {
      const root = pkg.edit(name).tree();
      for (const layout of childrenNamed(root, "shapelayout")) {
        for (const map of childrenNamed(layout, "idmap")) for (const n of (map.attrs.data ?? "").split(",")) if (n.trim()) taken.add(Number(n));
      }
    } catch {
      /* a drawing that cannot be read takes no block we know of */
    }
  }
  return taken;
}

function freeName(pkg: Package, pattern: (n: number) => string): string {
  for (let n = 1; ; n++) if (!pkg.has(pattern(n))) return pattern(n);
}

// ---------------------------------------------------------------- adding notes

export interface SheetNotesInput {
  pkg: Package;
  sheet: string;
  /** the r:id of the sheet's legacyDrawing, if it has one */
  legacyDrawingId: string | null;
  /** called when the sheet needs a `<legacyDrawing>` pointing at a new drawing */
  addLegacyDrawing(id: string): void;
}

/** Adds capexit's notes to a sheet, after a clerk's own note where the cell has one. */
export function addNotes(input: SheetNotesInput, notes: readonly Note[], separator: NoteRun): void {
  if (!notes.length) return;
  const { pkg, sheet } = input;
  const rels = pkg.relationships(sheet);
  const commentsPart = rels.find((r) => isRel(r.type, "comments") && r.part && pkg.has(r.part))?.part ?? null;
  const vmlRel = input.legacyDrawingId ? rels.find((r) => r.id === input.legacyDrawingId) : undefined;
  const vmlPart = vmlRel?.part && pkg.has(vmlRel.part) ? vmlRel.part : null;

  // notes on cells that already carry one are appended to it; the rest are new
  const fresh: Note[] = [];
  if (commentsPart) {
    const view = viewComments(pkg, commentsPart);
    for (const note of notes) {
      const existing = view.byCell.get(cellKey(note.at));
      if (existing) appendToComment(view, existing, [separator, ...note.runs]);
      else fresh.push(note);
    }
    if (fresh.length) {
      const authorId = authorIndex(view);
      const p = view.prefix;
      const xml = fresh.map((n) => `${startTag(`${p}comment`, [["ref", addressOf(n.at)], ["authorId", authorId]])}<${p}text>${n.runs.map((r) => runXml(p, r)).join("")}</${p}text></${p}comment>`).join("");
      if (view.list) appendChildren(view.edit, view.list, xml);
      else appendChildren(view.edit, view.root, `<${p}commentList>${xml}</${p}commentList>`);
    }
  } else {
    fresh.push(...notes);
    const part = freeName(pkg, (n) => `xl/comments${n}.xml`);
    const body = fresh.map((n) => `${startTag("comment", [["ref", addressOf(n.at)], ["authorId", 0]])}<text>${n.runs.map((r) => runXml("", r)).join("")}</text></comment>`).join("");
    pkg.add(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors><author>${escapeText(AUTHOR)}</author></authors><commentList>${body}</commentList></comments>`);
    pkg.addRelationship(sheet, REL.comments, part);
    pkg.declare(part, CONTENT_TYPE.comments);
  }
  if (!fresh.length) return;

  if (vmlPart) {
    const edit = pkg.edit(vmlPart);
    const root = edit.tree();
    const pf = vmlPrefixes(root);
    const shapes = shapesOf(root);
    const hasType = root.children.some((c) => c.local === "shapetype" && c.attrs.id === SHAPE_TYPE);
    let next = Math.max(0, ...shapes.map((s) => s.number ?? 0)) + 1;
    if (next === 1) next = (Number((childrenNamed(root, "shapelayout")[0] && child(childrenNamed(root, "shapelayout")[0]!, "idmap")?.attrs.data?.split(",")[0]) ?? 1) || 1) * 1024 + 1;
    let z = shapes.length;
    const xml = (hasType ? "" : shapeTypeXml(pf, pf.local)) + fresh.map((n) => shapeXml(pf, next++, ++z, n)).join("");
    appendChildren(edit, root, xml);
  } else {
    const taken = takenBlocks(pkg);
    let block = 1;
    while (taken.has(block)) block++;
    taken.add(block);
    const pf: VmlPrefixes = { v: "v", o: "o", x: "x", local: "" };
    const part = freeName(pkg, (n) => `xl/drawings/vmlDrawing${n}.vml`);
    const shapes = fresh.map((n, i) => shapeXml(pf, block * 1024 + 1 + i, i + 1, n)).join("");
    pkg.add(
      part,
      `<xml xmlns:v="${NS.vml}" xmlns:o="${NS.office}" xmlns:x="${NS.excel}"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${shapeTypeXml(pf)}${shapes}</xml>`,
    );
    const id = pkg.addRelationship(sheet, REL.vmlDrawing, part);
    if (pkg.contentTypeOf(part) !== CONTENT_TYPE.vmlDrawing) pkg.declare(part, CONTENT_TYPE.vmlDrawing, true);
    input.addLegacyDrawing(id);
  }
}

function authorIndex(view: CommentsView): number {
  const names = view.authors ? childrenNamed(view.authors, "author").map((a) => a.text) : [];
  const at = names.indexOf(AUTHOR);
  if (at >= 0) return at;
  const p = view.prefix;
  if (view.authors) appendChildren(view.edit, view.authors, `<${p}author>${escapeText(AUTHOR)}</${p}author>`);
  else appendChildren(view.edit, view.root, `<${p}authors><${p}author>${escapeText(AUTHOR)}</${p}author></${p}authors>`, true);
  return names.length;
}

/** Appends runs after a comment's text (before any phonetic runs); a bare `<t>` is made a run first. */
function appendToComment(view: CommentsView, comment: XmlElement, runs: NoteRun[]): void {
  const text = child(comment, "text");
  const p = view.prefix;
  const xml = runs.map((r) => runXml(p, r)).join("");
  if (!text) {
    appendChildren(view.edit, comment, `<${p}text>${xml}</${p}text>`);
    return;
  }
  const content = text.children.filter((k) => k.local === "r" || k.local === "t");
  const last = content[content.length - 1];
  if (!last) {
    appendChildren(view.edit, text, xml, true);
  } else if (last.local === "t") {
    // runs may not follow a bare string in every reader: make it the first run
    view.edit.splices.replace(last.start, last.end, `<${p}r>${view.edit.source.slice(last.start, last.end)}</${p}r>${xml}`);
  } else {
    view.edit.splices.insert(last.end, xml);
  }
}

// ---------------------------------------------------------------- taking capexit's notes off again

/**
 * Takes capexit's block out of every note of a sheet (a copy that went through
 * a spreadsheet program, so the exact record of the last run is gone). A note
 * that was capexit's alone goes with its box. Returns the cells that had a block.
 */
export function stripNotes(pkg: Package, sheet: string, isOurs: (text: string) => number, sheetEdit: () => { removeLegacyDrawing(): void }): CellAddress[] {
  const rels = pkg.relationships(sheet);
  const commentsRel = rels.find((r) => isRel(r.type, "comments") && r.part && pkg.has(r.part));
  if (!commentsRel?.part) return [];
  const view = viewComments(pkg, commentsRel.part);
  const cells: CellAddress[] = [];
  const gone: CellAddress[] = [];
  for (const [k, comment] of view.byCell) {
    const text = child(comment, "text");
    if (!text) continue;
    const at = { row: Math.floor(k / 16_384), col: k % 16_384 };
    const cut = stripBlock(view, text, isOurs);
    if (cut === null) continue;
    cells.push(at);
    if (cut.kept.trim() === "") {
      removeElement(view.edit, comment);
      gone.push(at);
    } else {
      cut.apply();
    }
  }
  if (!cells.length) return [];
  const left = view.byCell.size - gone.length;
  const vmlRel = rels.find((r) => isRel(r.type, "vmlDrawing") && r.part && pkg.has(r.part));
  if (vmlRel?.part && gone.length) {
    const edit = pkg.edit(vmlRel.part);
    const root = edit.tree();
    const shapes = shapesOf(root);
    const goneKeys = new Set(gone.map(cellKey));
    for (const s of shapes) if (s.at && goneKeys.has(cellKey(s.at))) removeElement(edit, s.el);
    const remaining = shapes.filter((s) => !(s.at && goneKeys.has(cellKey(s.at))));
    if (left === 0 && remaining.length === 0) {
      pkg.remove(vmlRel.part);
      removeRelationship(pkg, sheet, vmlRel.id);
      sheetEdit().removeLegacyDrawing();
    }
  }
  if (left === 0) {
    pkg.remove(commentsRel.part);
    removeRelationship(pkg, sheet, commentsRel.id);
    removeOverride(pkg, commentsRel.part);
  }
  return cells;
}

/**
 * How to cut capexit's block (from its mark to the end) out of a note's text,
 * and what is left; null when the note has no block. The mark is looked for in
 * the text the runs show together: other programs split and merge runs (by
 * script, by font), so it may start anywhere in a run or span several.
 */
function stripBlock(view: CommentsView, text: XmlElement, isOurs: (s: string) => number): { kept: string; apply(): void } | null {
  const runs = text.children.filter((k) => k.local === "r" || k.local === "t");
  const shown = runs.map((k) => (k.local === "t" ? k.text : (child(k, "t")?.text ?? "")));
  const all = shown.join("");
  const at = isOurs(all);
  if (at < 0) return null;
  const kept = all.slice(0, at).trimEnd();
  return {
    kept,
    apply() {
      // the last run that keeps any text, cut to what it keeps; every run after it goes
      let offset = 0;
      let last = -1;
      for (let i = 0; i < runs.length && offset < kept.length; i++) {
        last = i;
        offset += shown[i]!.length;
      }
      const end = runs[runs.length - 1]!.end;
      if (last < 0) return view.edit.splices.replace(runs[0]!.start, end, "");
      const lastStart = offset - shown[last]!.length;
      if (offset === kept.length) return view.edit.splices.replace(runs[last]!.end, end, "");
      view.edit.splices.replace(runs[last]!.start, end, rewriteRun(view, runs[last]!, kept.slice(lastStart)));
    },
  };
}

/** A run (or bare string) with new text and its own formatting. */
function rewriteRun(view: CommentsView, run: XmlElement, text: string): string {
  const p = view.prefix;
  const t = textElement(`${p}t`, [["xml:space", "preserve"]], text);
  if (run.local === "t") return t;
  const rPr = child(run, "rPr");
  return `<${run.name}>${rPr ? view.edit.source.slice(rPr.start, rPr.end) : ""}${t}</${run.name}>`;
}

export function removeRelationship(pkg: Package, source: string, id: string): void {
  const rel = pkg.relationships(source).find((r) => r.id === id);
  if (rel) removeElement(pkg.edit(relsPathOf(source)), rel.el);
}

export function removeOverride(pkg: Package, part: string): void {
  const edit = pkg.edit("[Content_Types].xml");
  const wanted = `/${part}`.toLowerCase();
  for (const o of childrenNamed(edit.tree(), "Override")) if ((o.attrs.PartName ?? "").toLowerCase() === wanted) removeElement(edit, o);
}
