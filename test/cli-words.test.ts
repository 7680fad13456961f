// One language on the command line: --help, --lang, and refusals as JSON (issue 15).
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capexitAsync as capexit } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";

const EXAMPLE = join(ROOT, "examples", "随州市2024.xlsx");
const COMMANDS = ["validate", "template", "schema", "check", "summarize", "render", "notice", "collect"];
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** commander's own words, which must not reach a Chinese reader */
const FRAME = /Usage|Options|Commands|Arguments|display help|output the version|default:|choices:|\[options\]|\[command\]|<files|<file>|<date>|<form>/;

describe("--help speaks one language", () => {
  const helps = (extra: string[], env: Record<string, string> = {}) =>
    Promise.all([[], ...COMMANDS.map((c) => [c])].map(async (cmd) => ({ cmd: cmd.join(" ") || "capexit", r: await capexit([...cmd, "--help", ...extra], { env }) })));

  it("Chinese by default: none of commander's English frame, in every command", async () => {
    for (const { cmd, r } of await helps([])) {
      expect([cmd, r.code]).toEqual([cmd, 0]);
      expect([cmd, FRAME.exec(r.stdout)?.[0] ?? null]).toEqual([cmd, null]);
      expect(r.stdout).toMatch(/^用法：/);
      expect(r.stdout).toContain("显示帮助");
    }
  });

  it("English with --lang en: no Chinese at all (but for the blank workbook's file name)", async () => {
    for (const { cmd, r } of await helps(["--lang", "en"])) {
      expect([cmd, r.code]).toEqual([cmd, 0]);
      expect(r.stdout).toMatch(/^Usage:/);
      expect([cmd, CJK.exec(r.stdout.replace("淘汰落后产能填报表.xlsx", ""))?.[0] ?? null]).toEqual([cmd, null]);
    }
  });

  it("English under an English locale with no --lang; --lang wins over the locale", async () => {
    const en = await capexit(["validate", "--help"], { env: { LANG: "en_US.UTF-8" } });
    expect(en.stdout).toMatch(/^Usage: capexit validate \[options\] <files\.\.\.>/);
    const zh = await capexit(["validate", "--help", "--lang", "zh"], { env: { LANG: "en_US.UTF-8" } });
    expect(zh.stdout).toMatch(/^用法： capexit validate \[选项\] <文件\.\.\.>/);
    const zhLocale = await capexit(["--help"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(zhLocale.stdout).toMatch(/^用法：/);
  });

  it("bare capexit shows the help on stderr, exit 2, and no empty sentence", async () => {
    const r = await capexit([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^用法：/);
    expect(r.stderr).not.toMatch(/^capexit: *$/m);
  });

  it("says that folders are read without subfolders unless -r", async () => {
    for (const c of ["validate", "check", "summarize", "render", "notice", "collect"]) {
      const r = await capexit([c, "--help", "--lang", "en"]);
      expect([c, r.stdout.includes("-r, --recursive")]).toEqual([c, true]);
    }
  });
});

describe("--lang", () => {
  it("accepts zh-CN, en and their aliases", async () => {
    for (const lang of ["zh-CN", "zh", "zh_CN", "en", "en-US", "en_GB", "EN"]) {
      const r = await capexit(["validate", "no-such.xlsx", "--lang", lang]);
      expect([lang, r.code]).toEqual([lang, 2]);
      expect([lang, CJK.test(r.stderr.replace("no-such.xlsx", ""))]).toEqual([lang, lang.toLowerCase().startsWith("zh")]);
    }
  });

  it("refuses any other language in one sentence, exit 2, on every command", async () => {
    for (const c of [[], ...COMMANDS.map((x) => [x])]) {
      const r = await capexit([...c, "--lang", "fr"]);
      expect([c, r.code]).toEqual([c, 2]);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^capexit: .*fr.*zh-CN.*en/);
    }
    const env = await capexit(["validate", EXAMPLE], { env: { CAPEXIT_LANG: "de" } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("CAPEXIT_LANG");
  });
});

describe("--format json: a refusal is JSON on stdout too", () => {
  const dir = tempDir();
  const cases: [string, string[], string][] = [
    ["validate", ["validate", join(dir, "missing.xlsx"), "--format", "json"], "file-missing"],
    ["check", ["check", join(dir, "missing.xlsx"), "--format", "json"], "file-missing"],
    ["check --as-of", ["check", EXAMPLE, "--as-of", "someday", "--format", "json"], "bad-as-of"],
    ["summarize", ["summarize", EXAMPLE, "-o", join(dir, "x.doc"), "--format", "json"], "summary-output-type"],
    ["render", ["render", "annex3", EXAMPLE, "-o", join(dir, "x.pdf"), "--format", "json"], "form-unknown"],
    ["render docx,json", ["render", "annex1", join(dir, "missing.xlsx"), "-o", join(dir, "x.docx"), "--format", "docx,json"], "file-missing"],
    ["collect", ["collect", EXAMPLE, "--format", "json"], "collect-no-output"],
    // the write fails after the work is done: the refusal is still the one JSON document (no report before it)
    ["collect, the write failing", ["collect", EXAMPLE, "-o", join(EXAMPLE, "汇总.json"), "--format", "json"], "output-unwritable"],
    ["--lang", ["validate", EXAMPLE, "--format=json", "--lang", "fr"], "lang-invalid"],
    ["usage", ["validate", "--format", "json", "--no-such-option"], "usage.unknown-option"],
  ];
  it.each(cases)("%s", async (_name, args, id) => {
    const r = await capexit(args);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: { id: string; message: string } };
    expect(out.ok).toBe(false);
    expect(out.error.id).toBe(id);
    expect(r.stderr).toBe(`capexit: ${out.error.message}\n`);
  });

  it("stdout stays empty without --format json", async () => {
    const r = await capexit(["validate", join(dir, "missing.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});

describe("render's small answers", () => {
  it("an unknown form is named before a missing -o; no input names --blank", async () => {
    const unknown = await capexit(["render", "annex3", "--format", "json"]);
    expect([unknown.code, JSON.parse(unknown.stdout).error.id]).toEqual([2, "form-unknown"]);
    const dir = tempDir();
    const none = await capexit(["render", "annex2", "-o", join(dir, "x") + "/", "--format", "json"]);
    expect([none.code, JSON.parse(none.stdout).error.id]).toEqual([2, "render-no-input"]);
    expect(none.stderr).toContain("--blank");
  });
});

describe("summarize --lang en", () => {
  it("heads its tables in English, and in Chinese by default", async () => {
    const en = (await capexit(["summarize", EXAMPLE, "--as-of", "2024-12-31", "--lang", "en"])).stdout.split("\n");
    expect(en).toEqual(expect.arrayContaining(["Summary", "Progress"]));
    expect(en).not.toEqual(expect.arrayContaining(["汇总"]));
    const zh = (await capexit(["summarize", EXAMPLE, "--as-of", "2024-12-31"])).stdout.split("\n");
    expect(zh).toEqual(expect.arrayContaining(["汇总", "进度"]));
  });
});

describe("-r, --recursive", () => {
  it("a folder is read without its subfolders, and with them under -r", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "随县", "十月"), { recursive: true });
    copyFileSync(EXAMPLE, join(dir, "随县", "十月", "随县.xlsx"));
    const flat = await capexit(["validate", dir, "--format", "json"]);
    expect(flat.code).toBe(2);
    expect(JSON.parse(flat.stdout).error.id).toBe("folder-empty");
    const deep = await capexit(["validate", dir, "-r", "--format", "json"]);
    const direct = await capexit(["validate", EXAMPLE, "--format", "json"]);
    expect(JSON.parse(deep.stdout).records).toBe(JSON.parse(direct.stdout).records);
    expect(JSON.parse(deep.stdout).records).toBeGreaterThan(0);
  });
});
