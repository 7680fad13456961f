// The Word container: what a clerk sees in a table is what the reader gives,
// merges, breaks, checkboxes and all; what Word does not show is left out.
import { describe, expect, it } from "vitest";
import { parseDocument, readDocxTables } from "../src/read/docx.js";
import { UserError } from "../src/util/errors.js";
import { checkbox, deleted, docx, legacyCheckbox, p, prompt, runs, symbol, table } from "./support/word.js";
import { rawZip } from "./support/raw-zip.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

describe("Word tables as grids", () => {
  it("places cells by grid column across gridSpan and vMerge, the merged cells showing their master", () => {
    const [t] = parseDocument(
      doc(
        table(4, [
          [{ text: "填报人", v: "restart" }, "王某", "联系电话", "0722-3221234"],
          [{ v: "continue" }, { text: "手    机", span: 2 }, "13807220002"],
          [{ text: "整改结果", span: 1 }, { text: "已拆除", span: 3 }],
        ]),
      ),
    );
    const g = t!.grid;
    expect(g.name).toBe("表1");
    expect(g.stored(1, 1)).toBe("填报人");
    expect(g.value(2, 1)).toBe("填报人"); // the vertical merge
    expect(g.stored(2, 2)).toBe("手    机");
    expect(g.stored(2, 4)).toBe("13807220002"); // after a span of two, the fourth grid column
    expect(g.value(3, 4)).toBe("已拆除");
    expect(g.mergeAt(3, 3)).toEqual({ top: 3, left: 2, bottom: 3, right: 4 });
    expect(g.mergeAt(2, 1)).toEqual({ top: 1, left: 1, bottom: 2, right: 1 });
  });

  it("keeps line breaks, paragraphs and tabs of a cell, and text Word split over runs", () => {
    const [t] = parseDocument(doc(table(1, [[{ xml: `${p("统一社会\n信用代码")}${p("第二段\t后")}` }], [{ text: "随县示例水泥有限公司", split: true }]])));
    expect(t!.grid.stored(1, 1)).toBe("统一社会\n信用代码\n第二段\t后");
    expect(t!.grid.stored(2, 1)).toBe("随县示例水泥有限公司");
  });

  it("shows checkbox controls, legacy checkboxes and Wingdings ticks as ☑ and ☐, whatever glyph they hold", () => {
    const cells = [
      `${runs("是")}${checkbox(true)}${runs(" 否")}${checkbox(false)}`,
      `${runs("是")}${legacyCheckbox(false)}${runs(" 否")}${legacyCheckbox(true)}`,
      `${runs("是")}${symbol("Wingdings 2", "F052")}${runs(" 否")}${symbol("Wingdings 2", "F0A3")}`,
    ];
    const [t] = parseDocument(doc(table(1, cells.map((xml) => [{ xml }]))));
    expect(t!.grid.stored(1, 1)).toBe("是☑ 否☐");
    expect(t!.grid.stored(2, 1)).toBe("是☐ 否☑");
    expect(t!.grid.stored(3, 1)).toBe("是☑ 否☐");
  });

  it("leaves out tracked deletions, field codes and an empty control's prompt", () => {
    const [t] = parseDocument(doc(table(1, [[{ xml: `${runs("随县示例")}${deleted("水泥厂")}${runs("水泥有限公司")}` }], [{ xml: prompt("单击或点击此处输入文字。") }]])));
    expect(t!.grid.stored(1, 1)).toBe("随县示例水泥有限公司");
    expect(t!.grid.stored(2, 1)).toBeUndefined();
  });

  it("tab stops of a paragraph's properties are no text", () => {
    const [t] = parseDocument(doc(table(1, [[{ xml: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="840"/></w:tabs></w:pPr>${runs("企业名称")}</w:p>` }]])));
    expect(t!.grid.stored(1, 1)).toBe("企业名称");
  });

  it("numbers tables in the order they begin, a nested table after its outer one, and gives each the paragraphs around it", () => {
    const inner = table(2, [["企业名称", "示例"]]);
    const tables = parseDocument(
      doc(`${p("附表1")}${p("填报单位（盖章）：随县科经局")}${table(1, [[{ xml: `${p("框")}${inner}` }]])}${p("注：此表由各地科经部门填报")}${p("附表2")}${table(1, [["x"]])}${p("备注")}`),
    );
    expect(tables.map((t) => [t.index, t.parent])).toEqual([
      [1, null],
      [2, 1],
      [3, null],
    ]);
    expect(tables[0]!.above).toEqual(["附表1", "填报单位（盖章）：随县科经局"]);
    expect(tables[1]!.above).toEqual(tables[0]!.above);
    expect(tables[0]!.grid.stored(1, 1)).toBe("框"); // the outer cell's own text, not the inner table's
    expect(tables[1]!.grid.stored(1, 2)).toBe("示例");
    expect(tables[0]!.below).toEqual(["注：此表由各地科经部门填报", "附表2"]);
    expect(tables[2]!.above).toEqual(["注：此表由各地科经部门填报", "附表2"]);
    expect(tables[2]!.below).toEqual(["备注"]);
  });

  it("reads a package through its relationships, and refuses what is no Word document in one sentence", async () => {
    const bytes = await docx(table(1, [["企业名称"]]));
    expect(readDocxTables(bytes, "a.docx")[0]!.grid.stored(1, 1)).toBe("企业名称");
    const notWord = rawZip([{ name: "hello.txt", stored: new TextEncoder().encode("hi"), method: 0, size: 2 }]);
    expect(() => readDocxTables(notWord, "b.docx")).toThrow(UserError);
    const xml = new TextEncoder().encode('<!DOCTYPE x [<!ENTITY a "b">]><w:document/>');
    const doctype = rawZip([{ name: "word/document.xml", stored: xml, method: 0, size: xml.length }]);
    try {
      readDocxTables(doctype, "c.docx");
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).messageId).toBe("file-xml-doctype");
    }
  });
});
