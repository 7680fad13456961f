// workbook.xml: the sheets as the workbook lists them, and the entries of
// capexit's own sheet (its <sheet>, its defined names for printing and the
// filter), added at the end and taken out again.
import { appendChildren, CONTENT_TYPE, isRel, NS, Package, REL, relsPathOf, removeElement } from "./opc.js";
import { removeOverride, removeRelationship } from "./notes.js";
import { child, childrenNamed, prefixFor, prefixOf, startTag, textElement, withAttrs, type XmlElement } from "./xml.js";

export interface SheetEntry {
  name: string;
  sheetId: string;
  state: string;
  relId: string;
  /** the worksheet part; null for a chart sheet or a dangling entry */
  part: string | null;
  /** its position among the workbook's sheets */
  index: number;
  el: XmlElement;
}

export interface Book {
  /** the workbook part, e.g. `xl/workbook.xml` */
  part: string;
  sheets: SheetEntry[];
  root: XmlElement;
}

/** The children of workbook after definedNames, in schema order. */
const AFTER_DEFINED_NAMES = new Set(["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]);

function relAttr(el: XmlElement, root: XmlElement): string {
  const prefix = prefixFor(root, NS.relationships) ?? prefixFor(root, NS.strictRelationships) ?? prefixFor(el, NS.relationships);
  if (prefix && el.attrs[`${prefix}:id`] !== undefined) return el.attrs[`${prefix}:id`]!;
  return Object.entries(el.attrs).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
}

export function readBook(pkg: Package): Book | null {
  const part = pkg.officeDocument();
  if (!part || !pkg.has(part)) return null;
  const root = pkg.edit(part).tree();
  const rels = pkg.relationships(part);
  const sheetsEl = child(root, "sheets");
  const sheets: SheetEntry[] = (sheetsEl ? childrenNamed(sheetsEl, "sheet") : []).map((el, index) => {
    const relId = relAttr(el, root);
    const rel = rels.find((r) => r.id === relId);
    const part = rel && isRel(rel.type, "worksheet") && rel.part && pkg.has(rel.part) ? rel.part : null;
    return { name: el.attrs.name ?? "", sheetId: el.attrs.sheetId ?? "", state: el.attrs.state ?? "visible", relId, part, index, el };
  });
  return { part, sheets, root };
}

/** `'附表 1'!A4`: a reference to a cell of a sheet, the name quoted (quotes in it doubled). */
export function sheetReference(sheet: string, ref: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

/** Adds a worksheet at the end of the workbook; returns its part name. */
export function addSheet(pkg: Package, book: Book, name: string, build: (index: number) => string, definedNames: (index: number) => [string, string][]): string {
  const dir = book.part.includes("/") ? book.part.slice(0, book.part.lastIndexOf("/") + 1) : "";
  let n = 1;
  while (pkg.has(`${dir}worksheets/sheet${n}.xml`)) n++;
  const part = `${dir}worksheets/sheet${n}.xml`;
  const index = book.sheets.length;
  pkg.add(part, build(index));
  pkg.declare(part, CONTENT_TYPE.worksheet);
  const relId = pkg.addRelationship(book.part, REL.worksheet, part);

  const edit = pkg.edit(book.part);
  const root = edit.tree();
  const p = prefixOf(root.name);
  const relPrefix = prefixFor(root, NS.relationships) ?? prefixFor(root, NS.strictRelationships);
  const sheetId = Math.max(0, ...book.sheets.map((s) => Number(s.sheetId) || 0)) + 1;
  const attrs: [string, string | number][] = [["name", name], ["sheetId", sheetId]];
  if (relPrefix) attrs.push([`${relPrefix}:id`, relId]);
  else attrs.push(["xmlns:r", NS.relationships], ["r:id", relId]);
  const sheets = child(root, "sheets");
  if (!sheets) throw new Error("a workbook without sheets");
  appendChildren(edit, sheets, startTag(`${p}sheet`, attrs, true));

  const names = definedNames(index).map(([n, ref]) => textElement(`${p}definedName`, [["name", n], ["localSheetId", index], ["hidden", n === "_xlnm._FilterDatabase" ? "1" : undefined]], ref)).join("");
  if (!names) return part;
  const existing = child(root, "definedNames");
  if (existing) appendChildren(edit, existing, names);
  else {
    const next = root.children.find((k) => AFTER_DEFINED_NAMES.has(k.local));
    const xml = `<${p}definedNames>${names}</${p}definedNames>`;
    if (next) edit.splices.insert(next.start, xml);
    else appendChildren(edit, root, xml);
  }
  return part;
}

/**
 * Takes a sheet out of the workbook: its entry, its relationship and content
 * type, its part, and the defined names local to it (later sheets' local names
 * and the workbook's active tab move down by one).
 */
export function removeSheet(pkg: Package, book: Book, sheet: SheetEntry): void {
  const edit = pkg.edit(book.part);
  const root = edit.tree();
  removeElement(edit, sheet.el);
  const names = child(root, "definedNames");
  for (const dn of names ? childrenNamed(names, "definedName") : []) {
    const local = dn.attrs.localSheetId;
    if (local === undefined) continue;
    const i = Number(local);
    if (i === sheet.index) removeElement(edit, dn);
    else if (i > sheet.index) edit.splices.replace(dn.start, dn.openEnd, startTag(dn.name, withAttrs(dn, { localSheetId: String(i - 1) })));
  }
  const views = child(root, "bookViews");
  for (const view of views ? childrenNamed(views, "workbookView") : []) {
    const changes: Record<string, string> = {};
    for (const a of ["activeTab", "firstSheet"] as const) {
      const v = Number(view.attrs[a] ?? 0);
      if (v >= sheet.index && v > 0) changes[a] = String(v - 1);
    }
    if (Object.keys(changes).length) edit.splices.replace(view.start, view.openEnd, startTag(view.name, withAttrs(view, changes), view.selfClosing));
  }
  removeRelationship(pkg, book.part, sheet.relId);
  if (sheet.part) {
    removeOverride(pkg, sheet.part);
    pkg.remove(sheet.part);
    pkg.remove(relsPathOf(sheet.part));
  }
}
