// Pure: a summary JSON (record contract §4) read back as the input of a roll-up one
// level up. Text in, data or one sentence out: the schema says what each key
// must hold, and a total that is not the sum of its units is malformed too
// (a hand-edited file whose 汇总 and 明细 would contradict each other).
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { formatPath, type Segment } from "../model/paths.js";
import { UserError } from "../util/errors.js";
import { parseDate } from "../values/date.js";
import { NUMERIC_KEYS, type NumericKey } from "./model.js";
import { sum } from "./sum.js";

/** Problem codes, worded by the catalogue (summary-rollup-invalid.{code}). */
const PROBLEMS = new Set(["missing", "count", "amount", "text", "date", "list", "object", "plan", "total-mismatch"] as const);
type Problem = typeof PROBLEMS extends Set<infer P> ? P : never;

/** An absent key is "missing" whatever the key would hold. */
const says = (code: Problem) => ({ error: (iss: { input?: unknown }) => (iss.input === undefined ? "missing" : code) });

const COUNTS = new Set<NumericKey>([
  "enterprises",
  "equipmentUnits",
  "staffInvolved",
  "staffResettled",
  "linesDismantled",
  "linesSealed",
  "countyPassed",
  "cityPassed",
  "provincePassed",
]);

const count = z.number(says("count")).int(says("count")).nonnegative(says("count"));
const amount = z.number(says("amount")).nonnegative(says("amount"));

const figureShape = {
  ...(Object.fromEntries(NUMERIC_KEYS.map((k) => [k, COUNTS.has(k) ? count : amount])) as Record<NumericKey, typeof amount>),
  capacityEliminated: z.record(z.string().min(1), amount, says("object")),
};
const FiguresJson = z.object(figureShape, says("object"));

const isoDay = z.string(says("date")).refine((s) => {
  const d = parseDate(s);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && d.ok && d.value === s;
}, says("date"));

const name = z.string(says("text")).trim().min(1, says("text"));

export const RollupJsonSchema = z
  .object(
    {
      area: name,
      plan: z.string(says("plan")).nullable().optional(),
      asOf: isoDay,
      units: z.array(z.object({ county: name, ...figureShape }, says("object")), says("list")).min(1, says("list")),
      total: FiguresJson,
    },
    says("object"),
  )
  .superRefine((r, ctx) => {
    // the total is the sum of the units, key by key; a hair of float noise from another tool is allowed
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
    const mismatch = (path: Segment[], total: number, summed: number) =>
      ctx.addIssue({ code: "custom", message: "total-mismatch", path, params: { total, sum: summed } });
    for (const k of NUMERIC_KEYS) {
      const summed = sum(r.units.map((u) => u[k]));
      if (!close(r.total[k], summed)) mismatch(["total", k], r.total[k], summed);
    }
    const measures = new Set([...Object.keys(r.total.capacityEliminated), ...r.units.flatMap((u) => Object.keys(u.capacityEliminated))]);
    for (const m of measures) {
      const total = r.total.capacityEliminated[m] ?? 0;
      const summed = sum(r.units.map((u) => u.capacityEliminated[m] ?? 0));
      if (!close(total, summed)) mismatch(["total", "capacityEliminated", m], total, summed);
    }
  });

export type RollupJson = z.infer<typeof RollupJsonSchema>;

/** A summary JSON as read, and the file it came from. */
export interface RollupInput {
  file: string;
  data: RollupJson;
}

/** The shape that says "a roll-up": an object whose top level has `units` and `total`. */
export function looksLikeRollup(data: unknown): boolean {
  return typeof data === "object" && data !== null && !Array.isArray(data) && "units" in data && "total" in data;
}

/** JSON text -> data, or a UserError naming the file and, where the parser says, the line. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body);
  } catch (e) {
    const line = syntaxLine(body, (e as Error).message);
    throw line === null ? new UserError("summary-json-syntax", { file }) : new UserError("summary-json-syntax-at", { file, line });
  }
}

/** Where the JSON breaks: the parser's position when it gives one, else where a YAML reading of the text stumbles. */
function syntaxLine(text: string, message: string): number | null {
  const at = /position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return text.slice(0, Number(at)).split("\n").length;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const err = doc.errors[0];
  return err ? lines.linePos(err.pos[0]).line : null;
}

/** The 1-based line of a value in the JSON text (JSON is YAML too), else of its nearest enclosing value. */
function lineOf(text: string, path: readonly PropertyKey[]): number | null {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, uniqueKeys: false });
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map((p) => (typeof p === "symbol" ? String(p) : p)), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

/**
 * Pure: the text of a file already known to look like a roll-up -> its data,
 * or a UserError in one sentence: which file, which line, which key, what is wrong.
 */
export function readRollupJson(text: string, file: string, data: unknown = parseJsonText(text, file)): RollupJson {
  const res = RollupJsonSchema.safeParse(data);
  if (res.success) return res.data;
  const issue = res.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  // a roll-up without its area cannot be told from another: say how to make one that has it
  if (path.length === 1 && path[0] === "area") throw new UserError("summary-rollup-no-area", { file });
  const problem = PROBLEMS.has(issue.message as Problem) ? (issue.message as Problem) : "object";
  const params = (issue as { params?: { total?: number; sum?: number } }).params ?? {};
  throw new UserError(`summary-rollup-invalid.${problem}`, {
    file,
    line: lineOf(text, path) ?? "?",
    field: formatPath(path),
    total: params.total ?? "",
    sum: params.sum ?? "",
  });
}
