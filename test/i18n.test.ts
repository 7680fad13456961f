import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.js";
import { zhCN } from "../src/i18n/zh-CN.js";
import { leaves } from "../src/model/fields.js";

describe("catalogues", () => {
  it("en and zh-CN have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it("use the same placeholders in both languages", () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN)) expect([key, holes(en[key] ?? "")]).toEqual([key, holes(zhCN[key]!)]);
  });
  it("every field has a Chinese and an English label", () => {
    for (const [path, meta] of leaves) expect([path, Boolean(meta.title && meta.titleEn)]).toEqual([path, true]);
  });
});
