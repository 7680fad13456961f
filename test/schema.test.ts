// JSON Schema for editors: generated from the Zod schemas, checked in under
// schemas/, and true to what capexit reads.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { leaves } from "../src/model/fields.js";
import { planJsonSchema, recordJsonSchema, schemaFiles } from "../src/schema/json-schema.js";
import { capexit, ROOT, tempDir } from "./support/run.js";

const SCHEMAS = join(ROOT, "schemas");
const record = z.fromJSONSchema(recordJsonSchema() as z.core.JSONSchema.JSONSchema);
/** One record, without the file's record-or-list union, so failures keep their paths. */
const single = (() => {
  const { anyOf: _union, ...rest } = recordJsonSchema();
  return z.fromJSONSchema({ ...rest, $ref: "#/$defs/record" } as z.core.JSONSchema.JSONSchema);
})();
const plan = z.fromJSONSchema(planJsonSchema() as z.core.JSONSchema.JSONSchema);

const base = {
  county: "随县",
  enterprise: { name: "随县示例水泥有限公司", address: "随县厉山镇工业园区", uscc: "91421321MA49XY2K1E" },
};

describe("schemas/", () => {
  it.each(schemaFiles().map((f) => [f.name, f.text]))("%s is current (else run `npm run schemas`)", (name, text) => {
    const file = join(SCHEMAS, name);
    expect(existsSync(file), `${file} missing: run npm run schemas`).toBe(true);
    expect(readFileSync(file, "utf8"), `schemas/${name} is stale: run npm run schemas`).toBe(text);
  });

  it("holds nothing else", () => {
    expect(readdirSync(SCHEMAS).sort()).toEqual(schemaFiles().map((f) => f.name).sort());
  });
});

describe("record schema", () => {
  it("accepts every example YAML file, and each points its editor at the schema", () => {
    const dir = join(ROOT, "examples", "yaml");
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")) : [];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
      expect(m, `${f} has no yaml-language-server line`).not.toBeNull();
      expect(resolve(dirname(join(dir, f)), m![1]!)).toBe(join(SCHEMAS, "record.schema.json"));
      const res = record.safeParse(parse(text));
      expect(res.success, `${f}: ${JSON.stringify(res.error?.issues.slice(0, 3))}`).toBe(true);
    }
  });

  it.each([
    ["one record", base],
    ["a list of records", [base, { ...base, enterprise: { ...base.enterprise, uscc: "91421303MA4001MD3Y" } }]],
    ["an unquoted mobile and a bare year", { ...base, enterprise: { ...base.enterprise, foundedOn: 2005, phone: 13907220001 } }],
    ["是/否 and 通过/不通过 as well as booleans", { ...base, enterprise: { ...base.enterprise, closedEntirely: "是" }, acceptance: { county: { passed: "通过" }, city: { passed: true } } }],
    ["nulls for blanks", { ...base, reportedOn: null, staff: { onDuty: null }, acceptance: null }],
  ])("accepts %s", (_name, doc) => {
    expect(record.safeParse(doc).success).toBe(true);
  });

  it.each([
    ["an unknown key (capexit warns)", { ...base, enterprise: { ...base.enterprise, nmae: "x" } }, "enterprise"],
    ["a negative head count", { ...base, staff: { onDuty: -1 } }, "staff.onDuty"],
    ["a fractional machine count", { ...base, equipment: [{ name: "水泥磨", quantity: 1.5 }] }, "equipment"],
    ["a missing required field", { county: "随县", enterprise: { name: "x", address: "y" } }, "enterprise.uscc"],
    ["a yes/no field with other words", { ...base, enterprise: { ...base.enterprise, closedEntirely: "也许" } }, "enterprise.closedEntirely"],
  ])("rejects %s", (_name, doc, path) => {
    expect(record.safeParse(doc).success).toBe(false);
    const res = single.safeParse(doc);
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("titles and describes every field of the record, for completion and hover", () => {
    const text = JSON.stringify(recordJsonSchema());
    for (const meta of leaves.values()) {
      expect(text).toContain(`"title":"${meta.title}"`);
    }
    expect(text).not.toContain("titleEn"); // capexit's own metadata stays out of the schema
    expect(text).not.toContain('"required":true');
  });
});

describe("plan schema", () => {
  it("accepts the bundled plans and rejects a plan without units", () => {
    const dir = join(ROOT, "templates", "plans");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
      const res = plan.safeParse(parse(readFileSync(join(dir, f), "utf8")));
      expect(res.success, `${f}: ${JSON.stringify(res.error?.issues.slice(0, 3))}`).toBe(true);
    }
    const doc = parse(readFileSync(join(dir, "suizhou-2024.yaml"), "utf8"));
    expect(plan.safeParse({ ...doc, units: [] }).success).toBe(false);
  });
});

describe("capexit schema (end to end)", () => {
  it("writes the same files as schemas/, and never overwrites without --force", () => {
    const dir = tempDir();
    const out = join(dir, "s");
    const r = capexit(["schema", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    for (const { name } of schemaFiles()) {
      expect(readFileSync(join(out, name), "utf8")).toBe(readFileSync(join(SCHEMAS, name), "utf8"));
    }
    writeFileSync(join(out, "plan.schema.json"), "{}");
    const again = capexit(["schema", "-o", out]);
    expect(again.code).toBe(2);
    expect(readFileSync(join(out, "plan.schema.json"), "utf8")).toBe("{}");
    expect(capexit(["schema", "-o", out, "--force"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "plan.schema.json"), "utf8")).$schema).toMatch(/2020-12/);
  });
});
