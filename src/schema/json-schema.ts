// JSON Schema for editors, generated from the Zod schemas (the one source of truth).
// It describes what a YAML author writes (io: "input"): a record file holds one
// record or a list of them. Leaves are widened to the YAML scalars capexit reads
// for their kind, so the editor never flags what `capexit validate` accepts as
// canonical: an unquoted phone number, a bare year, 是/否.
import { z } from "zod";
import { recordTree, type FieldNode } from "../model/fields.js";
import type { FieldKind, FieldMeta } from "../model/record.js";
import { RecordSchema } from "../model/record.js";
import { PlanSchema } from "../plan/schema.js";

type Json = Record<string, unknown>;

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** What a YAML scalar of each kind may be (null always: blank means absent), and a hint of its canonical form. */
const KIND_INPUT: Record<FieldKind, { schema: Json; hint: string; hintEn: string; examples?: unknown[] }> = {
  text: { schema: { type: ["string", "number", "null"] }, hint: "文字", hintEn: "text" },
  county: { schema: { type: ["string", "null"] }, hint: "工作方案中的单位名称，如 随县", hintEn: "a unit named in the work plan, e.g. 随县" },
  date: {
    schema: { type: ["string", "integer", "null"] },
    hint: "日期，写作 2024-10-31（也可写 2024年10月31日）",
    hintEn: "a date, written 2024-10-31 (2024年10月31日 is read too)",
    examples: ["2024-10-31"],
  },
  partialDate: {
    schema: { type: ["string", "integer", "null"] },
    hint: "日期、年月或年份：2005-03-15、2005-03 或 2005",
    hintEn: "a date, a year-month or a year: 2005-03-15, 2005-03 or 2005",
    examples: ["2005-03"],
  },
  yesNo: {
    schema: { anyOf: [{ type: ["boolean", "null"] }, { enum: ["是", "否"] }] },
    hint: "是/否（true/false）",
    hintEn: "yes/no (true/false, 是/否)",
  },
  passed: {
    schema: { anyOf: [{ type: ["boolean", "null"] }, { enum: ["通过", "不通过"] }] },
    hint: "通过/不通过（true/false）",
    hintEn: "passed/not passed (true/false, 通过/不通过)",
  },
  amount: { schema: { type: ["number", "null"], minimum: 0 }, hint: "不小于0的数", hintEn: "a number, not negative" },
  count: { schema: { type: ["integer", "null"], minimum: 0 }, hint: "不小于0的整数", hintEn: "a whole number, not negative" },
  uscc: {
    schema: { type: ["string", "null"], minLength: 18, maxLength: 18 },
    hint: "18位统一社会信用代码（GB 32100-2015）",
    hintEn: "the 18-character unified social credit code (GB 32100-2015)",
    examples: ["91421321MA49XY2K1E"],
  },
  orgCode: {
    schema: { type: ["string", "null"] },
    hint: "组织机构代码，统一社会信用代码第9–17位，如 MA49XY2K-1",
    hintEn: "organisation code, USCC characters 9–17, e.g. MA49XY2K-1",
  },
  taxNo: { schema: { type: ["string", "null"] }, hint: "税务登记号：统一社会信用代码或15位旧税号", hintEn: "tax number: the USCC, or a 15-character pre-2015 number" },
  phone: {
    schema: { type: ["string", "integer", "null"] },
    hint: "座机带区号（0722-3221234）或手机号",
    hintEn: "a landline with area code (0722-3221234) or a mobile",
  },
  mobile: { schema: { type: ["string", "integer", "null"] }, hint: "11位手机号", hintEn: "an 11-digit mobile number" },
};

function leafSchema(meta: FieldMeta): Json {
  const input = KIND_INPUT[meta.kind];
  const unit = meta.unit && !meta.title.endsWith("）") ? `（${meta.unit}）` : "";
  const unitEn = meta.unit && !meta.titleEn.includes("(") ? ` (${meta.unit})` : "";
  return {
    title: meta.title,
    description:
      `${meta.title}${unit}：${input.hint}${meta.required ? "。必填" : ""}\n` +
      `${meta.titleEn}${unitEn}: ${input.hintEn}${meta.required ? "; required" : ""}`,
    ...input.schema,
    ...(input.examples ? { examples: input.examples } : {}),
  };
}

/** The non-null branch of a nullable (`anyOf: [X, {type: null}]`), else the schema itself. */
function unwrap(js: Json): Json {
  const anyOf = js.anyOf as Json[] | undefined;
  if (anyOf?.length === 2 && anyOf[1]?.type === "null") return anyOf[0]!;
  return js;
}

/**
 * Walks Zod's schema along the field tree: each leaf becomes the YAML input of
 * its kind, each object refuses unknown keys (capexit reports them) and
 * requires what the record requires.
 */
function refine(js: Json, node: FieldNode): Json {
  if (node.type === "leaf") return leafSchema(node.meta);
  const target = unwrap(js);
  if (node.type === "array") {
    target.items = refine(target.items as Json, node.element);
    return js;
  }
  const props = target.properties as Record<string, Json>;
  const required = new Set((target.required as string[] | undefined) ?? []);
  for (const [key, child] of node.children) {
    props[key] = refine(props[key]!, child);
    if (child.type === "leaf" && child.meta.required) required.add(key);
  }
  target.additionalProperties = false;
  if (required.size) target.required = [...required];
  return js;
}

/** The record as an editor sees it: completion from titles, canonical forms in descriptions. */
export function recordJsonSchema(): Json {
  const generated = z.toJSONSchema(RecordSchema, { io: "input", target: "draft-2020-12" }) as Json;
  const defs = (generated.$defs ?? {}) as Record<string, Json>;
  const record = refine(structuredClone(defs["capexit-record"] ?? generated), recordTree);
  delete record.id;
  delete record.$schema;
  return {
    $schema: DRAFT,
    $id: "https://capexit.invalid/schemas/record.schema.json",
    title: "淘汰落后产能企业记录 (capexit record file)",
    description:
      "一个文件可写一条记录，或一个记录列表（也可用 --- 分成多个文档）。\n" +
      "A file holds one record or a list of records (or several --- documents).",
    anyOf: [{ $ref: "#/$defs/record" }, { type: "array", items: { $ref: "#/$defs/record" } }],
    $defs: { record },
  };
}

/** A work plan file (templates/plans/*.yaml). */
export function planJsonSchema(): Json {
  const generated = z.toJSONSchema(PlanSchema, { io: "input", target: "draft-2020-12" }) as Json;
  const defs = (generated.$defs ?? {}) as Record<string, Json>;
  const plan = defs["capexit-plan"] ?? generated;
  delete plan.id;
  const { $defs: _unused, ...rest } = plan;
  return {
    $schema: DRAFT,
    $id: "https://capexit.invalid/schemas/plan.schema.json",
    ...rest,
    ...(_unused ? { $defs: _unused } : {}),
  };
}

/** The files `capexit schema` writes and schemas/ holds, with their exact text. */
export function schemaFiles(): { name: string; text: string }[] {
  return [
    { name: "record.schema.json", text: JSON.stringify(recordJsonSchema(), null, 2) + "\n" },
    { name: "plan.schema.json", text: JSON.stringify(planJsonSchema(), null, 2) + "\n" },
  ];
}
