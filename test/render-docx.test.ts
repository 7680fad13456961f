// Word forms out: the document's tables read back from word/document.xml with
// an XML parser and held against the template's grid (read here on its own,
// as an HTML table), every value of the example records in its cell, the
// checkboxes as the records answer, blank forms, the page, and the bytes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedRecord } from "../src/model/source.js";
import { getPath } from "../src/model/paths.js";
import { loadInputs } from "../src/read/inputs.js";
import { readYaml } from "../src/read/yaml.js";
import { formsToDocx } from "../src/render/docx/index.js";
import { bundledFontFile, loadFace } from "../src/render/font.js";
import { layoutRecord } from "../src/render/index.js";
import { TWIPS_PER_MM } from "../src/render/docx/table.js";
import { formatValue } from "../src/render/format.js";
import { renderOutput } from "../src/render/output.js";
import { bundledFormFile, parseFormTemplate } from "../src/render/templates.js";
import { isList, type Cell, type FormTemplate, type Row } from "../src/render/template.js";
import { all, bodyParagraphs, child, docxPart, docxParts, tables, type GridCell, type GridTable } from "./fixtures/render/docx-xml.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const templates: Record<string, FormTemplate> = {};
let examples: LoadedRecord[] = [];
let cement: LoadedRecord;

beforeAll(async () => {
  for (const id of ["annex1", "annex2"]) templates[id] = parseFormTemplate(readFileSync(bundledFormFile(id), "utf8"), `${id}.yaml`);
  const xlsx = await loadInputs([`${ROOT}examples/随州市2024.xlsx`]);
  const yaml = await loadInputs([`${ROOT}examples/yaml`]);
  examples = [...xlsx.records, ...yaml.records];
  cement = readYaml(readFileSync(new URL("./fixtures/render/cement.yaml", import.meta.url), "utf8"), "cement.yaml").records[0]!;
});

const meta = { title: "t", producer: "capexit", size: 10.5 };

async function docOf(template: FormTemplate, records: (LoadedRecord | null)[], date?: Date) {
  const bytes = await formsToDocx(
    records.map((r) => ({ template, record: r?.record ?? null })),
    { ...meta, date },
  );
  return { bytes, doc: await docxPart(bytes, "word/document.xml") };
}

/** A cell the template places: where, how wide and tall, and what it holds. */
interface Placed {
  row: number;
  col: number;
  span: number;
  rowSpan: number;
  cell: Cell;
  /** list and item index for {item.x} */
  list?: string;
  index?: number;
}

/**
 * The template's grid as an HTML table: each cell takes the next columns not
 * held by a row span from above. Lists print max(min, items) item rows, and a
 * side label spans the heading and all items. Written here, apart from the renderer.
 */
function expectedGrid(t: FormTemplate, record: unknown): Placed[] {
  const out: Placed[] = [];
  let row = 0;
  const place = (rows: readonly Row[], first: number, scope: { list?: string; index?: number }, lead: Placed | null) => {
    const held = new Array<number>(t.columns.length).fill(0);
    if (lead) for (let k = 0; k < lead.span; k++) held[k] = Infinity;
    for (const r of rows) {
      let c = first;
      for (const cell of r.cells) {
        while (held[c]! > 0) c++;
        out.push({ row, col: c, span: cell.span, rowSpan: cell.rowSpan, cell, ...scope });
        for (let k = c; k < c + cell.span; k++) held[k] = cell.rowSpan;
        c += cell.span;
      }
      for (let k = 0; k < held.length; k++) held[k] = held[k]! - 1;
      row++;
    }
  };
  let run: Row[] = [];
  const flush = () => {
    place(run, 0, {}, null);
    run = [];
  };
  for (const b of t.rows) {
    if (!isList(b)) {
      run.push(b);
      continue;
    }
    flush();
    const own = getPath(record, b.list);
    const fallback = b.fallback ? getPath(record, b.fallback.list) : undefined;
    const count = Math.max(b.min, Array.isArray(own) && own.length > 0 ? own.length : Array.isArray(fallback) ? fallback.length : 0);
    const total = b.header.length + count * b.item.length;
    const side = b.side ? { row, col: 0, span: b.side.span, rowSpan: total, cell: b.side } : null;
    if (side) out.push(side);
    place(b.header, b.side?.span ?? 0, {}, side);
    for (let i = 0; i < count; i++) place(b.item, b.side?.span ?? 0, { list: b.list, index: i }, side);
  }
  flush();
  return out;
}

function cellAt(table: GridTable, row: number, col: number): GridCell {
  const cell = table.rows[row]?.cells.find((c) => c.col === col);
  if (!cell) throw new Error(`no cell at row ${row + 1}, column ${col + 1}`);
  return cell;
}

const PLACEHOLDER = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;

/** The fields a value cell prints: path (items resolved), format. */
function fieldsOf(p: Placed): { path: string; format: string }[] {
  return [...(p.cell.value ?? "").matchAll(PLACEHOLDER)].map((m) => {
    const path = m[1]!.split(" or ")[0]!.trim();
    return { path: p.list !== undefined && path.startsWith("item.") ? `${p.list}[${p.index}].${path.slice(5)}` : path, format: (m[2] ?? "").trim() };
  });
}

describe("Word forms: the table is the template's grid", () => {
  for (const id of ["annex1", "annex2"]) {
    it(`${id}: columns, spans, row spans and every label, filled and blank`, async () => {
      const t = templates[id]!;
      for (const rec of [cement, null]) {
        const { doc } = await docOf(t, [rec]);
        const [table, ...more] = tables(doc);
        expect(more).toHaveLength(0);
        expect(table!.columns).toEqual(t.columns.map((mm) => Math.round(mm * TWIPS_PER_MM)));
        const grid = expectedGrid(t, rec?.record ?? null);
        expect(table!.rows).toHaveLength(Math.max(...grid.map((p) => p.row + p.rowSpan)));
        // the cells that start in each row, at their columns, with their widths
        for (let r = 0; r < table!.rows.length; r++) {
          const starts = table!.rows[r]!.cells.filter((c) => c.vMerge !== "continue").map((c) => [c.col, c.span]);
          expect(starts, `row ${r + 1}`).toEqual(grid.filter((p) => p.row === r).sort((a, b) => a.col - b.col).map((p) => [p.col, p.span]));
        }
        for (const p of grid) {
          const cell = cellAt(table!, p.row, p.col);
          expect(cell.vMerge, `row ${p.row + 1} col ${p.col + 1}`).toBe(p.rowSpan > 1 ? "restart" : null);
          for (let k = 1; k < p.rowSpan; k++) {
            const below = cellAt(table!, p.row + k, p.col);
            expect([below.vMerge, below.span, below.text]).toEqual(["continue", p.span, ""]);
          }
          if (p.cell.label !== undefined) {
            expect(cell.text).toBe(p.cell.label);
            expect(cell.vAlign).toBe("center");
          }
        }
      }
    });
  }

  it("sets A4 portrait with the template's margins, and the rows at least the template's heights", async () => {
    for (const t of Object.values(templates)) {
      const { doc } = await docOf(t, [cement]);
      const sect = all(doc, "w:sectPr")[0]!;
      const twips = (mm: number) => String(Math.round(mm * TWIPS_PER_MM));
      expect(child(sect, "w:pgSz")!.attrs).toMatchObject({ "w:w": twips(210), "w:h": twips(297), "w:orient": "portrait" });
      expect(child(sect, "w:pgMar")!.attrs).toMatchObject({ "w:top": twips(t.page.margin.top), "w:left": twips(t.page.margin.left), "w:right": twips(t.page.margin.right), "w:bottom": twips(t.page.margin.bottom) });
      const [table] = tables(doc);
      for (const row of table!.rows) {
        expect(row.hRule).toBe("atLeast");
        expect(row.height).toBeGreaterThan(0);
      }
    }
  });

  it("writes the tag, title, 填报单位/填报时间 line and the notes around the table", async () => {
    const t = templates.annex1!;
    const { doc } = await docOf(t, [cement]);
    const paras = bodyParagraphs(doc);
    expect(paras[0]).toBe("附表1");
    expect(paras[1]).toBe("淘汰落后产能企业基本情况表");
    expect(paras[2]).toBe("填报单位（盖章）：随县\t填报时间：2024年8月20日");
    // the 注 is printed; the timetable note only for an enterprise on a timetable
    const always = t.notes.filter((n): n is string => typeof n === "string");
    for (const note of always) expect(paras).toContain(note);
    expect(paras.some((p) => p.startsWith("淘汰时间表"))).toBe(false);
    const onTimetable = { ...cement, record: { ...cement.record, timetable: { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" } } };
    expect(bodyParagraphs((await docOf(t, [onTimetable])).doc)).toContain("淘汰时间表：停产期限 2025年6月30日，拆除期限 2025年9月30日，批准单位 随县人民政府。");
    const blank = bodyParagraphs((await docOf(t, [null])).doc);
    expect(blank[2]).toBe("填报单位（盖章）：\t填报时间：");
  });

  it("prints the department (reportingUnit) on the 填报单位 line when there is one, else the county, in Word and in the PDF", async () => {
    const withUnit = readYaml(readFileSync(new URL("./fixtures/render/cement.yaml", import.meta.url), "utf8").replace("county: 随县", "county: 随县\nreportingUnit: 随县科经局"), "d.yaml").records[0]!;
    expect(bodyParagraphs((await docOf(templates.annex1!, [withUnit])).doc)[2]).toMatch(/^填报单位（盖章）：随县科经局\t/);
    expect(bodyParagraphs((await docOf(templates.annex1!, [cement])).doc)[2]).toMatch(/^填报单位（盖章）：随县\t/);
    const face = await loadFace(readFileSync(bundledFontFile("regular")));
    const printed = (rec: LoadedRecord) =>
      layoutRecord(templates.annex1!, rec, { regular: face, bold: face })
        .pages[0]!.ops.flatMap((op) => (op.op === "text" ? [op.text] : []))
        .join("");
    expect(printed(withUnit)).toContain("填报单位（盖章）：随县科经局");
    expect(printed(cement)).toContain("填报单位（盖章）：随县填报时间");
  });
});

describe("Word forms: values in their cells", () => {
  for (const id of ["annex1", "annex2"]) {
    it(`${id}: every filled value of every example record in its cell, yes/no as checkboxes`, async () => {
      const t = templates[id]!;
      expect(examples.length).toBeGreaterThanOrEqual(8);
      let values = 0;
      let boxes = 0;
      for (const rec of [...examples, cement]) {
        const { doc } = await docOf(t, [rec]);
        const [table] = tables(doc);
        for (const p of expectedGrid(t, rec.record)) {
          if (p.cell.value === undefined) continue;
          const cell = cellAt(table!, p.row, p.col);
          const where = `${rec.record.enterprise?.name} row ${p.row + 1} col ${p.col + 1}`;
          if (p.cell.prefix) expect(cell.paragraphs[0]!.startsWith(p.cell.prefix), where).toBe(true);
          if (p.cell.suffix) expect(cell.paragraphs[0]!.endsWith(p.cell.suffix), where).toBe(true);
          for (const f of fieldsOf(p)) {
            let value = getPath(rec.record, f.path);
            // an acceptance not yet held lists Annex 1's equipment in its place
            if (value == null && p.list && t.rows.some((b) => isList(b) && b.fallback && b.list === p.list)) continue;
            if (f.format === "check") {
              const answers = cell.boxes.slice(-2);
              expect(answers.map((b) => b.answer), where).toHaveLength(2);
              expect(answers.map((b) => b.checked), where).toEqual([value === true, value === false]);
              boxes++;
              continue;
            }
            if (value == null || value === "") continue;
            if (f.format === "signdate") value = formatValue(f.path, value, "date");
            else value = formatValue(f.path, value, f.format);
            expect(cell.text, where).toContain(value);
            values++;
          }
        }
      }
      expect(values).toBeGreaterThan(50);
      if (id === "annex2") expect(boxes).toBeGreaterThan(20);
    });
  }

  it("writes a yes/no answer as two checkbox content controls, each right after its answer word", async () => {
    const { doc } = await docOf(templates.annex2!, [cement]);
    const [table] = tables(doc);
    const question = table!.rows.flatMap((r) => r.cells).find((c) => c.text.startsWith("若主体设备"))!;
    expect(question.text).toBe("若主体设备（生产线）未拆除，是否具备恢复生产的能力　是☐　否☑");
    const sdts = all(question.node, "w:sdt");
    expect(sdts).toHaveLength(2);
    for (const sdt of sdts) {
      const box = child(child(sdt, "w:sdtPr")!, "w14:checkbox")!;
      expect(child(box, "w14:checkedState")!.attrs["w14:val"]).toBe("2611");
      expect(child(box, "w14:uncheckedState")!.attrs["w14:val"]).toBe("2610");
    }
    // the verdicts beside the signatures: 通过 ticked for the county and the city, nothing for the province
    const verdicts = table!.rows.flatMap((r) => r.cells).filter((c) => c.text.includes("验收结论"));
    expect(verdicts.map((c) => c.boxes.map((b) => `${b.answer}${b.checked ? "☑" : "☐"}`).join(" "))).toEqual(["通过☑ 不通过☐", "通过☑ 不通过☐", "通过☐ 不通过☐"]);
  });

  it("sets a sign-off cell as the opinion, then 验收结论 and （签字）（盖章） on one line, then the date", async () => {
    const { doc } = await docOf(templates.annex2!, [cement]);
    const [table] = tables(doc);
    const county = table!.rows.find((r) => r.cells[0]!.text === "县（市、区）\n验收意见")!.cells[1]!;
    expect(county.paragraphs).toEqual(["主体设备已拆除，不具备恢复生产条件，同意通过验收", "验收结论：通过☑　不通过☐\t（签字）　　　　　　　　（盖章）", "2024年11月28日"]);
    expect(county.vAlign).toBe("top");
    const province = table!.rows.find((r) => r.cells[0]!.text === "省（区、市）\n验收意见")!.cells[1]!;
    expect(province.paragraphs).toEqual(["", "验收结论：通过☐　不通过☐\t（签字）　　　　　　　　（盖章）", "　　　年　　月　　日"]);
  });

  it("keeps a prefix, the value and its suffix in one paragraph: prefix, tab, value, suffix", async () => {
    const { doc } = await docOf(templates.annex1!, [cement]);
    const [table] = tables(doc);
    const staff = table!.rows.find((r) => r.cells[0]!.text === "企业人员")!;
    expect(staff.cells.slice(1).map((c) => c.text)).toEqual(["在岗职工人数\t120人", "其中合同工人数\t100人", "退休职工人数\t30人"]);
    const assets = table!.rows.find((r) => r.cells[0]!.text === "企业资产")!;
    expect(assets.cells.slice(1).map((c) => c.text)).toEqual(["资产总额\t5000（万元）", "债权\t300（万元）", "债务\t1200（万元）"]);
  });
});

describe("Word forms: blank", () => {
  it("leaves every field empty, every box unticked, prints the placeholders and gives the hand room", async () => {
    const t = templates.annex2!;
    const { doc } = await docOf(t, [null]);
    const [table] = tables(doc);
    const cells = table!.rows.flatMap((r) => r.cells);
    // 是/否 of the four questions and 通过/不通过 of the three verdicts
    expect(cells.flatMap((c) => c.boxes).length).toBe(14);
    expect(cells.flatMap((c) => c.boxes).every((b) => !b.checked)).toBe(true);
    expect(cells.some((c) => c.text === "（注明单位）")).toBe(true);
    expect(cells.map((c) => c.text).join("")).not.toMatch(/随县|20\d\d/);
    // the sign-off rows take the blank variant's height: room for an opinion and a seal
    const signOff = table!.rows.find((r) => r.cells[0]!.text === "县（市、区）\n验收意见")!;
    expect(signOff.height).toBeGreaterThanOrEqual(Math.round(30 * TWIPS_PER_MM));
  });

  it("lists Annex 1's equipment on an Annex 2 whose acceptance is not yet held", async () => {
    const pending = { ...cement, record: { ...cement.record, acceptance: undefined } } as LoadedRecord;
    const { doc } = await docOf(templates.annex2!, [pending]);
    const [table] = tables(doc);
    expect(table!.rows.flatMap((r) => r.cells).some((c) => c.text === "Φ2.6×13m水泥磨 1台")).toBe(true);
  });
});

describe("Word forms: one document of several forms", () => {
  it("puts each form in a section of its own, a new page each, numbered from 1", async () => {
    const recs = examples.slice(0, 3);
    const { doc } = await docOf(templates.annex1!, recs);
    expect(tables(doc)).toHaveLength(3);
    const sects = all(doc, "w:sectPr");
    expect(sects).toHaveLength(3);
    for (const s of sects.slice(1)) expect(child(s, "w:type")?.attrs["w:val"] ?? "nextPage").toBe("nextPage");
    for (const s of sects) {
      expect(child(s, "w:pgNumType")!.attrs["w:start"]).toBe("1");
      expect(child(s, "w:titlePg")).toBeDefined();
    }
  });

  it("heads the pages after a form's first with whose form it is", async () => {
    const { bytes } = await docOf(templates.annex1!, [cement]);
    const zip = await docxParts(bytes);
    const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n)).map(async (n) => all(await docxPart(bytes, n), "w:t").map((t) => t.text).join("")));
    expect(headers).toContain("附表1（续）企业名称：随县示例水泥有限公司统一社会信用代码：91421321MA49XY2K1E");
  });
});

describe("Word forms: the same input gives the same bytes", () => {
  it("pins the dates: none without SOURCE_DATE_EPOCH, the given one with it, in core.xml and every zip entry", async () => {
    const t = templates.annex2!;
    const a = await docOf(t, [cement]);
    const b = await docOf(t, [cement]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const core = await docxPart(a.bytes, "docProps/core.xml");
    expect(all(core, "dcterms:created")).toHaveLength(0);
    const zip = await docxParts(a.bytes);
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe("1980-01-01T00:00:00.000Z");

    const date = new Date(1733011200 * 1000);
    const c = await docOf(t, [cement], date);
    expect(Buffer.from(c.bytes).equals(Buffer.from((await docOf(t, [cement], date)).bytes))).toBe(true);
    expect(all(await docxPart(c.bytes, "docProps/core.xml"), "dcterms:created")[0]!.text).toBe("2024-12-01T00:00:00Z");
    for (const f of Object.values((await docxParts(c.bytes)).files)) expect(f.date.toISOString()).toBe("2024-12-01T00:00:00.000Z");
  });

  it("sets the forms in 宋体 (SimSun), without East Asian auto spacing", async () => {
    const { bytes } = await docOf(templates.annex1!, [cement]);
    const styles = await docxPart(bytes, "word/styles.xml");
    expect(all(styles, "w:rFonts")[0]!.attrs).toMatchObject({ "w:eastAsia": "宋体", "w:ascii": "宋体" });
    expect(all(styles, "w:autoSpaceDE")[0]!.attrs["w:val"]).toBe("0");
    const fonts = await docxPart(bytes, "word/fontTable.xml");
    expect(all(fonts, "w:altName")[0]!.attrs["w:val"]).toBe("SimSun");
  });
});

describe("render --format and -o", () => {
  it.each<[string[], string, { kind: string; report: string; combined: boolean } | string]>([
    [[], "out", { kind: "pdf", report: "human", combined: false }],
    [["json"], "out", { kind: "pdf", report: "json", combined: false }],
    [["docx"], "out", { kind: "docx", report: "human", combined: false }],
    [["docx,json"], "out", { kind: "docx", report: "json", combined: false }],
    [["json", "docx"], "out", { kind: "docx", report: "json", combined: false }],
    [["JSON"], "all.DOCX", { kind: "docx", report: "json", combined: true }],
    [[], "all.pdf", { kind: "pdf", report: "human", combined: true }],
    [["docx"], "all.docx", { kind: "docx", report: "human", combined: true }],
    [["docx"], "all.pdf", "render-format-output"],
    [["pdf,docx"], "out", "render-format-conflict"],
    [["human,json"], "out", "render-format-conflict"],
    [["xlsx"], "out", "bad-option"],
  ])("--format %j -o %s", (formats, output, want) => {
    if (typeof want === "string") expect(() => renderOutput(formats, output)).toThrow(expect.objectContaining({ messageId: want }));
    else expect(renderOutput(formats, output)).toEqual(want);
  });
});
