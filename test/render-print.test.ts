// The printed forms as a clerk sees them, read back from the PDF's text layer
// and ruling (the content stream the renderer wrote): signatures that line up,
// one label size, no lone last characters, four items on one page, whose form a
// continuation page is, room to write on blank forms.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedRecord } from "../src/model/source.js";
import { readYaml } from "../src/read/yaml.js";
import { bundledFontFile, loadFace } from "../src/render/font.js";
import { formsToPdf, planForms, type Faces } from "../src/render/index.js";
import { loneLastCharacter } from "../src/render/linebreak.js";
import { parseFormTemplate, bundledFormFile } from "../src/render/templates.js";
import { isList, type FormTemplate, type Row } from "../src/render/template.js";
import { pageContent, type Rule, type TextRun } from "./fixtures/render/pdf-fonts.js";

const MM = 72 / 25.4;
const source = (id: string) => readFileSync(bundledFormFile(id), "utf8");
const annex = (id: string, text = source(id)) => parseFormTemplate(text, `${id}.yaml`);

let faces: Faces;
let cement: LoadedRecord;

beforeAll(async () => {
  faces = { regular: await loadFace(readFileSync(bundledFontFile("regular"))), bold: await loadFace(readFileSync(bundledFontFile("bold"))) };
  cement = readYaml(readFileSync(new URL("./fixtures/render/cement.yaml", import.meta.url), "utf8"), "cement.yaml").records[0]!;
});

function withRecord(patch: (r: LoadedRecord["record"]) => void): LoadedRecord {
  const record = structuredClone(cement.record);
  patch(record);
  return { ...cement, record };
}

const equipment = (n: number) =>
  withRecord((r) => {
    r.equipment = Array.from({ length: n }, (_, i) => ({ name: `Φ${(2 + i / 10).toFixed(1)}×13m水泥磨（第${i + 1}号）`, designCapacity: 20, quantity: 1, removedOn: "2024-11-20" }));
  });

async function printed(template: FormTemplate, rec: LoadedRecord | null) {
  const pdf = await formsToPdf(planForms(template, [rec], faces), faces, { producer: "test" });
  return { ...(await pageContent(pdf)), pdf };
}

const width = (run: TextRun) => [...run.text].reduce((w, ch) => w + faces.regular.advance(ch.codePointAt(0)!), 0) * run.size;
const right = (run: TextRun) => run.x + width(run);
const mm = (pt: number) => pt / MM;

/** Every label paragraph of a template (split at its forced breaks), with no duplicates. */
function labelParagraphs(t: FormTemplate): string[] {
  const out = new Set<string>();
  const rows = (rs: readonly Row[]) => rs.forEach((r) => r.cells.forEach((c) => c.label?.split("\n").forEach((p) => out.add(p))));
  for (const b of t.rows) {
    if (isList(b)) {
      rows(b.header);
      b.side?.label?.split("\n").forEach((p) => out.add(p));
    } else rows([b]);
  }
  return [...out];
}

/**
 * The printed lines of a centred label paragraph: runs with one centre, one
 * under the other, whose texts make up the paragraph. Null when not found.
 */
function labelLines(runs: readonly TextRun[], paragraph: string): TextRun[] | null {
  const centre = (r: TextRun) => r.x + width(r) / 2;
  for (const start of runs.filter((r) => paragraph.startsWith(r.text))) {
    const chain = [start];
    let rest = paragraph.slice(start.text.length);
    while (rest) {
      const last = chain[chain.length - 1]!;
      const next = runs.find(
        (r) => r.page === last.page && rest.startsWith(r.text) && Math.abs(centre(r) - centre(last)) < 1 && Math.abs(r.y - last.y - last.size * 1.3) < 0.5,
      );
      if (!next) break;
      chain.push(next);
      rest = rest.slice(next.text.length);
    }
    if (!rest) return chain;
  }
  return null;
}

/** Height of the grid row holding a run: between the horizontal rules above and below it that cross its x. */
function rowHeight(rules: readonly Rule[], run: TextRun): number {
  const across = rules.filter((r) => r.page === run.page && r.y1 === r.y2 && Math.min(r.x1, r.x2) <= run.x && Math.max(r.x1, r.x2) >= run.x);
  const above = Math.max(...across.filter((r) => r.y1 < run.y).map((r) => r.y1));
  const below = Math.min(...across.filter((r) => r.y1 > run.y).map((r) => r.y1));
  return below - above;
}

const SIGN_OFF = ["县（市、区）", "市（州）", "省（区、市）"];

describe("Annex 2 sign-off rows", () => {
  it("set （签字）（盖章） at one x in all three rows, filled or blank, the date on its own line at the right", async () => {
    const xs: number[] = [];
    for (const rec of [cement, null, withRecord((r) => (r.acceptance = null))]) {
      const { runs } = await printed(annex("annex2"), rec);
      const signs = runs.filter((r) => r.text.startsWith("（签字）"));
      expect(signs).toHaveLength(3);
      xs.push(...signs.map((s) => s.x));
      for (const sign of signs) {
        // the next line down, ending where the signature line ends: the date
        const date = runs.find((r) => r.y > sign.y && r.y - sign.y < sign.size * 1.6 && Math.abs(right(r) - right(sign)) < 1);
        expect(date, `date under ${sign.text}`).toBeDefined();
        expect(date!.text).toMatch(/^(\d{4}年\d{1,2}月\d{1,2}日|　*年　+月　+日)$/u);
      }
    }
    for (const x of xs) expect(x).toBeCloseTo(xs[0]!, 1);
  });

  it("prints the filled dates of the cement works under their rows", async () => {
    const { runs } = await printed(annex("annex2"), cement);
    for (const d of ["2024年11月22日", "2024年11月28日", "2024年12月10日"]) expect(runs.map((r) => r.text)).toContain(d);
  });

  it("keeps 验收结论 clear of the right border, and says why in the template", async () => {
    expect(source("annex2")).toMatch(/#.*验收结论[\s\S]*备注/);
    const { runs, rules } = await printed(annex("annex2"), cement);
    const gridRight = Math.max(...rules.map((r) => Math.max(r.x1, r.x2)));
    const verdicts = runs.filter((r) => r.text.startsWith("验收结论"));
    expect(verdicts).toHaveLength(3);
    for (const run of runs.filter((r) => r.y > verdicts[0]!.y - 60)) expect(gridRight - right(run), run.text).toBeGreaterThanOrEqual(2 * MM - 0.1);
  });

  it("gives each sign-off row at least 30 mm on a blank form, still one A4 page", async () => {
    const { runs, rules, sizes } = await printed(annex("annex2"), null);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]![1]).toBeCloseTo(841.89, 1);
    for (const label of SIGN_OFF) {
      const run = runs.find((r) => r.text === label)!;
      expect(mm(rowHeight(rules, run)), label).toBeGreaterThanOrEqual(30);
    }
    // and room to write under 原因, 辅助设施, 其他应说明的问题
    const reason = runs.find((r) => r.text === "未拆除的原因")!;
    const under = rules.filter((r) => r.y1 === r.y2 && r.y1 > reason.y && Math.min(r.x1, r.x2) <= reason.x && Math.max(r.x1, r.x2) >= reason.x).map((r) => r.y1).sort((a, b) => a - b);
    expect(mm(under[1]! - under[0]!)).toBeGreaterThanOrEqual(15);
  });
});

describe("labels", () => {
  it.each(["annex1", "annex2"])("%s prints every label in full, all at one size", async (id) => {
    const t = annex(id);
    for (const rec of [cement, null]) {
      const { runs } = await printed(t, rec);
      for (const p of labelParagraphs(t)) {
        const lines = labelLines(runs, p);
        expect(lines, `${id}: ${p}`).not.toBeNull();
        for (const l of lines!) expect(l.size, `${id}: ${l.text}`).toBe(t.text.size);
      }
    }
  });

  it("wraps a long label without leaving one character on its last line", async () => {
    // the same form with its labels' own line breaks taken out: the renderer must wrap them
    const loose = source("annex2").replace(/label: "([^"]*)"/g, (_m, l: string) => `label: "${l.replace(/\\n/g, "")}"`);
    const t = annex("annex2", loose);
    const { runs } = await printed(t, cement);
    let wrapped = 0;
    for (const p of labelParagraphs(t)) {
      const lines = labelLines(runs, p);
      expect(lines, p).not.toBeNull();
      if (lines!.length < 2) continue;
      wrapped++;
      expect(loneLastCharacter(lines!.map((l) => l.text)), lines!.map((l) => l.text).join(" / ")).toBe(false);
    }
    expect(wrapped).toBeGreaterThanOrEqual(5);
  });

  it("ends a wrapped 注 or 备注 with more than one character", async () => {
    // 附表2 at the width of 附表1: its 备注 is one character too long for a line
    const narrow = source("annex2").replace(/margin: \{[^}]*\}/, "margin: { top: 12, right: 20, bottom: 10, left: 20 }").replace(/columns: \[[^\]]*\]/, "columns: [30, 27.5, 27.5, 30, 27.5, 27.5]");
    for (const [t, wraps] of [[annex("annex1"), true], [annex("annex2"), false], [annex("annex2", narrow), true]] as const) {
      const { runs } = await printed(t, cement);
      const start = runs.findIndex((r) => /^(注|备注)：/.test(r.text));
      const note = runs.slice(start).filter((r) => r.page === runs[start]!.page && Math.abs(r.x - runs[start]!.x) < 0.5);
      expect(note.length >= 2, t.id).toBe(wraps);
      expect(loneLastCharacter(note.map((r) => r.text)), note.map((r) => r.text).join(" / ")).toBe(false);
    }
  });
});

describe("Annex 1 pages", () => {
  it("fits an enterprise with 4 equipment items on one page", async () => {
    const { runs, sizes } = await printed(annex("annex1"), equipment(4));
    expect(sizes).toHaveLength(1);
    const text = runs.map((r) => r.text).join("");
    for (let i = 1; i <= 4; i++) expect(text).toContain(`（第${i}号）`);
    for (const s of ["处理意见", "依法关停退出", "注："]) expect(text).toContain(s);
  });

  it("heads a continuation page with 附表1（续）, the enterprise and its code, and numbers the pages", async () => {
    const { runs, sizes, rules } = await printed(annex("annex1"), equipment(9));
    expect(sizes).toHaveLength(2);
    const page = (p: number) => runs.filter((r) => r.page === p);
    const top = Math.min(...rules.filter((r) => r.page === 1).map((r) => Math.min(r.y1, r.y2)));
    const head = page(1).filter((r) => r.y < top);
    expect(head.map((r) => r.text)).toEqual(
      expect.arrayContaining(["附表1（续）", "企业名称：随县示例水泥有限公司", "统一社会信用代码：91421321MA49XY2K1E"]),
    );
    expect(page(0).map((r) => r.text)).toContain("第1页　共2页");
    expect(page(1).map((r) => r.text)).toContain("第2页　共2页");
    expect(page(0).map((r) => r.text)).not.toContain("附表1（续）");
    expect(runs.map((r) => r.text).join("")).toContain("（第9号）");
  });

  it("says under the grid when an enterprise is on an approved timetable, and only then", async () => {
    const text = async (rec: LoadedRecord | null) => (await printed(annex("annex1"), rec)).runs.map((r) => r.text).join("");
    const onTimetable = withRecord((r) => (r.timetable = { shutdownBy: "2025-06-30", dismantleBy: "2025-09-30", approvedBy: "随县人民政府" }));
    const printedText = await text(onTimetable);
    expect(printedText).toContain("淘汰时间表");
    for (const part of ["2025", "随县人民政府"]) expect(printedText).toContain(part);
    expect(await text(cement)).not.toContain("淘汰时间表");
    expect(await text(null)).not.toContain("淘汰时间表");
  });

  it("leaves room to write the date after 填报时间： on a blank form", async () => {
    const { runs, rules } = await printed(annex("annex1"), null);
    const gridRight = Math.max(...rules.map((r) => Math.max(r.x1, r.x2)));
    const when = runs.find((r) => r.text.startsWith("填报时间"))!;
    expect(when.text).toBe("填报时间：");
    expect(mm(gridRight - right(when))).toBeGreaterThanOrEqual(35);
  });

  it("sets every figure one way: what it is at the left, the number right before its unit", async () => {
    const { runs } = await printed(annex("annex1"), cement);
    const row = (label: string) => {
      const y = runs.find((r) => r.text === label)!.y;
      return runs.filter((r) => Math.abs(r.y - y) < 0.5).sort((a, b) => a.x - b.x);
    };
    for (const [label, values] of [
      ["企业资产", ["5000", "300", "1200"]],
      ["企业人员", ["120人", "100人", "30人"]],
    ] as const) {
      const cells = row(label);
      for (const v of values) {
        const value = cells.find((r) => r.text === v)!;
        expect(value, v).toBeDefined();
        const unit = cells.find((r) => r.x > value.x && r.text === "（万元）");
        // the unit, where it is printed apart, follows the number with no more than a bracket's own space
        if (unit) expect(unit.x - right(value)).toBeLessThan(0.2 * value.size);
      }
    }
  });
});
