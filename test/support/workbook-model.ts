// One workbook described as data, written by every producer we can run here:
// exceljs, SheetJS, openpyxl (a Python script), LibreOffice (converting), and
// by hand, package part by package part, for the quirks of writers we do not
// have (Excel's zip order, absolute targets, inline strings, odd part names,
// single-quoted attributes, prefixed elements, the 1904 date system, charts,
// images, chart sheets, defined names).
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnLetter } from "../../src/util/columns.js";
import { makeUscc } from "./records.js";

export type ModelCell = string | number | boolean | null | { date: string } | { formula: string; result: number } | { error: "#N/A" | "#DIV/0!" };

export interface ModelSheet {
  name: string;
  state?: "visible" | "hidden" | "veryHidden";
  rows: ModelCell[][];
  /** A1 ranges */
  merges?: string[];
}

export const U1 = makeUscc("421321", 7001);
export const U2 = makeUscc("421321", 7002);
export const U3 = makeUscc("421321", 7003);
export const U4 = makeUscc("421321", 7004);
/** U3 with a wrong check character */
export const U3_BAD = U3.slice(0, 17) + (U3[17] === "X" ? "Y" : "X");

/**
 * The producers' case: the four sheets as a county lays them out, with a title
 * row merged across, date cells, a formula with its cached value, a vertical
 * merge, a cell error, a hidden sheet, and planted faults whose findings every
 * producer must give at the same cells.
 */
export function producersCase(): ModelSheet[] {
  return [
    {
      name: "附表1",
      merges: ["A1:H1"],
      rows: [
        ["附表1 淘汰落后产能企业基本情况表"],
        ["填报单位（盖章）：随县科经局"],
        ["县市区", "企业名称", "统一社会信用代码", "企业地址", "建厂时间", "在岗职工人数", "其中合同工人数", "资产总额（万元）", "企业整体关闭", "退休职工人数"],
        ["随县", "随县甲水泥厂", U1, "随县厉山镇工业园", { date: "2005-03-01" }, 120, 100, { formula: "800+400", result: 1200 }, "是", 30],
        ["随县", "随县乙砖厂", U2, "随县安居镇", { date: "2010-06-15" }, 35, 40, 300, "否", { error: "#N/A" }],
        ["随县", "随县丙铸造厂", U3_BAD, "随县万店镇", "2003年13月", 60, 50, 900, "否", 8],
        ["合计", null, null, null, null, 215, 190, 2400],
      ],
    },
    {
      name: "附表1设备",
      merges: ["A2:A3"],
      rows: [
        ["统一社会信用代码", "设备名称（型号规格）", "数量（台）", "拆除时间"],
        [U1, "Φ2.6×13m水泥磨", 1, { date: "2024-11-20" }],
        [null, "Φ2.4×10m水泥磨", 2, "2024.11.21"],
        [U2, "24门轮窑", 1, null],
      ],
    },
    {
      name: "附表2",
      rows: [
        ["统一社会信用代码", "企业名称", "涉及职工人数", "已安置职工人数", "县级验收结论", "县级验收日期", "是否具备恢复生产的能力"],
        [U1, "随县甲水泥有限公司", 120, 118, "通过", { date: "2024-11-28" }, "否"],
        [U2, "随县乙砖厂", 35, 35, "通过", "2024年12月2日", "否"],
      ],
    },
    {
      name: "附表2生产线",
      state: "hidden",
      rows: [
        ["统一社会信用代码", "淘汰生产线（设备）型号及数量", "关停时间", "主体设备拆除时间", "设备去向"],
        [U1, "水泥磨 2台", { date: "2024-10-15" }, { date: "2024-11-20" }, "拆解"],
        [U2, "轮窑 1座", { date: "2024-10-20" }, { date: "2024-10-10" }, "拆除"],
        [U4, "不在附表2中的生产线", { date: "2024-10-01" }, null, "封存"],
      ],
    },
  ];
}

/** What every producer of producersCase() must be read as giving: rule@sheet!cell. */
export const PRODUCERS_FINDINGS = [
  "sheet-hidden@附表2生产线!null",
  "cell-error@附表1!J5",
  "closed-licenses@附表1!C4",
  "date-impossible@附表1!E6",
  "uscc-check-digit@附表1!C6",
  "orphan-row@附表2生产线!A4",
  "annex-mismatch@附表2!B2",
  "staff-contract@附表1!G5",
  "date-order@附表2生产线!D3",
  // what a city reviewer's rules add on so sparse a case: no 填报人, verdicts without
  // written opinions (the sheet has no opinion column: the 附表2 row), lines ≠ items
  "filler-contact@附表1!C4",
  "filler-contact@附表1!C5",
  "filler-contact@附表1!C6",
  "passed-without-opinion@附表2!null",
  "passed-without-opinion@附表2!null",
  "equipment-lines-count@附表2生产线!B2",
];

const isoToUtc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Written by exceljs, as capexit's own template and many web tools do. */
export async function writeWithExceljs(sheets: readonly ModelSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? "visible" });
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, c + 1);
        if (typeof cell !== "object") target.value = cell;
        else if ("date" in cell) {
          target.value = isoToUtc(cell.date);
          target.numFmt = "yyyy-mm-dd";
        } else if ("formula" in cell) target.value = { formula: cell.formula, result: cell.result };
        else target.value = { error: cell.error } as ExcelJS.CellErrorValue;
      }),
    );
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The model as JSON for the Python writer (test/fixtures/reader/openpyxl-write.py). */
export function modelJson(sheets: readonly ModelSheet[]): string {
  return JSON.stringify(sheets);
}

// ---- by hand ----------------------------------------------------------------

export interface HandOptions {
  /** Excel's part order (shared strings and styles after the sheets) or the reverse */
  order?: "excel" | "strings-first";
  /** relationship targets as absolute part names (`/xl/worksheets/sheet1.xml`), as openpyxl writes them */
  absoluteTargets?: boolean;
  /** text in the cells themselves (`t="inlineStr"`) instead of the shared string table */
  inlineStrings?: boolean;
  /** where sheet i (from 1) is stored */
  partName?: (i: number) => string;
  /** the quote around attribute values: single quotes are legal XML */
  quote?: '"' | "'";
  /** elements with a namespace prefix (`<x:worksheet xmlns:x=…>`), as the .NET Open XML SDK writes them */
  prefix?: string;
  /** the 1904 date system (old Mac Excel): serials count from 1904-01-01 */
  date1904?: boolean;
  /** a chart and an image on the first sheet, a chart sheet, a very hidden sheet and defined names */
  extras?: boolean;
  /** stored (uncompressed) parts */
  store?: boolean;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
// a 1×1 transparent PNG
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function serial(iso: string, date1904: boolean): number {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (isoToUtc(iso).getTime() - base) / 86_400_000;
}

/** A SpreadsheetML package written part by part. */
export async function writeByHand(sheets: readonly ModelSheet[], opts: HandOptions = {}): Promise<Uint8Array> {
  const q = opts.quote ?? '"';
  const p = opts.prefix ? `${opts.prefix}:` : "";
  const a = (name: string, value: string | number) => ` ${name}=${q}${esc(String(value))}${q}`;
  const decl = `<?xml version=${q}1.0${q} encoding=${q}UTF-8${q} standalone=${q}yes${q}?>\n`;
  const mainNs = opts.prefix ? a(`xmlns:${opts.prefix}`, MAIN) : a("xmlns", MAIN);
  const partOf = opts.partName ?? ((i: number) => `xl/worksheets/sheet${i}.xml`);
  const target = (part: string, from: string) => {
    if (opts.absoluteTargets) return `/${part}`;
    // relative to the folder of the part that holds the relationship
    const base = from.split("/").slice(0, -1);
    const to = part.split("/");
    let i = 0;
    while (i < base.length && base[i] === to[i]) i++;
    return [...base.slice(i).map(() => ".."), ...to.slice(i)].join("/");
  };

  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const sst = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };

  const parts = new Map<string, string | Buffer>();
  const sheetParts: string[] = [];
  const overrides: [string, string][] = [];
  const wbRels: string[] = [];
  const sheetEls: string[] = [];
  sheets.forEach((s, k) => {
    const i = k + 1;
    const part = partOf(i);
    sheetParts.push(part);
    let data = "";
    s.rows.forEach((row, r) => {
      const cells = row
        .map((cell, c) => {
          if (cell === null || cell === undefined) return "";
          const ref = a("r", `${columnLetter(c + 1)}${r + 1}`);
          if (typeof cell === "string") {
            if (opts.inlineStrings) return `<${p}c${ref}${a("t", "inlineStr")}><${p}is><${p}t${a("xml:space", "preserve")}>${esc(cell)}</${p}t></${p}is></${p}c>`;
            return `<${p}c${ref}${a("t", "s")}><${p}v>${sst(cell)}</${p}v></${p}c>`;
          }
          if (typeof cell === "number") return `<${p}c${ref}><${p}v>${cell}</${p}v></${p}c>`;
          if (typeof cell === "boolean") return `<${p}c${ref}${a("t", "b")}><${p}v>${cell ? 1 : 0}</${p}v></${p}c>`;
          if ("date" in cell) return `<${p}c${ref}${a("s", 1)}><${p}v>${serial(cell.date, Boolean(opts.date1904))}</${p}v></${p}c>`;
          if ("formula" in cell) return `<${p}c${ref}><${p}f>${esc(cell.formula)}</${p}f><${p}v>${cell.result}</${p}v></${p}c>`;
          return `<${p}c${ref}${a("t", "e")}><${p}v>${esc(cell.error)}</${p}v></${p}c>`;
        })
        .join("");
      if (cells) data += `<${p}row${a("r", r + 1)}>${cells}</${p}row>`;
    });
    const merges = s.merges?.length ? `<${p}mergeCells${a("count", s.merges.length)}>${s.merges.map((m) => `<${p}mergeCell${a("ref", m)}/>`).join("")}</${p}mergeCells>` : "";
    const drawing = opts.extras && k === 0 ? `<${p}drawing${a("r:id", "rId1")}/>` : "";
    parts.set(part, `${decl}<${p}worksheet${mainNs}${a("xmlns:r", REL)}><${p}sheetData>${data}</${p}sheetData>${merges}${drawing}</${p}worksheet>`);
    overrides.push([`/${part}`, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"]);
    wbRels.push(`<Relationship${a("Id", `rId${i}`)}${a("Type", `${REL}/worksheet`)}${a("Target", target(part, "xl/workbook.xml"))}/>`);
    sheetEls.push(`<${p}sheet${a("name", s.name)}${a("sheetId", i)}${s.state && s.state !== "visible" ? a("state", s.state) : ""}${a("r:id", `rId${i}`)}/>`);
  });

  let next = sheets.length + 1;
  let definedNames = "";
  if (opts.extras) {
    // a drawing on the first sheet holding an image and a chart
    const first = sheetParts[0]!;
    const rels = `${first.split("/").slice(0, -1).join("/")}/_rels/${first.split("/").at(-1)}.rels`;
    parts.set(rels, `${decl}<Relationships${a("xmlns", PKG_REL)}><Relationship${a("Id", "rId1")}${a("Type", `${REL}/drawing`)}${a("Target", target("xl/drawings/drawing1.xml", first))}/></Relationships>`);
    parts.set(
      "xl/drawings/drawing1.xml",
      `${decl}<xdr:wsDr${a("xmlns:xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing")}${a("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main")}${a("xmlns:r", REL)}${a("xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart")}>` +
        `<xdr:twoCellAnchor><xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr${a("id", 2)}${a("name", "印章")}/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip${a("r:embed", "rId1")}/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom${a("prst", "rect")}><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>` +
        `<xdr:twoCellAnchor><xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>18</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame${a("macro", "")}><xdr:nvGraphicFramePr><xdr:cNvPr${a("id", 3)}${a("name", "图表 1")}/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off${a("x", 0)}${a("y", 0)}/><a:ext${a("cx", 0)}${a("cy", 0)}/></xdr:xfrm><a:graphic><a:graphicData${a("uri", "http://schemas.openxmlformats.org/drawingml/2006/chart")}><c:chart${a("r:id", "rId2")}/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
    );
    parts.set(
      "xl/drawings/_rels/drawing1.xml.rels",
      `${decl}<Relationships${a("xmlns", PKG_REL)}><Relationship${a("Id", "rId1")}${a("Type", `${REL}/image`)}${a("Target", target("xl/media/image1.png", "xl/drawings/drawing1.xml"))}/><Relationship${a("Id", "rId2")}${a("Type", `${REL}/chart`)}${a("Target", target("xl/charts/chart1.xml", "xl/drawings/drawing1.xml"))}/></Relationships>`,
    );
    const chart = `${decl}<c:chartSpace${a("xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart")}${a("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main")}><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir${a("val", "col")}/><c:grouping${a("val", "clustered")}/><c:ser><c:idx${a("val", 0)}/><c:order${a("val", 0)}/><c:val><c:numRef><c:f>'附表1'!$F$4:$F$6</c:f></c:numRef></c:val></c:ser><c:axId${a("val", 1)}/><c:axId${a("val", 2)}/></c:barChart></c:plotArea></c:chart></c:chartSpace>`;
    parts.set("xl/charts/chart1.xml", chart);
    parts.set("xl/charts/chart2.xml", chart);
    parts.set("xl/media/image1.png", PNG);
    overrides.push(["/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"]);
    overrides.push(["/xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"]);
    overrides.push(["/xl/charts/chart2.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"]);
    // a chart sheet of its own, and a very hidden sheet
    parts.set("xl/chartsheets/sheet1.xml", `${decl}<chartsheet${a("xmlns", MAIN)}${a("xmlns:r", REL)}><sheetViews><sheetView${a("workbookViewId", 0)}/></sheetViews><drawing${a("r:id", "rId1")}/></chartsheet>`);
    parts.set("xl/chartsheets/_rels/sheet1.xml.rels", `${decl}<Relationships${a("xmlns", PKG_REL)}><Relationship${a("Id", "rId1")}${a("Type", `${REL}/drawing`)}${a("Target", target("xl/drawings/drawing2.xml", "xl/chartsheets/sheet1.xml"))}/></Relationships>`);
    parts.set("xl/drawings/drawing2.xml", `${decl}<xdr:wsDr${a("xmlns:xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing")}${a("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main")}${a("xmlns:r", REL)}${a("xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart")}><xdr:absoluteAnchor><xdr:pos${a("x", 0)}${a("y", 0)}/><xdr:ext${a("cx", 9000000)}${a("cy", 6000000)}/><xdr:graphicFrame${a("macro", "")}><xdr:nvGraphicFramePr><xdr:cNvPr${a("id", 2)}${a("name", "图表 2")}/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off${a("x", 0)}${a("y", 0)}/><a:ext${a("cx", 0)}${a("cy", 0)}/></xdr:xfrm><a:graphic><a:graphicData${a("uri", "http://schemas.openxmlformats.org/drawingml/2006/chart")}><c:chart${a("r:id", "rId1")}/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`);
    parts.set("xl/drawings/_rels/drawing2.xml.rels", `${decl}<Relationships${a("xmlns", PKG_REL)}><Relationship${a("Id", "rId1")}${a("Type", `${REL}/chart`)}${a("Target", target("xl/charts/chart2.xml", "xl/drawings/drawing2.xml"))}/></Relationships>`);
    overrides.push(["/xl/chartsheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"]);
    overrides.push(["/xl/drawings/drawing2.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"]);
    const chartId = next++;
    wbRels.push(`<Relationship${a("Id", `rId${chartId}`)}${a("Type", `${REL}/chartsheet`)}${a("Target", target("xl/chartsheets/sheet1.xml", "xl/workbook.xml"))}/>`);
    sheetEls.splice(1, 0, `<${p}sheet${a("name", "图表1")}${a("sheetId", chartId)}${a("r:id", `rId${chartId}`)}/>`);
    const secretId = next++;
    const secret = "xl/worksheets/secret.xml";
    parts.set(secret, `${decl}<${p}worksheet${mainNs}><${p}sheetData><${p}row${a("r", 1)}><${p}c${a("r", "A1")}${a("t", "inlineStr")}><${p}is><${p}t>内部</${p}t></${p}is></${p}c></${p}row></${p}sheetData></${p}worksheet>`);
    overrides.push([`/${secret}`, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"]);
    wbRels.push(`<Relationship${a("Id", `rId${secretId}`)}${a("Type", `${REL}/worksheet`)}${a("Target", target(secret, "xl/workbook.xml"))}/>`);
    sheetEls.push(`<${p}sheet${a("name", "内部")}${a("sheetId", secretId)}${a("state", "veryHidden")}${a("r:id", `rId${secretId}`)}/>`);
    definedNames =
      `<${p}definedNames><${p}definedName${a("name", "_xlnm.Print_Area")}${a("localSheetId", 0)}>'附表1'!$A$1:$J$7</${p}definedName>` +
      `<${p}definedName${a("name", "企业名称")}>附表1!$B$4:$B$6</${p}definedName><${p}definedName${a("name", "_xlnm._FilterDatabase")}${a("localSheetId", 0)}${a("hidden", 1)}>附表1!$A$3:$J$6</${p}definedName></${p}definedNames>`;
  }

  const stylesId = next++;
  const stringsId = next++;
  const themeId = next++;
  wbRels.push(`<Relationship${a("Id", `rId${stylesId}`)}${a("Type", `${REL}/styles`)}${a("Target", target("xl/styles.xml", "xl/workbook.xml"))}/>`);
  if (!opts.inlineStrings) wbRels.push(`<Relationship${a("Id", `rId${stringsId}`)}${a("Type", `${REL}/sharedStrings`)}${a("Target", target("xl/sharedStrings.xml", "xl/workbook.xml"))}/>`);
  wbRels.push(`<Relationship${a("Id", `rId${themeId}`)}${a("Type", `${REL}/theme`)}${a("Target", target("xl/theme/theme1.xml", "xl/workbook.xml"))}/>`);

  const workbook = `${decl}<${p}workbook${mainNs}${a("xmlns:r", REL)}><${p}workbookPr${opts.date1904 ? a("date1904", 1) : ""}/><${p}bookViews><${p}workbookView/></${p}bookViews><${p}sheets>${sheetEls.join("")}</${p}sheets>${definedNames}</${p}workbook>`;
  const styles = `${decl}<${p}styleSheet${mainNs}><${p}numFmts${a("count", 1)}><${p}numFmt${a("numFmtId", 164)}${a("formatCode", "yyyy\\-mm\\-dd")}/></${p}numFmts><${p}fonts${a("count", 1)}><${p}font><${p}sz${a("val", 11)}/><${p}name${a("val", "宋体")}/></${p}font></${p}fonts><${p}fills${a("count", 2)}><${p}fill><${p}patternFill${a("patternType", "none")}/></${p}fill><${p}fill><${p}patternFill${a("patternType", "gray125")}/></${p}fill></${p}fills><${p}borders${a("count", 1)}><${p}border/></${p}borders><${p}cellStyleXfs${a("count", 1)}><${p}xf${a("numFmtId", 0)}${a("fontId", 0)}${a("fillId", 0)}${a("borderId", 0)}/></${p}cellStyleXfs><${p}cellXfs${a("count", 2)}><${p}xf${a("numFmtId", 0)}${a("fontId", 0)}${a("fillId", 0)}${a("borderId", 0)}${a("xfId", 0)}/><${p}xf${a("numFmtId", 164)}${a("fontId", 0)}${a("fillId", 0)}${a("borderId", 0)}${a("xfId", 0)}${a("applyNumberFormat", 1)}/></${p}cellXfs></${p}styleSheet>`;
  const shared = `${decl}<${p}sst${mainNs}${a("count", strings.length)}${a("uniqueCount", strings.length)}>${strings.map((s) => `<${p}si><${p}t${a("xml:space", "preserve")}>${esc(s)}</${p}t></${p}si>`).join("")}</${p}sst>`;
  const theme = `${decl}<a:theme${a("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main")}${a("name", "Office")}><a:themeElements><a:clrScheme${a("name", "Office")}/><a:fontScheme${a("name", "Office")}/><a:fmtScheme${a("name", "Office")}/></a:themeElements></a:theme>`;
  overrides.push(["/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"]);
  overrides.push(["/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"]);
  if (!opts.inlineStrings) overrides.push(["/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"]);
  overrides.push(["/xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"]);
  overrides.push(["/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"]);
  const contentTypes = `${decl}<Types${a("xmlns", CT)}><Default${a("Extension", "rels")}${a("ContentType", "application/vnd.openxmlformats-package.relationships+xml")}/><Default${a("Extension", "xml")}${a("ContentType", "application/xml")}/><Default${a("Extension", "png")}${a("ContentType", "image/png")}/>${overrides.map(([part, type]) => `<Override${a("PartName", part)}${a("ContentType", type)}/>`).join("")}</Types>`;
  const rootRels = `${decl}<Relationships${a("xmlns", PKG_REL)}><Relationship${a("Id", "rId1")}${a("Type", `${REL}/officeDocument`)}${a("Target", opts.absoluteTargets ? "/xl/workbook.xml" : "xl/workbook.xml")}/><Relationship${a("Id", "rId2")}${a("Type", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties")}${a("Target", "docProps/core.xml")}/></Relationships>`;
  const core = `${decl}<cp:coreProperties${a("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")}${a("xmlns:dc", "http://purl.org/dc/elements/1.1/")}><dc:creator>随县科经局</dc:creator></cp:coreProperties>`;

  const head: [string, string | Buffer][] = [
    ["[Content_Types].xml", contentTypes],
    ["_rels/.rels", rootRels],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", `${decl}<Relationships${a("xmlns", PKG_REL)}>${wbRels.join("")}</Relationships>`],
  ];
  const support: [string, string][] = [
    ["xl/theme/theme1.xml", theme],
    ["xl/styles.xml", styles],
    ...(opts.inlineStrings ? [] : ([["xl/sharedStrings.xml", shared]] as [string, string][])),
  ];
  const body = [...parts.entries()];
  const ordered = opts.order === "strings-first" ? [...head, ...support, ...body] : [...head, ...body, ...support];
  ordered.push(["docProps/core.xml", core]);
  const zip = new JSZip();
  for (const [name, content] of ordered) zip.file(name, content, { compression: opts.store ? "STORE" : "DEFLATE" });
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}
