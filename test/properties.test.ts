// Property-based: arbitrary input never throws; reading what was printed gives the same value.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leaves } from "../src/model/fields.js";
import { RecordSchema } from "../src/model/record.js";
import { assemble } from "../src/read/assemble.js";
import { readYaml } from "../src/read/yaml.js";
import { cellKey, SheetGrid, type CellIssue } from "../src/read/grid.js";
import { readListSheet } from "../src/read/list-sheet.js";
import { readWorkbook } from "../src/read/workbook.js";
import { ANNEX1 } from "../src/model/sheets.js";
import { orgCheckChar, parseOrgCode, parseTaxNo, parseUscc, USCC_CHARSET, usccCheckChar } from "../src/values/codes.js";
import { parseDate } from "../src/values/date.js";
import { parseValue } from "../src/values/index.js";

const anyRaw = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("２０２４年１３月", "1,2,3", "-0", "NaN", "Infinity", "1e309", "　", "\u0000", "万吨万吨"),
);

describe("value parsers", () => {
  it("never throw, whatever the field", () => {
    const metas = [...leaves.values()];
    fc.assert(
      fc.property(anyRaw, fc.nat(metas.length - 1), (raw, i) => {
        const r = parseValue(raw, metas[i]!);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });

  const isoDate = fc.date({ min: new Date("1950-01-01"), max: new Date("2150-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const spellings = [
    (d: string) => d,
    (d: string) => d.replace(/-/g, "/"),
    (d: string) => d.replace(/-/g, "."),
    (d: string) => d.replace(/-/g, ""),
    (d: string) => `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日`,
    (d: string) => d.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  ];

  it("dates: every spelling of a date reads back to it, and reading is stable", () => {
    fc.assert(
      fc.property(isoDate, fc.nat(spellings.length - 1), (iso, k) => {
        const once = parseDate(spellings[k]!(iso));
        expect(once).toEqual({ ok: true, value: iso });
        expect(parseDate(once.ok ? once.value : "")).toEqual(once);
      }),
    );
  });

  it("dates: an impossible day is never rolled over", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2150 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 35 }), (y, m, d) => {
        const valid = new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1;
        const r = parseDate(`${y}年${m}月${d}日`);
        expect(r.ok).toBe(valid);
      }),
    );
  });

  const body = fc.array(fc.constantFrom(...USCC_CHARSET.split("")), { minLength: 8, maxLength: 8 }).map((a) => a.join(""));
  const uscc = fc.tuple(fc.constantFrom("91", "92", "12", "52"), fc.integer({ min: 110000, max: 659999 }), body).map(([p, div, b]) => {
    const org = b + orgCheckChar(b);
    const first = `${p}${div}${org}`;
    return first + usccCheckChar(first);
  });

  it("codes: a valid USCC reads back the same, in any case and width, and its parts agree", () => {
    fc.assert(
      fc.property(uscc, (code) => {
        if (!/^[0-9A-Z]{8}[0-9X]$/.test(code.slice(8, 17)) || !USCC_CHARSET.includes(code[17]!)) return;
        expect(parseUscc(code)).toEqual({ ok: true, value: code });
        expect(parseUscc(` ${code.toLowerCase()} `)).toEqual({ ok: true, value: code });
        const wide = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(parseUscc(wide)).toEqual({ ok: true, value: code });
        expect(parseOrgCode(`${code.slice(8, 16)}-${code[16]}`)).toEqual({ ok: true, value: code.slice(8, 17) });
        expect(parseTaxNo(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it("codes: changing any one character of a USCC is caught", () => {
    fc.assert(
      fc.property(uscc, fc.nat(17), fc.constantFrom(...USCC_CHARSET.split("")), (code, i, c) => {
        if (code[i] === c || !parseUscc(code).ok) return;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseUscc(changed).ok).toBe(false);
      }),
    );
  });
});

describe("readers", () => {
  it("whatever the cells hold, an assembled record fits RecordSchema", () => {
    const paths = [...leaves.keys()];
    const loc = { file: "p.xlsx", sheet: "附表1", row: 2, cell: "A2", line: null };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), fc.nat(3), anyRaw), { maxLength: 40 }), (cells) => {
        const fields = cells.map(([p, i, raw]) => ({ path: paths[p]!.replace(/\[\]/g, `[${i}]`), raw: raw as never, loc }));
        const { loaded } = assemble(fields, loc);
        const checked = RecordSchema.safeParse(loaded.record);
        expect(checked.success ? [] : checked.error.issues).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it("reading a list sheet never throws, whatever its cells, merges and cell errors", () => {
    const value = fc.option(anyRaw.filter((v) => v !== null) as fc.Arbitrary<string | number | boolean | Date>, { nil: undefined });
    const label = fc.constantFrom(...ANNEX1.columns.map((c) => c.label), "吊销时间", "职务", "联系电话", "备注");
    const merge = fc.record({ top: fc.integer({ min: -1, max: 8 }), left: fc.integer({ min: -1, max: 8 }), bottom: fc.integer({ min: -1, max: 9 }), right: fc.integer({ min: -1, max: 9 }) });
    const issue = fc.constantFrom<CellIssue>({ rule: "formula-no-value" }, { rule: "cell-error", error: "#N/A" });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), fc.array(fc.array(value, { maxLength: 8 }), { maxLength: 6 }), fc.array(merge, { maxLength: 4 }), fc.array(fc.tuple(fc.nat(8), fc.nat(8), issue), { maxLength: 3 }), (header, rows, merges, issues) => {
        const grid = new SheetGrid({ name: "附表1", rows: [header, ...rows], merges, issues: new Map(issues.map(([r, c, i]) => [cellKey(r + 1, c + 1), i])) });
        const findings: import("../src/model/finding.js").Finding[] = [];
        const read = readListSheet(grid, ANNEX1, "p.xlsx", findings);
        expect(read === null || read.rows.length <= rows.length + issues.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("readYaml never throws on arbitrary text", () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom("county: 随县\n", "enterprise:\n", "  name: 甲\n", "- ", "&a ", "*a\n", "[", "{", "---\n", "  uscc: 9142\n", ": x\n", "equipment:\n  - name: x\n", "__proto__: 1\n"), { maxLength: 30 }).map((a) => a.join("")),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = readYaml(text, "f.yaml");
        expect(Array.isArray(r.findings)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("readWorkbook never throws on arbitrary cell values under the real labels", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(anyRaw, { maxLength: 8 }), { maxLength: 6 }), async (rows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("附表1");
        ws.addRow(["县市区", "企业名称", "统一社会信用代码", "建厂时间", "在岗职工人数", "企业整体关闭", "资产总额（万元）", "填报人手机"]);
        for (const r of rows) ws.addRow(r.map((v) => (typeof v === "string" ? v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "") : v)));
        const data = new Uint8Array(await wb.xlsx.writeBuffer());
        const r = await readWorkbook(data, "p.xlsx");
        expect(r.records.length).toBeLessThanOrEqual(rows.length);
      }),
      { numRuns: 40 },
    );
  });
});
