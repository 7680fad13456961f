// `capexit render --format docx` end to end: the built binary on the examples,
// into a folder and into one document; never over a file without --force; the
// same bytes twice. Where LibreOffice is installed, the documents are opened
// in it and turned into PDF: each form takes the pages it should and shows its
// text (skipped cleanly without soffice or poppler).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { all, docxPart, tables } from "./fixtures/render/docx-xml.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/capexit.js");
const XLSX = join(ROOT, "examples/随州市2024.xlsx");
const YAML = join(ROOT, "examples/yaml");
const CEMENT = fileURLToPath(new URL("./fixtures/render/cement.yaml", import.meta.url));

let dir: string;

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: dir, env: { ...process.env, CAPEXIT_LANG: "", ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

const capexit = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [BIN, ...args], env);

function has(tool: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/cli/main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), "capexit-docx-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("capexit render --format docx", () => {
  it("writes one .docx per enterprise of the examples workbook, named as the PDFs are", async () => {
    const r = await capexit(["render", "annex2", XLSX, "-o", "word", "--format", "docx,json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.kind).toBe("docx");
    expect(report.forms.length).toBeGreaterThanOrEqual(4);
    const pdf = await capexit(["render", "annex2", XLSX, "-o", "pdf", "--format", "json"]);
    expect(pdf.code).toBe(0);
    const names = (d: string) => readdirSync(join(dir, d)).map((f) => f.replace(/\.(pdf|docx)$/, "")).sort();
    expect(names("word")).toEqual(names("pdf"));
    expect(readdirSync(join(dir, "word")).every((f) => f.endsWith(".docx"))).toBe(true);
    for (const f of report.forms) {
      expect(f.pages).toBeNull();
      const bytes = readFileSync(f.file);
      expect(bytes.length).toBe(f.bytes);
      const doc = await docxPart(bytes, "word/document.xml");
      const [table] = tables(doc);
      const cells = table!.rows.flatMap((row) => row.cells);
      expect(cells.find((c) => c.text === "企业名称")).toBeDefined();
      expect(cells.some((c) => c.text === f.name)).toBe(true);
    }
  });

  it("puts the YAML examples into one document with -o FILE.docx, a section a form, the same bytes on a second run", async () => {
    const env = { SOURCE_DATE_EPOCH: "1733011200" };
    const a = await capexit(["render", "annex1", YAML, "-o", "all-a.docx", "--format", "json"], env);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.combined).toBe(true);
    expect(report.kind).toBe("docx");
    expect((await capexit(["render", "annex1", YAML, "-o", "all-b.docx"], env)).code).toBe(0);
    const bytes = readFileSync(join(dir, "all-a.docx"));
    expect(bytes.equals(readFileSync(join(dir, "all-b.docx")))).toBe(true);
    const doc = await docxPart(bytes, "word/document.xml");
    expect(tables(doc)).toHaveLength(report.forms.length);
    expect(all(doc, "w:sectPr")).toHaveLength(report.forms.length);
    const names = tables(doc).map((t) => t.rows[0]!.cells[1]!.text);
    expect(names).toEqual(report.forms.map((f: { name: string }) => f.name));
    expect(all(await docxPart(bytes, "docProps/core.xml"), "dcterms:created")[0]!.text).toBe("2024-12-01T00:00:00Z");
  });

  it("never overwrites without --force, and does with it", async () => {
    expect((await capexit(["render", "annex2", CEMENT, "-o", "one.docx"])).code).toBe(1);
    const before = statSync(join(dir, "one.docx")).mtimeMs;
    const again = await capexit(["render", "annex2", CEMENT, "-o", "one.docx"]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(statSync(join(dir, "one.docx")).mtimeMs).toBe(before);
    mkdirSync(join(dir, "folder"));
    expect((await capexit(["render", "annex2", CEMENT, "-o", "folder", "--format", "docx"])).code).toBe(1);
    expect((await capexit(["render", "annex2", CEMENT, "-o", "folder", "--format", "docx"])).code).toBe(2);
    expect((await capexit(["render", "annex2", CEMENT, "-o", "folder", "--format", "docx", "--force"])).code).toBe(1);
    expect((await capexit(["render", "annex2", CEMENT, "-o", "one.docx", "--force"])).code).toBe(1);
  });

  it("writes blank forms with --blank", async () => {
    const r = await capexit(["render", "annex1", "--blank", "-o", "blank.docx"]);
    expect(r.code).toBe(0);
    const [table] = tables(await docxPart(readFileSync(join(dir, "blank.docx")), "word/document.xml"));
    expect(table!.rows[0]!.cells.map((c) => c.text)).toEqual(["企业名称", "", "建厂时间", ""]);
  });

  it("explains a kind that contradicts -o, two kinds, and --font with Word in one sentence, exit 2", async () => {
    for (const args of [
      ["render", "annex1", CEMENT, "-o", "x.pdf", "--format", "docx"],
      ["render", "annex1", CEMENT, "-o", "x", "--format", "pdf,docx"],
      ["render", "annex1", CEMENT, "-o", "x.docx", "--font", "some.ttf"],
    ]) {
      const r = await capexit(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(join(dir, "x.pdf")) || existsSync(join(dir, "x.docx")) || existsSync(join(dir, "x"))).toBe(false);
    }
  });

  it("says in --help how the kind of file and the report share --format", async () => {
    const r = await capexit(["render", "--help"]);
    expect(r.stdout).toMatch(/docx/);
    expect(r.stdout).toMatch(/docx,json/);
  });
});

const pythonDocx = existsSync("/usr/bin/python3") && (() => {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import docx"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!pythonDocx)("the Word forms read by python-docx", () => {
  it("opens the document and finds the table, its merged cells and the document's properties", async () => {
    expect((await capexit(["render", "annex2", CEMENT, "-o", "py.docx"], { SOURCE_DATE_EPOCH: "1733011200" })).code).toBe(1);
    const script = [
      "import docx, json, sys",
      "d = docx.Document(sys.argv[1])",
      "t = d.tables[0]",
      "print(json.dumps({'tables': len(d.tables), 'rows': len(t.rows), 'columns': len(t.columns), 'name': [c.text for c in t.rows[1].cells], 'title': d.core_properties.title, 'created': str(d.core_properties.created), 'width': round(d.sections[0].page_width.mm)}))",
    ].join("\n");
    const r = await run("/usr/bin/python3", ["-c", script, join(dir, "py.docx")]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      tables: 1,
      rows: 21,
      columns: 6,
      // python-docx gives a merged cell once for each grid column it covers
      name: ["企业名称", "随县示例水泥有限公司", "随县示例水泥有限公司", "企业地址", "随县厉山镇工业园区", "随县厉山镇工业园区"],
      title: "淘汰落后产能验收意见表—随县示例水泥有限公司",
      created: "2024-12-01 00:00:00",
      width: 210,
    });
  });
});

const office = has("soffice") && has("pdftotext") && has("pdfinfo");

describe.skipIf(!office)("the Word forms opened in LibreOffice", () => {
  let pdfs: string;
  beforeAll(async () => {
    // LibreOffice sets 宋体 in whatever Chinese font it finds: point it at the bundled one
    const fonts = join(ROOT, "node_modules/@expo-google-fonts/noto-serif-sc");
    const conf = join(dir, "fonts.conf");
    writeFileSync(
      conf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
        `<dir>${fonts}/400Regular</dir><dir>${fonts}/700Bold</dir><cachedir>${join(dir, "fc-cache")}</cachedir>` +
        `<alias binding="same"><family>宋体</family><prefer><family>Noto Serif SC</family></prefer></alias></fontconfig>`,
    );
    mkdirSync(join(dir, "lo"));
    // four equipment items: the rows give up room so the form stays on one page, as the PDF's does
    const item = (i: number) => `  - { name: 第${i}号Φ2.6×13m水泥磨, designCapacity: ${i}, quantity: 1, removedOn: 2024-11-2${i} }\n`;
    const cement = readFileSync(CEMENT, "utf8");
    const four = cement.slice(0, cement.indexOf("equipment:")) + "equipment:\n" + [1, 2, 3, 4].map(item).join("") + cement.slice(cement.indexOf("rectification:"));
    writeFileSync(join(dir, "four.yaml"), four);
    await capexit(["render", "annex1", "four.yaml", "-o", "lo/annex1-four.docx"]);
    await capexit(["render", "annex2", XLSX, "-o", "lo/examples-annex2.docx"]);
    await capexit(["render", "annex1", XLSX, "-o", "lo/examples-annex1.docx"]);
    await capexit(["render", "annex1", CEMENT, "-o", "lo/annex1.docx"]);
    await capexit(["render", "annex2", CEMENT, "-o", "lo/annex2.docx"]);
    await capexit(["render", "annex2", "--blank", "-o", "lo/annex2-blank.docx"]);
    pdfs = join(dir, "lo-pdf");
    const files = readdirSync(join(dir, "lo")).map((f) => join(dir, "lo", f));
    const r = await run("soffice", [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--convert-to", "pdf", "--outdir", pdfs, ...files], { FONTCONFIG_FILE: conf });
    if (r.code !== 0) throw new Error(r.stderr);
  }, 180_000);

  it("lays every example form, and one with four equipment items, on a page of its own", async () => {
    for (const name of ["examples-annex1", "examples-annex2"]) {
      const forms = all(await docxPart(readFileSync(join(dir, "lo", `${name}.docx`)), "word/document.xml"), "w:tbl").length;
      expect(forms).toBeGreaterThanOrEqual(8);
      expect((await run("pdfinfo", [join(pdfs, `${name}.pdf`)])).stdout, name).toMatch(new RegExp(`Pages:\\s+${forms}\\n`));
    }
    expect((await run("pdfinfo", [join(pdfs, "annex1-four.pdf")])).stdout).toMatch(/Pages:\s+1\n/);
  });

  it("shows each form on one page, with its labels and values", async () => {
    for (const name of ["annex1", "annex2", "annex2-blank"]) {
      const pdf = join(pdfs, `${name}.pdf`);
      const info = await run("pdfinfo", [pdf]);
      expect(info.stdout, name).toMatch(/Pages:\s+1\n/);
      const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout.replace(/[ \t]+/g, "");
      expect(text, basename(pdf)).toContain(name === "annex1" ? "淘汰落后产能企业基本情况表" : "淘汰落后产能验收意见表");
      if (name === "annex1") {
        for (const s of ["随县示例水泥有限公司", "91421321MA49XY2K1E", "在岗职工人数120人", "资产总额5000（万元）"]) expect(text).toContain(s);
      }
      if (name === "annex2") for (const s of ["验收结论：通过", "（签字）", "2024年11月28日"]) expect(text).toContain(s);
      if (name === "annex2-blank") expect(text).toContain("（注明单位）");
    }
  });
});

