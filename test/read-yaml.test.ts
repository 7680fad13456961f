import { describe, expect, it } from "vitest";
import { readYaml } from "../src/read/yaml.js";
import { makeUscc } from "./support/records.js";

const U = makeUscc("421303", 9101);

const ONE = `county: 曾都区
reportedOn: 2024-08-20
enterprise:
  name: 示例厂
  foundedOn: 2005-03
  address: 曾都区
  uscc: ${U}
equipment:
  - name: 磨机
    designCapacity: 20
    removedOn: 2024-02-30
`;

describe("readYaml", () => {
  it("reads one record and keeps each value's line", () => {
    const { records, findings } = readYaml(ONE, "a.yaml");
    expect(records).toHaveLength(1);
    expect(records[0]!.record.enterprise).toMatchObject({ name: "示例厂", foundedOn: "2005-03", uscc: U });
    expect(records[0]!.locations.get("enterprise.uscc")?.line).toBe(7);
    expect(findings.map((f) => [f.rule, f.field, f.location.line, f.location.sheet])).toEqual([
      ["date-impossible", "equipment[0].removedOn", 11, null],
    ]);
  });

  it("takes the county from 填报单位 where no 县市区 is given, at its line", () => {
    const alone = ONE.replace("county: 曾都区", "reportingUnit: 曾都区科经局");
    const r = readYaml(alone, "u.yaml").records[0]!;
    expect([r.record.county, r.record.reportingUnit, r.locations.get("county")?.line]).toEqual(["曾都区科经局", "曾都区科经局", 1]);
    const both = `reportingUnit: 曾都区科经局\n${ONE}`;
    const b = readYaml(both, "b.yaml").records[0]!;
    expect([b.record.county, b.record.reportingUnit]).toEqual(["曾都区", "曾都区科经局"]);
  });

  it("reads a list and several documents", () => {
    const list = `- ${ONE.replace(/\n/g, "\n  ").trimEnd()}\n- county: 随县\n  enterprise: { name: 乙, address: 随县, uscc: ${makeUscc("421321", 9102)} }\n`;
    expect(readYaml(list, "l.yaml").records).toHaveLength(2);
    const docs = `${ONE}---\n${ONE}`;
    const r = readYaml(docs, "d.yaml");
    expect(r.records).toHaveLength(2);
    expect(r.records[1]!.locations.get("enterprise.uscc")?.line).toBe(19);
  });

  it("reports unknown keys, including __proto__, without polluting prototypes", () => {
    const text = `county: 随县\n__proto__: { polluted: yes }\nconstructor: x\nenterprise:\n  name: 甲\n  nmae: 乙\n`;
    const { records, findings } = readYaml(text, "p.yaml");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findings.filter((f) => f.rule === "unknown-key").map((f) => [f.field, f.location.line])).toEqual([
      ["__proto__", 2],
      ["constructor", 3],
      ["enterprise.nmae", 6],
    ]);
    expect(records[0]!.record.enterprise.name).toBe("甲");
  });

  it("reports wrong shapes at their line", () => {
    const text = `county: 随县\nenterprise: 甲厂\nequipment:\n  name: 磨机\nstaff:\n  onDuty: [1, 2]\n`;
    const { findings } = readYaml(text, "w.yaml");
    expect(findings.map((f) => [f.rule, f.field, f.location.line])).toEqual([
      ["type-mismatch", "enterprise", 2],
      ["type-mismatch", "equipment", 4],
      ["type-mismatch", "staff.onDuty", 6],
    ]);
  });

  it("reports a syntax error with its line", () => {
    const { findings } = readYaml("county: 随县\nenterprise:\n  name: [甲\n", "s.yaml");
    expect(findings[0]).toMatchObject({ rule: "yaml-syntax", location: { line: expect.any(Number) } });
  });

  it("bounds alias expansion", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    text += "equipment: *a11\n";
    const started = Date.now();
    const { findings } = readYaml(text, "bomb.yaml");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(findings.some((f) => f.rule === "yaml-limit" || f.rule === "type-mismatch" || f.rule === "unknown-key")).toBe(true);
  });
});
