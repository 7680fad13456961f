// The writers: the workbook read back with exceljs (合计 formulas carry their
// results), Markdown and terminal shapes, the narrative's figures, the PDF pages.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import type { LayoutFonts } from "../src/render/layout.js";
import { plain } from "../src/report/paint.js";
import { summarize } from "../src/summary/index.js";
import { formatSummaryMarkdown } from "../src/summary/markdown.js";
import { OTHER_UNIT } from "../src/summary/model.js";
import { formatNarrative } from "../src/summary/narrative.js";
import { A4_LANDSCAPE, layoutSummaryPdf } from "../src/summary/pdf-layout.js";
import { summaryPdf } from "../src/summary/pdf.js";
import { loadFaces } from "../src/render/faces.js";
import { flatLabel, summaryDocument } from "../src/summary/tables.js";
import { formatSummaryTerminal } from "../src/summary/terminal.js";
import { displayWidth } from "../src/summary/text.js";
import { summaryWorkbook } from "../src/summary/xlsx.js";
import { heldOutSet } from "./fixtures/summary/held-out.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);
const AS_OF = "2024-12-15";
const set = heldOutSet({ seed: 3, count: 60, asOf: AS_OF, strayShare: 0.1 });
// names a spreadsheet could take for formulas, and a pipe that could break a Markdown table
const tricky: EnterpriseRecord[] = ["=HYPERLINK(\"http://x\",\"点我\")", "+86示例厂", "-示例厂", "@示例厂", "示例|竖线厂"].map((name, i) => ({
  county: "随县",
  enterprise: { name, address: "随县", uscc: `TRICKY${i}` },
}));
const summary = summarize([...set.records, ...tricky], plan, AS_OF);
const doc = summaryDocument(summary, "zh-CN");

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe("the workbook", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await readBack(await summaryWorkbook(doc));
  });
  const sheet = (name: string) => wb.getWorksheet(name)!;

  it("has 汇总, 进度, 明细 with title, compiler and as-of date", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "进度", "明细"]);
    const ws = sheet("汇总");
    expect(ws.getCell("A1").value).toBe("随州市2024年淘汰落后产能工作汇总表");
    const info = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((c) => ws.getCell(2, c).value).filter(Boolean).join(" ");
    expect(info).toContain("随州市经济和信息化局");
    expect(info).toContain("2024年12月15日");
  });

  it("has one row per unit in plan order, then 合计 as SUM formulas with cached results", () => {
    const ws = sheet("汇总");
    const firstData = 5;
    const names = summary.units.map((_, j) => ws.getCell(firstData + j, 1).value);
    expect(names).toEqual(["曾都区", "随县", "广水市", "随州高新区", OTHER_UNIT]);
    const totalRow = firstData + summary.units.length;
    expect(ws.getCell(totalRow, 1).value).toBe("合计");
    const table = doc.tables[0]!;
    table.columns.forEach((c, i) => {
      if (i === 0) return;
      const cell = ws.getCell(totalRow, i + 1);
      const v = cell.value as ExcelJS.CellFormulaValue;
      const col = ws.getColumn(i + 1).letter;
      expect(v.formula, flatLabel(c)).toBe(`SUM(${col}${firstData}:${col}${totalRow - 1})`);
      // exceljs reads a cached 0 (and a cell holding 0) back as nothing, though the file holds <v>0</v>
      expect(v.result ?? 0).toBe(table.total![i]);
      // the cached result is what the cells above add up to
      let above = 0;
      for (let r = firstData; r < totalRow; r++) above += (ws.getCell(r, i + 1).value as number | null) ?? 0;
      expect(Math.abs(above - ((v.result as number | undefined) ?? 0))).toBeLessThan(1e-6);
    });
    // the 合计 figures are the roll-up's totals
    const enterprisesCol = table.columns.findIndex((c) => c.label === "企业（家）") + 1;
    expect((ws.getCell(totalRow, enterprisesCol).value as ExcelJS.CellFormulaValue).result).toBe(summary.total.figures.enterprises);
  });

  it("puts units of measure in the headers, capacity one column per unit", () => {
    const ws = sheet("汇总");
    const header = [3, 4].flatMap((r) => (ws.getRow(r).values as unknown[]).filter((v): v is string => typeof v === "string"));
    expect(header).toEqual(expect.arrayContaining(["企业（家）", "数量（台）", "设计产能（万吨）", "固定资产净值（万元）", "腾出土地（亩）", "实际淘汰产能"]));
    for (const u of summary.capacityUnits) expect(header).toContain(`（${u}）`);
  });

  it("prints A4 landscape, fitted to the width, with frozen headers and 第N页 footers", () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.headerFooter.oddFooter).toContain("&P");
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
      expect(ws.getColumn(2).width).toBeGreaterThan(5);
    }
    expect(sheet("明细").views[0]).toMatchObject({ xSplit: 3 });
    const amountCol = doc.tables[0]!.columns.findIndex((c) => c.kind === "amount") + 1;
    expect(sheet("汇总").getCell(5, amountCol).numFmt).toBe("#,##0.00");
  });

  it("has one 明细 row per enterprise; text that looks like a formula stays text", () => {
    const ws = sheet("明细");
    const rows = summary.enterprises.length;
    expect(ws.getCell(4 + rows, 1).value).toBe(rows);
    expect(ws.getCell(5 + rows, 1).value).toBeNull();
    const names = new Map<string, ExcelJS.Cell>();
    for (let r = 5; r < 5 + rows; r++) names.set(String(ws.getCell(r, 3).value), ws.getCell(r, 3));
    for (const t of tricky) {
      const cell = names.get(t.enterprise.name!)!;
      expect(cell, t.enterprise.name!).toBeDefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it("has the milestone tallies in 进度, 合计 summed", () => {
    const ws = sheet("进度");
    const table = doc.tables[1]!;
    const col = table.columns.findIndex((c) => c.group?.startsWith("关停") && c.label === "逾期未完成") + 1;
    expect(col).toBeGreaterThan(0);
    summary.units.forEach((u, j) => expect(ws.getCell(5 + j, col).value).toBe(u.progress.shutdown.overdue));
    const total = ws.getCell(5 + summary.units.length, col).value as ExcelJS.CellFormulaValue;
    expect(total.result).toBe(summary.total.progress.shutdown.overdue);
    expect(String(ws.getCell(3, col).value)).toContain("2024-10-31");
  });
});

describe("Markdown", () => {
  const md = formatSummaryMarkdown(doc, "zh-CN");
  const lines = md.split("\n");

  it("has the title, and three tables whose rows all have the header's cell count", () => {
    expect(lines[0]).toBe("# 随州市2024年淘汰落后产能工作汇总表");
    expect(lines.filter((l) => l.startsWith("## "))).toEqual(["## 汇总", "## 进度", "## 明细"]);
    const cells = (l: string) => l.replace(/\\\|/g, "").split("|").length;
    for (const t of doc.tables) {
      const at = lines.indexOf(`## ${t.name}`) + 2;
      const body = lines.slice(at, at + 2 + t.rows.length + (t.total ? 1 : 0));
      expect(body.every((l) => l.startsWith("|"))).toBe(true);
      expect(new Set(body.map(cells)).size).toBe(1);
      expect(cells(body[0]!)).toBe(t.columns.length + 2);
    }
    expect(md).toContain("示例\\|竖线厂");
    expect(lines.find((l) => l.startsWith("| **合计**"))).toBeDefined();
  });
});

describe("English", () => {
  it("labels the tables and names the sheets in English; unit names stay as the plan has them", () => {
    const en = summaryDocument(summary, "en");
    expect(en.tables.map((t) => t.name)).toEqual(["Summary", "Progress", "Details"]);
    expect(summaryDocument(summary, "zh-CN").tables.map((t) => t.name)).toEqual(["汇总", "进度", "明细"]);
    expect(en.tables[0]!.columns.map((c) => c.label)).toEqual(expect.arrayContaining(["County", "Enterprises", "Resettled"]));
    expect(en.asOfLine).toBe("As of 2024-12-15");
    expect(en.tables[0]!.total![0]).toBe("Total");
    expect(en.tables[0]!.rows[0]![0]).toBe("曾都区");
  });
});

describe("terminal", () => {
  const out = formatSummaryTerminal(doc, plain, "共N家");
  it("turns the tables: a line per figure, a column per unit and 合计, aligned", () => {
    const lines = out.split("\n");
    const head = lines.find((l) => l.includes("曾都区") && l.includes("合计"))!;
    expect(head).toBeDefined();
    const block = lines.slice(lines.indexOf(head), lines.indexOf(head) + 1 + doc.tables[0]!.columns.length - 1);
    expect(new Set(block.map(displayWidth)).size).toBe(1);
    expect(block.find((l) => l.startsWith("企业（家）"))!.trim().endsWith(String(summary.total.figures.enterprises))).toBe(true);
  });
});

describe("the narrative", () => {
  const text = formatNarrative(summary);
  it("fills in the figures per unit and the open items", () => {
    const t = summary.total.figures;
    expect(text).toMatch(/^# 随州市2024年依法依规推动落后产能退出工作总结（草稿）/);
    expect(text).toContain(`全市共列入淘汰落后产能企业${t.enterprises}家`);
    expect(text).toContain(`填报淘汰生产线（设备）${t.linesTotal}条`);
    expect(text).toContain(`已拆除主体设备${t.linesDismantled}条、尚有${t.linesTotal - t.linesDismantled}条未拆除`);
    expect(text).toContain(`涉及职工${t.staffInvolved}人，已安置${t.staffResettled}人`);
    for (const u of summary.units.filter((u) => u.inPlan)) {
      expect(text).toContain(`）${u.county}\n`);
      expect(text).toContain(`${u.county}列入淘汰企业${u.figures.enterprises}家`);
    }
    const notAccepted = summary.enterprises.filter((e) => !e.passed.county);
    expect(text).toContain(`尚未通过县级验收的企业${notAccepted.length}家`);
    for (const e of notAccepted.slice(0, 5)) expect(text).toContain(e.name!);
    const overdue = summary.enterprises.filter((e) => e.milestones.dismantle?.status === "overdue");
    for (const e of overdue.slice(0, 3)) expect(text).toMatch(new RegExp(`${e.unit}的${e.name}：[^\\n]*拆除设施装置（逾期`));
    expect(text).toContain("县市区待核实的企业");
  });

  it("says so for a unit with nothing filed", () => {
    const s = summarize(heldOutSet({ seed: 2, count: 10, asOf: AS_OF, emptyUnits: ["广水市"] }).records, plan, AS_OF);
    expect(formatNarrative(s)).toContain("广水市本年度未填报淘汰落后产能企业。");
  });

  it("has the sections a 工作总结 needs, 主要做法 and 存在问题 with room for the clerk's own words", () => {
    const headings = text.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(["## 一、总体完成情况", "## 二、主要做法", "## 三、各地完成情况", "## 四、进度情况", "## 五、存在问题", "## 六、下一步工作"]);
    for (const h of ["## 二、主要做法", "## 五、存在问题", "## 六、下一步工作"]) {
      expect(text.slice(text.indexOf(h)).split("\n").slice(1, 4).join("")).toContain("（请");
    }
  });

  it("is signed by the compiler on the as-of date, never today", () => {
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["随州市经济和信息化局", "2024年12月15日"]);
  });
});

/** A count of zero written as a figure: 已拆除主体设备0条, 市级验收通过0家, 已安置0人. */
const ZERO_COUNT = /(?<![\d.])0(?:条|家|人|台)/;

describe("the narrative's zeros and names", () => {
  const one = (acc: Partial<NonNullable<EnterpriseRecord["acceptance"]>>, county = "随县", name = "随县示例砖瓦厂"): EnterpriseRecord => ({
    county,
    enterprise: { name, address: county, uscc: `91421321MA40${name.length}P57G` },
    acceptance: acc,
  });
  const standing = { model: "24门轮窑 1座", shutdownOn: "2024-10-20", removedOn: null };
  const removed = { model: "隧道窑 1座", shutdownOn: "2024-10-20", removedOn: "2024-11-10" };
  const passed = { opinion: "同意通过验收", passed: true, signedOn: "2024-11-28" };

  it.each([
    ["no line dismantled", one({ lines: [standing] }), ["主体设备均未拆除"], ["已拆除主体设备0条"]],
    ["some dismantled", one({ lines: [standing, removed] }), ["已拆除主体设备1条、尚有1条未拆除"], []],
    ["all dismantled", one({ lines: [removed] }), ["主体设备已全部拆除"], []],
    ["county passed, city not yet", one({ lines: [removed], county: passed }), ["已全部通过县级验收", "通过县级验收的1家尚待市级验收"], ["市级验收通过0家"]],
    ["nothing passed", one({ lines: [removed] }), ["尚未通过县级验收"], ["县级验收通过0家", "市级验收通过0家"]],
    ["both passed", one({ lines: [removed], county: passed, city: { ...passed, signedOn: "2024-12-05" } }), ["已全部通过县级、市级验收", "列入企业均已通过县级、市级验收。"], ["尚未通过县级验收的企业"]],
    ["no worker resettled", one({ lines: [removed], staff: { involved: 30, resettled: 0 } }), ["涉及职工30人，尚未安置"], ["已安置0人"]],
    ["every worker resettled", one({ lines: [removed], staff: { involved: 30, resettled: 30 } }), ["涉及职工30人，已全部安置"], []],
  ])("%s: says what is outstanding, never a count of zero", (_name, record, said, unsaid) => {
    const text = formatNarrative(summarize([record], plan, AS_OF));
    for (const s of said) expect(text).toContain(s);
    for (const s of unsaid) expect(text).not.toContain(s);
    expect(text).not.toMatch(ZERO_COUNT);
  });

  it("never writes a count of zero, whatever the records (seeds)", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      for (const count of [0, 1, 3, 12]) {
        const s = summarize(heldOutSet({ seed, count, asOf: AS_OF, strayShare: 0.1 }).records, plan, AS_OF);
        expect([seed, count, ZERO_COUNT.exec(formatNarrative(s))?.[0] ?? null]).toEqual([seed, count, null]);
      }
    }
  });

  it("joins a unit and an enterprise as a sentence does (随县的随县示例砖瓦厂), never by a bare space", () => {
    const late = one({ lines: [standing] });
    const stray = one({ lines: [standing] }, "随州市区", "无主示例厂");
    const text = formatNarrative(summarize([late, stray], plan, AS_OF));
    expect(text).toContain("- 随县的随县示例砖瓦厂：拆除设施装置（逾期");
    expect(text).toContain("- 随州市区的无主示例厂：");
    expect(text).not.toMatch(/随县 随县示例砖瓦厂|随州市区 无主示例厂/);
  });
});

describe("the PDF", () => {
  // metrics without a font file: CJK one em, the rest half
  const face = { has: () => true, advance: (cp: number) => (cp >= 0x2e80 ? 1 : 0.5) };
  const fonts: LayoutFonts = { regular: face, bold: face };

  it("lays out every table on A4 landscape pages with title, header and 第N页 共M页", () => {
    const pages = layoutSummaryPdf(doc, fonts, "zh-CN");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      expect([p.width, p.height]).toEqual([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
      const texts = p.ops.flatMap((o) => (o.op === "text" ? [o.text] : []));
      expect(texts).toContain(`第${i + 1}页 共${pages.length}页`);
      expect(texts.some((t) => t.startsWith("随州市2024年淘汰落后产能工作汇总表"))).toBe(true);
      for (const o of p.ops) {
        if (o.op === "text") {
          expect(o.x).toBeGreaterThanOrEqual(0);
          expect(o.y).toBeLessThanOrEqual(p.height);
        } else {
          expect(Math.max(o.x1, o.x2)).toBeLessThanOrEqual(p.width);
          expect(Math.max(o.y1, o.y2)).toBeLessThanOrEqual(p.height);
        }
      }
    });
  });

  it("breaks a long 明细 across pages, repeating its header", () => {
    const big = summarize(heldOutSet({ seed: 11, count: 300, asOf: AS_OF }).records, plan, AS_OF);
    const pages = layoutSummaryPdf(summaryDocument(big, "zh-CN"), fonts, "zh-CN");
    const detail = pages.filter((p) => p.ops.some((o) => o.op === "text" && o.text.endsWith("（明细）")));
    expect(detail.length).toBeGreaterThan(3);
    for (const p of detail) expect(p.ops.some((o) => o.op === "text" && o.text === "统一社会信用代码")).toBe(true);
    const names = new Set(detail.flatMap((p) => p.ops.flatMap((o) => (o.op === "text" ? [o.text] : []))));
    for (const e of big.enterprises) expect(names.has(e.uscc!)).toBe(true);
  });

  it("writes a PDF with the bundled font", async () => {
    const small = summarize(set.records.slice(0, 8), plan, AS_OF);
    const bytes = await summaryPdf(summaryDocument(small, "zh-CN"), await loadFaces(undefined), "zh-CN");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    expect(pdf.getTitle()).toBe("随州市2024年淘汰落后产能工作汇总表");
  });
});
