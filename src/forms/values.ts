// A value cell's text as a clerk filled it -> the raw values of the fields it
// names: the label's prefix, the printed unit and placeholder taken out, two
// fields of one cell split (23.8万吨 -> 23.8 and 万吨), ticks read, a 注销 date
// in a 吊销时间 cell sent to 注销时间. The value parsers judge what is left. Pure.
import { fieldMeta } from "../model/fields.js";
import type { RawValue } from "../model/source.js";
import { checkWords, type FieldRef, type Slot } from "./layout.js";
import { Folded, isNothing, labelKey, tidy, withoutBlanks } from "./text.js";
import { readTicks } from "./ticks.js";

export interface SlotValue {
  path: string;
  raw: RawValue;
  /** both answers ticked: the raw text is kept for the reader to report */
  bothTicked?: boolean;
}

/** Texts that stand for "none" in a cell that wants a date, a number or a yes/no. */
const NONE = new Set(["无", "暂无", "没有", "不适用"]);

const isCheck = (f: FieldRef) => {
  const kind = fieldMeta(f.path)?.kind;
  return f.format === "check" || kind === "yesNo" || kind === "passed";
};

/** Removes every occurrence of a fixed text (a unit, a placeholder), however it is spaced or bracketed. */
export function removeFixed(text: string, fixed: readonly string[]): string {
  let out = text;
  for (const f of fixed) {
    const key = labelKey(f);
    if (!key) continue;
    for (let guard = 0; guard < 10; guard++) {
      const folded = new Folded(out);
      const at = folded.indexOf(key);
      if (at < 0) break;
      const [from, to] = folded.span(at, at + key.length);
      out = `${out.slice(0, from)} ${out.slice(to)}`;
    }
  }
  // a unit taken out of its brackets leaves them empty: 800（万元） -> 800（）
  return out.replace(/[（(][\s\u3000]*[）)]/g, " ");
}

/** A number and what follows it, for a cell holding two fields (23.8万吨, 12 万千伏安). */
const AMOUNT_THEN_TEXT = /^([0-9][0-9.,]*)\s*(.*)$/s;

function unbracket(s: string): string {
  const t = s.trim();
  return /^[（(].*[）)]$/.test(t) ? t.slice(1, -1).trim() : t;
}

/** The raw values a slot's cell gives its fields. */
export function slotValues(slot: Slot, raw: RawValue): SlotValue[] {
  const fields = slot.fields;
  if (raw === null || raw === undefined) return fields.map((f) => ({ path: f.path, raw: null }));
  if (typeof raw !== "string") {
    // a number, date or boolean cell of a workbook: the first field's value
    return fields.map((f, i) => ({ path: f.path, raw: i === 0 ? raw : null }));
  }
  const text = tidy(removeFixed(withoutBlanks(raw), slot.fixed));
  if (text === "") return fields.map((f) => ({ path: f.path, raw: null }));

  if (fields.length > 1) {
    const first = fields[0]!;
    const kind = fieldMeta(first.path)?.kind;
    const m = kind === "amount" || kind === "count" ? AMOUNT_THEN_TEXT.exec(text.normalize("NFKC")) : null;
    if (m) return fields.map((f, i) => fieldValue(f, i === 0 ? m[1]! : i === 1 ? unbracket(m[2]!) : ""));
    return fields.map((f, i) => fieldValue(f, i === 0 ? text : ""));
  }
  return [fieldValue(fields[0]!, text)];
}

/** One field's raw value from its text. */
export function fieldValue(field: FieldRef, text: string): SlotValue {
  const path = field.path;
  const meta = fieldMeta(path);
  const t = tidy(text);
  if (t === "") return { path, raw: null };
  const kind = meta?.kind ?? "text";
  // a slash or dash says "nothing here" in any cell; 无 is a text's own answer (其他应说明的问题：无), elsewhere nothing
  if (isNothing(t) || (kind !== "text" && NONE.has(labelKey(t)))) return { path, raw: null };
  if (isCheck(field)) {
    const answer = readTicks(t, checkWords(field));
    if (answer.kind === "blank") return { path, raw: null };
    // the ticked word itself (是, 不通过), read as a typed answer is and shown so in findings
    if (answer.kind === "one") return { path, raw: (kind === "passed" ? ["通过", "不通过"] : ["是", "否"])[answer.index]! };
    if (answer.kind === "both") return { path, raw: t, bothTicked: true };
    return { path, raw: t };
  }
  if (path.endsWith(".revokedOn")) {
    // 2024-11-20注销 in a 吊销时间 cell: the licence was cancelled, not revoked (either satisfies the rules)
    const cancelled = labelKey(t).includes("注销");
    const date = unbracket(t.replace(/[（(]?(已|于)?(注销|吊销)(时间|日期)?[）)]?[:：]?/g, " "));
    if (cancelled) {
      const other = path.replace(/\.revokedOn$/, ".cancelledOn");
      if (fieldMeta(other)) return { path: other, raw: date || t };
    }
    return { path, raw: date || t };
  }
  return { path, raw: t };
}
