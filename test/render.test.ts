// The form renderer's core: line breaking, value formats, file names, the
// template schema, page layout, and — for every character drawn — the glyph
// in the embedded font against the source font (the blank-glyph fault).
import fontkit from "@pdf-lib/fontkit";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedRecord } from "../src/model/source.js";
import { readYaml } from "../src/read/yaml.js";
import { bundledFontFile, loadFace, type FontFace } from "../src/render/font.js";
import { formatDate, formatNumber, formatValue, widenPunctuation } from "../src/render/format.js";
import { formsToPdf, planForms, type Faces } from "../src/render/index.js";
import { breakLines, loneLastCharacter, NO_END, NO_START } from "../src/render/linebreak.js";
import { sanitiseFileName, uniqueFileNames } from "../src/render/names.js";
import { checkCoverage, identityOnly, missingCharacters, preflight } from "../src/render/preflight.js";
import { parseFormTemplate, bundledFormFile } from "../src/render/templates.js";
import type { FormTemplate } from "../src/render/template.js";
import { drawnGlyphs } from "./fixtures/render/pdf-fonts.js";

const cjkMeasure = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

describe("line breaking (禁则)", () => {
  const cases: [string, number, string[]][] = [
    ["淘汰落后产能验收意见表", 4, ["淘汰落后", "产能验收", "意见表"]],
    // a comma may not start a line: the character before it goes down with it
    ["主体设备已拆除，不具备", 7, ["主体设备已拆", "除，不具备"]],
    // an opening bracket may not end a line; nor is 施） left alone on the last
    ["关停并拆（含配套设施）", 5, ["关停并拆", "（含配套", "设施）"]],
    // no lone last character: the break moves back to a word boundary (原因, 封存, 盖章)
    ["主体设备（生产线）未拆除的原因", 7, ["主体设备（生产", "线）未拆除的", "原因"]],
    ["主体设备是否封存", 7, ["主体设备是否", "封存"]],
    ["是否通过验收，并签字盖章。", 12, ["是否通过验收，并签字", "盖章。"]],
    // a Latin word on the last line is not a lone character
    ["关停并拆除水泥磨XK08", 8, ["关停并拆除水泥磨", "XK08"]],
    ["Φ2.6×13m水泥磨 1台", 6, ["Φ2.6×13m水泥", "磨 1台"]],
    ["XK08-001-00123-456", 4, ["XK08-001", "-00123-4", "56"]],
    ["第一行\n第二行", 10, ["第一行", "第二行"]],
  ];
  it.each(cases)("%s at %d em", (text, width, lines) => {
    expect(breakLines(text, width, 1, cjkMeasure)).toEqual(lines);
  });

  it.each<[string, number, string[]]>([
    ["统一社会信用代码", 7, ["统一社会", "信用代码"]],
    ["淘汰落后和过剩产能效果", 6, ["淘汰落后和", "过剩产能效果"]],
    ["实施及完成情况（企业填写）", 8, ["实施及完成情况", "（企业填写）"]],
  ])("balances the lines of a label: %s at %d em", (text, width, lines) => {
    expect(breakLines(text, width, 1, cjkMeasure, { balance: true })).toEqual(lines);
  });

  it("leaves no lone last character at any width", () => {
    const text = "验收意见须明确主体设备（生产线）的拆除状态，是否具备恢复生产条件，是否通过验收，并签字盖章。";
    for (let width = 3; width < 48; width++) {
      for (const balance of [false, true]) {
        const lines = breakLines(text, width, 1, cjkMeasure, { balance });
        expect(lines.join("")).toBe(text);
        expect(loneLastCharacter(lines), `${width}: ${lines.join(" / ")}`).toBe(false);
        for (const l of lines) expect(cjkMeasure(l)).toBeLessThanOrEqual(width);
      }
    }
  });

  it("never starts a line with closing punctuation nor ends one with opening punctuation", () => {
    const text = "验收意见须明确主体设备（生产线）的拆除状态，是否具备恢复生产条件，是否通过验收，并签字盖章。《方案》要求：“逐户出具”；是否？是！";
    for (let width = 2; width < 30; width++) {
      const lines = breakLines(text, width, 1, cjkMeasure);
      expect(lines.join("")).toBe(text);
      lines.slice(1).forEach((l) => expect(NO_START.has(l[0]!)).toBe(false));
      lines.slice(0, -1).forEach((l) => expect(NO_END.has(l[l.length - 1]!)).toBe(false));
    }
  });
});

describe("values as printed", () => {
  it.each([
    ["2024-10-15", "2024年10月15日"],
    ["2005-03", "2005年3月"],
    ["2005", "2005年"],
  ])("date %s", (iso, printed) => expect(formatDate(iso)).toBe(printed));

  it.each([
    [12.5, "12.5"],
    [30000, "30000"],
    [0.1 + 0.2, "0.3"],
    [0, "0"],
  ])("number %s", (n, printed) => expect(formatNumber(n)).toBe(printed));

  it.each<[string, unknown, string, string]>([
    ["acceptance.notDismantled.canResume", true, "check", "是☑　否☐"],
    ["acceptance.notDismantled.canResume", false, "check", "是☐　否☑"],
    ["acceptance.notDismantled.canResume", null, "check", "是☐　否☐"],
    ["acceptance.county.passed", true, "check", "通过☑　不通过☐"],
    ["staff.onDuty", 120, "unit", "120人"],
    ["staff.onDuty", null, "unit", ""],
    ["acceptance.county.signedOn", null, "signdate", "　　　年　　月　　日"],
    ["acceptance.county.signedOn", "2024-11-28", "signdate", "2024年11月28日"],
    ["acceptance.lines[0].shutdownOn", "2024-10-15", "", "2024年10月15日"],
    ["rectification.problems", "已拆除,不具备恢复条件", "", "已拆除，不具备恢复条件"],
    ["rectification.problems", "已\u200b拆除\r\n\t完毕\ufeff", "", "已拆除\n 完毕"],
  ])("%s = %j as %s", (path, value, format, printed) => expect(formatValue(path, value, format)).toBe(printed));

  it("sets ASCII punctuation beside Chinese full-width again, and leaves codes alone", () => {
    expect(widenPunctuation("拆解报废,废钢回收(已完成)")).toBe("拆解报废，废钢回收（已完成）");
    expect(widenPunctuation("XK08-001,A(2)")).toBe("XK08-001,A(2)");
  });
});

describe("file names", () => {
  it.each([
    ["随县_随县示例水泥有限公司_附表2", "随县_随县示例水泥有限公司_附表2"],
    ["随县/../../etc_passwd", "随县_._._etc_passwd"],
    ["..", "未命名"],
    ['a:b*c?d"e<f>g|h\\i', "a_b_c_d_e_f_g_h_i"],
    ["CON", "_CON"],
    ["nul.txt", "_nul.txt"],
    ["  名称. ", "名称"],
    ["公司\u0000\n名", "公司__名"],
  ])("%j -> %j", (raw, safe) => {
    const s = sanitiseFileName(raw);
    expect(s).toBe(safe);
    expect(s).not.toMatch(/[\\/]|\.\./);
  });

  it("numbers collisions, case-insensitively", () => {
    expect(uniqueFileNames(["甲", "甲", "Ab", "aB", "甲"])).toEqual(["甲.pdf", "甲(2).pdf", "Ab.pdf", "aB(2).pdf", "甲(3).pdf"]);
  });
});

const annex = (id: string) => parseFormTemplate(readFileSync(bundledFormFile(id), "utf8"), `${id}.yaml`);

describe("form templates", () => {
  it("reads a footer written as one string as lines set at the right", () => {
    const t = parseFormTemplate(base.replace(/footer:\n\s+- right: "企业负责人[^\n]*\n\s+- right: "([^"]*)"/, 'footer: "企业负责人（签字）\\n$1"'), "t.yaml");
    const row = t.rows.find((b) => !("list" in b) && b.cells.some((c) => c.footer?.some((l) => l.right?.startsWith("企业负责人"))));
    expect(row && !("list" in row) ? row.cells[1]!.footer : null).toEqual([{ right: "企业负责人（签字）" }, { right: "{acceptance.enterprise.signedOn|signdate}" }]);
  });

  it("the bundled templates are valid", () => {
    expect(annex("annex1").id).toBe("annex1");
    expect(annex("annex2").rows.length).toBeGreaterThan(10);
  });

  const base = readFileSync(bundledFormFile("annex2"), "utf8");
  it.each([
    ["a misspelt field", base.replace("{enterprise.name}", "{enterprise.nmae}"), /enterprise\.nmae/],
    ["a row one column short", base.replace('{ value: "{enterprise.name}", span: 2 }', '{ value: "{enterprise.name}", span: 1 }'), /not covered|past the last column/],
    ["columns wider than the page", base.replace("columns: [31.7,", "columns: [60,"), /columns are/],
    ["a label with its own size", base.replace("{ label: 企业地址 }", "{ label: 企业地址, size: 9 }"), /one text size/],
    ["a fallback field the list does not have", base.replace("item: { model:", "item: { modle:"), /modle is not a field/],
    ["a fallback over a field of no list", base.replace("{item.name} {item.quantity|unit}", "{item.nmae}"), /item\.nmae/],
    ["a subject that is not a part of the record", base.replace("subject: { field: acceptance,", "subject: { field: acceptence,"), /acceptence/],
    ["an unknown format", base.replace("{acceptance.effects.so2}", "{acceptance.effects.so2|money}"), /unknown format/],
    ["an unknown key", `${base}\nfooter: x\n`, /footer|Unrecognized/i],
  ])("reports %s", (_what, text, message) => {
    expect(() => parseFormTemplate(text, "t.yaml", "en")).toThrowError(
      expect.objectContaining({ messageId: expect.stringMatching(/^form-template-invalid/), data: expect.objectContaining({ detail: expect.stringMatching(message) }) }),
    );
  });
});

// ---- with the real fonts ------------------------------------------------------

let faces: Faces;
let source: { regular: ReturnType<typeof fontkit.create>; bold: ReturnType<typeof fontkit.create> };
let cement: LoadedRecord;

beforeAll(async () => {
  const regular = readFileSync(bundledFontFile("regular"));
  const bold = readFileSync(bundledFontFile("bold"));
  faces = { regular: await loadFace(regular), bold: await loadFace(bold) };
  source = { regular: fontkit.create(regular), bold: fontkit.create(bold) };
  const read = readYaml(readFileSync(new URL("./fixtures/render/cement.yaml", import.meta.url), "utf8"), "cement.yaml");
  cement = read.records[0]!;
});

function withRecord(patch: (r: LoadedRecord["record"]) => void): LoadedRecord {
  const record = structuredClone(cement.record);
  patch(record);
  return { ...cement, record };
}

/** Every glyph drawn, compared with the source font's glyph for the same character. */
async function expectGlyphsIntact(pdf: Uint8Array): Promise<number> {
  const { glyphs } = await drawnGlyphs(pdf);
  const programs = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
  let checked = 0;
  for (const g of glyphs) {
    let embedded = programs.get(g.font.program);
    if (!embedded) programs.set(g.font.program, (embedded = fontkit.create(Buffer.from(g.font.program))));
    const text = g.font.toUnicode.get(g.gid);
    expect(text, `glyph ${g.gid} has a Unicode mapping`).toBeDefined();
    const src = (g.font.baseFont.includes("Bold") ? source.bold : source.regular).glyphForCodePoint(text!.codePointAt(0)!);
    const got = embedded.getGlyph(g.gid);
    expect(got.advanceWidth, text).toBe(src.advanceWidth);
    expect(got.path.toSVG(), text).toBe(src.path.toSVG());
    if (text!.trim() && text !== "\u3000") expect((got.path as unknown as { commands: unknown[] }).commands.length, `${text} has an outline`).toBeGreaterThan(0);
    checked++;
  }
  return checked;
}

describe("font tables", () => {
  it("reads widths and coverage as fontkit does", () => {
    for (const ch of "淘汰落后产能验收意见表，。（）AZaz09Φ×□✓〓☑𠀀 ") {
      const cp = ch.codePointAt(0)!;
      expect(faces.regular.has(cp), ch).toBe(source.regular.hasGlyphForCodePoint(cp));
      if (faces.regular.has(cp)) expect(faces.regular.advance(cp) * source.regular.unitsPerEm, ch).toBe(source.regular.glyphForCodePoint(cp).advanceWidth);
    }
    expect(faces.bold.name).toBe("NotoSerifSC-Bold");
  });
});

describe("rendering", () => {
  it("draws every character with the source font's outline (Annex 1 and 2, filled and blank)", async () => {
    for (const id of ["annex1", "annex2"]) {
      const forms = planForms(annex(id), [cement, null], faces);
      for (const f of forms) expect(f.layout.findings).toEqual([]);
      const pdf = await formsToPdf(forms, faces, { producer: "test" });
      expect(await expectGlyphsIntact(pdf)).toBeGreaterThan(500);
      expect(pdf.length).toBeLessThan(2 * 200 * 1024);
    }
  });

  it("puts labels and values in the text layer, on A4", async () => {
    const pdf = await formsToPdf(planForms(annex("annex2"), [cement], faces), faces, { producer: "test" });
    const { glyphs, sizes } = await drawnGlyphs(pdf);
    const text = glyphs.map((g) => g.font.toUnicode.get(g.gid)).join("");
    for (const s of ["淘汰落后产能验收意见表", "企业名称", "随县示例水泥有限公司", "2024年10月15日", "是☐", "否", "备注"]) {
      expect(text.replace(/\s/g, "")).toContain(s.replace("☐", "□"));
    }
    expect(sizes[0]![0]).toBeCloseTo(595.28, 1);
    expect(sizes[0]![1]).toBeCloseTo(841.89, 1);
  });

  it("adds rows for a long list, breaking the page and repeating the list heading", async () => {
    const many = withRecord((r) => {
      r.acceptance!.lines = Array.from({ length: 30 }, (_, i) => ({ model: `第${i + 1}条生产线 1台`, shutdownOn: "2024-10-15", removedOn: "2024-11-20", destination: "拆解报废" }));
    });
    const [form] = planForms(annex("annex2"), [many], faces);
    expect(form!.layout.pages.length).toBeGreaterThan(1);
    const texts = form!.layout.pages.map((p) => p.ops.flatMap((o) => (o.op === "text" ? [o.text] : [])).join("|"));
    expect(texts[1]).toContain("淘汰生产线（设备）型号及数量");
    expect(texts.join("|")).toContain("第30条生产线 1台");
    expect(texts[1]).toContain("第2页");
  });

  it("continues a text too long for one page on the next page rather than clipping it", async () => {
    const long = withRecord((r) => {
      r.acceptance!.otherNotes = Array.from({ length: 160 }, (_, i) => `第${i + 1}项说明已核实。`).join("");
    });
    const [form] = planForms(annex("annex2"), [long], faces);
    const drawn = form!.layout.pages.flatMap((p) => p.ops.flatMap((o) => (o.op === "text" ? [o.text] : []))).join("");
    expect(drawn).toContain("第1项说明已核实");
    expect(drawn).toContain("第160项说明已核实");
    expect(form!.layout.pages.length).toBeGreaterThan(1);
    // nothing drawn below the bottom margin
    for (const p of form!.layout.pages) for (const o of p.ops) if (o.op === "text") expect(o.y).toBeLessThanOrEqual(p.height);
  });

  it("reports a character the font lacks, by field and record, and prints 〓 instead", async () => {
    const rare = withRecord((r) => {
      r.enterprise.name = "随县𠀀记水泥有限公司";
    });
    const [form] = planForms(annex("annex2"), [rare], faces);
    expect(form!.layout.findings).toEqual([
      expect.objectContaining({ rule: "render-missing-glyph", field: "enterprise.name", record: rare.record.enterprise.uscc, data: expect.objectContaining({ codepoint: "U+20000" }) }),
    ]);
    const pdf = await formsToPdf([form!], faces, { producer: "test" });
    await expectGlyphsIntact(pdf);
  });

  it("sets a unit on the line of its label when the value is blank", () => {
    const [blank] = planForms(annex("annex2"), [null], faces);
    const texts = blank!.layout.pages[0]!.ops.flatMap((o) => (o.op === "text" ? [o] : []));
    const label = texts.find((o) => o.text === "涉及职工人数")!;
    const unit = texts.find((o) => o.text === "人")!;
    expect(unit.y).toBeCloseTo(label.y, 1);
  });

  it("gives the same bytes for the same input", async () => {
    const a = await formsToPdf(planForms(annex("annex1"), [cement], faces), faces, { producer: "test" });
    const b = await formsToPdf(planForms(annex("annex1"), [cement], faces), faces, { producer: "test" });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("uses a user's own font face as given", async () => {
    const face: FontFace = await loadFace(readFileSync(bundledFontFile("bold")));
    const pdf = await formsToPdf(planForms(annex("annex2"), [cement], { regular: face, bold: face }), { regular: face, bold: face }, { producer: "test" });
    const { fonts } = await drawnGlyphs(pdf);
    expect(fonts.map((f) => f.baseFont)).toEqual([expect.stringMatching(/^\/[A-Z]{6}\+NotoSerifSC-Bold$/)]);
  });
});

describe("before drawing", () => {
  const subsetFace = async (keep: (ch: string) => boolean) => {
    const all = new Set<number>();
    for (const text of [readFileSync(bundledFormFile("annex1"), "utf8"), readFileSync(bundledFormFile("annex2"), "utf8"), readFileSync(new URL("./fixtures/render/cement.yaml", import.meta.url), "utf8"), "0123456789年月日是否通过不〓□✓第页共"]) {
      for (const ch of text) if (keep(ch)) all.add(ch.codePointAt(0)!);
    }
    return loadFace(faces.regular.subset(all));
  };

  it("refuses a font that lacks most of what the forms print", async () => {
    const latin = await loadFace(faces.regular.subset(Array.from({ length: 95 }, (_, i) => 32 + i)));
    for (const id of ["annex1", "annex2"]) {
      const report = checkCoverage(annex(id), [cement], latin);
      expect(report.unusable).toBe(true);
      expect(report.missing).toEqual(expect.arrayContaining(["淘", "汰", "年"]));
      expect(preflight(annex(id), [null], latin, "latin.ttf").refuse).toEqual({ id: "render-font-unusable", data: expect.objectContaining({ font: "latin.ttf" }) });
    }
    expect(checkCoverage(annex("annex2"), [cement], faces.regular)).toMatchObject({ missing: [], unusable: false });
  });

  it("tells a few missing characters in one note: the first ten, how many places, which enterprises", async () => {
    const font = await subsetFace((ch) => ch !== "泥" && ch !== "厉");
    expect(checkCoverage(annex("annex1"), [cement], font)).toMatchObject({ missing: ["泥", "厉"], unusable: false });
    const other = withRecord((r) => {
      r.enterprise.name = "随县示例有限公司";
      r.enterprise.uscc = "91421321MA49XY3K1X";
      r.equipment = null;
      r.rectification = null;
    });
    const forms = planForms(annex("annex1"), [cement, other], { regular: font, bold: font });
    const { chars, note } = missingCharacters(forms.flatMap((f) => f.layout.findings), [cement, other]);
    expect(chars.sort()).toEqual(["厉", "泥"]);
    // the cement works: 泥 in its name, equipment, problems and measures, 厉 in its address; the other: its address
    expect(note).toEqual({ id: "render-font-missing", data: { count: 2, chars: expect.stringMatching(/^(泥厉|厉泥)$/), places: 6, records: 2, names: "随县示例水泥有限公司、随县示例有限公司" } });
  });

  it("names at most ten characters", () => {
    const findings = [..."一二三四五六七八九十甲乙"].map((char) => ({
      severity: "warning" as const,
      rule: "render-missing-glyph",
      field: "enterprise.name",
      record: cement.record.enterprise.uscc ?? null,
      location: { file: "", sheet: null, row: null, cell: null, line: null },
      data: { char },
    }));
    expect(missingCharacters(findings, [cement]).note?.data).toMatchObject({ count: 12, chars: "一二三四五六七八九十…", places: 1, records: 1 });
    expect(missingCharacters([], [cement]).note).toBeNull();
  });

  it("counts the enterprises with no acceptance data, printed with their particulars only", () => {
    const none = withRecord((r) => (r.acceptance = null));
    const hollow = withRecord((r) => (r.acceptance = { lines: [], county: { opinion: " ", passed: null, signedOn: null } }));
    expect(identityOnly(annex("annex2"), [cement, none, hollow, null])).toBe(2);
    expect(identityOnly(annex("annex1"), [none])).toBe(0);
    expect(preflight(annex("annex2"), [none], faces.regular, "").notes).toEqual([{ id: "render-identity-only", data: { count: 1, what: "验收数据", form: "验收意见表" } }]);
  });

  it("fills an Annex 2 without acceptance data with the lines of Annex 1's equipment, and its sign-off rows roomy", () => {
    const none = withRecord((r) => {
      r.acceptance = null;
      r.equipment = [
        { name: "Φ2.6×13m水泥磨", quantity: 1 },
        { name: "Φ3.2m熟料回转窑", quantity: 2 },
        { name: "辅助破碎机" },
      ];
    });
    const [form] = planForms(annex("annex2"), [none], faces);
    const texts = form!.layout.pages.flatMap((p) => p.ops.flatMap((o) => (o.op === "text" ? [o.text] : [])));
    expect(texts).toEqual(expect.arrayContaining(["Φ2.6×13m水泥磨 1台", "Φ3.2m熟料回转窑 2台", "辅助破碎机", "随县示例水泥有限公司", "0722-4567890"]));
    expect(form!.layout.pages).toHaveLength(1);
    expect(form!.layout.findings).toEqual([]);
  });
});

export type { FormTemplate };
