// validate --annotate on workbooks from several writers (exceljs, parts made
// by hand as another writer lays them out, an .xlsm, and LibreOffice where it
// is installed). The copy must keep every part it need not change, byte for
// byte; keep every value and formula; fill and note every finding's cell; list
// every finding on 校验结果 with a link that lands on its cell; and come out the
// same when it is marked again.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotateMessages } from "../src/annotate/messages.js";
import { FILL } from "../src/annotate/annotate.js";
import { dressedWorkbook, DRESSED } from "./fixtures/annotate/clerk-exceljs.js";
import { handmadePackage, PLANTED } from "./fixtures/annotate/handmade.js";
import {
  cellsOf,
  compressedEntries,
  fillOf,
  find,
  loadExcelJs,
  marksOf,
  noteText,
  parseXml,
  partsOf,
  partsOfSheets,
  relsOf,
  resultRows,
  sheetParts,
  splitReference,
} from "./support/package.js";
import { capexit, tempDir } from "./support/run.js";

const RESULTS = "校验结果";
const MARK = annotateMessages["zh-CN"].mark!;
const SOFFICE = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
const run = promisify(execFile);

interface JsonFinding {
  severity: "error" | "warning";
  rule: string;
  sheet: string | null;
  row: number | null;
  cell: string | null;
  message: string;
}

/**
 * Converts files with LibreOffice into `outDir` (same names, the given extension).
 * Asynchronously: a worker blocked for a minute loses its line to the test runner.
 */
async function soffice(files: string[], outDir: string, to: string): Promise<void> {
  const profile = tempDir("lo-profile-");
  await run("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outDir, ...files], { timeout: 180_000 });
}

interface Case {
  name: string;
  ext: ".xlsx" | ".xlsm";
  make(dir: string): Promise<Uint8Array>;
  /** what else the copy must still have, beyond the byte-for-byte parts */
  extra?(input: Map<string, Buffer>, output: Map<string, Buffer>, findings: JsonFinding[]): Promise<void> | void;
  skip?: boolean;
}

const viaLibreOffice = (make: () => Promise<Uint8Array>) => async (dir: string) => {
  const src = join(dir, "lo-src.xlsx");
  writeFileSync(src, await make());
  const out = join(dir, "lo-out");
  await soffice([src], out, 'xlsx:Calc MS Excel 2007 XML');
  return readFileSync(join(out, "lo-src.xlsx"));
};

const partNamed = (parts: Map<string, Buffer>, suffix: string) => [...parts.keys()].filter((p) => p.endsWith(suffix));

const cases: Case[] = [
  {
    name: "exceljs",
    ext: ".xlsx",
    make: () => dressedWorkbook(),
    async extra(input, output) {
      const wb = await loadExcelJs(await bytesOf(output));
      const a1 = wb.getWorksheet(DRESSED.annex1)!;
      const noted = noteText(a1.getCell(DRESSED.notedFaulty).note);
      expect(noted.startsWith(DRESSED.clerkNote)).toBe(true);
      expect(noted.split(MARK).length - 1).toBe(1);
      expect(noteText(a1.getCell(DRESSED.notedClean).note)).toBe(`李科员：${DRESSED.otherNote}`);
      expect(fillOf(a1.getCell(DRESSED.notedClean))).toBeUndefined();
      expect(wb.getWorksheet(DRESSED.hidden)!.state).toBe("hidden");
      expect(partNamed(input, ".png")).toHaveLength(1);
      expect(a1.getImages()).toHaveLength(1);
      expect(a1.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
      expect(a1.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printArea: "A1:AF13" });
      expect(a1.getCell("A4").dataValidation).toMatchObject({ type: "list" });
      expect(JSON.stringify((a1 as unknown as { conditionalFormattings: unknown }).conditionalFormattings)).toContain("Y4:Y12");
      expect(wb.definedNames.getRanges("企业清单").ranges[0]).toBe(`'${DRESSED.annex1}'!$A$4:$F$11`);
      expect(wb.getWorksheet(DRESSED.linkSheet)!.getCell("A1").hyperlink).toBe("https://jxj.suizhou.gov.cn/");
    },
  },
  {
    name: "parts made by hand",
    ext: ".xlsx",
    make: () => handmadePackage(), // with rows without `r`, exceljs (the test's oracle) could not open it
    extra: (input, output) => handmadeKept(input, output),
  },
  {
    name: "parts made by hand, with macros (.xlsm)",
    ext: ".xlsm",
    make: () => handmadePackage({ macro: true }),
    async extra(input, output) {
      await handmadeKept(input, output);
      expect(output.get("xl/vbaProject.bin")!.equals(input.get("xl/vbaProject.bin")!)).toBe(true);
      expect(output.get("[Content_Types].xml")!.toString("utf8")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
      const rels = relsOf(output, "xl/workbook.xml");
      expect([...rels.values()].some((r) => r.type.endsWith("/vbaProject") && r.part === "xl/vbaProject.bin")).toBe(true);
    },
  },
  {
    name: "LibreOffice, from the exceljs workbook",
    ext: ".xlsx",
    skip: !SOFFICE,
    make: viaLibreOffice(dressedWorkbook),
    async extra(_input, output) {
      const wb = await loadExcelJs(await bytesOf(output));
      expect(noteText(wb.getWorksheet(DRESSED.annex1)!.getCell(DRESSED.notedFaulty).note).startsWith(DRESSED.clerkNote)).toBe(true);
      expect(partNamed(output, ".png").length).toBeGreaterThan(0);
    },
  },
  {
    name: "LibreOffice, from the hand-made workbook (chart, image, notes)",
    ext: ".xlsx",
    skip: !SOFFICE,
    make: viaLibreOffice(() => handmadePackage()),
    async extra(input, output) {
      expect(partNamed(input, ".xml").filter((p) => p.startsWith("xl/charts/")).length).toBe(1);
      expect(partNamed(output, ".xml").filter((p) => p.startsWith("xl/charts/"))).toEqual(partNamed(input, ".xml").filter((p) => p.startsWith("xl/charts/")));
      const wb = await loadExcelJs(await bytesOf(output));
      expect(noteText(wb.getWorksheet(PLANTED.sheet)!.getCell(PLANTED.badCode).note).startsWith(PLANTED.clerkNote)).toBe(true);
    },
  },
];

const bytesCache = new WeakMap<Map<string, Buffer>, Uint8Array>();
async function bytesOf(parts: Map<string, Buffer>): Promise<Uint8Array> {
  return bytesCache.get(parts)!;
}

/** What the hand-made package carries beyond its cells. */
async function handmadeKept(input: Map<string, Buffer>, output: Map<string, Buffer>) {
  for (const p of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml", "xl/media/image1.png", "xl/printerSettings/printerSettings1.bin"]) {
    expect(output.get(p)?.equals(input.get(p)!), p).toBe(true);
  }
  // the workbook keeps its defined names and the hidden sheet, and gains only capexit's own
  const before = parseXml(input.get("xl/workbook.xml")!.toString("utf8"));
  const after = parseXml(output.get("xl/workbook.xml")!.toString("utf8"));
  const names = (el: ReturnType<typeof parseXml>) => find(el, "definedName").map((d) => `${d.attrs.name}|${d.attrs.localSheetId ?? ""}|${d.text}`);
  expect(names(after).slice(0, names(before).length)).toEqual(names(before));
  expect(find(after, "sheet").find((s) => s.attrs.name === "核对记录")!.attrs.state).toBe("hidden");
  // the sheet with marks keeps every relationship it had
  const rels = relsOf(input, "xl/worksheets/sheet1.xml");
  const relsAfter = relsOf(output, "xl/worksheets/sheet1.xml");
  for (const [id, r] of rels) expect(relsAfter.get(id)).toEqual(r);
  const wb = await loadExcelJs(await bytesOf(output));
  const ws = wb.getWorksheet(PLANTED.sheet)!;
  const noted = noteText(ws.getCell(PLANTED.badCode).note);
  expect(noted.startsWith(PLANTED.clerkNote)).toBe(true);
  expect(noted.split(MARK).length - 1).toBe(1);
  expect(noteText(ws.getCell(PLANTED.otherNote).note)).toBe(PLANTED.otherNoteText);
  // the clerk's border stays under the mark; the merged county is marked once, on its top-left cell
  expect(ws.getCell(PLANTED.badDate).border?.left?.style).toBe("thin");
  expect(fillOf(ws.getCell(PLANTED.mergedMaster))).toBe(FILL.error);
  expect(ws.getCell(PLANTED.unwritten).value).toBeNull();
  expect(fillOf(ws.getCell(PLANTED.unwritten))).toBe(FILL.error);
  expect(ws.getCell("G8").value).toEqual({ formula: "SUM(G4:G7)", result: 5980 });
}

for (const c of cases) {
  describe.skipIf(c.skip)(`validate --annotate on a workbook by ${c.name}`, () => {
    const dir = tempDir("capexit-annotate-");
    const name = `县里的表${c.ext}`;
    const first = join(dir, "a");
    const second = join(dir, "b");
    const third = join(dir, "c");
    let input: Uint8Array;
    let output: Uint8Array;
    let inParts: Map<string, Buffer>;
    let outParts: Map<string, Buffer>;
    let findings: JsonFinding[];

    beforeAll(async () => {
      for (const d of [first, second, third]) mkdirSync(d, { recursive: true });
      input = await c.make(dir);
      writeFileSync(join(first, name), input);
      // relative names, so that the copy's title names the same file in every run
      const r = capexit(["validate", name, "--annotate", join("..", "b", name), "--format", "json"], { cwd: first });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
      output = readFileSync(join(second, name));
      inParts = await partsOf(input);
      outParts = await partsOf(output);
      bytesCache.set(outParts, output);
      bytesCache.set(inParts, input);
    }, 240_000);

    it("leaves the original as it was", () => {
      expect(readFileSync(join(first, name)).equals(Buffer.from(input))).toBe(true);
    });

    it("copies every part it need not change, byte for byte and entry for entry", () => {
      const marked = new Set(findings.filter((f) => f.sheet && f.cell).map((f) => f.sheet!));
      expect(marked.size).toBeGreaterThan(0);
      const workbook = [...relsOf(inParts, "").values()].find((r) => r.type.endsWith("/officeDocument"))!.part;
      const styles = [...relsOf(inParts, workbook).values()].find((r) => r.type.endsWith("/styles"))!.part;
      const editable = new Set(["[Content_Types].xml", workbook, `xl/_rels/${basename(workbook)}.rels`, styles, ...partsOfSheets(inParts, marked)]);
      const inRaw = compressedEntries(input);
      const outRaw = compressedEntries(output);
      let kept = 0;
      for (const [part, content] of inParts) {
        expect(outParts.has(part), part).toBe(true);
        if (editable.has(part)) continue;
        expect(outParts.get(part)!.equals(content), part).toBe(true);
        // the very entry: same method, CRC and compressed bytes
        expect(outRaw.get(part)!.method, part).toBe(inRaw.get(part)!.method);
        expect(outRaw.get(part)!.crc, part).toBe(inRaw.get(part)!.crc);
        expect(outRaw.get(part)!.data.equals(inRaw.get(part)!.data), part).toBe(true);
        kept++;
      }
      expect(kept).toBeGreaterThan(3);
    });

    it("keeps every value and formula the clerk wrote", () => {
      const before = cellsOf(input);
      const after = cellsOf(output, [RESULTS]);
      expect(before.size).toBeGreaterThan(20);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [k, v] of before) expect(after.get(k), k).toEqual(v);
    });

    it("fills and notes every finding's cell, and no other", async () => {
      const wb = await loadExcelJs(output);
      const byCell = new Map<string, JsonFinding[]>();
      for (const f of findings) {
        if (!f.sheet || !f.cell) continue;
        let cell = wb.getWorksheet(f.sheet)!.getCell(f.cell);
        if (cell.isMerged) cell = cell.master;
        const key = `${f.sheet}!${cell.address}`;
        byCell.set(key, [...(byCell.get(key) ?? []), f]);
      }
      for (const [key, fs] of byCell) {
        const [sheet, address] = [key.slice(0, key.lastIndexOf("!")), key.slice(key.lastIndexOf("!") + 1)];
        const cell = wb.getWorksheet(sheet)!.getCell(address);
        expect(fillOf(cell), key).toBe(FILL[fs.some((f) => f.severity === "error") ? "error" : "warning"]);
        const note = noteText(cell.note);
        expect(note.split(MARK).length - 1, key).toBe(1);
        for (const f of fs) expect(note, key).toContain(f.message);
      }
      let marks = 0;
      for (const ws of wb.worksheets) {
        if (ws.name === RESULTS) continue;
        ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void (noteText(cell.note).includes(MARK) && marks++)));
      }
      expect(marks).toBe(byCell.size);
    });

    it("lists every finding on 校验结果, each linked to its cell or row", () => {
      const rows = resultRows(outParts, output);
      expect(rows.map((r) => r.rule)).toEqual(findings.map((f) => f.rule));
      expect(rows.map((r) => r.message)).toEqual(findings.map((f) => f.message));
      const sheets = sheetParts(outParts);
      rows.forEach((row, i) => {
        const f = findings[i]!;
        expect(row.sheet).toBe(f.sheet);
        if (!f.sheet) return expect(row.link).toBeNull();
        expect(row.link, `${i}`).not.toBeNull();
        const target = splitReference(row.link!);
        expect(sheets.has(target.sheet), row.link!).toBe(true);
        expect(target).toEqual({ sheet: f.sheet, cell: f.cell ?? (f.row !== null ? `A${f.row}` : "A1") });
      });
    });

    it("opens in exceljs with the results last and the clerk's sheets first", async () => {
      const wb = await loadExcelJs(output);
      const names = [...sheetParts(inParts).keys()];
      expect(wb.worksheets.map((w) => w.name).filter((n) => n !== RESULTS)).toEqual(names.filter((n) => wb.getWorksheet(n)));
      expect(wb.worksheets[wb.worksheets.length - 1]!.name).toBe(RESULTS);
    });

    it("keeps what the clerk had besides", async () => {
      await c.extra?.(inParts, outParts, findings);
    });

    it("gives the same copy when the copy is marked again", () => {
      const r = capexit(["validate", name, "--annotate", join("..", "c", name), "--format", "json"], { cwd: second });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).findings).toEqual(findings);
      expect(readFileSync(join(third, name)).equals(Buffer.from(output))).toBe(true);
    });
  });
}

describe.skipIf(!SOFFICE)("a marked copy in LibreOffice", () => {
  const dir = tempDir("capexit-annotate-lo-");
  let resaved: string;
  let findings: JsonFinding[];

  beforeAll(async () => {
    const input = join(dir, "hand.xlsx");
    writeFileSync(input, await handmadePackage());
    const r = capexit(["validate", input, "--annotate", join(dir, "marked.xlsx"), "--format", "json"]);
    findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    // one LibreOffice run: the copy to PDF, and the copy saved again as .xlsx
    mkdirSync(join(dir, "pdf"));
    mkdirSync(join(dir, "resaved"));
    await soffice([join(dir, "marked.xlsx")], join(dir, "pdf"), "pdf");
    await soffice([join(dir, "marked.xlsx")], join(dir, "resaved"), 'xlsx:Calc MS Excel 2007 XML');
    resaved = join(dir, "resaved", "marked.xlsx");
  }, 240_000);

  it("prints the clerk's sheets, the chart's sheet and 校验结果", () => {
    const pdf = join(dir, "pdf", "marked.pdf");
    expect(existsSync(pdf)).toBe(true);
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    if (text.status !== 0) return; // poppler absent: the PDF's existence is what can be checked
    expect(text.stdout).toContain("淘汰落后产能企业基本情况表");
    expect(text.stdout).toContain("校验结果：");
    for (const f of findings) if (f.cell) expect(text.stdout).toContain(f.cell);
  });

  it("marks a copy LibreOffice saved again without doubling anything", async () => {
    const again = join(dir, "again.xlsx");
    const r = capexit(["validate", resaved, "--annotate", again, "--format", "json"]);
    expect(r.code).toBe(1);
    const wb = await loadExcelJs(readFileSync(again));
    expect(wb.worksheets.filter((w) => w.name.startsWith(RESULTS)).map((w) => w.name)).toEqual([RESULTS]);
    const ws = wb.getWorksheet(PLANTED.sheet)!;
    for (const f of findings.filter((x) => x.cell && x.cell !== PLANTED.mergedSlave)) {
      expect(noteText(ws.getCell(f.cell!).note).split(MARK).length - 1, f.cell!).toBe(1);
    }
    expect(noteText(ws.getCell(PLANTED.badCode).note).startsWith(PLANTED.clerkNote)).toBe(true);
    expect(noteText(ws.getCell(PLANTED.otherNote).note)).toBe(PLANTED.otherNoteText);
    expect(resultRows(await partsOf(readFileSync(again)), readFileSync(again)).length).toBe(findings.length);
  });
});

describe("copying entries", () => {
  it("keeps a stored entry stored (the package's own choice of compression)", async () => {
    const dir = tempDir();
    const input = join(dir, "in.xlsx");
    writeFileSync(input, await handmadePackage());
    copyFileSync(input, join(dir, "keep.xlsx"));
    capexit(["validate", input, "--annotate", join(dir, "out.xlsx")]);
    const raw = compressedEntries(readFileSync(join(dir, "out.xlsx")));
    expect(raw.get("xl/media/image1.png")!.method).toBe(0);
    expect(raw.get("xl/styles.xml")!.method).toBe(8);
  });
});

describe("a package whose rows and cells carry no `r`", () => {
  it("is read with the same findings at the same cells, and marked there", async () => {
    const dir = tempDir("capexit-annotate-implicit-");
    const plain = join(dir, "plain.xlsx");
    const implicit = join(dir, "implicit.xlsx");
    writeFileSync(plain, await handmadePackage());
    writeFileSync(implicit, await handmadePackage({ implicitRefs: true }));
    const cells = (file: string) => {
      const r = capexit(["validate", file, "--annotate", `${file}.marked.xlsx`, "--format", "json"]);
      return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => [f.rule, f.sheet, f.cell]);
    };
    const found = cells(implicit);
    expect(found).toEqual(cells(plain));
    const marks = marksOf(readFileSync(`${implicit}.marked.xlsx`), "附表1");
    for (const [, sheet, cell] of found) if (sheet === "附表1" && cell) expect(marks.has(cell as string), cell as string).toBe(true);
  });
});
