// Data files (plans, form templates): YAML text checked against its Zod schema.
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { t, type Lang } from "../i18n/index.js";
import { UserError } from "./errors.js";
import { issueDetail } from "./zod-words.js";

/** Where a value of the file stands: its 1-based line, or null where the path is not in the file. */
export type LineOf = (path: readonly PropertyKey[]) => number | null;

export type YamlData<T> =
  | { ok: true; data: T; lineOf: LineOf }
  | {
      ok: false;
      /** the first problem: YAML syntax or the schema's first issue */
      detail: string;
      line: number | null;
      /** the schema issue itself (absent for a syntax error) */
      issue?: z.core.$ZodIssue;
      lineOf: LineOf;
    };

/** Pure: text -> data with the line of every value, or the first problem and its line. */
export function readYamlData<S extends z.ZodType>(schema: S, text: string, lang: Lang = "zh-CN"): YamlData<z.output<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineOf: LineOf = (path) => {
    const node = doc.getIn(path.map((p) => (typeof p === "symbol" ? String(p) : p)), true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : null;
  };
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    return { ok: false, detail: t(lang, "yaml-syntax", { detail: err.code }), line: err.linePos?.[0]?.line ?? null, lineOf };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, detail: t(lang, "yaml-limit"), line: null, lineOf };
  }
  const res = schema.safeParse(data, { reportInput: true });
  if (!res.success) {
    const issue = res.error.issues[0]!;
    // the nearest enclosing value that is in the file (a missing key: its parent)
    let line: number | null = null;
    for (let n = issue.path.length; n >= 0 && line === null; n--) line = lineOf(issue.path.slice(0, n));
    return { ok: false, detail: issueDetail(schema, issue, lang, line !== null), line, issue, lineOf };
  }
  return { ok: true, data: res.data, lineOf };
}

/** Pure: text -> data, or a UserError `messageId` naming the file and the first problem and where. */
export function parseYamlData<S extends z.ZodType>(schema: S, text: string, file: string, messageId: string, lang: Lang = "zh-CN"): z.output<S> {
  const r = readYamlData(schema, text, lang);
  if (!r.ok) throw r.line === null ? new UserError(messageId, { file, detail: r.detail }) : new UserError(`${messageId}-at`, { file, line: r.line, detail: r.detail });
  return r.data;
}
