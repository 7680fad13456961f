// The public notice (公示): the model from records and plan, its words, and the
// writers' shape. Public data only: the notice built from records stripped of
// every private field is the same notice.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { EnterpriseRecord } from "../src/model/record.js";
import { lineCapacities, matchLines } from "../src/notice/capacity.js";
import { documentDocx } from "../src/notice/docx.js";
import { noticeDocument, TIMETABLE_MARK } from "../src/notice/document.js";
import { buildNotice, type NoticeOptions } from "../src/notice/model.js";
import { addDays, periodOfDays, periodTo } from "../src/notice/period.js";
import { progressOf } from "../src/notice/progress.js";
import { planArea } from "../src/plan/area.js";
import { DEFAULT_PLAN, parsePlan } from "../src/plan/load.js";
import type { DrawOp, LayoutFonts } from "../src/render/layout.js";
import { formatSummaryMarkdown } from "../src/summary/markdown.js";
import { A4_LANDSCAPE, layoutSummaryPdf } from "../src/summary/pdf-layout.js";
import { summaryPdf } from "../src/summary/pdf.js";
import { loadFaces } from "../src/render/faces.js";
import { summaryWorkbook } from "../src/summary/xlsx.js";
import { sampleRecords } from "./support/records.js";

const plan = parsePlan(readFileSync(DEFAULT_PLAN, "utf8"), DEFAULT_PLAN);
const XIANGYANG = new URL("./fixtures/check/xiangyang-2025.yaml", import.meta.url);
const options: NoticeOptions = { period: periodOfDays("2024-12-02", 7), issuedOn: "2024-12-02", contact: "电话 0722-3226789" };

/** The list of what a notice must never show: people, phones, staff, assets, debts, acceptance opinions. */
export const PRIVATE_PATHS = [
  ...["legalRepresentative", "principal", "filler"].flatMap((who) => ["name", "title", "phone", "mobile"].map((f) => `contacts.${who}.${f}`)),
  "enterprise.phone",
  "staff.onDuty",
  "staff.contract",
  "staff.retired",
  "assets.total",
  "assets.receivables",
  "assets.debts",
  "acceptance.staff.involved",
  "acceptance.staff.resettled",
  "acceptance.fixedAssetsNet",
  "acceptance.debtsHandledLawfully",
  "acceptance.otherNotes",
  "acceptance.notDismantled.reason",
  "acceptance.enterprise.statement",
  "acceptance.county.opinion",
  "acceptance.city.opinion",
  "acceptance.province.opinion",
];

function getAt(o: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), o);
}

function stripPrivate(r: EnterpriseRecord): EnterpriseRecord {
  const copy = structuredClone(r);
  for (const path of PRIVATE_PATHS) {
    const keys = path.split(".");
    const parent = getAt(copy, keys.slice(0, -1).join("."));
    if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[keys[keys.length - 1]!];
  }
  return copy;
}

/** Every private value of the records, as text. */
export function privateValues(records: readonly EnterpriseRecord[]): { texts: string[]; numbers: number[] } {
  const texts = new Set<string>();
  const numbers = new Set<number>();
  for (const r of records) {
    for (const path of PRIVATE_PATHS) {
      const v = getAt(r, path);
      // a one-character value (无) says nothing about anyone, and is in many a name
      if (typeof v === "string" && [...v.trim()].length > 1) texts.add(v.trim());
      if (typeof v === "number") numbers.add(v);
    }
  }
  return { texts: [...texts], numbers: [...numbers] };
}

describe("the 公示期", () => {
  it.each([
    ["2024-12-02", 7, "2024-12-08"],
    ["2024-12-28", 7, "2025-01-03"],
    ["2024-02-26", 5, "2024-03-01"],
    ["2023-02-26", 5, "2023-03-02"],
    ["2024-12-02", 1, "2024-12-02"],
  ])("from %s for %i days ends on %s, both days counted", (from, days, to) => {
    expect(periodOfDays(from, days)).toEqual({ from, to, days });
    expect(periodTo(from, to)).toEqual({ from, to, days });
  });

  it("refuses a last day before the first", () => {
    expect(periodTo("2024-12-02", "2024-12-01")).toBeNull();
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });
});

describe("the area", () => {
  it("is read from the plan's title, or named by the plan", () => {
    expect(planArea(plan)).toBe("随州市");
    expect(planArea(parsePlan(readFileSync(XIANGYANG, "utf8"), "x.yaml"))).toBe("襄阳市");
    expect(planArea({ ...plan, area: "随州市本级" } as typeof plan)).toBe("随州市本级");
    expect(planArea({ ...plan, title: "关于依法依规推动落后产能退出的工作方案" })).toBe("随州市");
  });
});

describe("which equipment a line names", () => {
  const eq = (...names: string[]) => names.map((name) => ({ name, designCapacity: 1, quantity: 1 }));
  const ln = (...models: string[]) => models.map((model) => ({ model }));
  it.each([
    ["the same name", ln("Φ2.6×13m水泥磨 1台"), eq("Φ2.6×13m水泥磨"), [0]],
    ["a shortened name", ln("冲天炉 1台"), eq("冲天炉（熔化率小于10吨/小时）"), [0]],
    ["the one item that holds it", ln("前处理设备 4台", "间歇式染色设备 6台"), eq("浴比大于1:10的间歇式染色设备", "使用年限超过15年的前处理设备"), [1, 0]],
    ["full-width and spaces", ln("Ｆ２.６　水泥磨　１台"), eq("F2.6水泥磨"), [0]],
    ["two items that could be meant: neither", ln("水泥磨 1台"), eq("Φ2.4水泥磨", "Φ3.0水泥磨"), [null]],
    ["an item serves one line", ln("水泥磨 1台", "水泥磨 1台"), eq("水泥磨"), [0, null]],
    ["nothing alike", ln("造纸机 1台"), eq("水泥磨"), [null]],
  ])("%s", (_, lines, equipment, expected) => {
    expect(matchLines(lines, equipment)).toEqual(expected);
  });

  it("gives a single unnamed line the enterprise's figure, and several unnamed lines none", () => {
    const base: EnterpriseRecord = { enterprise: { name: "甲", uscc: "X" }, equipment: [{ name: "轮窑", designCapacity: 3 }, { name: "隧道窑", designCapacity: 1.2 }] };
    expect(lineCapacities({ ...base, acceptance: { capacity: { amount: 4, unit: "万块" } } }, ln("砖瓦生产线 1条"))).toEqual([{ amount: 4, unit: "万块" }]);
    expect(lineCapacities(base, ln("砖瓦生产线 1条"))).toEqual([{ amount: 4.2, unit: "万吨" }]);
    expect(lineCapacities(base, ln("甲线", "乙线"))).toEqual([null, null]);
    expect(lineCapacities(base, ln("轮窑 1座", "乙线"))).toEqual([{ amount: 3, unit: "万吨" }, null]);
  });
});

describe("the notice's rows", () => {
  const records = sampleRecords();

  it("has one row per line of Annex 2, else per item of equipment, else one for the enterprise", () => {
    const bare: EnterpriseRecord = { county: "随县", enterprise: { name: "无设备厂", uscc: "B" } };
    const n = buildNotice([...records, bare], plan, options);
    const expected = [...records, bare].reduce((k, r) => k + Math.max(1, r.acceptance?.lines?.length || r.equipment?.length || 0), 0);
    expect(n.rows).toHaveLength(expected);
    expect(n.enterprises).toBe(records.length + 1);
    const brick = n.rows.filter((r) => r.name === "随县示例砖瓦厂");
    expect(brick).toEqual([expect.objectContaining({ item: { kind: "equipment", name: "24门轮窑", quantity: 1 }, capacity: { amount: 3, unit: "万吨" } })]);
    const cement = n.rows.filter((r) => r.name === "随县示例水泥有限公司");
    expect(cement.map((r) => r.item)).toEqual([
      { kind: "line", model: "Φ2.4×10m水泥磨 1台" },
      { kind: "line", model: "Φ3.0×9m机立窑 1台" },
    ]);
    expect(cement.map((r) => r.capacity?.amount)).toEqual([15, 8.8]);
    expect(n.rows.find((r) => r.name === "无设备厂")).toMatchObject({ item: null, capacity: null, county: "随县" });
  });

  it("lists the plan's units in the plan's order, aliases under their unit, the rest after them as typed", () => {
    const mk = (county: string | null, name: string): EnterpriseRecord => ({ county, enterprise: { name, uscc: name } });
    const n = buildNotice([mk("孝感市", "甲"), mk("高新区", "乙"), mk(null, "丙"), mk("随县", "丁"), mk("曾都区", "戊"), mk("随县", "己")], plan, options);
    expect(n.rows.map((r) => [r.county, r.name])).toEqual([
      ["曾都区", "戊"],
      ["随县", "丁"],
      ["随县", "己"],
      ["随州高新区", "乙"],
      ["孝感市", "甲"],
      [null, "丙"],
    ]);
  });

  it("takes the deadlines from the plan, or from the enterprise's approved timetable", () => {
    const withTimetable = { ...records[3]!, timetable: { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" } };
    const n = buildNotice([records[0]!, withTimetable], plan, options);
    expect(n.rows[0]).toMatchObject({ shutdownBy: { date: "2024-10-31", byTimetable: false }, dismantleBy: { date: "2024-11-30", byTimetable: false } });
    expect(n.rows.at(-1)).toMatchObject({ shutdownBy: { date: "2025-06-30", byTimetable: true }, dismantleBy: { date: "2025-09-30", byTimetable: true } });
    const doc = noticeDocument(n, "zh-CN");
    expect(doc.tables[0]!.rows.at(-1)).toContain(`2025年6月30日${TIMETABLE_MARK}`);
    expect(doc.closing![0]).toContain(TIMETABLE_MARK);
    expect(noticeDocument(buildNotice([records[0]!], plan, options), "zh-CN").closing!.join("")).not.toContain(TIMETABLE_MARK);
  });

  it("gives each line's progress as of the date: 未停产, 已停产, 已封存, 已拆除, 已验收", () => {
    const sealed = records.find((r) => r.enterprise.name === "随县示例水泥有限公司")!; // shut 10-15, sealed, county passed 11-29
    const dismantled = records.find((r) => r.enterprise.name === "随州市曾都区示例水泥粉磨有限公司")!; // shut 10-12, removed 11-18, passed 11-27
    const cases: [EnterpriseRecord, string, string][] = [
      [sealed, "2024-10-01", "running"],
      [sealed, "2024-10-15", "sealed"],
      [sealed, "2024-11-29", "accepted"],
      [dismantled, "2024-10-12", "shutdown"],
      [dismantled, "2024-11-18", "dismantled"],
      [dismantled, "2024-11-27", "accepted"],
    ];
    for (const [record, asOf, state] of cases) expect([record.enterprise.name, asOf, progressOf(record, record.acceptance!.lines![0]!, asOf)]).toEqual([record.enterprise.name, asOf, state]);
    // a line removed while its neighbour stands is 已拆除 on its own row
    const mixed: EnterpriseRecord = {
      enterprise: { name: "混合", uscc: "M" },
      acceptance: { lines: [{ model: "甲 1台", shutdownOn: "2024-10-01", removedOn: "2024-11-01" }, { model: "乙 1台", shutdownOn: "2024-10-01" }] },
    };
    const n = buildNotice([mixed], plan, { ...options, asOf: "2024-11-15" });
    expect(n.rows.map((r) => r.progress)).toEqual(["dismantled", "shutdown"]);
  });

  it("has no 当前进展 without --as-of", () => {
    const n = buildNotice(records, plan, options);
    expect(n.rows.every((r) => r.progress === null)).toBe(true);
    const doc = noticeDocument(n, "zh-CN");
    expect(doc.tables[0]!.columns.map((c) => c.label)).not.toContain("当前进展");
    expect(doc.asOfLine).toBe("");
    const withProgress = noticeDocument(buildNotice(records, plan, { ...options, asOf: "2024-12-01" }), "zh-CN");
    expect(withProgress.tables[0]!.columns.at(-1)!.label).toBe("当前进展");
    expect(withProgress.asOfLine).toBe("当前进展截至2024年12月1日");
  });
});

describe("the notice's words", () => {
  const records = sampleRecords();
  const doc = noticeDocument(buildNotice(records, plan, options), "zh-CN");

  it("titles the list after the plan's area and year, or as --title says", () => {
    expect(doc.title).toBe("随州市2024年淘汰落后产能企业（生产线）公示名单");
    expect(noticeDocument(buildNotice(records, plan, { ...options, area: "随县" }), "zh-CN").title).toBe("随县2024年淘汰落后产能企业（生产线）公示名单");
    expect(noticeDocument(buildNotice(records, plan, { ...options, title: "  关于淘汰落后产能企业名单的公示 " }), "zh-CN").title).toBe("关于淘汰落后产能企业名单的公示");
  });

  it("cites the plan by title and 文号 in the lead paragraph, with the counts", () => {
    expect(doc.lead).toHaveLength(1);
    expect(doc.lead![0]).toContain(`《${plan.title}》（随经信发〔2024〕2号）`);
    expect(doc.lead![0]).toContain(`共${records.length}家企业、${doc.tables[0]!.rows.length}项生产线或设备`);
  });

  it("has the columns the issue asks for", () => {
    expect(doc.tables[0]!.columns.map((c) => (c.group ? `${c.group}/${c.label}` : c.label))).toEqual([
      "序号",
      "县市区",
      "企业名称",
      "统一社会信用代码",
      "淘汰生产线（设备）型号及数量",
      "产能",
      "计划期限/停产",
      "计划期限/拆除",
    ]);
    expect(doc.tables[0]!.rows[0]).toEqual([1, "曾都区", "随州市曾都区示例水泥粉磨有限公司", records[0]!.enterprise.uscc, "Φ2.6×13m水泥磨 1台", "20万吨", "2024年10月31日", "2024年11月30日"]);
  });

  it("states the 公示期, where to object, and signs with the issuer and the date", () => {
    expect(doc.closing).toEqual(["公示期为2024年12月2日至2024年12月8日（共7天）。公示期间，对名单有异议的，请向随州市经济和信息化局反映，联系方式：电话 0722-3226789。"]);
    expect(doc.signature).toEqual(["随州市经济和信息化局", "2024年12月2日"]);
    const other = noticeDocument(
      buildNotice(records, plan, { period: periodTo("2024-12-02", "2024-12-13")!, issuedOn: "2024-11-29", issuer: "随县科技和经济信息化局", contact: "电话：0722-4221000。" }),
      "zh-CN",
    );
    expect(other.closing![0]).toContain("2024年12月2日至2024年12月13日（共12天）");
    expect(other.closing![0]).toContain("向随县科技和经济信息化局反映，联系方式：电话：0722-4221000。");
    expect(other.closing![0]).not.toContain("。。");
    expect(other.signature).toEqual(["随县科技和经济信息化局", "2024年11月29日"]);
    const silent = noticeDocument(buildNotice(records, plan, { ...options, contact: undefined }), "zh-CN");
    expect(silent.closing![0]).toContain("请以书面形式向随州市经济和信息化局反映。");
  });

  it("speaks English with --lang en", () => {
    const en = noticeDocument(buildNotice(records, plan, { ...options, asOf: "2024-12-01" }), "en");
    expect(en.title).toContain("public notice");
    expect(en.tables[0]!.columns.map((c) => c.label)).toContain("USCC");
    expect(en.tables[0]!.rows[0]).toContain("2024-10-31");
    expect(en.closing![0]).toContain("2024-12-02 to 2024-12-08 (7 days)");
  });
});

describe("public data only", () => {
  const records = sampleRecords();
  const full = { ...options, asOf: "2024-12-20" };

  it("is the same notice when every private field is removed from the records", () => {
    expect(privateValues(records).texts.length).toBeGreaterThan(20);
    for (const lang of ["zh-CN", "en"] as const) {
      expect(noticeDocument(buildNotice(records.map(stripPrivate), plan, full), lang)).toEqual(noticeDocument(buildNotice(records, plan, full), lang));
    }
  });

  it("shows none of the private texts anywhere in the document", () => {
    const text = JSON.stringify(noticeDocument(buildNotice(records, plan, full), "zh-CN"));
    for (const v of privateValues(records).texts) expect([v, text.includes(v)]).toEqual([v, false]);
  });
});

describe("the writers", () => {
  // metrics without a font file: CJK one em, the rest half
  const face = { has: () => true, advance: (cp: number) => (cp >= 0x2e80 ? 1 : 0.5) };
  const fonts: LayoutFonts = { regular: face, bold: face };
  const many = Array.from({ length: 12 }, () => sampleRecords()).flatMap((rs, k) => rs.map((r) => ({ ...r, enterprise: { ...r.enterprise, uscc: `${r.enterprise.uscc}-${k}` } })));
  const doc = noticeDocument(buildNotice(many, plan, { ...options, asOf: "2024-12-01" }), "zh-CN");
  const texts = (ops: readonly DrawOp[]) => ops.flatMap((o) => (o.op === "text" ? [o.text] : []));

  it("PDF: A4 landscape pages, title and header row on every page, the lead on the first, the signature on the last", () => {
    const pages = layoutSummaryPdf(doc, fonts, "zh-CN");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      expect([p.width, p.height]).toEqual([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
      const t = texts(p.ops);
      expect(t).toContain(doc.title);
      expect(t).toContain("统一社会信用代码");
      expect(t).toContain("计划期限");
      expect(t).toContain(`第${i + 1}页 共${pages.length}页`);
      expect(t.some((s) => s.includes("根据《"))).toBe(i === 0);
      expect(t.includes("随州市经济和信息化局")).toBe(i === pages.length - 1);
      for (const o of p.ops) {
        if (o.op === "text") expect(o.y).toBeLessThanOrEqual(p.height);
      }
    });
    // every row is there, in order
    const all = pages.flatMap((p) => texts(p.ops));
    const numbers = all.filter((s) => /^\d+$/.test(s)).map(Number);
    expect(numbers.filter((n, i) => i === 0 || n === numbers[i - 1]! + 1).length).toBeGreaterThanOrEqual(doc.tables[0]!.rows.length);
  });

  it("PDF: closing and signature move to a page of their own when the table fills the last", () => {
    for (let n = 20; n <= 32; n++) {
      const d = noticeDocument(buildNotice(many.slice(0, n), plan, options), "zh-CN");
      const pages = layoutSummaryPdf(d, fonts, "zh-CN");
      const last = pages.at(-1)!;
      const bottom = A4_LANDSCAPE.height - 12 * (72 / 25.4);
      for (const o of last.ops) if (o.op === "text" && !o.text.startsWith("第")) expect(o.y).toBeLessThan(bottom);
      expect(texts(last.ops)).toContain("2024年12月2日");
    }
  });

  it("PDF: written with the bundled font", async () => {
    const small = noticeDocument(buildNotice(sampleRecords(), plan, options), "zh-CN");
    const pdf = await PDFDocument.load(await summaryPdf(small, await loadFaces(undefined), "zh-CN"));
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(small.title);
  });

  it("xlsx: title, lead, frozen header rows printed on every page, landscape; closing and signature under the table", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await summaryWorkbook(doc)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["公示名单"]);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe(doc.title);
    expect(String(ws.getCell("A2").value)).toContain("根据《");
    const info = 3; // the as-of line
    expect(ws.getCell(info, doc.tables[0]!.columns.length).value).toBe(doc.asOfLine);
    const [top, bottom] = [info + 1, info + 2];
    expect(ws.getCell(top, 1).value).toBe("序号");
    expect(ws.getCell(top, 7).value).toBe("计划期限");
    expect(ws.getCell(bottom, 7).value).toBe("停产");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: bottom });
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe(`${top}:${bottom}`);
    const rows = doc.tables[0]!.rows;
    expect(ws.getCell(bottom + 1, 3).value).toBe(rows[0]![2]);
    expect(ws.getCell(bottom + rows.length, 1).value).toBe(rows.length);
    // a merged cell reads back in each of its cells: one value per row
    const under = Array.from({ length: 8 }, (_, k) => (ws.getRow(bottom + rows.length + 1 + k).values as unknown[]).find((v) => typeof v === "string")).filter(Boolean);
    expect(under).toEqual(["　　" + doc.closing![0], "随州市经济和信息化局", "2024年12月2日"]);
    // the closing paragraph and the signature are separated from the table and each other by a blank row
    expect(ws.getRow(bottom + rows.length + 1).values).toEqual([]);
  });

  it("docx: A4 landscape, a table whose header rows repeat on every page, page numbers in the footer", async () => {
    const zip = await JSZip.loadAsync(await documentDocx(doc, "zh-CN"));
    const body = await xmlOf(zip, "word/document.xml");
    expect(body.elements.get("w:pgSz")![0]).toMatchObject({ "w:orient": "landscape", "w:w": "16838", "w:h": "11906" });
    expect(body.elements.get("w:tbl")).toHaveLength(1);
    expect(body.elements.get("w:tblHeader")).toHaveLength(2);
    expect(body.elements.get("w:tr")).toHaveLength(doc.tables[0]!.rows.length + 2);
    expect(body.text[0]).toBe(doc.title);
    expect(body.text).toContain("统一社会信用代码");
    expect(body.text).toContain(doc.lead![0]);
    // the as-of line sits against the right margin by a tab stop, not by a tab character in the text
    expect(body.text).toContain(doc.asOfLine);
    expect(body.text.slice(-2)).toEqual(doc.signature);
    const footer = await xmlOf(zip, "word/footer1.xml");
    expect(footer.instructions.map((s) => s.trim())).toEqual(["PAGE", "NUMPAGES"]);
  });

  it("md: title, lead, table, closing and the signature on two lines", () => {
    const md = formatSummaryMarkdown(doc, "zh-CN");
    expect(md.startsWith(`# ${doc.title}\n\n根据《`)).toBe(true);
    expect(md).toContain("| 序号 | 县市区 | 企业名称 | 统一社会信用代码 |");
    expect(md.trimEnd().endsWith("随州市经济和信息化局\\\n2024年12月2日")).toBe(true);
  });
});

/** A part of a Word package read with an XML parser: the text of each paragraph, elements by name with their attributes, field codes. */
async function xmlOf(zip: JSZip, part: string) {
  const xml = await zip.file(part)!.async("string");
  const parser = new SaxesParser();
  const elements = new Map<string, Record<string, string>[]>();
  const text: string[] = [];
  const instructions: string[] = [];
  let paragraph: string | null = null;
  let inText = false;
  let inInstruction = false;
  parser.on("opentag", (tag) => {
    const list = elements.get(tag.name) ?? [];
    list.push(tag.attributes as Record<string, string>);
    elements.set(tag.name, list);
    if (tag.name === "w:p") paragraph = "";
    inText = tag.name === "w:t";
    inInstruction = tag.name === "w:instrText";
  });
  parser.on("text", (s) => {
    if (inText && paragraph !== null) paragraph += s;
    if (inInstruction) instructions.push(s);
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:p" && paragraph) text.push(paragraph);
    if (tag.name === "w:p") paragraph = null;
    if (tag.name === "w:t") inText = false;
    if (tag.name === "w:instrText") inInstruction = false;
  });
  parser.write(xml).close();
  return { elements, text, instructions };
}
