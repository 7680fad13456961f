// The record schema seen as a tree of fields: what the readers walk, what the
// value parsers dispatch on, and where labels for messages come from.
import { z } from "zod";
import { RecordSchema, type FieldMeta } from "./record.js";

export type FieldNode =
  | { type: "object"; path: string; children: Map<string, FieldNode> }
  | { type: "array"; path: string; element: FieldNode }
  | { type: "leaf"; path: string; meta: FieldMeta };

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}

function def(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

function build(schema: z.ZodType, path: string): FieldNode {
  let s = schema;
  let d = def(s);
  while ((d.type === "optional" || d.type === "nullable") && d.innerType) {
    s = d.innerType;
    d = def(s);
  }
  if (d.type === "object" && d.shape) {
    const children = new Map<string, FieldNode>();
    for (const [key, child] of Object.entries(d.shape)) {
      children.set(key, build(child, path ? `${path}.${key}` : key));
    }
    return { type: "object", path, children };
  }
  if (d.type === "array" && d.element) {
    return { type: "array", path, element: build(d.element, `${path}[]`) };
  }
  const meta = z.globalRegistry.get(s) as FieldMeta | undefined;
  if (!meta?.kind) throw new Error(`field ${path} has no metadata`);
  return { type: "leaf", path, meta };
}

export const recordTree = build(RecordSchema, "") as Extract<FieldNode, { type: "object" }>;

/** Every leaf by its template path (list indices written as `[]`). */
export const leaves: ReadonlyMap<string, FieldMeta> = (() => {
  const out = new Map<string, FieldMeta>();
  const walk = (n: FieldNode) => {
    if (n.type === "leaf") out.set(n.path, n.meta);
    else if (n.type === "array") walk(n.element);
    else for (const c of n.children.values()) walk(c);
  };
  walk(recordTree);
  return out;
})();

/** `acceptance.lines[1].removedOn` -> `acceptance.lines[].removedOn` */
const templates = new Map<string, string>();

export function templatePath(path: string): string {
  if (!path.includes("[")) return path;
  let t = templates.get(path);
  if (t === undefined) {
    t = path.replace(/\[\d+\]/g, "[]");
    templates.set(path, t);
  }
  return t;
}

export function fieldMeta(path: string): FieldMeta | undefined {
  return leaves.get(templatePath(path));
}

/** The label of a field for messages: its own title, or that of the nearest titled parent. */
export function fieldLabel(path: string, lang: "zh-CN" | "en"): string {
  const meta = fieldMeta(path);
  const m = /\[(\d+)\]/.exec(path);
  const row = m ? (lang === "en" ? ` (item ${Number(m[1]) + 1})` : `（第${Number(m[1]) + 1}项）`) : "";
  if (meta) return (lang === "en" ? meta.titleEn : meta.title) + row;
  return path;
}
