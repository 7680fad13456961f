// `capexit notice` as a clerk runs it, on the examples (the workbook and the
// YAML folder), in every format. Public data only, tested two ways: no private
// value of the records appears in any output's text, and the outputs made from
// copies of the examples with every private cell and key removed are the same.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { inflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from "pdf-lib";
import { SaxesParser } from "saxes";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { ANNEX1, ANNEX2 } from "../src/model/sheets.js";
import { normaliseLabel } from "../src/values/text.js";
import { BIN, ROOT, tempDir, type RunResult } from "./support/run.js";

const WORKBOOK = join(ROOT, "examples", "随州市2024.xlsx");
const YAML_DIR = join(ROOT, "examples", "yaml");
const FORMATS = ["pdf", "xlsx", "docx", "md"] as const;
type Format = (typeof FORMATS)[number];
const ARGS = ["--from", "2024-12-02", "--contact", "电话 0722-3226789", "--as-of", "2024-12-20"];

/** The list: people and phones, staff, assets, debts and receivables, acceptance opinions. */
const PRIVATE_PATHS = new Set([
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
]);

/**
 * The built binary, run as a user runs it, without blocking this worker: a
 * notice in PDF takes seconds, and several in a row on a busy machine would
 * hold up the test runner's own messages past its time-out.
 */
function capexit(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

let dir: string;
/** private values as the files hold them, read without capexit's reader */
const privateTexts = new Set<string>();
const privateNumbers = new Set<number>();

function note(v: unknown): void {
  if (typeof v === "number") privateNumbers.add(v);
  // a one-character value (无) says nothing about anyone, and is in many a name
  else if (typeof v === "string" && [...v.trim()].length > 1) privateTexts.add(v.trim());
}

/** The YAML examples without their private keys; their values noted on the way. */
function stripYaml(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const records = parse(readFileSync(join(from, name), "utf8")) as Record<string, unknown>[];
    for (const r of records) {
      for (const path of PRIVATE_PATHS) {
        const keys = path.split(".");
        let parent: unknown = r;
        for (const k of keys.slice(0, -1)) parent = parent && typeof parent === "object" ? (parent as Record<string, unknown>)[k] : undefined;
        if (parent && typeof parent === "object") {
          note((parent as Record<string, unknown>)[keys.at(-1)!]);
          delete (parent as Record<string, unknown>)[keys.at(-1)!];
        }
      }
    }
    writeFileSync(join(to, name), stringify(records));
  }
}

/** The workbook with every private column's cells emptied (found by their labels); their values noted on the way. */
async function stripWorkbook(from: string, to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  for (const spec of [ANNEX1, ANNEX2]) {
    const labels = new Map<string, string>();
    for (const c of spec.columns) for (const l of [c.label, ...(c.aliases ?? [])]) labels.set(normaliseLabel(l), c.path);
    const ws = wb.getWorksheet(spec.name)!;
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && (row.values as unknown[]).some((v) => typeof v === "string" && normaliseLabel(v) === "统一社会信用代码")) header = r;
    });
    expect(header).toBeGreaterThan(0);
    (ws.getRow(header).values as unknown[]).forEach((label, col) => {
      if (typeof label !== "string" || !PRIVATE_PATHS.has(labels.get(normaliseLabel(label)) ?? "")) return;
      for (let r = header + 1; r <= ws.rowCount; r++) {
        const cell = ws.getCell(r, col);
        note(cell.value);
        cell.value = null;
      }
    });
  }
  await wb.xlsx.writeFile(to);
}

function deref(doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? doc.context.lookup(o) : o;
}

function streamText(doc: PDFDocument, o: PDFObject | undefined): string {
  const s = deref(doc, o) as PDFRawStream;
  return Buffer.from(s.dict.get(PDFName.of("Filter")) ? inflateSync(s.contents) : s.contents).toString("latin1");
}

/** What a PDF of ours shows, one string per text-showing operator, through each font's ToUnicode map. */
async function pdfRuns(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const runs: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = new Map<string, Map<number, string>>();
    const resources = deref(doc, page.node.get(PDFName.of("Resources"))) as PDFDict;
    for (const [name, ref] of (deref(doc, resources.get(PDFName.of("Font"))) as PDFDict).entries()) {
      const cmap = new Map<number, string>();
      const text = streamText(doc, (deref(doc, ref) as PDFDict).get(PDFName.of("ToUnicode")));
      for (const m of text.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)) cmap.set(parseInt(m[1]!, 16), String.fromCharCode(...m[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16))));
      fonts.set(name.asString(), cmap);
    }
    let font = new Map<number, string>();
    for (const m of streamText(doc, page.node.get(PDFName.of("Contents"))).matchAll(/(\/\w+) [\d.]+ Tf|<([0-9a-f]*)> Tj/gi)) {
      if (m[1]) font = fonts.get(m[1])!;
      else runs.push((m[2]!.match(/.{4}/g) ?? []).map((h) => font.get(parseInt(h, 16)) ?? "\uFFFD").join(""));
    }
  }
  return runs;
}

/** The text of each paragraph of a Word package's body, read with an XML parser. */
async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  const out: string[] = [];
  let paragraph: string | null = null;
  let inText = false;
  const parser = new SaxesParser();
  parser.on("opentag", (t) => {
    if (t.name === "w:p") paragraph = "";
    inText = t.name === "w:t";
  });
  parser.on("text", (s) => {
    if (inText && paragraph !== null) paragraph += s;
  });
  parser.on("closetag", (t) => {
    if (t.name === "w:t") inText = false;
    if (t.name === "w:p" && paragraph !== null) out.push(paragraph);
    if (t.name === "w:p") paragraph = null;
  });
  parser.write(xml).close();
  return out;
}

async function xlsxCells(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

/** The pieces of text an output shows: table cells, paragraphs, lines. */
async function pieces(format: Format, file: string): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(file));
  if (format === "pdf") return pdfRuns(bytes);
  if (format === "docx") return docxParagraphs(bytes);
  if (format === "xlsx") return xlsxCells(bytes);
  return readFileSync(file, "utf8").split("\n").flatMap((line) => line.split("|").map((s) => s.trim()));
}

/** What must stay the same when the private fields go: the parts that carry content (not the package's timestamps). */
async function content(format: Format, file: string): Promise<string> {
  const bytes = readFileSync(file);
  if (format === "pdf" || format === "md") return bytes.toString("base64");
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files)
    .filter((n) => !n.startsWith("docProps/") && !zip.files[n]!.dir)
    .sort();
  return (await Promise.all(parts.map(async (n) => `${n}\n${await zip.file(n)!.async("string")}`))).join("\n");
}

beforeAll(async () => {
  dir = tempDir("capexit-notice-");
  stripYaml(YAML_DIR, join(dir, "stripped", "yaml"));
  await stripWorkbook(WORKBOOK, join(dir, "stripped", "随州市2024.xlsx"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INPUTS = [
  ["the workbook", WORKBOOK, () => join(dir, "stripped", "随州市2024.xlsx")],
  ["the YAML folder", YAML_DIR, () => join(dir, "stripped", "yaml")],
] as const;

/** Each notice is made once and looked at by several tests. */
const made = new Map<string, Promise<RunResult & { file: string }>>();
function notice(input: string, format: Format, name: string): Promise<RunResult & { file: string }> {
  const key = `${input}\n${format}`;
  let m = made.get(key);
  if (!m) {
    const file = join(dir, name, `公示.${format}`);
    m = capexit(["notice", input, ...ARGS, "-o", file]).then((r) => ({ file, ...r }));
    made.set(key, m);
  }
  return m;
}

describe.each(INPUTS)("capexit notice on %s", (label, input, stripped) => {
  const tag = label === "the workbook" ? "xlsx-in" : "yaml-in";

  it("found private values in the examples to look for", async () => {
    expect(privateTexts.size).toBeGreaterThan(30);
    expect(privateNumbers.size).toBeGreaterThan(20);
    for (const v of ["孙示例", "13907220201", "0722-4567891"]) expect(privateTexts.has(v)).toBe(true);
  });

  it.each(FORMATS)("writes .%s with the list, the 公示期 and the signature, and no private value", async (format) => {
    const r = await notice(input, format, tag);
    const out = r.file;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(statSync(out).size).toBeGreaterThan(500);

    const shown = await pieces(format, out);
    const text = shown.join("\n");
    expect(text).toContain("随州市2024年淘汰落后产能企业（生产线）公示名单");
    expect(text).toContain("随经信发〔2024〕2号");
    expect(text).toContain("随县示例水泥有限公司");
    expect(text).toContain("91421321MA4001P57G");
    expect(text).toContain("Φ2.4×10m水泥磨 1台");
    expect(text).toContain("2024年12月2日至2024年12月8日");
    expect(text).toContain("电话 0722-3226789");
    expect(text).toContain("已验收");
    expect(text).toContain("未停产");
    for (const v of privateTexts) expect([v, text.includes(v)]).toEqual([v, false]);
    // numbers: the only bare numbers shown are the 序号 1…N (capacities carry their unit), and no cell
    // shows a staff count, an asset or a debt, bare or with its unit
    const cells = shown.map((s) => s.trim());
    const rows = Number(/共\d+家企业、(\d+)项/.exec(text)![1]);
    const bare = cells.filter((c) => /^\d+(\.\d+)?$/.test(c)).map(Number);
    expect([...new Set(bare)].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
    for (const n of privateNumbers) for (const unit of ["人", "万元"]) expect([n, cells.includes(`${n}${unit}`)]).toEqual([n, false]);
  });

  it.each(FORMATS)("writes the same .%s from a copy without any private cell or key", async (format) => {
    const a = await notice(input, format, tag);
    const b = await notice(stripped(), format, `${tag}-stripped`);
    expect(a.code).toBe(0);
    // the copy lacks what validation asks for (opinions, staff): it still makes its notice, and exits 1 for the errors
    expect(b.code).toBeLessThanOrEqual(1);
    expect(await content(format, b.file)).toBe(await content(format, a.file));
  });
});

/** python-docx and openpyxl, when this machine has them: a second reader of the Word and Excel files. */
const PYTHON = "/usr/bin/python3";
const hasPythonReaders = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import docx, openpyxl"]).status === 0;

describe.skipIf(!hasPythonReaders)("the Word and Excel files, read by python-docx and openpyxl", () => {
  it("opens the .docx: landscape, one table whose two header rows repeat, the title first", async () => {
    const file = (await notice(WORKBOOK, "docx", "xlsx-in")).file;
    const script = [
      "import docx, json, sys",
      "d = docx.Document(sys.argv[1])",
      "s = d.sections[0]",
      "t = d.tables[0]",
      "W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'",
      "repeat = [r._tr.trPr is not None and r._tr.trPr.find(W + 'tblHeader') is not None for r in t.rows]",
      "print(json.dumps({'landscape': int(s.orientation) == 1, 'wide': s.page_width > s.page_height, 'rows': len(t.rows), 'repeat': repeat, 'first': d.paragraphs[0].text, 'head': [c.text for c in t.rows[0].cells]}))",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", script, file], { encoding: "utf8" });
    const got = JSON.parse(r.stdout);
    expect(got).toMatchObject({ landscape: true, wide: true, rows: 15, first: "随州市2024年淘汰落后产能企业（生产线）公示名单" });
    expect(got.repeat).toEqual([true, true, ...Array(13).fill(false)]);
    expect(got.head.slice(0, 4)).toEqual(["序号", "县市区", "企业名称", "统一社会信用代码"]);
  });

  it("opens the .xlsx: header frozen and printed on every page, A4 landscape", async () => {
    const file = (await notice(WORKBOOK, "xlsx", "xlsx-in")).file;
    const script = [
      "import openpyxl, json, sys",
      "ws = openpyxl.load_workbook(sys.argv[1]).active",
      "print(json.dumps({'freeze': ws.freeze_panes, 'titles': ws.print_title_rows, 'orientation': ws.page_setup.orientation, 'paper': int(ws.page_setup.paperSize), 'head': ws.cell(4, 1).value}))",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", script, file], { encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toEqual({ freeze: "A6", titles: "$4:$5", orientation: "landscape", paper: 9, head: "序号" });
  });
});

describe("capexit notice: files and options", () => {
  it("gives the same PDF twice, and the same list from the workbook as from the YAML", async () => {
    const a = (await notice(WORKBOOK, "pdf", "xlsx-in")).file;
    const again = join(dir, "twice", "公示.pdf");
    expect((await capexit(["notice", WORKBOOK, ...ARGS, "-o", again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(a))).toBe(true);
    expect(await pdfRuns(readFileSync((await notice(YAML_DIR, "pdf", "yaml-in")).file))).toEqual(await pdfRuns(readFileSync(a)));
  });

  it("prints the Markdown without -o; no progress line when stderr is not a terminal", async () => {
    const r = await capexit(["notice", WORKBOOK, "--from", "2024-12-02", "--days", "10"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# 随州市2024年淘汰落后产能企业（生产线）公示名单\n/);
    expect(r.stdout).toContain("公示期为2024年12月2日至2024年12月11日（共10天）");
    expect(r.stdout).not.toContain("当前进展");
    // no --contact: one warning, and nothing else
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^capexit: 未用 --contact/)]);
    expect(r.stderr).not.toContain("\r");
  });

  it("says what it is doing on a terminal, and clears the line before anything else is said", async () => {
    const sink = (isTTY: boolean) => {
      const chunks: string[] = [];
      return { chunks, stream: Object.assign(new PassThrough(), { isTTY }).on("data", (c: Buffer) => chunks.push(c.toString())) };
    };
    const [out, err] = [sink(false), sink(true)];
    const file = join(dir, "tty", "公示.md");
    expect(await run(["node", "capexit", "notice", WORKBOOK, "-o", file, "--contact", "x"], { stdout: out.stream, stderr: err.stream })).toBe(0);
    expect(err.chunks).toEqual(["\r\u001b[K正在读取输入……", "\r\u001b[K", "\r\u001b[K正在生成 " + file + "（13 行）……", "\r\u001b[K"]);
    expect(out.chunks.join("")).toBe(`已写出公示名单：${file}（8 家企业、13 项）\n`);
    // a refusal after the reading: the line is cleared, then the one sentence
    const [out2, err2] = [sink(false), sink(true)];
    expect(await run(["node", "capexit", "notice", WORKBOOK, WORKBOOK, "--contact", "x"], { stdout: out2.stream, stderr: err2.stream })).toBe(2);
    expect(err2.chunks.slice(0, 2)).toEqual(["\r\u001b[K正在读取输入……", "\r\u001b[K"]);
    expect(err2.chunks.slice(2).join("")).toMatch(/^capexit: 同一企业（统一社会信用代码 \w+）填报了两次/);
  });

  it("takes --title, --area, --issuer, --date and --to", async () => {
    const r = await capexit(["notice", join(YAML_DIR, "随县.yaml"), "--area", "随县", "--issuer", "随县科技和经济信息化局", "--from", "2024年12月2日", "--to", "2024.12.13", "--date", "20241129", "--contact", "电话 0722-4221000"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("# 随县2024年淘汰落后产能企业（生产线）公示名单");
    expect(r.stdout).toContain("现将随县列入2024年淘汰计划");
    expect(r.stdout).toContain("2024年12月2日至2024年12月13日（共12天）");
    expect(r.stdout).toMatch(/随县科技和经济信息化局\\\n2024年11月29日\n$/);
    const titled = await capexit(["notice", YAML_DIR, "--title", "关于2024年淘汰落后产能企业名单的公示", "--contact", "电话 0722-3226789"]);
    expect(titled.stdout.split("\n")[0]).toBe("# 关于2024年淘汰落后产能企业名单的公示");
  });

  it("never overwrites without --force, and writes nothing when it refuses", async () => {
    const out = join(dir, "force", "公示.md");
    mkdirSync(join(dir, "force"), { recursive: true });
    writeFileSync(out, "已有的文件");
    const r = await capexit(["notice", WORKBOOK, "-o", out, "--contact", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capexit: 输出文件已存在：.*公示\.md（如需覆盖请加 --force）\n$/);
    expect(readFileSync(out, "utf8")).toBe("已有的文件");
    expect((await capexit(["notice", WORKBOOK, "-o", out, "--contact", "x", "--force"])).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("公示名单");
    expect(readdirSync(join(dir, "force"))).toEqual(["公示.md"]);
  });

  it("never writes over an input, even with --force", async () => {
    const input = join(dir, "input", "随州市2024.xlsx");
    mkdirSync(join(dir, "input"), { recursive: true });
    writeFileSync(input, readFileSync(WORKBOOK));
    for (const given of [input, join(dir, "input")]) {
      const r = await capexit(["notice", given, "-o", input, "--force", "--contact", "x"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`capexit: 公示文件不能写在输入文件上：${input}\n`);
    }
    expect(readFileSync(input).equals(readFileSync(WORKBOOK))).toBe(true);
  });

  it.each([
    ["an output of another kind", ["-o", "公示.txt"], /应以 \.pdf、\.xlsx、\.docx 或 \.md 结尾/],
    ["--days with --to", ["--days", "7", "--to", "2024-12-20"], /--days 与 --to 只能选用一个/],
    ["a last day before the first", ["--from", "2024-12-10", "--to", "2024-12-01"], /公示截止日期 2024-12-01 早于开始日期 2024-12-10/],
    ["a date that is none", ["--from", "2024-13-01"], /--from 的值“2024-13-01”不是有效日期/],
    ["no days", ["--days", "0"], /--days 的值“0”应为 1 至 365 的整天数/],
    ["days that are not a number", ["--days", "一周"], /--days 的值“一周”/],
    ["a bad --as-of", ["--as-of", "明天"], /--as-of/],
  ])("refuses %s in one sentence, exit 2", async (_, args, message) => {
    const r = await capexit(["notice", WORKBOOK, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js|Error:/);
  });

  it("refuses an enterprise entered twice, naming both places", async () => {
    const r = await capexit(["notice", join(YAML_DIR, "随县.yaml"), WORKBOOK]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capexit: 同一企业（统一社会信用代码 91421321MA4001P57G）填报了两次：.*随县\.yaml 第\d+行 和 .*随州市2024\.xlsx 附表1 第\d+行/);
  });

  it("refuses a file without records, and a missing file", async () => {
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "[]\n");
    expect((await capexit(["notice", empty])).stderr).toBe("capexit: 输入中没有企业记录，未生成公示名单\n");
    expect((await capexit(["notice", join(dir, "无此文件.xlsx")])).code).toBe(2);
  });

  it("makes the notice from input with errors, says so, and exits 1", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(join(YAML_DIR, "随县.yaml"), "utf8").replace("91421321MA4001P65B", "91421321MA4001P65X"));
    const out = join(dir, "bad.md");
    const r = await capexit(["notice", bad, "-o", out, "--contact", "x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^capexit: 输入中有 1 个错误/);
    expect(existsSync(out)).toBe(true);
  });

  it("speaks English with --lang en", async () => {
    const r = await capexit(["notice", WORKBOOK, "--lang", "en", "--from", "2024-12-02", "--contact", "tel. 0722-3226789", "--as-of", "2024-12-20"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("public notice");
    expect(r.stdout).toContain("| No. | County | Enterprise | USCC |");
    expect((await capexit(["notice", WORKBOOK, "--lang", "en", "--days", "x"])).stderr).toMatch(/^capexit: --days “x” should be a whole number/);
  });

  it("is listed in --help, with its options", async () => {
    const r = await capexit(["--help", "--lang", "en"]);
    expect(r.stdout).toMatch(/notice \[options\] <files\.\.\.>/);
    const own = await capexit(["notice", "--help"]);
    expect(own.code).toBe(0);
    for (const o of ["--title", "--from", "--days", "--to", "--contact", "--issuer", "--as-of", "--force"]) expect(own.stdout).toContain(o);
  });
});
