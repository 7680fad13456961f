// validate --annotate: a marked-up copy of the clerk's own workbook. The
// original is never touched; the copy keeps everything and adds marks, notes
// and a 校验结果 sheet linking every finding to its cell.
import ExcelJS from "exceljs";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotateMessages } from "../src/annotate/messages.js";
import { FILL, RESULTS_SHEET } from "../src/annotate/annotate.js";
import { partsOf, resultRows as resultRowsOf } from "./support/package.js";
import { capexit, ROOT, tempDir } from "./support/run.js";

const FAULTY = join(ROOT, "examples", "faulty", "有错误的表格.xlsx");
const MARK_ZH = annotateMessages["zh-CN"].mark!;
const MARK_EN = annotateMessages.en.mark!;

interface JsonFinding {
  severity: "error" | "warning";
  rule: string;
  field: string | null;
  record: string | null;
  file: string;
  sheet: string | null;
  row: number | null;
  cell: string | null;
  message: string;
}
interface JsonReport {
  ok: boolean;
  errors: number;
  warnings: number;
  findings: JsonFinding[];
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const noteText = (note: ExcelJS.Cell["note"]) => (typeof note === "string" ? note : (note?.texts ?? []).map((r) => r.text).join(""));
const fillOf = (cell: ExcelJS.Cell) => {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f?.type === "pattern" && f.pattern === "solid" ? f.fgColor?.argb : undefined;
};
const count = (s: string, part: string) => s.split(part).length - 1;

/** The results sheet as rows of plain values, with the link target of the 位置 column (read from the sheet's XML). */
async function resultRows(file: string, ws: ExcelJS.Worksheet) {
  const bytes = readFileSync(file);
  const links = new Map(resultRowsOf(await partsOf(bytes), bytes).map((r, i) => [i + 5, r.link]));
  const rows: { severity: string; sheet: string; where: string; link: string | null; record: string; message: string; value: ExcelJS.Cell; rule: string }[] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === null) continue;
    rows.push({
      severity: String(row.getCell(2).value),
      sheet: String(row.getCell(3).value),
      where: String(row.getCell(4).value),
      link: links.get(r) ?? null,
      record: String(row.getCell(5).value ?? ""),
      message: String(row.getCell(7).value),
      value: row.getCell(8),
      rule: String(row.getCell(9).value),
    });
  }
  return rows;
}

describe("validate --annotate on the faulty example", () => {
  const dir = tempDir();
  const input = join(dir, "有错误的表格.xlsx");
  const marked = join(dir, "标注.xlsx");
  let before: Buffer;
  let report: JsonReport;
  let plain: { code: number; stdout: string };
  let run: { code: number; stdout: string; stderr: string };
  let original: ExcelJS.Workbook;
  let copy: ExcelJS.Workbook;

  beforeAll(async () => {
    copyFileSync(FAULTY, input);
    before = readFileSync(input);
    plain = capexit(["validate", input, "--format", "json"]);
    run = capexit(["validate", input, "--annotate", marked, "--format", "json"]);
    report = JSON.parse(run.stdout) as JsonReport;
    original = await load(input);
    copy = await load(marked);
  });

  it("prints the same report, with the same exit code, as without --annotate", () => {
    expect(run.code).toBe(1);
    expect(run.code).toBe(plain.code);
    expect(run.stdout).toBe(plain.stdout);
    expect(report.errors).toBeGreaterThan(5);
    expect(report.warnings).toBeGreaterThan(0);
  });

  it("leaves the original byte for byte as it was", () => {
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("fills each faulty cell red (error) or amber (warning) and notes the message", () => {
    const byCell = new Map<string, JsonFinding[]>();
    for (const f of report.findings) {
      if (!f.sheet || !f.cell) continue;
      const key = `${f.sheet}!${f.cell}`;
      byCell.set(key, [...(byCell.get(key) ?? []), f]);
    }
    expect(byCell.size).toBeGreaterThan(10);
    for (const [key, fs] of byCell) {
      const [sheet, address] = key.split("!") as [string, string];
      const cell = copy.getWorksheet(sheet)!.getCell(address);
      const worst = fs.some((f) => f.severity === "error") ? "error" : "warning";
      expect(fillOf(cell), key).toBe(FILL[worst]);
      const note = noteText(cell.note);
      expect(count(note, MARK_ZH), key).toBe(1);
      for (const f of fs) expect(note, key).toContain(f.message);
    }
    // and no other cell
    let marks = 0;
    for (const ws of copy.worksheets) {
      if (ws.name === RESULTS_SHEET) continue;
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (c) => void (noteText(c.note).includes(MARK_ZH) && marks++)),
      );
    }
    expect(marks).toBe(byCell.size);
  });

  it("keeps the clerk's values, formats and sheets", () => {
    expect(copy.worksheets.map((w) => w.name)).toEqual([...original.worksheets.map((w) => w.name), RESULTS_SHEET]);
    const marked = new Set(report.findings.filter((f) => f.cell).map((f) => `${f.sheet}!${f.cell}`));
    let cells = 0;
    for (const ws of original.worksheets) {
      const other = copy.getWorksheet(ws.name)!;
      expect(other.model.merges).toEqual(ws.model.merges);
      expect(other.views[0]).toMatchObject({ state: ws.views[0]?.state, ySplit: (ws.views[0] as { ySplit?: number }).ySplit });
      for (let r = 1; r <= ws.rowCount; r++) {
        for (let c = 1; c <= ws.columnCount; c++) {
          const a = ws.getCell(r, c);
          const b = other.getCell(r, c);
          expect(b.value, `${ws.name}!${a.address}`).toEqual(a.value);
          expect(b.numFmt, `${ws.name}!${a.address}`).toEqual(a.numFmt);
          expect(b.alignment, `${ws.name}!${a.address}`).toEqual(a.alignment);
          if (!marked.has(`${ws.name}!${a.address}`)) {
            expect(b.font, `${ws.name}!${a.address}`).toEqual(a.font);
            expect(b.fill, `${ws.name}!${a.address}`).toEqual(a.fill);
          } else if (a.font) {
            // a marked cell that had no style of its own reads back with the default font
            expect(b.font, `${ws.name}!${a.address}`).toEqual(a.font);
          }
          cells++;
        }
      }
      for (let c = 1; c <= ws.columnCount; c++) expect(other.getColumn(c).width).toEqual(ws.getColumn(c).width);
    }
    expect(cells).toBeGreaterThan(500);
  });

  it("lists every finding on 校验结果, each linked to its cell", async () => {
    const ws = copy.getWorksheet(RESULTS_SHEET)!;
    expect(String(ws.getCell("A1").value)).toContain("有错误的表格.xlsx");
    const rows = await resultRows(marked, ws);
    expect(rows.map((r) => r.message)).toEqual(report.findings.map((f) => f.message));
    expect(rows.map((r) => r.rule)).toEqual(report.findings.map((f) => f.rule));
    rows.forEach((row, i) => {
      const f = report.findings[i]!;
      expect(row.sheet).toBe(f.sheet);
      expect(row.where).toBe(f.cell);
      expect(row.link).toBe(`'${f.sheet}'!${f.cell}`);
    });
    // the copy opens where the clerk left it: only the clerk's own sheets may be selected
    expect((copy.views ?? [])[0]?.activeTab ?? 0).toBe((original.views ?? [])[0]?.activeTab ?? 0);
    expect(((ws.views ?? [])[0] as { tabSelected?: boolean } | undefined)?.tabSelected ?? false).toBe(false);
  });

  it("validates exactly as the original did (the results sheet is not read as data)", () => {
    const again = JSON.parse(capexit(["validate", marked, "--format", "json"]).stdout) as JsonReport;
    // the same findings; a message that names the file names the copy
    const strip = (fs: JsonFinding[], file: string) =>
      fs.map(({ file: _file, message, ...rest }) => ({ ...rest, message: message.replaceAll(file, "FILE") }));
    expect(strip(again.findings, marked)).toEqual(strip(report.findings, input));
  });

  it("clears its own old marks when a fixed copy comes back, and keeps the rest", async () => {
    const fixedFile = join(dir, "改正后.xlsx");
    const wb = await load(marked);
    const ws = wb.getWorksheet("附表1")!;
    const fixed = report.findings.find((f) => f.rule === "county-unit")!;
    ws.getCell(fixed.cell!).value = "曾都区";
    writeFileSync(fixedFile, new Uint8Array(await wb.xlsx.writeBuffer()));
    const marked2 = join(dir, "标注2.xlsx");
    const r = capexit(["validate", fixedFile, "--annotate", marked2, "--format", "json"]);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.findings.length).toBe(report.findings.length - 1);
    const copy2 = await load(marked2);
    const cell = copy2.getWorksheet("附表1")!.getCell(fixed.cell!);
    expect(cell.note).toBeUndefined();
    expect(fillOf(cell)).toBeUndefined();
    expect(copy2.worksheets.filter((w) => w.name.startsWith(RESULTS_SHEET)).map((w) => w.name)).toEqual([RESULTS_SHEET]);
    for (const f of rep.findings.filter((x) => x.cell)) {
      expect(count(noteText(copy2.getWorksheet(f.sheet!)!.getCell(f.cell!).note), MARK_ZH), f.cell!).toBe(1);
    }
    expect((await resultRows(marked2, copy2.getWorksheet(RESULTS_SHEET)!)).length).toBe(rep.findings.length);
  });
});

describe("validate --annotate on a workbook built here", () => {
  const dir = tempDir();
  const input = join(dir, "clerk.xlsx");
  const marked = join(dir, "marked.xlsx");
  const CLERK_NOTE = "王科员：此企业待核实";
  const TINT = "FFE2EFDA";

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const a1 = wb.addWorksheet("附表1");
    a1.getCell("A1").value = "附表1 淘汰落后产能企业基本情况表";
    a1.addRow(["填报单位（盖章）："]);
    a1.addRow(["县市区", "企业名称", "企业地址", "统一社会\n信用代码", "法定代表人联系电话", "资产总额（万元）", "填报时间"]);
    // text a spreadsheet would take for a formula, typed where it does not belong
    a1.addRow(["=SUM(A1)", "随县示例水泥有限公司", "随县厉山镇", "91421321MA49XY2K1E", "+86 139", "-5", "@2024"]);
    a1.addRow(["随县", "随县示例砖瓦厂", "随县安居镇", "91421321MA4001P57G", "13907220001", 100, "2024-08-20"]);
    a1.getCell("E4").note = CLERK_NOTE;
    a1.getCell("B4").value = null; // enterprise.name missing: required, marked on the blank B4
    a1.getCell("C5").fill = { type: "pattern", pattern: "solid", fgColor: { argb: TINT } };
    // an item sheet without its join column: findings on whole rows
    const eq = wb.addWorksheet("附表1设备");
    eq.addRow(["设备名称（型号规格）", "数量（台）"]);
    eq.addRow(["水泥磨", 1]);
    // a 附表2 whose header cannot be found: a finding on the whole sheet
    wb.addWorksheet("附表2").addRow(["这里没有表头"]);
    wb.addWorksheet("备注").addRow(["县里自己的说明", 42]);
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it("marks cells, keeps the clerk's note and other sheets, and lists row- and sheet-level findings", async () => {
    const r = capexit(["validate", input, "--annotate", marked, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const copy = await load(marked);
    const a1 = copy.getWorksheet("附表1")!;

    const e4 = noteText(a1.getCell("E4").note);
    expect(e4.startsWith(CLERK_NOTE)).toBe(true);
    expect(count(e4, MARK_ZH)).toBe(1);
    expect(fillOf(a1.getCell("E4"))).toBe(FILL.error);
    expect(noteText(a1.getCell("B4").note)).toContain(MARK_ZH);
    expect(fillOf(a1.getCell("B4"))).toBe(FILL.error);
    expect(fillOf(a1.getCell("C5"))).toBe(TINT);
    expect(copy.getWorksheet("备注")!.getRow(1).values).toEqual([undefined, "县里自己的说明", 42]);

    const rows = await resultRows(marked, copy.getWorksheet(RESULTS_SHEET)!);
    expect(rows.length).toBe(report.findings.length);
    const rowLevel = report.findings.findIndex((f) => f.sheet === "附表1设备" && f.cell === null && f.row !== null);
    expect(rowLevel).toBeGreaterThanOrEqual(0);
    expect(rows[rowLevel]!.link).toBe(`'附表1设备'!A${report.findings[rowLevel]!.row}`);
    expect(rows[rowLevel]!.where).toContain(String(report.findings[rowLevel]!.row));
    const sheetLevel = report.findings.findIndex((f) => f.rule === "header-not-found");
    expect(report.findings[sheetLevel]!.sheet).toBe("附表2");
    expect(rows[sheetLevel]!.link).toBe("'附表2'!A1");
  });

  it("gives the clerk's note back as it was once the cell is fixed", async () => {
    const wb = await load(marked);
    wb.getWorksheet("附表1")!.getCell("E4").value = "13907220002";
    const fixed = join(dir, "fixed.xlsx");
    writeFileSync(fixed, new Uint8Array(await wb.xlsx.writeBuffer()));
    const again = join(dir, "again.xlsx");
    capexit(["validate", fixed, "--annotate", again]);
    const e4 = (await load(again)).getWorksheet("附表1")!.getCell("E4");
    expect(noteText(e4.note)).toBe(CLERK_NOTE);
    expect(fillOf(e4)).toBeUndefined();
  });

  it("writes what a clerk typed as text, never as a formula", async () => {
    const copy = await load(marked);
    const rows = await resultRows(marked, copy.getWorksheet(RESULTS_SHEET)!);
    const values = rows.map((r) => r.value);
    for (const typed of ["=SUM(A1)", "+86 139", "-5", "@2024"]) {
      const cell = values.find((c) => c.value === typed);
      expect(cell, typed).toBeDefined();
      expect(cell!.type, typed).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula, typed).toBeUndefined();
    }
    // the clerk's own cell is kept as the clerk left it: a string
    expect(copy.getWorksheet("附表1")!.getCell("A4").type).toBe(ExcelJS.ValueType.String);
  });

  it("words notes and results in English with --lang en", async () => {
    const out = join(dir, "marked-en.xlsx");
    const r = capexit(["validate", input, "--annotate", out, "--lang", "en"]);
    expect(r.code).toBe(1);
    const copy = await load(out);
    expect(noteText(copy.getWorksheet("附表1")!.getCell("A4").note)).toContain(MARK_EN);
    expect(String(copy.getWorksheet(RESULTS_SHEET)!.getCell("A4").value)).toBe(annotateMessages.en["col.no"]);
  });
});

describe("validate --annotate refuses", () => {
  const dir = tempDir();
  const input = join(dir, "in.xlsx");
  copyFileSync(FAULTY, input);
  const before = readFileSync(input);

  it.each([
    ["two inputs", () => ["validate", input, input, "--annotate", join(dir, "a.xlsx")]],
    ["a YAML input", () => ["validate", join(ROOT, "examples", "yaml", "随县.yaml"), "--annotate", join(dir, "b.xlsx")]],
    ["the input itself as output, even with --force", () => ["validate", input, "--annotate", input, "--force"]],
  ])("%s (exit 2, nothing written)", (_name, args) => {
    const r = capexit(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capexit: .*--annotate|^capexit: 标注副本/);
    expect(r.stdout).toBe("");
    expect(existsSync(join(dir, "a.xlsx")) || existsSync(join(dir, "b.xlsx"))).toBe(false);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("an existing output without --force, and overwrites it with --force", () => {
    const out = join(dir, "exists.xlsx");
    writeFileSync(out, "mine");
    const r = capexit(["validate", input, "--annotate", out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("mine");
    expect(capexit(["validate", input, "--annotate", out, "--force"]).code).toBe(1);
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("has every message in both languages", () => {
    expect(Object.keys(annotateMessages.en).sort()).toEqual(Object.keys(annotateMessages["zh-CN"]).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of Object.entries(annotateMessages["zh-CN"])) expect([key, holes(annotateMessages.en[key]!)]).toEqual([key, holes(zh)]);
  });
});
