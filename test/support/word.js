// WordprocessingML written by hand: the tables, merges, line breaks, checkbox
// controls and tracked changes of the Word documents clerks send back, as
// Word itself writes them. Plain JavaScript so that the benchmark (which runs
// without a TypeScript loader) can make documents too.
import JSZip from "jszip";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14 = "http://schemas.microsoft.com/office/word/2010/wordml";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/** @param {string} s */
export const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Runs of text: "\n" becomes w:br, "\t" w:tab; a text may be split over several runs, as Word does after edits.
 * @param {string} text
 * @param {{ split?: boolean }} [opts]
 */
export function runs(text, opts = {}) {
  const out = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (i > 0) out.push("<w:r><w:br/></w:r>");
    line.split("\t").forEach((piece, k) => {
      if (k > 0) out.push("<w:r><w:tab/></w:r>");
      if (!piece) return;
      const chunks = opts.split && piece.length > 3 ? [piece.slice(0, 2), piece.slice(2)] : [piece];
      for (const c of chunks) out.push(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${esc(c)}</w:t></w:r>`);
    });
  });
  return out.join("");
}

/** A paragraph; `text` may already be run XML when `raw` is set. */
export function p(text = "", { raw = false, center = false, pageBreakBefore = false } = {}) {
  const ppr = center || pageBreakBefore ? `<w:pPr>${pageBreakBefore ? "<w:pageBreakBefore/>" : ""}${center ? '<w:jc w:val="center"/>' : ""}</w:pPr>` : "";
  return `<w:p>${ppr}${raw ? text : runs(text)}</w:p>`;
}

/** A page break in a paragraph of its own. */
export const pageBreak = () => '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

/** A checkbox content control (Word 2010 and later), showing ☒ or ☐ as Word does. */
export function checkbox(checked) {
  return (
    `<w:sdt><w:sdtPr><w:id w:val="${checked ? 1 : 2}"/><w14:checkbox><w14:checked w14:val="${checked ? 1 : 0}"/>` +
    `<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>` +
    `<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>${checked ? "☒" : "☐"}</w:t></w:r></w:sdtContent></w:sdt>`
  );
}

/** A legacy form-field checkbox (FORMCHECKBOX), as older Word and WPS templates have. */
export function legacyCheckbox(checked) {
  return (
    `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:calcOnExit w:val="0"/>` +
    `<w:checkBox><w:sizeAuto/><w:default w:val="0"/>${checked ? "<w:checked/>" : ""}</w:checkBox></w:ffData></w:fldChar></w:r>` +
    `<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
  );
}

/** A symbol inserted from a symbol font (Insert › Symbol): Wingdings 2 "R" is a ticked box. */
export const symbol = (font, code) => `<w:r><w:sym w:font="${font}" w:char="${code}"/></w:r>`;

/** Text deleted with tracked changes on: shown struck through, no part of the document's text. */
export const deleted = (text) => `<w:del w:id="9" w:author="clerk" w:date="2024-11-01T00:00:00Z"><w:r><w:delText>${esc(text)}</w:delText></w:r></w:del>`;

/** An empty content control still showing its prompt. */
export const prompt = (text) =>
  `<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>${esc(text)}</w:t></w:r></w:sdtContent></w:sdt>`;

/**
 * A table cell. `content`: text (line breaks as "\n"), or { xml } for paragraphs written by hand,
 * or an array of those (one paragraph each).
 * @typedef {{ text?: string, xml?: string, span?: number, v?: "restart" | "continue", split?: boolean }} CellSpec
 */

/** @param {CellSpec | string} c */
function tc(c) {
  const cell = typeof c === "string" ? { text: c } : c;
  const props = `${cell.span && cell.span > 1 ? `<w:gridSpan w:val="${cell.span}"/>` : ""}${cell.v === "restart" ? '<w:vMerge w:val="restart"/>' : cell.v === "continue" ? "<w:vMerge/>" : ""}`;
  let body;
  if (cell.v === "continue") body = "<w:p/>";
  else if (cell.xml !== undefined) body = cell.xml.startsWith("<w:p") || cell.xml.startsWith("<w:tbl") ? cell.xml : `<w:p>${cell.xml}</w:p>`;
  else body = (cell.text ?? "").split("\n\n").map((para) => `<w:p>${runs(para, { split: cell.split })}</w:p>`).join("");
  // a cell ends with a paragraph, even after a nested table
  if (body.endsWith("</w:tbl>")) body += "<w:p/>";
  return `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>${props}</w:tcPr>${body}</w:tc>`;
}

/**
 * A table: `columns` grid columns, rows of cells.
 * @param {number} columns
 * @param {(CellSpec | string)[][]} rows
 */
export function table(columns, rows) {
  const grid = Array.from({ length: columns }, () => '<w:gridCol w:w="1100"/>').join("");
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>` +
    rows.map((r) => `<w:tr>${r.map(tc).join("")}</w:tr>`).join("") +
    "</w:tbl>"
  );
}

/**
 * A .docx package of body XML, as Word lays it out (content types, relationships, the document).
 * @param {string} body
 * @returns {Promise<Uint8Array>}
 */
export async function docx(body) {
  const zip = new JSZip();
  const date = new Date("2024-11-30T00:00:00Z");
  const add = (name, text) => zip.file(name, text, { date });
  add(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  add(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  add("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>');
  add(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:w14="${W14}" xmlns:mc="${MC}" mc:Ignorable="w14"><w:body>${body}` +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>',
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
