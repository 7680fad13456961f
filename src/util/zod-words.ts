// A Zod issue from a data file (a plan, a form template) worded for a clerk:
// by the catalogue, in the user's language, the field named by its label.
import { z } from "zod";
import { t, type Lang } from "../i18n/index.js";

type Issue = z.core.$ZodIssue;

/** The parts of a schema's definition a path walks through. */
interface Walkable {
  _zod: { def: { type: string; shape?: Record<string, Walkable>; element?: Walkable; innerType?: Walkable; in?: Walkable; options?: Walkable[] } };
}

/** The step of `path` into `schema`, through the wrappers (optional, default, pipe…) around it. */
function step(schema: Walkable, key: PropertyKey): Walkable | null {
  const def = schema._zod.def;
  if (def.type === "object") return def.shape?.[String(key)] ?? null;
  if (def.type === "array") return def.element ?? null;
  if (def.innerType) return step(def.innerType, key);
  if (def.type === "pipe" && def.in) return step(def.in, key);
  if (def.type === "union") for (const o of def.options ?? []) if (step(o, key)) return step(o, key);
  return null;
}

/** The label of the field at `path` in `lang` (`.meta({ title, titleEn })`), when it has one. */
export function labelAt(schema: z.ZodType, path: readonly PropertyKey[], lang: Lang = "zh-CN"): string | null {
  let s: Walkable | null = schema as unknown as Walkable;
  for (const key of path) {
    s = s && step(s, key);
    if (!s) return null;
  }
  const meta = s ? z.globalRegistry.get(s as unknown as z.ZodType) : undefined;
  const title = lang === "en" ? meta?.titleEn : meta?.title;
  return typeof title === "string" ? title : null;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "number";
  return typeof v;
}

const TYPES = new Set(["string", "number", "int", "boolean", "object", "array", "date", "null", "undefined"]);
const typeName = (lang: Lang, type: string) => (TYPES.has(type) ? t(lang, `zod.type.${type}`) : type);

/** One issue in a sentence of the catalogue; a rule of ours (a custom issue) names its own message id. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const list = (items: readonly unknown[]) => items.map((v) => String(v)).join(t(lang, "list.sep"));
  switch (issue.code) {
    case "custom": {
      const params = (issue.params ?? {}) as Record<string, string | number>;
      return t(lang, issue.message, params);
    }
    case "invalid_type":
      if (issue.input === undefined) return t(lang, "zod.missing");
      return t(lang, "zod.invalid-type", { expected: typeName(lang, issue.expected), received: typeName(lang, typeOf(issue.input)) });
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return t(lang, min <= 1 ? "zod.empty" : "zod.too-short", { minimum: min });
      if (issue.origin === "array" || issue.origin === "set") return t(lang, "zod.too-few", { minimum: min });
      return t(lang, "zod.too-small", { minimum: min });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t(lang, "zod.too-long", { maximum: max });
      if (issue.origin === "array" || issue.origin === "set") return t(lang, "zod.too-many", { maximum: max });
      return t(lang, "zod.too-big", { maximum: max });
    }
    case "invalid_value":
      return t(lang, "zod.one-of", { values: list(issue.values) });
    case "unrecognized_keys":
      return t(lang, "zod.unknown-keys", { keys: list(issue.keys) });
    case "invalid_format":
      return t(lang, "zod.format");
    case "not_multiple_of":
      return t(lang, "zod.multiple-of", { divisor: Number(issue.divisor) });
    default:
      return t(lang, "zod.invalid");
  }
}

/**
 * The first issue as a file's problem: "label：message". The field is named by
 * its label; without one, by its path, unless the file's line already says where.
 */
export function issueDetail(schema: z.ZodType, issue: Issue, lang: Lang, lineKnown: boolean): string {
  const label = labelAt(schema, issue.path, lang);
  const where = label ?? (lineKnown || issue.path.length === 0 ? "" : issue.path.map(String).join("."));
  const message = issueMessage(issue, lang);
  return where ? `${where}${t(lang, "sep")}${message}` : message;
}
