// `capexit render` end to end: the built binary on real files in a temp folder.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRender } from "../src/cli/commands/render.js";
import { bundledFontFile, loadFace } from "../src/render/font.js";
import { drawnGlyphs } from "./fixtures/render/pdf-fonts.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/capexit.js");
const CEMENT = fileURLToPath(new URL("./fixtures/render/cement.yaml", import.meta.url));
const EXAMPLES = join(ROOT, "examples/随州市2024.xlsx");

let dir: string;

/** A TrueType collection of whole fonts: each font's table offsets moved by where it now starts. */
function makeCollection(fonts: Buffer[]): Buffer {
  const header = Buffer.alloc(12 + 4 * fonts.length);
  header.write("ttcf", 0, "latin1");
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  let at = header.length;
  const parts = fonts.map((f, i) => {
    const copy = Buffer.from(f);
    header.writeUInt32BE(at, 12 + 4 * i);
    for (let t = 0; t < copy.readUInt16BE(4); t++) copy.writeUInt32BE(copy.readUInt32BE(12 + t * 16 + 8) + at, 12 + t * 16 + 8);
    at += copy.length;
    return copy;
  });
  return Buffer.concat([header, ...parts]);
}

/** Runs the built binary without blocking the test worker (a blocked worker misses vitest's own messages). */
function capexit(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, CAPEXIT_LANG: "", ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/cli/main.js"))) execFileSync("npm", ["run", "build"], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), "capexit-render-"));
  // two enterprises of the same name in one unit: their files must not collide
  const one = readFileSync(CEMENT, "utf8");
  writeFileSync(join(dir, "two.yaml"), `${one}\n---\n${one.replace("91421321MA49XY2K1E", "91421321MA49XY3K1X").replace(/^#.*$/m, "")}`);
  writeFileSync(join(dir, "odd-name.yaml"), one.replace("name: 随县示例水泥有限公司", 'name: "../../逃逸/水泥:有限公司"'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("capexit render", () => {
  it("writes one PDF per enterprise into a folder, named by unit and enterprise, numbered on collision", async () => {
    const r = await capexit(["render", "annex2", "two.yaml", "-o", "forms", "--format", "json"]);
    expect(r.code).toBe(1); // the sample's codes do not all check out: the forms are made all the same
    expect(r.stderr).toMatch(/capexit validate/);
    const report = JSON.parse(r.stdout);
    expect(report.forms).toHaveLength(2);
    expect(readdirSync(join(dir, "forms")).sort()).toEqual(["随县_随县示例水泥有限公司_附表2(2).pdf", "随县_随县示例水泥有限公司_附表2.pdf"]);
    const pdf = readFileSync(join(dir, "forms/随县_随县示例水泥有限公司_附表2.pdf"));
    expect(pdf.length).toBeLessThan(200 * 1024);
    expect(pdf.toString("latin1")).toMatch(/\/Title/);
    const { pages, glyphs } = await drawnGlyphs(pdf);
    expect(pages).toBe(1);
    expect(glyphs.length).toBeGreaterThan(500);
  });

  it("names the file after the plan unit a department's 填报单位 belongs to", async () => {
    const one = readFileSync(CEMENT, "utf8").replace(/^county: .*$/m, "reportingUnit: 随县科经局");
    writeFileSync(join(dir, "dept.yaml"), one);
    const r = await capexit(["render", "annex2", "dept.yaml", "-o", "dept-out", "--format", "json"]);
    // the fixture's own faults (a permit without its revocation date) are not about the unit
    expect(JSON.parse(r.stdout).forms.map((f: { file: string }) => f.file)).toHaveLength(1);
    expect(readdirSync(join(dir, "dept-out"))).toEqual(["随县_随县示例水泥有限公司_附表2.pdf"]);
  });

  it("never overwrites without --force, and does with it", async () => {
    const before = statSync(join(dir, "forms/随县_随县示例水泥有限公司_附表2.pdf")).mtimeMs;
    const r = await capexit(["render", "annex2", "two.yaml", "-o", "forms"]);
    expect(r.code).toBe(2);
    expect(statSync(join(dir, "forms/随县_随县示例水泥有限公司_附表2.pdf")).mtimeMs).toBe(before);
    expect((await capexit(["render", "annex2", "two.yaml", "-o", "forms", "--force"])).code).toBe(1);
  });

  it("keeps a hostile enterprise name inside the output folder", async () => {
    await capexit(["render", "annex1", "odd-name.yaml", "-o", "odd"]);
    const files = readdirSync(join(dir, "odd"));
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/[/\\:]|\.\./);
    expect(existsSync(join(dir, "逃逸"))).toBe(false);
  });

  it("combines all forms into one PDF with -o FILE.pdf, byte for byte the same on a second run", async () => {
    const env = { SOURCE_DATE_EPOCH: "1733011200" };
    expect((await capexit(["render", "annex1", "two.yaml", "-o", "a.pdf"], env)).code).toBe(1);
    expect((await capexit(["render", "annex1", "two.yaml", "-o", "b.pdf"], env)).code).toBe(1);
    const a = readFileSync(join(dir, "a.pdf"));
    expect(a.equals(readFileSync(join(dir, "b.pdf")))).toBe(true);
    expect(a.toString("latin1")).toContain("/CreationDate (D:20241201000000Z)");
  });

  it("prints blank forms with --blank", async () => {
    const r = await capexit(["render", "annex2", "--blank", "-o", "blank.pdf"]);
    expect(r.code).toBe(0);
    const { glyphs } = await drawnGlyphs(readFileSync(join(dir, "blank.pdf")));
    const text = glyphs.map((g) => g.font.toUnicode.get(g.gid)).join("");
    expect(text).toContain("验收意见");
    expect(text).not.toContain("随县");
  });

  it("renders the examples workbook", async () => {
    if (!existsSync(EXAMPLES)) return;
    const r = await capexit(["render", "annex2", EXAMPLES, "-o", "examples", "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.forms.length).toBeGreaterThanOrEqual(4);
    for (const f of report.forms) {
      expect(f.pages).toBe(1);
      expect(f.bytes).toBeLessThan(200 * 1024);
    }
  });

  it("takes a user's font, and refuses a face a file does not have", async () => {
    copyFileSync(bundledFontFile("bold"), join(dir, "my#font.ttf"));
    expect((await capexit(["render", "annex1", CEMENT, "-o", "own.pdf", "--font", "my#font.ttf"])).code).toBe(1);
    const r = await capexit(["render", "annex1", CEMENT, "-o", "own2.pdf", "--font", "my#font.ttf#3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/3/);
    expect((await capexit(["render", "annex1", CEMENT, "-o", "own3.pdf", "--font", "two.yaml"])).code).toBe(2);
  });

  it("takes a face of a font collection with FILE.ttc#N", async () => {
    writeFileSync(join(dir, "pair.ttc"), makeCollection([readFileSync(bundledFontFile("regular")), readFileSync(bundledFontFile("bold"))]));
    expect((await capexit(["render", "annex2", CEMENT, "-o", "ttc.pdf", "--font", "pair.ttc#1"])).code).toBe(1);
    const { fonts } = await drawnGlyphs(readFileSync(join(dir, "ttc.pdf")));
    expect(fonts.map((f) => f.baseFont)).toEqual([expect.stringMatching(/\+NotoSerifSC-Bold$/)]);
    expect((await capexit(["render", "annex2", CEMENT, "-o", "ttc2.pdf", "--font", "pair.ttc#2"])).code).toBe(2);
  });

  it("shows progress on stderr only when it is a terminal", async () => {
    const sink = (isTTY: boolean) => {
      const chunks: string[] = [];
      return { isTTY, chunks, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY: boolean; chunks: string[] };
    };
    for (const tty of [true, false]) {
      const stderr = sink(tty);
      const stdout = sink(false);
      const code = await runRender(
        { form: "annex1", files: [join(dir, "two.yaml")], output: join(dir, `progress-${tty}`), blank: false, force: false, recursive: false, format: "human", lang: "zh-CN", plan: async () => (await import("../src/plan/load.js")).loadPlan() },
        { stdout, stderr },
      );
      expect(code).toBe(1);
      expect(stderr.chunks.join("").includes("\r")).toBe(tty);
      expect(stdout.chunks.join("")).not.toContain("\r");
    }
  });

  it("refuses a font without Chinese in one sentence, exit 2, before writing anything", async () => {
    const face = await loadFace(readFileSync(bundledFontFile("regular")));
    writeFileSync(join(dir, "latin.ttf"), face.subset(Array.from({ length: 95 }, (_, i) => 32 + i)));
    for (const args of [["render", "annex2", CEMENT, "-o", "latin.pdf"], ["render", "annex1", "--blank", "-o", "latin-blank.pdf"]]) {
      const r = await capexit([...args, "--font", "latin.ttf"]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("latin.ttf");
      expect(existsSync(join(dir, args[args.length - 1]!))).toBe(false);
    }
  });

  it("sums up a few characters the font lacks in one line, exit 1", async () => {
    const face = await loadFace(readFileSync(bundledFontFile("regular")));
    const keep = new Set<number>();
    const texts = [readFileSync(join(ROOT, "templates/forms/annex2.yaml"), "utf8"), readFileSync(CEMENT, "utf8"), "0123456789年月日是否通过不〓□✓第页共"];
    for (const ch of texts.join("")) if (ch !== "泥" && ch !== "厉") keep.add(ch.codePointAt(0)!);
    writeFileSync(join(dir, "almost.ttf"), face.subset(keep));
    const human = await capexit(["render", "annex2", CEMENT, "-o", "almost.pdf", "--font", "almost.ttf"]);
    expect(human.code).toBe(1);
    const lines = human.stderr.trim().split("\n");
    const summary = lines.filter((l) => l.includes("〓"));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/泥/);
    expect(summary[0]).toMatch(/厉/);
    expect(summary[0]).toContain("随县示例水泥有限公司");
    expect(lines).toHaveLength(2); // and the input-errors line
    const json = await capexit(["render", "annex2", CEMENT, "-o", "almost2.pdf", "--font", "almost.ttf", "--format", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).missingCharacters.sort()).toEqual(["厉", "泥"]);
  });

  it("says how many Annex 2 forms have no acceptance data yet, printed with the particulars only", async () => {
    writeFileSync(join(dir, "no-acceptance.yaml"), readFileSync(CEMENT, "utf8").replace(/\nacceptance:[\s\S]*$/, "\n"));
    const r = await capexit(["render", "annex2", "no-acceptance.yaml", CEMENT, "-o", "pending", "--format", "json"]);
    expect(JSON.parse(r.stdout).identityOnly).toBe(1);
    expect(r.stderr).toMatch(/^capexit: 1 家企业尚无验收数据，已印出仅含企业基本情况的验收意见表$/m);
    const one = await capexit(["render", "annex1", "no-acceptance.yaml", "-o", "pending1"]);
    expect(one.stderr).not.toMatch(/尚无/);
  });

  it("explains a missing -o, an unknown form and a bad SOURCE_DATE_EPOCH in one sentence, exit 2", async () => {
    for (const args of [["render", "annex2", CEMENT], ["render", "annex9", CEMENT, "-o", "x"]]) {
      const r = await capexit(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect((await capexit(["render", "annex2", CEMENT, "-o", "y.pdf"], { SOURCE_DATE_EPOCH: "yesterday" })).code).toBe(2);
  });
});
