// The pure core of form reading: ticks, verdicts, sign-offs, values beside
// their units, and the layout derived from the same templates the forms are
// printed from; then small tables read cell by cell.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { joinParts } from "../src/forms/join.js";
import { layoutOf, type FormLayout } from "../src/forms/layout.js";
import { assemble } from "../src/read/assemble.js";
import { detectForm } from "../src/forms/match.js";
import { readForm } from "../src/forms/read.js";
import { readSignOff, verdictOf } from "../src/forms/signoff.js";
import { Folded } from "../src/forms/text.js";
import { readTicks } from "../src/forms/ticks.js";
import { fieldValue, slotValues } from "../src/forms/values.js";
import { SheetGrid, type CellValue, type MergedRange } from "../src/read/grid.js";
import { bundledFormFile, parseFormTemplate } from "../src/render/templates.js";
import { cellAddress } from "../src/util/columns.js";

const layout = (id: string) => layoutOf(parseFormTemplate(readFileSync(bundledFormFile(id), "utf8"), `${id}.yaml`));
const annex1 = layout("annex1");
const annex2 = layout("annex2");
const slot = (l: FormLayout, path: string) => l.slots.find((s) => s.fields.some((f) => f.path === path))!;

describe("ticks", () => {
  const yesNo = ["是", "否"] as const;
  it.each([
    ["是☑ 否☐", { kind: "one", index: 0 }],
    ["是□     否☑", { kind: "one", index: 1 }],
    ["☑是 □否", { kind: "one", index: 0 }],
    ["□是 ■否", { kind: "one", index: 1 }],
    ["是（√） 否（ ）", { kind: "one", index: 0 }],
    ["是 ✓", { kind: "one", index: 0 }],
    ["是 ✔否", { kind: "one", index: 1 }],
    ["是● 否○", { kind: "one", index: 0 }],
    ["是☒ 否☐", { kind: "one", index: 0 }],
    ["是□ 否□", { kind: "blank" }],
    ["是☑ 否☑", { kind: "both" }],
    ["是", { kind: "none" }],
    ["√", { kind: "none" }],
    ["已断电断水", { kind: "none" }],
  ])("%s", (text, answer) => expect(readTicks(text, yesNo)).toEqual(answer));

  it("tells 不通过 from the 通过 inside it", () => {
    expect(readTicks("通过☐ 不通过☑", ["通过", "不通过"])).toEqual({ kind: "one", index: 1 });
    expect(readTicks("通过☑　不通过☐", ["通过", "不通过"])).toEqual({ kind: "one", index: 0 });
  });
});

describe("verdicts in an opinion's words", () => {
  it.each([
    ["主体设备已拆除，不具备恢复生产条件，同意通过验收", true],
    ["通过验收", true],
    ["经验收，验收合格。", true],
    ["主体设备未拆除，不予通过", false],
    ["不同意通过", false],
    ["验收不合格", false],
    ["电炉基础未清除，整改后重新验收", false],
    ["原存在不合格问题，现已整改，同意通过验收", true],
    ["同意 通过 验收", true],
    ["已收悉", null],
    ["经核查，同意县级意见", null],
  ])("%s", (text, verdict) => expect(verdictOf(text)).toBe(verdict));
});

describe("sign-off cells", () => {
  const county = slot(annex2, "acceptance.county.opinion").signOff!;
  const company = slot(annex2, "acceptance.enterprise.statement").signOff!;

  it("takes the placeholders, the signature beside them and the date out of the opinion", () => {
    expect(readSignOff("主体设备已拆除，同意通过验收。\n\n（签字）赵某   （盖章）\n\n2024年11月28日", county)).toMatchObject({
      opinion: "主体设备已拆除，同意通过验收。",
      date: "2024年11月28日",
      passed: true,
      unclear: false,
    });
  });

  it("reads the seed's one-line enterprise cell, and leaves an unsigned one blank", () => {
    expect(readSignOff("已按要求完成淘汰任务。企业负责人（签字）王某  （企业盖章）  2024.11.22", company)).toMatchObject({ opinion: "已按要求完成淘汰任务。", date: "2024.11.22" });
    expect(readSignOff("企业负责人（签字）            （企业盖章）      年    月    日", company)).toMatchObject({ opinion: null, date: null, passed: null });
  });

  it("lets capexit's 验收结论 line win over the words, and reports both ticked", () => {
    expect(readSignOff("同意通过验收\n验收结论：通过☐ 不通过☑　（签字）（盖章）\n2024年12月1日", county)).toMatchObject({ passed: false, date: "2024年12月1日" });
    expect(readSignOff("同意通过验收\n验收结论：通过☑ 不通过☑", county)).toMatchObject({ bothTicked: true, conclusion: "通过☑ 不通过☑" });
    expect(readSignOff("整改后重新验收\n验收结论：通过☐ 不通过☐", county)).toMatchObject({ passed: false });
  });

  it("warns of an opinion that states no verdict, but never of a statement", () => {
    expect(readSignOff("已收悉。\n（签字）（盖章）\n2024年12月12日", county)).toMatchObject({ passed: null, unclear: true });
    expect(readSignOff("已按要求完成。\n2024年11月22日", company)).toMatchObject({ unclear: false, date: "2024年11月22日" });
  });

  it("takes a date at the very end when the placeholders were deleted, but not one inside the opinion", () => {
    expect(readSignOff("同意通过验收 2024.11.28", county)).toMatchObject({ opinion: "同意通过验收", date: "2024.11.28" });
    expect(readSignOff("已于2024年10月15日关停，同意通过验收。\n（签字）（盖章）\n年  月  日", county)).toMatchObject({ opinion: "已于2024年10月15日关停，同意通过验收。", date: null });
  });
});

describe("values beside their units", () => {
  it.each([
    ["acceptance.staff.involved", "120      人", 120],
    ["assets.total", "3200（万元）", 3200],
    ["acceptance.fixedAssetsNet", "800    万元", 800],
    ["staff.onDuty", "86人", "86人"],
    ["acceptance.notDismantled.sealed", "是☑ 否☐", "是"],
    ["acceptance.notDismantled.sealed", "是☐ 否☑", "否"],
    ["acceptance.notDismantled.sealed", "是□ 否□", null],
    ["acceptance.notDismantled.sealed", "√", "√"],
    ["licenses.business.revokedOn", "/", null],
    ["licenses.business.revokedOn", "无", null],
    ["acceptance.otherNotes", "无", "无"],
    ["acceptance.otherNotes", "—", null],
  ])("%s: %s", (path, text, raw) => {
    const s = slot(path.startsWith("acceptance") ? annex2 : annex1, path);
    const values = slotValues(s, text);
    const expected = typeof raw === "number" ? String(raw) : raw;
    expect(values.find((v) => v.path === path)?.raw).toBe(expected);
  });

  it("splits 23.8万吨 into its amount and unit, and drops the printed （注明单位）", () => {
    const s = slot(annex2, "acceptance.capacity.amount");
    expect(slotValues(s, "23.8万吨")).toEqual([
      { path: "acceptance.capacity.amount", raw: "23.8" },
      { path: "acceptance.capacity.unit", raw: "万吨" },
    ]);
    expect(slotValues(s, "12 （万千伏安）")).toEqual([
      { path: "acceptance.capacity.amount", raw: "12" },
      { path: "acceptance.capacity.unit", raw: "万千伏安" },
    ]);
    expect(slotValues(s, "（注明单位）")).toEqual([
      { path: "acceptance.capacity.amount", raw: null },
      { path: "acceptance.capacity.unit", raw: null },
    ]);
  });

  it("sends a 注销 date in a 吊销时间 cell to 注销时间", () => {
    const f = { path: "licenses.business.revokedOn", format: "", args: [] };
    expect(fieldValue(f, "2024-11-20注销")).toEqual({ path: "licenses.business.cancelledOn", raw: "2024-11-20" });
    expect(fieldValue(f, "已注销（2024.11.20）")).toEqual({ path: "licenses.business.cancelledOn", raw: "2024.11.20" });
    expect(fieldValue(f, "2024年11月25日吊销")).toEqual({ path: "licenses.business.revokedOn", raw: "2024年11月25日" });
  });
});

describe("labels folded, positions kept", () => {
  it("maps a folded label back onto the text as typed", () => {
    const f = new Folded("手    机：13807220002");
    expect(f.key).toBe("手机:13807220002");
    expect(f.after(3)).toBe("13807220002");
    expect(new Folded("资产总额 （万元）").key).toBe("资产总额(万元)");
  });
});

describe("the layout, from the templates the forms are printed from", () => {
  it("knows where each value stands", () => {
    expect(slot(annex1, "enterprise.name").direction).toBe("right");
    expect(slot(annex1, "staff.onDuty").direction).toBe("own");
    expect(slot(annex2, "acceptance.notDismantled.reason").direction).toBe("below");
    expect(slot(annex2, "acceptance.notDismantled.canResume").direction).toBe("own");
    expect(annex1.lists.map((l) => l.list)).toEqual(["equipment"]);
    expect(annex2.lists[0]!.columns.map((c) => c.field.path)).toEqual(["acceptance.lines[].model", "acceptance.lines[].shutdownOn", "acceptance.lines[].removedOn", "acceptance.lines[].destination"]);
    expect(annex2.part).toBe("acceptance");
    expect(annex1.part).toBeNull();
  });

  it("tells the three 吊销时间 apart by the label left of each, and accepts the seed's wording from the list layout's aliases", () => {
    const revoked = annex1.slots.filter((s) => s.display === "吊销时间");
    expect(revoked.map((s) => annex1.slots[s.context!]!.fields[0]!.path)).toEqual(["enterprise.uscc", "licenses.production.number", "licenses.discharge.number"]);
    expect(slot(annex2, "acceptance.notDismantled.reason").keys).toContain("主体设备(生产线)未拆除的原因");
    expect(slot(annex2, "acceptance.enterprise.statement").keys).toContain("实施及完成情况(企业填写)");
    expect(slot(annex1, "contacts.filler.mobile").keys).toContain("手机");
  });

  it("reads the 填报单位 line into the department, 填报时间 into the date", () => {
    expect(annex1.above.map((a) => a.path)).toEqual(["reportingUnit", "reportedOn"]);
  });
});

/** A grid from rows of cells; `merges` as A1 ranges. */
function grid(name: string, rows: (CellValue | null)[][], merges: string[] = []): SheetGrid {
  const toRange = (r: string): MergedRange => {
    const [a, b] = r.split(":").map((x) => /^([A-Z]+)(\d+)$/.exec(x)!);
    const col = (s: string) => s.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { top: Number(a![2]), left: col(a![1]!), bottom: Number(b![2]), right: col(b![1]!) };
  };
  return new SheetGrid({ name, rows: rows.map((r) => r.map((v) => v ?? undefined)), merges: merges.map(toRange) });
}
const source = (g: SheetGrid) => ({ file: "t.xlsx", sheet: g.name, grid: g, cellName: cellAddress });
const valueOf = (read: ReturnType<typeof readForm>, path: string) => read.fields.find((f) => f.path === path);

describe("reading a table", () => {
  const head = [
    ["企业名称", "示例厂", "建厂时间", "2005"],
    ["企业地址", "示例路1号", null, null],
    ["统一社会信用代码", "91421321MA49XY2K1E", "吊销时间", "2024-11-25"],
    ["生产许可证证书号", "XK-1", "吊销时间", "2024-11-26"],
    ["法定代表人", "张某", "职务", "董事长"],
  ];

  it("is a form when its labels stand on many rows, and a list's header row is none", () => {
    expect(detectForm(grid("a", head), [annex1, annex2])).toBe(annex1);
    const list = grid("附表1", [["县市区", "企业名称", "建厂时间", "企业地址", "统一社会信用代码", "法定代表人"], ["随县", "示例厂", "2005", "示例路", "91421321MA49XY2K1E", "张某"]]);
    expect(detectForm(list, [annex1, annex2])).toBeNull();
  });

  it("reads right of each label, across merges; a repeated label by the label before it", () => {
    const g = grid("a", [...head, ["企业负责人", "李某", "职务", "总经理"]], ["B2:D2"]);
    const r = readForm(source(g), annex1);
    expect(valueOf(r, "enterprise.address")).toMatchObject({ raw: "示例路1号", loc: { cell: "B2" } });
    expect(valueOf(r, "licenses.business.revokedOn")).toMatchObject({ raw: "2024-11-25", loc: { cell: "D3" } });
    expect(valueOf(r, "licenses.production.revokedOn")).toMatchObject({ raw: "2024-11-26", loc: { cell: "D4" } });
    expect(valueOf(r, "contacts.principal.title")).toMatchObject({ raw: "总经理", loc: { cell: "D6" } });
    expect(r.origin.cell).toBe("B3");
  });

  it("reads a value typed after its label in the label's own cell, and after a colon", () => {
    const g = grid("a", [...head, ["企业人员", "在岗职工人数  86人", "债务900（万元）", "填报人：王某"]]);
    const r = readForm(source(g), annex1);
    expect(valueOf(r, "staff.onDuty")).toMatchObject({ raw: "86人", loc: { cell: "B6" } });
    expect(valueOf(r, "assets.debts")).toMatchObject({ raw: "900", loc: { cell: "C6" } });
    expect(valueOf(r, "contacts.filler.name")).toMatchObject({ raw: "王某", loc: { cell: "D6" } });
  });

  it("does not take a text that merely begins with a short label for that label", () => {
    const g = grid("a", [...head, ["存在问题", "债务纠纷尚未了结，需依法处置", null, null]]);
    const r = readForm(source(g), annex1);
    expect(valueOf(r, "rectification.problems")?.raw).toBe("债务纠纷尚未了结，需依法处置");
    expect(valueOf(r, "assets.debts")).toBeUndefined();
  });

  it("reads a column-headed list down to the next label, skipping blank rows", () => {
    const g = grid(
      "a",
      [
        ...head,
        ["主要淘汰生产设备基本情况", "设备名称（型号规格）", "设计产能（万吨）", "数量（台）", "拆除时间"],
        [null, "水泥磨", 20, 1, "2024.11.20"],
        [null, null, null, null, null],
        [null, "破碎机", "5万吨", "2台", null],
        ["存在问题", "淘汰类", null, null, null],
      ],
      ["A6:A9"],
    );
    const r = readForm(source(g), annex1);
    expect(r.fields.filter((f) => f.path.startsWith("equipment[")).map((f) => [f.path, f.raw, f.loc.cell])).toEqual([
      ["equipment[0].name", "水泥磨", "B7"],
      ["equipment[0].designCapacity", 20, "C7"],
      ["equipment[0].quantity", 1, "D7"],
      ["equipment[0].removedOn", "2024.11.20", "E7"],
      ["equipment[1].name", "破碎机", "B9"],
      ["equipment[1].designCapacity", "5万吨", "C9"],
      ["equipment[1].quantity", "2台", "D9"],
      ["equipment[1].removedOn", null, "E9"],
    ]);
    expect(valueOf(r, "rectification.problems")?.raw).toBe("淘汰类");
  });

  it("reports an unknown label once with its value, a label given twice, and what the form lacks", () => {
    const g = grid("a", [...head, ["联系人", "赵某", null, null], ["企业名称", "另一个厂", null, null]]);
    const r = readForm(source(g), annex1);
    const rules = r.findings.map((f) => [f.rule, f.location.cell, f.value ?? f.data?.text ?? null]);
    expect(rules).toContainEqual(["form-unknown-label", "A6", "赵某"]);
    expect(rules).toContainEqual(["form-duplicate-label", "A7", "企业名称"]);
    expect(r.findings.filter((f) => f.rule === "form-unknown-label")).toHaveLength(1);
    expect(r.findings.find((f) => f.rule === "form-labels-missing")?.data?.labels).toContain("处理意见");
    expect(r.findings.filter((f) => f.rule === "form-label-missing")).toEqual([]);
    expect(valueOf(r, "enterprise.name")?.raw).toBe("示例厂");
  });

  it("reads the 填报单位 line above the table, nearest the form", () => {
    const g = grid("a", [["填报单位（盖章）：随县科经局      填报时间：2024.08.19"], ...head]);
    const r = readForm(source(g), annex1);
    expect(valueOf(r, "reportingUnit")).toMatchObject({ raw: "随县科经局", loc: { cell: "A1" } });
    expect(valueOf(r, "reportedOn")).toMatchObject({ raw: "2024.08.19" });
    const blank = readForm(source(grid("a", [["填报单位（盖章）：______  填报时间：______"], ...head])), annex1);
    expect(valueOf(blank, "reportingUnit")?.raw).toBeNull();
  });

  it.each([
    ["填报单位（盖章）：\t填报时间：", null, null],
    ["填报单位（盖章）：随县科经局\t填报时间：", "随县科经局", null],
    ["填报单位（盖章）：\t填报时间：2024年8月19日", null, "2024年8月19日"],
  ])("reads the line as a blank form prints it, a label ending the line: %j", (line, unit, date) => {
    const r = readForm(source(grid("a", [[line], ...head])), annex1);
    expect(valueOf(r, "reportingUnit")?.raw ?? null).toBe(unit);
    expect(valueOf(r, "reportedOn")?.raw ?? null).toBe(date);
  });

  it("reads the 填报单位 line spread over cells, each value at its own cell, none of them an unknown label", () => {
    const g = grid("a", [["填报单位（盖章）：", "随县科经局", null, "填报时间：", new Date("2024-08-19T00:00:00Z")], ...head]);
    const r = readForm(source(g), annex1);
    expect(valueOf(r, "reportingUnit")).toMatchObject({ raw: "随县科经局", loc: { cell: "B1" } });
    expect(valueOf(r, "reportedOn")).toMatchObject({ raw: "2024-08-19", loc: { cell: "E1" } });
    expect(r.findings.filter((f) => f.rule === "form-unknown-label")).toEqual([]);
  });
});

describe("an Annex 2 form joining its enterprise's record", () => {
  const at = (file: string, sheet: string, cell: string) => ({ file, sheet, row: 1, cell, line: null });
  const record = (fields: [string, string, string][], file: string, sheet: string) =>
    assemble(
      fields.map(([path, raw, cell]) => ({ path, raw, loc: at(file, sheet, cell) })),
      at(file, sheet, "A1"),
    ).loaded;
  const annex1 = record([["enterprise.uscc", "91421321MA49XY2K1E", "B3"], ["enterprise.name", "随县示例水泥有限公司", "B1"], ["county", "随县", "B9"]], "a.xlsx", "附表1");
  const other = record([["enterprise.uscc", "91421321MA4002BD6Q", "B3"], ["enterprise.name", "随县示例铸造厂", "B1"]], "a.xlsx", "附表1");
  const annex2 = record(
    [["enterprise.uscc", "91421321ma49xy2k1e", "R3C2"], ["enterprise.name", "随县示例水泥厂", "R2C2"], ["enterprise.phone", "0722-4567890", "R4C5"], ["acceptance.fixedAssetsNet", "800", "R7C2"], ["acceptance.county.signedOn", "2024-02-30", "R19C2"]],
    "b.docx",
    "表1",
  );

  it("joins by USCC as typed (any case, any spacing), the record's own values standing, a different name a warning at the form's cell", () => {
    const { records, left, findings } = joinParts([other, annex1], [{ part: "acceptance", loaded: annex2 }]);
    expect(left).toEqual([]);
    expect(records[0]).toBe(other);
    const joined = records[1]!;
    expect(joined.record.enterprise).toMatchObject({ name: "随县示例水泥有限公司", phone: "0722-4567890" });
    expect(joined.record.acceptance).toEqual({ fixedAssetsNet: 800 });
    expect(joined.locations.get("acceptance.fixedAssetsNet")).toMatchObject({ file: "b.docx", cell: "R7C2" });
    expect(joined.unreadable.has("acceptance.county.signedOn")).toBe(true);
    expect(joined.typed.get("acceptance.county.signedOn")).toBe("2024-02-30");
    expect(joined.origin).toEqual(annex1.origin);
    expect(findings).toEqual([
      expect.objectContaining({ rule: "annex-mismatch", field: "enterprise.name", location: at("b.docx", "表1", "R2C2"), data: expect.objectContaining({ sheet: "附表1" }), places: { where: expect.objectContaining({ file: "a.xlsx", sheet: "附表1", cell: "B1" }) } }),
    ]);
  });

  it("leaves a part whose enterprise already has one, or has none, to stand alone", () => {
    const once = joinParts([annex1], [{ part: "acceptance", loaded: annex2 }]);
    const twice = joinParts(once.records, [{ part: "acceptance", loaded: annex2 }]);
    expect(twice.left).toHaveLength(1);
    expect(joinParts([other], [{ part: "acceptance", loaded: annex2 }]).left).toHaveLength(1);
  });
});
