// YAML records: one record, a list of records, or several `---` documents.
// The node tree is walked along the record schema, keeping each value's line.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import { recordTree, type FieldNode } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import type { Location, RawValue } from "../model/source.js";
import { UserError } from "../util/errors.js";
import { assemble, recordKey, type RawField } from "./assemble.js";
import type { ReadResult } from "./types.js";

/** Aliases resolved per file before it is refused (a bound against alias bombs). */
export const MAX_ALIASES = 1000;

type Kind = "object" | "list" | "value";

function kindOf(node: unknown): Kind {
  if (isMap(node)) return "object";
  if (isSeq(node)) return "list";
  return "value";
}

const KIND_WORD: Record<Kind, string> = { object: "对象（键: 值）", list: "列表", value: "单个值" };

class Walker {
  aliases = 0;
  constructor(
    private doc: Document.Parsed,
    private lines: LineCounter,
    private file: string,
    readonly findings: Finding[],
  ) {}

  loc(node: Node | null | undefined): Location {
    const offset = node?.range?.[0] ?? 0;
    return { file: this.file, sheet: null, row: null, cell: null, line: this.lines.linePos(offset).line };
  }

  resolve(node: unknown): unknown {
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) throw new AliasLimit();
      return node.resolve(this.doc);
    }
    return node;
  }

  walk(schema: FieldNode, raw: unknown, path: string, out: RawField[], record: () => string | null): void {
    const node = this.resolve(raw);
    if (node === null || node === undefined) return;
    if (isScalar(node) && (node.value === null || node.value === "") && schema.type !== "leaf") return;
    const want: Kind = schema.type === "leaf" ? "value" : schema.type === "array" ? "list" : "object";
    const got = kindOf(node);
    if (want !== got) {
      this.findings.push({
        severity: "error",
        rule: "type-mismatch",
        field: path || null,
        record: record(),
        location: this.loc(node as Node),
        data: { expected: KIND_WORD[want], actual: KIND_WORD[got] },
      });
      return;
    }
    if (schema.type === "leaf" && isScalar(node)) {
      out.push({ path, raw: scalarValue(node.value), loc: this.loc(node) });
    } else if (schema.type === "array" && isSeq(node)) {
      node.items.forEach((item, i) => this.walk(schema.element, item, `${path}[${i}]`, out, record));
    } else if (schema.type === "object" && isMap(node)) {
      for (const pair of node.items) {
        const keyNode = this.resolve(pair.key);
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        // Map.get, not an object lookup: `__proto__` and `constructor` are just unknown keys
        const child = schema.children.get(key);
        const childPath = path ? `${path}.${key}` : key;
        if (!child) {
          this.findings.push({ severity: "warning", rule: "unknown-key", field: childPath, record: record(), location: this.loc(keyNode as Node), data: { key: childPath } });
          continue;
        }
        this.walk(child, pair.value, childPath, out, record);
      }
    }
  }
}

class AliasLimit extends Error {}

function scalarValue(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

/** Keys only a work plan has at its top: a plan given where records are expected. */
const PLAN_KEYS = ["units", "deadlines", "documentNo", "cityDivision", "issuedOn"];

function looksLikePlan(root: unknown): boolean {
  if (!isMap(root)) return false;
  const keys = new Set(root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "")));
  return !keys.has("enterprise") && keys.has("units") && PLAN_KEYS.filter((k) => keys.has(k)).length >= 2;
}

/** `{"records": [...]}`, as capexit collect writes it to .json: its list of records. */
function recordList(root: unknown, walker: Walker): unknown[] | null {
  if (!isMap(root)) return null;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === "records");
  if (!pair || root.items.some((p) => isScalar(p.key) && p.key.value === "enterprise")) return null;
  const list = walker.resolve(pair.value);
  return isSeq(list) ? list.items : null;
}

export function readYaml(text: string, file: string): ReadResult {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const findings: Finding[] = [];
  const records: ReadResult["records"] = [];
  const docList = Array.isArray(docs) ? docs : [];
  for (const doc of docList) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      findings.push({
        severity: "error",
        rule: "yaml-syntax",
        field: null,
        record: null,
        location: { file, sheet: null, row: null, cell: null, line: err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line },
        data: { detail: err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") },
      });
      continue;
    }
    const walker = new Walker(doc, lines, file, findings);
    try {
      const root = walker.resolve(doc.contents);
      if (looksLikePlan(root)) throw new UserError("input-is-plan", { file });
      if (root === null || root === undefined || (isScalar(root) && root.value === null)) continue;
      const items = isSeq(root) ? root.items : recordList(root, walker) ?? [root];
      for (const item of items) {
        const node = walker.resolve(item);
        const fields: RawField[] = [];
        const origin = walker.loc(node as Node);
        walker.walk(recordTree, node, "", fields, () => recordKey(fields));
        if (!isMap(node)) continue;
        const { loaded, findings: f } = assemble(fields, origin);
        records.push(loaded);
        findings.push(...f);
      }
    } catch (e) {
      if (!(e instanceof AliasLimit)) throw e;
      findings.push({ severity: "error", rule: "yaml-limit", field: null, record: null, location: walker.loc(doc.contents), data: {} });
    }
  }
  return { records, findings };
}
