// No English in a Chinese message: the catalogue, Zod's issues from a bad plan
// and a bad form template; the language chosen from --lang and the locale (issue 15).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseLang, wantsJson } from "../src/cli/argv.js";
import { en } from "../src/i18n/en.js";
import { langNamed, localeLang, orList, t } from "../src/i18n/index.js";
import { zhCN } from "../src/i18n/zh-CN.js";
import { DEFAULT_PLAN, readPlan } from "../src/plan/load.js";
import { bundledFormFile, parseFormTemplate } from "../src/render/templates.js";
import { UserError } from "../src/util/errors.js";
import { recordName, recordNameOf } from "../src/model/source.js";
import { readYaml } from "../src/read/yaml.js";
import type { Location } from "../src/model/source.js";
import { labelled, locationInText, locationLine, placeIn, placeInSentence } from "../src/report/location.js";
import { describe as wordFinding } from "../src/report/describe.js";
import { ROOT } from "./support/run.js";

/**
 * Latin words a Chinese message may hold: codes and names a clerk types or
 * sees as they are (file kinds, command and option values, format names).
 */
const ALLOWED = new Set(
  (
    "I O Z S V MA49XY2K Excel YAML MB Word capexit JSON Schema XML validate collect summarize annex1 annex2 TTF OTF TTC " +
    "SOURCE_DATE_EPOCH WPS DOCTYPE CSV records pdf docx human json PDF area YYYY MM DD null zh CN en US CAPEXIT_LANG LANG " +
    "xlsx md Markdown"
  ).split(" "),
);

/** The Latin words left once placeholders, quoted values, options, file extensions and A1 references are taken out. */
function latinWords(text: string): string[] {
  const s = text
    .replace(/\{[^{}]*\}/g, " ")
    .replace(/“[^”]*”/g, " ")
    .replace(/--?[a-z][a-z-]*/g, " ")
    .replace(/\.[a-z]+\b/g, " ")
    .replace(/\b[A-Z]{1,3}\d+\b/g, " ");
  return [...s.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)].map((m) => m[0]);
}

function thrown(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("Chinese messages hold no English word", () => {
  it("in the zh-CN catalogue (but for the allowed codes and names)", () => {
    const stray = Object.entries(zhCN).flatMap(([id, text]) => latinWords(text).filter((w) => !ALLOWED.has(w)).map((w) => `${id}: ${w}`));
    expect(stray).toEqual([]);
  });

  it("no message has a doubled colon", () => {
    for (const cat of [zhCN, en]) for (const [id, text] of Object.entries(cat)) expect([id, /[:：]\s*[:：]/.test(text)]).toEqual([id, false]);
  });

  const plan = readFileSync(DEFAULT_PLAN, "utf8");
  const plans: [string, string][] = [
    ["a plan that is not a mapping", "随县\n"],
    ["a plan without units", plan.replace(/^units:/m, "unitz:")],
    ["an empty unit name", plan.replace(/^(units:\n\s+- name:) .*$/m, '$1 ""')],
    ["a year written as text", plan.replace(/^year: .*$/m, "year: 二〇二四")],
    ["a deadline id twice", plan.replace(/(deadlines:\n\s+- id: )(\S+)([\s\S]*?\n\s+- id: )\S+/, "$1$2$3$2")],
  ];
  it.each(plans)("nor in the problem with %s", (_what, text) => {
    const e = thrown(() => readPlan(text, "方案.yaml"));
    expect(e.messageId).toMatch(/^plan-/);
    const message = t("zh-CN", e.messageId, e.data).replace("方案.yaml", "");
    expect(latinWords(message).filter((w) => !ALLOWED.has(w))).toEqual([]);
    expect(message).not.toMatch(/[:：]\s*[:：]/);
    // and in English, no Chinese but the file's own name
    const english = readPlan.bind(null, text, "plan.yaml", "en");
    expect(t("en", thrown(english).messageId, thrown(english).data)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  const form = readFileSync(bundledFormFile("annex2"), "utf8");
  const forms: [string, string, RegExp][] = [
    ["a misspelt field", form.replace("{enterprise.name}", "{enterprise.nmae}"), /\{enterprise\.nmae\} 不是记录中的字段/],
    ["a row one column short", form.replace('{ value: "{enterprise.name}", span: 2 }', '{ value: "{enterprise.name}", span: 1 }'), /没有格子|超出了最后一列/],
    ["columns wider than the page", form.replace("columns: [31.7,", "columns: [60,"), /毫米/],
    ["a label with its own size", form.replace("{ label: 企业地址 }", "{ label: 企业地址, size: 9 }"), /字号/],
    ["an unknown format", form.replace("{acceptance.effects.so2}", "{acceptance.effects.so2|money}"), /格式“money”不认识/],
    ["a template that is a list", "- a\n- b\n", /应为键值表，实为列表/],
  ];
  it.each(forms)("nor in the problem with a template with %s", (_what, text, message) => {
    const e = thrown(() => parseFormTemplate(text, "表.yaml"));
    const worded = t("zh-CN", e.messageId, e.data);
    expect(worded).toMatch(message);
    // the placeholder is the designer's own text, named as written
    expect(latinWords(worded).filter((w) => !ALLOWED.has(w))).toEqual([]);
    expect(worded).not.toMatch(/[:：]\s*[:：]/);
  });
});

describe("the language", () => {
  it.each([
    ["zh-CN", "zh-CN"], ["zh", "zh-CN"], ["zh_CN", "zh-CN"], ["ZH-cn", "zh-CN"], ["zh-Hans", "zh-CN"],
    ["en", "en"], ["en-US", "en"], ["en_GB", "en"], ["EN", "en"],
    ["fr", null], ["zh-TW", null], ["english", null], ["", null],
  ])("--lang %s is %s", (value, lang) => expect(langNamed(value)).toBe(lang));

  it.each([
    [{ LANG: "en_US.UTF-8" }, "en"],
    [{ LANG: "zh_CN.UTF-8" }, "zh-CN"],
    [{ LANG: "C.UTF-8" }, "zh-CN"],
    [{ LANG: "fr_FR.UTF-8" }, "zh-CN"],
    [{ LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" }, "en"],
    [{ LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }, "zh-CN"],
    [{}, "zh-CN"],
  ] as [Record<string, string>, string][])("the locale %j is %s", (env, lang) => expect(localeLang(env)).toBe(lang));

  it.each([
    [["validate", "x.xlsx"], {}, { lang: "zh-CN" }],
    [["validate", "--lang", "en"], { LANG: "zh_CN.UTF-8" }, { lang: "en" }],
    [["validate", "--lang=en-US"], {}, { lang: "en" }],
    [["validate"], { CAPEXIT_LANG: "en", LANG: "zh_CN.UTF-8" }, { lang: "en" }],
    [["validate", "--lang", "zh"], { CAPEXIT_LANG: "en" }, { lang: "zh-CN" }],
    [["validate", "--lang", "fr"], { LANG: "en_US.UTF-8" }, { lang: "en", refused: { value: "fr", source: "--lang" } }],
    [["validate"], { CAPEXIT_LANG: "de" }, { lang: "zh-CN", refused: { value: "de", source: "CAPEXIT_LANG" } }],
    [["validate", "--", "--lang", "fr"], {}, { lang: "zh-CN" }],
  ] as [string[], Record<string, string>, object][])("%j under %j", (argv, env, choice) => expect(chooseLang(argv, env)).toEqual(choice));

  it.each([
    [["json"], true], [["docx,json"], true], [["pdf", "JSON"], true], [["human"], false], [[], false],
  ] as [string[], boolean][])("--format %j asks for JSON: %s", (formats, json) => expect(wantsJson(formats)).toBe(json));

  it("words a list in either language", () => {
    expect(orList("zh-CN", [".xlsx", ".pdf", ".md"])).toBe(".xlsx、.pdf 或 .md");
    expect(orList("en", [".xlsx", ".pdf", ".md"])).toBe(".xlsx, .pdf or .md");
    expect(orList("en", [".xlsx"])).toBe(".xlsx");
  });
});

describe("one record name", () => {
  it.each([
    ["91421321ma4001p57g", "某厂", "91421321MA4001P57G"],
    [" ９１４２１３２１MA4001P57G ", null, "91421321MA4001P57G"],
    [null, "随县示例水泥有限公司（一厂）", "随县示例水泥有限公司(一厂)"],
    ["", "  ", null],
    [null, null, null],
  ] as [string | null, string | null, string | null][])("USCC %j, name %j is %j", (uscc, name, expected) => expect(recordNameOf(uscc, name)).toBe(expected));

  it("the reader's name of a record (its findings) and every later command's are the same, readable USCC or not", () => {
    const text = readFileSync(join(ROOT, "examples", "yaml", "随县.yaml"), "utf8")
      .replace("uscc: 91421321MA4001P57G", "uscc: 91421321ma4001p57x")
      .replace("name: 随县示例水泥有限公司", "name: 随县示例水泥有限公司（一厂）");
    const read = readYaml(text, "随县.yaml");
    const names = read.records.map(recordName);
    expect(names[0]).toBe("91421321MA4001P57X");
    // the reader's findings about the bad code name the record as validate's rules and render do
    const own = read.findings.filter((f) => f.field === "enterprise.uscc");
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) expect(names).toContain(f.record);
  });
});

describe("one location presenter", () => {
  const at = (file: string, sheet: string | null, row: number | null, cell: string | null, line: number | null = null) => ({ file, sheet, row, cell, line });
  it.each([
    [at("随县.xlsx", "附表1", 7, "B7"), "B7", "随县.xlsx › 附表1 › B7", "随县.xlsx 附表1 第7行", "B7", "随县.xlsx › 附表1 › B7", "随县.xlsx 附表1 row 7"],
    [at("随县.xlsx", "附表1", 7, null), "第7行", "随县.xlsx › 附表1 › 第7行", "随县.xlsx 附表1 第7行", "row 7", "随县.xlsx › 附表1 › row 7", "随县.xlsx 附表1 row 7"],
    [at("随县.yaml", null, null, null, 12), "第12行", "随县.yaml › 第12行", "随县.yaml 第12行", "line 12", "随县.yaml › line 12", "随县.yaml line 12"],
    [at("表.docx", "表2", 7, "R7C2"), "表2 第7行第2列", "表.docx › 表2 第7行第2列", "表.docx 表2 第7行", "表2, row 7, column 2", "表.docx › 表2, row 7, column 2", "表.docx 表2 row 7"],
    [at("随县.xlsx", "附表1", null, null), "（整张工作表）", "随县.xlsx › 附表1", "随县.xlsx", null, "随县.xlsx › 附表1", "随县.xlsx"],
  ] as [Location, string, string, string, string | null, string, string][])("%j", (loc, zhPlace, zhLine, zhText, enPlace, enLine, enText) => {
    expect([placeIn(loc, "zh-CN"), locationLine(loc, "zh-CN"), locationInText(loc, "zh-CN")]).toEqual([zhPlace, zhLine, zhText]);
    if (enPlace) expect(placeIn(loc, "en")).toBe(enPlace);
    expect([locationLine(loc, "en"), locationInText(loc, "en")]).toEqual([enLine, enText]);
  });

  it("one separator: 标签：内容 in Chinese, label: text in English", () => {
    expect(labelled("统一社会信用代码", "校验位错误", "zh-CN")).toBe("统一社会信用代码：校验位错误");
    expect(labelled("USCC", "wrong check digit", "en")).toBe("USCC: wrong check digit");
    expect(labelled("", "未发现问题", "zh-CN")).toBe("未发现问题");
  });
});

describe("another place named in a finding's sentence", () => {
  const loc = (file: string, sheet: string | null, cell: string | null, row: number | null = null, line: number | null = null) => ({ file, sheet, cell, row, line });
  it.each([
    [loc("a.xlsx", "附表1", "G10", 10), loc("a.xlsx", "附表2", "B3", 3), "zh-CN", "附表1 G10"],
    [loc("a.xlsx", "附表1", "G10", 10), loc("b.xlsx", "附表1", "B3", 3), "zh-CN", "a.xlsx 附表1 G10"],
    [loc("a.docx", "表7", "R3C2", 3), loc("a.docx", "表9", "R3C2", 3), "zh-CN", "表7 第3行第2列"],
    [loc("a.docx", "表7", "R3C2", 3), loc("a.docx", "表9", "R3C2", 3), "en", "表7, row 3, column 2"],
    [loc("b.yaml", null, null, null, 12), loc("c.yaml", null, null, null, 3), "zh-CN", "b.yaml 第12行"],
  ] as const)("%o from %o in %s: %s", (where, from, lang, text) => {
    expect(placeInSentence(where, lang, from)).toBe(text);
  });

  it("words a rule's other place through the presenter, never R3C2", () => {
    const f = { severity: "error" as const, rule: "uscc-duplicate", field: "enterprise.uscc", record: "X", location: loc("a.docx", "表9", "R3C2", 3), data: { file: "a.docx" }, places: { where: loc("a.docx", "表7", "R3C2", 3) } };
    expect(wordFinding(f, "zh-CN")).toContain("表7 第3行第2列");
    expect(wordFinding(f, "zh-CN")).not.toContain("R3C2");
  });
});
