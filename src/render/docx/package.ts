// A Word document packed to bytes that depend only on the input, as the PDFs
// do: the package's dates (docProps/core.xml) are the given date or none, and
// every zip entry carries that date too (1980-01-01, the zip epoch, without
// one). The docx package stamps the clock into both; we write core.xml
// ourselves and zip its parts again, in the same order, with the fixed date.
//
// We write two more parts whole: the styles (the forms' font, size and
// language as the document's defaults, and no East Asian auto spacing, which
// would widen 2024年10月15日 past its cell: the docx package can set only half
// of it, and out of the schema's order), and the font table (宋体 is SimSun,
// a GB2312 font, so Word finds it on any system).
import { Packer, type Document } from "docx";
import { redate } from "../../util/zip/package.js";

export interface DocxMeta {
  title: string;
  /** from SOURCE_DATE_EPOCH; without it the document carries no date */
  date?: Date;
  producer: string;
  /** the body text size in pt */
  size: number;
}

/** The font the forms are set in: 宋体 (SimSun) for Chinese and the rest alike, as the official forms are. */
export const FONT = "宋体";
/** The font of ☑ and ☐ in the checkboxes: on every Windows since 7; Word finds a stand-in elsewhere. */
export const BOX_FONT = "Segoe UI Symbol";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** word/styles.xml: the document defaults every paragraph and run of the forms takes. */
export function styles(size: number): string {
  const half = Math.round(size * 2);
  const fonts = `<w:rFonts w:ascii="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>`;
  const hidden = '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>';
  return (
    `${DECLARATION}<w:styles xmlns:w="${W}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts}<w:sz w:val="${half}"/><w:szCs w:val="${half}"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>${hidden}</w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>${hidden}<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>${hidden}</w:style>` +
    "</w:styles>"
  );
}

/** word/fontTable.xml: 宋体 by its English name and character set, and the checkbox font. */
export function fontTable(): string {
  return (
    `${DECLARATION}<w:fonts xmlns:w="${W}">` +
    `<w:font w:name="${FONT}"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
    `<w:font w:name="${BOX_FONT}"><w:panose1 w:val="020B0502040204020203"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
    "</w:fonts>"
  );
}

/** the zip format's first day, the date of every entry when no date is given */
const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** docProps/core.xml: the title, who made it, and the dates only when given. */
export function coreProperties(meta: DocxMeta): string {
  const stamp = meta.date ? meta.date.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
  const dates = stamp
    ? `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(meta.title)}</dc:title><dc:creator>${escapeXml(meta.producer)}</dc:creator><cp:lastModifiedBy>${escapeXml(meta.producer)}</cp:lastModifiedBy><cp:revision>1</cp:revision>${dates}` +
    "</cp:coreProperties>"
  );
}

/** Entry dates as DOS stores them: from 1980 on, to the even second. */
function zipDate(date: Date | undefined): Date {
  if (!date || date.getTime() < ZIP_EPOCH.getTime()) return ZIP_EPOCH;
  return new Date(Math.floor(date.getTime() / 2000) * 2000);
}

export async function packDocx(doc: Document, meta: DocxMeta): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(doc, false, [
    { path: "docProps/core.xml", data: coreProperties(meta) },
    { path: "word/styles.xml", data: styles(meta.size) },
    { path: "word/fontTable.xml", data: fontTable() },
  ]);
  // read through the zip's directory, give every entry the one date, and zip again:
  // the entries keep their order and their deflated bytes (copied, not deflated twice)
  return redate(packed, zipDate(meta.date));
}
