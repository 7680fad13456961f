// A Word document (.docx) -> its tables as grids, with the paragraphs around
// them. The package is opened through its zip directory by src/util/zip (bounded
// inflation, DOCTYPEs refused) and the main part read with a streaming XML
// parser, never with regular expressions. What a clerk sees is what is read:
// merged cells (gridSpan, vMerge, the old hMerge) become merged ranges of a
// SheetGrid, line breaks and paragraphs become "\n", checkbox content
// controls and legacy checkbox fields become ☑ or ☐, deleted text of tracked
// changes and the prompts of empty content controls are left out. The rows
// become a grid in ./docx-grid.ts.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { UserError } from "../util/errors.js";
import { notValid, zipFault } from "./formats.js";
import { toGrid, type TableDraft } from "./docx-grid.js";
import type { SheetGrid } from "./grid.js";
import { openZip, ZipError, type ZipPackage } from "../util/zip/read.js";

const W_NS = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const W14 = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export const CHECKED = "☑";
export const UNCHECKED = "☐";

/** One table of the document, in document order (a table nested in a cell comes right after the cell's table opens). */
export interface DocxTable {
  /** 1-based, counted over every table of the document in the order they begin */
  index: number;
  /** the table as a grid: rows and grid columns from 1, merged cells as ranges */
  grid: SheetGrid;
  /** the body paragraphs between the previous table and this one (titles, the 填报单位 line) */
  above: string[];
  /** the body paragraphs after this table up to the next one (注, 备注) */
  below: string[];
  /** the table this one is nested in, if any */
  parent: number | null;
}

interface SdtState {
  /** a checkbox control: it shows its state, whatever glyph its content holds */
  checkbox: boolean;
  checked: boolean;
  /** showing its prompt (单击或点击此处输入文字), not text a clerk typed */
  placeholder: boolean;
  /** inside w:sdtContent */
  content: boolean;
}

/** Wingdings symbols clerks insert for ticks and boxes (Insert › Symbol), as the characters they show. */
const SYMBOLS: Record<string, Record<number, string>> = {
  wingdings: { 0xfe: "☑", 0xfd: "☒", 0xa8: "☐", 0x6f: "☐", 0x71: "☐", 0x78: "☒", 0xfc: "✓", 0xfb: "✗", 0x6c: "●", 0xa1: "○", 0x6e: "■" },
  "wingdings 2": { 0x52: "☑", 0x54: "☒", 0x51: "☒", 0xa3: "☐", 0x2a: "☐", 0x50: "✓", 0x4f: "✗", 0x98: "●" },
};

/** The main document part's name, from the package relationships (word/document.xml as a rule). */
function mainPart(pkg: ZipPackage): string | null {
  const names = new Set(pkg.entries.map((e) => e.name));
  if (names.has("_rels/.rels")) {
    let target: string | null = null;
    const parser = new SaxesParser({ xmlns: true });
    parser.on("opentag", (tag) => {
      if (tag.uri !== REL_NS || tag.local !== "Relationship" || target) return;
      const type = attr(tag, "", "Type") ?? "";
      if (type.endsWith("/officeDocument")) target = attr(tag, "", "Target") ?? null;
    });
    parser.write(new TextDecoder().decode(pkg.read("_rels/.rels"))).close();
    if (target) {
      const name = (target as string).replace(/^\/+/, "");
      if (names.has(name)) return name;
    }
  }
  return names.has("word/document.xml") ? "word/document.xml" : null;
}

function attr(tag: SaxesTagNS, uri: string | Set<string>, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) {
    if (a.local !== local) continue;
    if (typeof uri === "string" ? a.uri === uri : uri.has(a.uri)) return a.value;
  }
  return undefined;
}

/** Whether an OOXML on/off value (w:val absent, "1", "true", "on") is on. */
const isOn = (v: string | undefined) => v === undefined || v === "1" || v === "true" || v === "on";

/** Reads the tables of a .docx package. A package that is no Word document is refused in one sentence. */
export function readDocxTables(bytes: Uint8Array, file: string): DocxTable[] {
  let pkg: ZipPackage;
  let xml: string;
  try {
    pkg = openZip(bytes);
    const part = mainPart(pkg);
    if (!part) throw notValid(file);
    xml = new TextDecoder().decode(pkg.read(part));
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (e instanceof ZipError) throw zipFault(e, file);
    throw notValid(file);
  }
  try {
    return parseDocument(xml);
  } catch {
    throw notValid(file);
  }
}

/** The core, on the text of word/document.xml. */
export function parseDocument(xml: string): DocxTable[] {
  const tables: DocxTable[] = [];
  const open: TableDraft[] = [];
  /** body paragraphs since the last table began or ended */
  let body: string[] = [];
  /** the table that ended last, waiting for the paragraphs below it */
  let lastClosed: DocxTable | null = null;
  let count = 0;
  /** the paragraphs being written, innermost last (a text box holds paragraphs inside a paragraph) */
  const paragraphs: string[] = [];
  let inText = false;
  let tabStops = 0; // inside w:tabs, where w:tab is a tab stop, not text
  let skip = 0; // depth inside parts that show nothing: mc:Fallback, w:del, w:moveFrom
  const sdts: SdtState[] = [];
  let ffCheckbox: { checked: boolean | null; def: boolean } | null = null;

  const table = () => open[open.length - 1];
  const row = () => table()?.rows[table()!.rows.length - 1];
  const cell = () => row()?.cells[row()!.cells.length - 1];
  const hidden = () => skip > 0 || sdts.some((s) => s.content && (s.checkbox || s.placeholder));
  const put = (s: string) => {
    if (paragraphs.length && !hidden()) paragraphs[paragraphs.length - 1] += s;
  };
  const putMark = (s: string) => {
    if (paragraphs.length && skip === 0) paragraphs[paragraphs.length - 1] += s;
  };

  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", (tag) => {
    if (tag.uri === MC && tag.local === "Fallback") {
      skip++;
      return;
    }
    if (tag.uri === W14) {
      const sdt = sdts[sdts.length - 1];
      if (tag.local === "checkbox" && sdt) sdt.checkbox = true;
      else if (tag.local === "checked" && sdt) sdt.checked = isOn(attr(tag, W14, "val"));
      return;
    }
    if (!W_NS.has(tag.uri)) return;
    switch (tag.local) {
      case "del":
      case "moveFrom":
        skip++;
        break;
      case "tbl": {
        const parent = table();
        const draft: TableDraft = { index: ++count, parent: parent?.index ?? null, gridColumns: 0, rows: [], above: parent ? [] : body };
        if (!parent) {
          if (lastClosed) lastClosed.below = body;
          body = [];
          lastClosed = null;
        }
        open.push(draft);
        break;
      }
      case "gridCol":
        if (table()) table()!.gridColumns++;
        break;
      case "tr":
        table()?.rows.push({ gridBefore: 0, cells: [] });
        break;
      case "gridBefore": {
        const r = row();
        if (r && r.cells.length === 0) r.gridBefore = Math.max(0, Number(attr(tag, W_NS, "val")) || 0);
        break;
      }
      case "tc":
        row()?.cells.push({ col: 0, span: 1, vMerge: "none", hMerge: "none", paragraphs: [] });
        break;
      case "gridSpan": {
        const c = cell();
        if (c) c.span = Math.max(1, Math.min(1000, Number(attr(tag, W_NS, "val")) || 1));
        break;
      }
      case "vMerge": {
        const c = cell();
        if (c) c.vMerge = attr(tag, W_NS, "val") === "restart" ? "restart" : "continue";
        break;
      }
      case "hMerge": {
        const c = cell();
        if (c) c.hMerge = attr(tag, W_NS, "val") === "restart" ? "restart" : "continue";
        break;
      }
      case "p":
        paragraphs.push("");
        break;
      case "t":
        inText = true;
        break;
      case "tabs":
        tabStops++;
        break;
      case "tab":
      case "ptab":
        if (tabStops === 0) put("\t");
        break;
      case "br":
      case "cr":
        put("\n");
        break;
      case "noBreakHyphen":
        put("-");
        break;
      case "sym": {
        const font = (attr(tag, W_NS, "font") ?? "").toLowerCase();
        const code = parseInt(attr(tag, W_NS, "char") ?? "", 16);
        const table = SYMBOLS[font];
        // symbol fonts are addressed either at 0xF0xx (the private use area) or at their plain code
        const mark = table?.[code & 0xff];
        if (mark) put(mark);
        break;
      }
      case "sdt":
        sdts.push({ checkbox: false, checked: false, placeholder: false, content: false });
        break;
      case "showingPlcHdr": {
        const sdt = sdts[sdts.length - 1];
        if (sdt && !sdt.content) sdt.placeholder = isOn(attr(tag, W_NS, "val"));
        break;
      }
      case "sdtContent": {
        const sdt = sdts[sdts.length - 1];
        if (sdt) sdt.content = true;
        break;
      }
      case "fldChar": {
        const type = attr(tag, W_NS, "fldCharType");
        if (type === "begin") ffCheckbox = null;
        break;
      }
      case "checkBox":
        ffCheckbox = { checked: null, def: false };
        break;
      case "default":
        if (ffCheckbox) ffCheckbox.def = isOn(attr(tag, W_NS, "val"));
        break;
      case "checked":
        if (ffCheckbox) ffCheckbox.checked = isOn(attr(tag, W_NS, "val"));
        break;
    }
  });

  parser.on("text", (text) => {
    if (inText) put(text);
  });

  parser.on("closetag", (tag) => {
    if (tag.uri === MC && tag.local === "Fallback") {
      skip--;
      return;
    }
    if (!W_NS.has(tag.uri)) return;
    switch (tag.local) {
      case "del":
      case "moveFrom":
        skip--;
        break;
      case "t":
        inText = false;
        break;
      case "tabs":
        tabStops--;
        break;
      case "p": {
        const text = paragraphs.pop() ?? "";
        if (paragraphs.length) {
          // a paragraph of a text box: its text joins the paragraph that holds the box
          put(text ? `\n${text}` : "");
        } else if (cell()) {
          cell()!.paragraphs.push(text);
        } else if (!table()) {
          body.push(text);
        }
        break;
      }
      case "sdtContent": {
        const sdt = sdts[sdts.length - 1];
        if (sdt) sdt.content = false;
        break;
      }
      case "sdt": {
        const sdt = sdts.pop();
        if (sdt?.checkbox) putMark(sdt.checked ? CHECKED : UNCHECKED);
        break;
      }
      case "checkBox":
        if (ffCheckbox) putMark((ffCheckbox.checked ?? ffCheckbox.def) ? CHECKED : UNCHECKED);
        ffCheckbox = null;
        break;
      case "tbl": {
        const draft = open.pop()!;
        const done: DocxTable = { index: draft.index, grid: toGrid(draft), above: draft.above, below: [], parent: draft.parent };
        tables.push(done);
        if (open.length === 0) {
          body = [];
          lastClosed = done;
        } else {
          // a nested table's surroundings are its outer table's
          const outer = open.find((t) => t.index === draft.parent) ?? open[0]!;
          done.above = outer.above;
        }
        break;
      }
    }
  });

  parser.write(xml).close();
  if (lastClosed) (lastClosed as DocxTable).below = body;
  return tables.sort((a, b) => a.index - b.index);
}
