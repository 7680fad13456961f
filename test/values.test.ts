import { describe, expect, it } from "vitest";
import { parseOrgCode, parseTaxNo, parseUscc } from "../src/values/codes.js";
import { parseDate } from "../src/values/date.js";
import { parseNumber } from "../src/values/number.js";
import { isLocalNumber, parsePhone, phoneParts } from "../src/values/phone.js";
import { parseYesNo } from "../src/values/yesno.js";

const value = (r: { ok: boolean; value?: unknown; code?: string }) => (r.ok ? r.value : `!${r.code}`);

describe("parseDate", () => {
  it.each([
    ["2024-10-31", "2024-10-31"],
    ["2024/10/31", "2024-10-31"],
    ["2024.10.31", "2024-10-31"],
    ["2024年10月31日", "2024-10-31"],
    ["2024年1月5日", "2024-01-05"],
    ["20241031", "2024-10-31"],
    ["２０２４－１０－３１", "2024-10-31"], // full-width digits and dash
    ["　2024/1/5 ", "2024-01-05"],
    ["2024-10-31 00:00:00", "2024-10-31"], // a date exported with its time of day
    ["2024/10/31 8:30", "2024-10-31"],
    ["2024-02-29", "2024-02-29"],
    ["2024-02-30", "!date-impossible"],
    ["2023-02-29", "!date-impossible"],
    ["2024年13月5日", "!date-impossible"],
    ["2024-00-10", "!date-impossible"],
    ["20241341", "!date-impossible"],
    ["10/31/2024", "!date-invalid"],
    ["十月底", "!date-invalid"],
    ["2005-03", "!date-invalid"],
  ])("%s -> %s", (raw, want) => expect(value(parseDate(raw))).toBe(want));

  it.each([
    ["2005-03", "2005-03"],
    ["2005年3月", "2005-03"],
    ["2005", "2005"],
    ["2005年", "2005"],
    ["2005-03-15", "2005-03-15"],
    ["2005-13", "!date-impossible"],
  ])("partial %s -> %s", (raw, want) => expect(value(parseDate(raw, true))).toBe(want));

  it("reads Excel date cells and serials", () => {
    expect(value(parseDate(new Date(Date.UTC(2024, 9, 31))))).toBe("2024-10-31");
    expect(value(parseDate(new Date(Date.UTC(2024, 9, 31, 18))))).toBe("2024-10-31"); // a date-time cell keeps its day
    expect(value(parseDate(45596))).toBe("2024-10-31");
    expect(value(parseDate(20241031))).toBe("2024-10-31");
    expect(value(parseDate(2005, true))).toBe("2005");
  });
});

describe("parseYesNo", () => {
  it.each([
    ["是", true], ["否", false], ["√", true], ["×", false], ["☑", true], ["☐", false],
    ["Y", true], ["n", false], ["yes", true], ["NO", false], ["true", true], ["false", false],
    ["1", true], ["0", false], ["Ｙ", true],
  ])("%s -> %s", (raw, want) => expect(value(parseYesNo(raw))).toBe(want));
  it("reads 通过/不通过 only for verdicts", () => {
    expect(value(parseYesNo("通过", true))).toBe(true);
    expect(value(parseYesNo("不通过", true))).toBe(false);
    expect(value(parseYesNo("通过"))).toBe("!yesno-invalid");
    expect(value(parseYesNo("也许"))).toBe("!yesno-invalid");
    expect(value(parseYesNo(1))).toBe(true);
    expect(value(parseYesNo(true))).toBe(true);
  });
});

describe("parseNumber", () => {
  it.each<[string | number, { unit?: string; whole?: boolean }, unknown]>([
    [1200, {}, 1200],
    ["1,200", {}, 1200],
    ["1,200.5", {}, 1200.5],
    ["１２００", {}, 1200],
    ["30万吨", { unit: "万吨" }, 30],
    ["30 万吨", { unit: "万吨" }, 30],
    ["30吨", { unit: "万吨" }, "!number-wrong-unit"],
    ["120人", { unit: "人", whole: true }, 120],
    ["-5", {}, "!number-negative"],
    [-5, {}, "!number-negative"],
    ["12.5", { whole: true }, "!number-not-whole"],
    ["1,20", {}, "!number-invalid"],
    ["abc", {}, "!number-invalid"],
    ["0", { whole: true }, 0],
  ])("%s %o -> %s", (raw, opts, want) => expect(value(parseNumber(raw, opts))).toBe(want));
});

describe("codes", () => {
  it.each([
    ["91421321MA49XY2K1E", "91421321MA49XY2K1E"],
    ["91350100M000100Y43", "91350100M000100Y43"],
    ["９１４２１３２１ＭＡ４９ＸＹ２Ｋ１Ｅ", "91421321MA49XY2K1E"],
    ["91421321 ma49xy2k1e", "91421321MA49XY2K1E"],
    ["91421321MA49XY2K1X", "!uscc-check-digit"],
    ["91421321MA49XY2K1", "!uscc-length"],
    ["91421321MA49XY2KIE", "!uscc-charset"],
    ["9142132OMA49XY2K1E", "!uscc-charset"],
  ])("USCC %s -> %s", (raw, want) => expect(value(parseUscc(raw))).toBe(want));

  it("names the expected check character", () => {
    const r = parseUscc("91421321MA49XY2K1X");
    expect(r).toMatchObject({ ok: false, code: "uscc-check-digit", data: { expected: "E", actual: "X" } });
  });

  it.each([
    // characters 9–17 hold an organisation code whose own check character is wrong: a digit, or a letter other than X
    ["91421381MA4001P3HA", "0", "H"],
    ["91421321MA49XY2K2H", "1", "2"],
  ])("names the organisation code's expected check character in USCC %s", (raw, expected, actual) => {
    expect(parseUscc(raw)).toMatchObject({ ok: false, code: "uscc-orgcode", data: { expected, actual } });
  });

  it.each([
    ["MA49XY2K-1", "MA49XY2K1"],
    ["MA49XY2K1", "MA49XY2K1"],
    ["M000100Y-4", "M000100Y4"],
    ["MA49XY2K-2", "!orgcode-check-digit"],
    ["MA49XY2", "!orgcode-format"],
  ])("org code %s -> %s", (raw, want) => expect(value(parseOrgCode(raw))).toBe(want));

  it.each([
    ["91421321MA49XY2K1E", "91421321MA49XY2K1E"],
    ["421321MA49XY2K1", "421321MA49XY2K1"],
    ["421321MA49XY2K2", "!taxno-format"],
    ["12345", "!taxno-format"],
  ])("tax number %s -> %s", (raw, want) => expect(value(parseTaxNo(raw))).toBe(want));
});

describe("parsePhone", () => {
  it.each([
    ["13907220001", true], ["+8613907220001", true], ["86 139 0722 0001", true], ["139-0722-0001", true],
    ["0722-3221234", true], ["07223221234", true], ["(0722)3221234", true], ["0722-3221234-801", true],
    ["0722-6231001转8021", true], ["010-88881234", true], ["１３９０７２２０００１", true],
    ["1390722", false], ["12907220001", false], ["abc", false],
    // a local number without its area code is read (the phone-area-code rule warns)
    ["3221234", true], ["32212345", true], ["322-1234", true], ["0221234", false],
    // several numbers in one cell, each checked
    ["13907220101、0722-3221234", true], ["13907220101/0722-3221234", true], ["13907220101，0722-3221234", true],
    ["13907220101; 0722-3221234", true], ["13907220101；3221234、", true], ["13907220101、1390722", false],
  ])("%s valid=%s", (raw, ok) => expect(parsePhone(raw).ok).toBe(ok));
  it("mobile-only fields refuse landlines", () => expect(value(parsePhone("0722-3221234", true))).toBe("!mobile-invalid"));
  it("keeps several numbers as typed", () => expect(parsePhone("13907220101、0722-3221234")).toEqual({ ok: true, value: "13907220101、0722-3221234" }));
  it.each([
    ["13907220101、1390722", false, "1390722"],
    ["0722-3221234/abc", false, "abc"],
    ["1390722", false, "1390722"],
    ["13807220101、0722-3221234", true, "0722-3221234"],
  ] as const)("names the bad number: %s", (raw, mobileOnly, part) => {
    expect(parsePhone(raw, mobileOnly)).toMatchObject({ ok: false, data: { part } });
  });
  it.each([
    ["3221234", ["3221234"], true],
    ["0722-3221234", ["0722-3221234"], false],
    ["13907220101 、 0722 3221234", ["13907220101", "0722 3221234"], false],
  ] as const)("splits %j into numbers; local: %s", (raw, parts, local) => {
    expect(phoneParts(raw)).toEqual(parts);
    expect(isLocalNumber(parts[0]!)).toBe(local);
  });
});

describe("free text", () => {
  it("is kept as typed, only trimmed: Chinese punctuation and numerals are not folded", async () => {
    const { parseValue } = await import("../src/values/index.js");
    const { fieldMeta } = await import("../src/model/fields.js");
    const r = parseValue("　Ⅲ号窑①，已拆除；（待验收） ", fieldMeta("rectification.problems")!);
    expect(r).toEqual({ ok: true, value: "Ⅲ号窑①，已拆除；（待验收）" });
  });
});
