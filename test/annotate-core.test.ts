// The package editor's parts, in memory: the zip container, splicing, cell
// addresses, and marking packages laid out in ways the end-to-end fixtures do
// not cover (implicit cell references, prefixed element names, no stylesheet,
// rows that are not written, a drawing with controls but no notes, a clerk's
// own sheet called 校验结果, a DOCTYPE).
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { annotateWorkbook, FILL } from "../src/annotate/annotate.js";
import { annotateMessages } from "../src/annotate/messages.js";
import { parseAddress } from "../src/annotate/sheet.js";
import { columnLetter } from "../src/util/columns.js";
import { revert, Splices } from "../src/annotate/xml.js";
import { contentOf, readZip, redate, writeZip, ZipError } from "../src/util/zip/package.js";
import type { Finding } from "../src/model/finding.js";
import type { Validation } from "../src/rules/run.js";
import { UserError } from "../src/util/errors.js";
import { handmadePackage } from "./fixtures/annotate/handmade.js";
import { cellsOf, compressedEntries, fillOf, loadExcelJs, marksOf, noteText, partsOf, resultRows, sheetParts } from "./support/package.js";

const MARK = annotateMessages["zh-CN"].mark!;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

describe("cell addresses", () => {
  it.each([
    ["A1", { row: 1, col: 1 }],
    ["Z9", { row: 9, col: 26 }],
    ["AA10", { row: 10, col: 27 }],
    ["XFD1048576", { row: 1048576, col: 16384 }],
    ["$C$7", { row: 7, col: 3 }],
    ["c7", { row: 7, col: 3 }],
  ])("%s", (ref, a) => {
    expect(parseAddress(ref)).toEqual(a);
    expect(`${columnLetter(a.col)}${a.row}`).toBe(ref.replace(/\$/g, "").toUpperCase());
  });
  it.each(["", "A", "7", "A0", "1A", "A1:B2", "XFE1"])("refuses %j", (ref) => expect(parseAddress(ref)).toBeNull());
});

describe("splices", () => {
  const source = "<a><b x=\"1\"/><c>text</c></a>";
  it.each([
    ["an insertion", [[3, 3, "<n/>"]], '<a><n/><b x="1"/><c>text</c></a>'],
    ["a replacement", [[3, 13, '<b x="2"/>']], '<a><b x="2"/><c>text</c></a>'],
    ["two insertions at one place, in order", [[3, 3, "<p/>"], [3, 3, "<q/>"]], '<a><p/><q/><b x="1"/><c>text</c></a>'],
    ["a deletion and an insertion after it", [[3, 13, ""], [24, 24, "<z/>"]], "<a><c>text</c><z/></a>"],
    ["an insertion at the end", [[source.length, source.length, "<!-- -->"]], `${source}<!-- -->`],
  ] as [string, [number, number, string][], string][])("%s is taken back exactly", (_name, edits, expected) => {
    const s = new Splices();
    for (const [a, b, t] of edits) s.replace(a, b, t);
    const { text, undo } = s.apply(source, "test");
    expect(text).toBe(expected);
    expect(revert(text, undo)).toBe(source);
  });
  it("refuses overlapping edits", () => {
    const s = new Splices();
    s.replace(2, 6, "x");
    s.replace(4, 8, "y");
    expect(() => s.apply(source, "test")).toThrow(/overlapping/);
  });
});

describe("the zip container", () => {
  async function sample(): Promise<Uint8Array> {
    const zip = new JSZip();
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 6));
    zip.file("[Content_Types].xml", "<Types/>", { date });
    zip.file("xl/media/图片 1.png", Buffer.alloc(300, 7), { date, compression: "STORE" });
    zip.file("xl/worksheets/sheet1.xml", "<worksheet>" + "<row/>".repeat(2000) + "</worksheet>", { date, compression: "DEFLATE" });
    zip.file("docProps/", null, { dir: true, date });
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", comment: "made by hand" });
  }

  it("writes every entry back as it was: same content, method, CRC and compressed bytes", async () => {
    const input = await sample();
    const output = writeZip(readZip(input));
    const [a, b] = [await partsOf(input), await partsOf(output)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k)!.equals(v), k).toBe(true);
    const [ra, rb] = [compressedEntries(input), compressedEntries(output)];
    for (const [k, v] of ra) expect(rb.get(k)).toEqual(v);
    expect((await JSZip.loadAsync(output)).file("xl/media/图片 1.png")!.date.toISOString()).toBe("2024-01-02T03:04:06.000Z");
  });

  it("deflates a new entry, deterministically", async () => {
    const archive = readZip(await sample());
    archive.entries.push({ kind: "new", name: "xl/new.xml", content: Buffer.from("<x>新</x>".repeat(100)), time: 0, date: 0x21 });
    const one = writeZip(archive);
    expect(Buffer.from(writeZip(archive)).equals(Buffer.from(one))).toBe(true);
    expect(await (await JSZip.loadAsync(one)).file("xl/new.xml")!.async("string")).toBe("<x>新</x>".repeat(100));
  });

  it.each([
    ["a file that is not a zip", () => Buffer.from("not a zip at all, just text of some length")],
    ["a truncated zip", async () => (await sample()).subarray(0, 200)],
  ])("refuses %s", async (_name, make) => {
    expect(() => readZip(new Uint8Array(0))).toThrow(ZipError);
    const bytes = await make();
    expect(() => {
      const z = readZip(bytes);
      z.entries.forEach(contentOf);
    }).toThrow(ZipError);
  });

  it("re-dates a package: every entry's compressed bytes copied, every date the one given, the same bytes every time", async () => {
    const input = await sample();
    const when = new Date(Date.UTC(2024, 11, 1, 10, 20, 31));
    const output = redate(input, when, { sortByName: true, dropFolders: true });
    expect(Buffer.from(redate(input, when, { sortByName: true, dropFolders: true })).equals(Buffer.from(output))).toBe(true);
    const zip = await JSZip.loadAsync(output);
    const names = Object.keys(zip.files);
    expect(names).toEqual(["[Content_Types].xml", "xl/media/图片 1.png", "xl/worksheets/sheet1.xml"]);
    // DOS time keeps even seconds: :31 is stored as :30
    for (const n of names) expect(zip.files[n]!.date.toISOString(), n).toBe("2024-12-01T10:20:30.000Z");
    const [ra, rb] = [compressedEntries(input), compressedEntries(output)];
    for (const [k, v] of rb) expect(v).toEqual(ra.get(k));
    // kept in order, folders included, when not asked otherwise; before 1980 is 1980
    const kept = await JSZip.loadAsync(redate(input, new Date(0)));
    expect(Object.keys(kept.files)).toEqual(Object.keys((await JSZip.loadAsync(input)).files));
    expect(kept.files["docProps/"]!.date.toISOString()).toBe("1980-01-01T00:00:00.000Z");
  });

  it("refuses a part whose declared size is past the bound, without inflating it", async () => {
    const archive = readZip(await sample());
    const sheet = archive.entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(() => contentOf({ ...sheet, size: 300 * 1024 * 1024 } as typeof sheet)).toThrow(/too-large/);
  });
});

// ---------------------------------------------------------------- marking in memory

const finding = (sheet: string, cell: string | null, severity: Finding["severity"] = "error", row: number | null = null): Finding => ({
  severity,
  rule: "date-impossible",
  field: "reportedOn",
  record: null,
  location: { file: "in.xlsx", sheet, row: row ?? (cell ? Number(cell.replace(/^[A-Z]+/, "")) : null), cell, line: null },
  value: "2024-13-01",
});

const validation = (findings: Finding[]): Validation => ({
  records: 1,
  findings,
  errors: findings.filter((f) => f.severity === "error").length,
  warnings: findings.filter((f) => f.severity === "warning").length,
});

async function mark(bytes: Uint8Array, findings: Finding[]): Promise<Uint8Array> {
  return annotateWorkbook(bytes, validation(findings), { lang: "zh-CN", file: "in.xlsx" });
}

/** A package of one or more sheets whose XML is given as is. */
async function minimalPackage(sheets: Record<string, string>, extra: Record<string, string> = {}, rels: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  const names = Object.keys(sheets);
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      `</Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
  );
  names.forEach((n, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheets[n]!));
  for (const [k, v] of Object.entries(rels)) zip.file(k, v);
  for (const [k, v] of Object.entries(extra)) zip.file(k, v);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("marking packages laid out every way", () => {
  it("finds cells by implicit references, and marks a merged range on its top-left cell", async () => {
    const input = await handmadePackage({ implicitRefs: true });
    const output = await mark(input, [finding("附表1", "A6"), finding("附表1", "C6", "warning"), finding("附表1", "G6", "warning")]);
    expect(cellsOf(output, ["校验结果"])).toEqual(cellsOf(input));
    // exceljs cannot load cells without `r`: SheetJS reads the marks
    const marks = marksOf(output, "附表1");
    expect(marks.get("A5")!.fill).toBe(FILL.error);
    expect(marks.get("C6")!.fill).toBe(FILL.warning);
    expect(marks.get("G6")).toMatchObject({ fill: FILL.warning, value: 1500 });
    expect(marks.get("A5")!.note).toContain(MARK);
    expect(marks.get("A6")!.note).toBe("");
  });

  it("writes its elements with the part's own prefix, makes the stylesheet a package lacks, and adds rows and cells not written", async () => {
    const sheet =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}" xmlns:rel="${R}"><x:sheetData>` +
      `<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>填报时间</x:t></x:is></x:c></x:row><x:row r="3"/>` +
      `<x:row r="5"><x:c r="A5"><x:v>1</x:v></x:c><x:c r="D5"><x:v>4</x:v></x:c></x:row></x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>`;
    const input = await minimalPackage({ "附表 1": sheet });
    const output = await mark(input, [finding("附表 1", "B3"), finding("附表 1", "C5"), finding("附表 1", "B4", "warning"), finding("附表 1", "E9")]);
    const parts = await partsOf(output);
    const xml = parts.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(xml).toContain('<x:row r="3"><x:c r="B3" s="');
    expect(xml).toContain('<x:row r="4"><x:c r="B4" s="');
    expect(xml).toMatch(/<x:c r="A5"><x:v>1<\/x:v><\/x:c><x:c r="C5" s="\d+"\/><x:c r="D5">/);
    expect(xml).toContain('<x:legacyDrawing rel:id="');
    expect(parts.has("xl/styles.xml")).toBe(true);
    const marks = marksOf(output, "附表 1");
    for (const [cell, sev] of [["B3", "error"], ["C5", "error"], ["B4", "warning"], ["E9", "error"]] as const) {
      expect(marks.get(cell)?.fill, cell).toBe(FILL[sev]);
      expect(marks.get(cell)?.note, cell).toContain(MARK);
    }
    expect(marks.get("D5")!.value).toBe(4);
    expect(resultRows(parts, output).map((r) => r.link)).toEqual(["'附表 1'!B3", "'附表 1'!C5", "'附表 1'!B4", "'附表 1'!E9"]);
  });

  it("adds notes to a drawing that holds form controls but no notes", async () => {
    const vml =
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="3"/></o:shapelayout>` +
      `<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe"/><v:shape id="_x0000_s3073" type="#_x0000_t201" style="position:absolute"><x:ClientData ObjectType="Button"><x:Anchor>1, 0, 1, 0, 2, 0, 2, 0</x:Anchor></x:ClientData></v:shape></xml>`;
    const sheet = `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><legacyDrawing r:id="rId1"/></worksheet>`;
    const input = await minimalPackage(
      { 附表1: sheet },
      { "xl/drawings/vmlDrawing1.vml": vml },
      { "xl/worksheets/_rels/sheet1.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>` },
    );
    const output = await mark(input, [finding("附表1", "A1")]);
    const parts = await partsOf(output);
    const out = parts.get("xl/drawings/vmlDrawing1.vml")!.toString("utf8");
    expect(out.startsWith(vml.slice(0, vml.length - "</xml>".length))).toBe(true);
    expect(out).toContain('id="_x0000_s3074"');
    expect(out).toContain("_x0000_t202");
    expect(parts.get("xl/worksheets/sheet1.xml")!.toString("utf8").split("legacyDrawing").length - 1).toBe(1);
    expect(marksOf(output, "附表1").get("A1")!.note).toContain(MARK);
  });

  it("leaves a clerk's own sheet called 校验结果 alone and names its own apart", async () => {
    const theirs = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>我们自己的校验记录</t></is></c></row></sheetData></worksheet>`;
    const one = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const input = await mark(await minimalPackage({ 附表1: one, 校验结果: theirs }), [finding("附表1", "A1")]);
    const again = await mark(input, [finding("附表1", "A1", "warning")]);
    for (const bytes of [input, again]) {
      const parts = await partsOf(bytes);
      expect([...sheetParts(parts).keys()]).toEqual(["附表1", "校验结果", "校验结果（capexit）"]);
      expect(parts.get("xl/worksheets/sheet2.xml")!.toString("utf8")).toBe(theirs);
    }
    expect(marksOf(again, "附表1").get("A1")!.fill).toBe(FILL.warning);
  });

  it("marks its own copy again exactly as it marked the original, and takes a fixed cell's mark off", async () => {
    const input = await handmadePackage();
    const findings = [finding("附表1", "B4"), finding("附表1", "D5"), finding("附表1", "C7", "warning"), finding("附表1", null, "warning", 8)];
    const once = await mark(input, findings);
    expect(Buffer.from(await mark(once, findings)).equals(Buffer.from(once))).toBe(true);
    const fixed = await mark(once, findings.slice(1));
    expect(Buffer.from(fixed).equals(Buffer.from(await mark(input, findings.slice(1))))).toBe(true);
    const ws = (await loadExcelJs(fixed)).getWorksheet("附表1")!;
    expect(fillOf(ws.getCell("B4"))).toBe("FFE2EFDA"); // the clerk's own tint is back
    expect(ws.getCell("B4").note).toBeUndefined();
  });

  it("takes its marks off one by one when its record no longer matches the copy", async () => {
    const input = await handmadePackage();
    const once = await mark(input, [finding("附表1", "B4"), finding("附表1", "D5")]);
    // a program that keeps unknown parts but rewrites the stylesheet (here: one space more)
    const zip = await JSZip.loadAsync(once);
    zip.file("xl/styles.xml", (await zip.file("xl/styles.xml")!.async("string")).replace("<fonts", " <fonts"));
    const edited = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const again = await mark(edited, [finding("附表1", "D5")]);
    const wb = await loadExcelJs(again);
    const ws = wb.getWorksheet("附表1")!;
    expect(ws.getCell("B4").note).toBeUndefined();
    expect(fillOf(ws.getCell("B4"))).toBeUndefined();
    expect(noteText(ws.getCell("D5").note).split(MARK).length - 1).toBe(1);
    expect(noteText(ws.getCell("D5").note).startsWith("张科员：代码待企业确认")).toBe(true);
    expect(wb.worksheets.filter((w) => w.name.startsWith("校验结果")).length).toBe(1);
  });

  it("refuses a part with a DOCTYPE, naming the part", async () => {
    const sheet = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const input = await minimalPackage({ 附表1: sheet });
    const e = await mark(input, [finding("附表1", "A1")]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).messageId).toBe("annotate-part-unreadable");
    expect((e as UserError).data.part).toBe("xl/worksheets/sheet1.xml");
  });
});
