// One filled form (a Word table or a sheet) -> the raw values of its record,
// each with the cell it came from, and what was wrong with the form itself.
// Labels are found by their folded text; a value is where the layout says:
// right of its label across merges, below a column heading, in the label's
// own cell after a prefix (在岗职工人数  86人), or typed after the label and a
// colon. Nothing is invented: a label the form lacks gives a finding, not a
// value. Which cell is what comes from ./match.ts, the 填报单位 line from
// ./above.ts. Pure.
import type { Finding } from "../model/finding.js";
import type { Location, RawValue } from "../model/source.js";
import type { RawField } from "../read/assemble.js";
import type { SheetGrid } from "../read/grid.js";
import { readAbove, type Line } from "./above.js";
import type { FormLayout, ListSpec, Slot } from "./layout.js";
import { matchCells, mastersOf, type Master, type Role } from "./match.js";
import { readSignOff } from "./signoff.js";
import { isNothing, tidy, withoutBlanks } from "./text.js";
import { removeFixed, slotValues } from "./values.js";

/** A table to read: a sheet, or a table of a Word document, and how its cells are named. */
export interface FormSource {
  file: string;
  /** the sheet's name, or 表N for the N-th table of a document */
  sheet: string;
  grid: SheetGrid;
  /** `B5` for a sheet, `R5C2` for a Word table */
  cellName(row: number, col: number): string;
  /** paragraphs above a Word table (titles, the 填报单位 line), nearest last */
  above?: readonly string[];
}

/** What one form gave. */
export interface FormRead {
  layout: FormLayout;
  fields: RawField[];
  /** what was wrong with the form itself (no record named yet) */
  findings: Finding[];
  /** where the record is said to start: its 统一社会信用代码, else the table */
  origin: Location;
  /** paths whose both answers were ticked */
  bothTicked: Set<string>;
  /** paths of required fields whose label the form lacks: already reported */
  labelMissing: Set<string>;
}

export function readForm(source: FormSource, layout: FormLayout): FormRead {
  const { grid, file, sheet } = source;
  const where = (row: number | null, col: number | null): Location => ({
    file,
    sheet,
    row,
    cell: row !== null && col !== null ? source.cellName(row, col) : null,
    line: null,
  });
  const table = where(null, null);
  const { list: masters, at, width } = mastersOf(grid);
  const { roles } = matchCells(masters, layout);
  const findings: Finding[] = [];
  const fields: RawField[] = [];
  const bothTicked = new Set<string>();
  const consumed = new Set<Master>();
  const isLabel = (m: Master | undefined) => m !== undefined && roles.has(m);
  const slotById = new Map(layout.slots.map((s) => [s.id, s]));

  // labels typed with a colon and their value in one cell (企业名称：随县示例水泥有限公司)
  for (const m of masters) {
    if (roles.has(m) || typeof m.raw !== "string") continue;
    const key = m.folded.key;
    for (const s of layout.slots) {
      const k = s.keys.find((k) => key.startsWith(`${k}:`) && key.length > k.length + 1);
      if (!k) continue;
      roles.set(m, { kind: "label", slots: [s.id], remainder: m.folded.after(k.length + 1) });
      break;
    }
  }

  // which slot each label cell is: a label printed more than once by the label left of it, else in order
  const assigned = new Map<number, Master>();
  const labelCells = masters.filter((m) => roles.get(m)?.kind === "label");
  const leftSlot = (m: Master): number | null => {
    for (let c = m.col - 1; c >= 1; c--) {
      const left = at(m.row, c);
      if (!left) continue;
      const role = roles.get(left);
      if (role?.kind === "label" && role.slots.length === 1) return role.slots[0]!;
      c = left.col; // past a merged cell in one step
    }
    return null;
  };
  for (const m of labelCells) {
    const role = roles.get(m) as Extract<Role, { kind: "label" }>;
    let id: number | undefined;
    if (role.slots.length === 1) id = role.slots[0];
    else {
      const context = leftSlot(m);
      id = role.slots.find((s) => slotById.get(s)!.context === context && !assigned.has(s)) ?? role.slots.find((s) => !assigned.has(s));
    }
    if (id === undefined) continue;
    const first = assigned.get(id);
    if (first) {
      // the label again, with its value: the value is no unknown label of its own
      const beside = at(m.row, m.right + 1);
      if (beside && !roles.has(beside)) consumed.add(beside);
      findings.push({ severity: "warning", rule: "form-duplicate-label", field: slotById.get(id)!.fields[0]!.path, record: null, location: where(m.row, m.col), data: { text: tidy(m.text), first: source.cellName(first.row, first.col) }, value: tidy(m.text) });
      continue;
    }
    assigned.set(id, m);
  }

  // values
  const fieldAt = (path: string, raw: RawValue, loc: Location) => fields.push({ path, raw, loc });
  for (const [id, label] of assigned) {
    const slot = slotById.get(id)!;
    const role = roles.get(label) as Extract<Role, { kind: "label" }>;
    let raw: RawValue = null;
    let loc: Location;
    const rightOf = () => {
      const col = label.right + 1;
      const cell = col <= width ? at(label.row, col) : undefined;
      if (cell && !isLabel(cell)) {
        consumed.add(cell);
        raw = cell.raw;
        loc = where(cell.row, cell.col);
      } else if (slot.direction === "own" || col > width) {
        loc = where(label.row, label.col); // the value belongs in the label's own cell
      } else loc = where(label.row, col);
    };
    if (role.remainder !== null && tidy(role.remainder) !== "") {
      raw = role.remainder;
      loc = where(label.row, label.col);
      if (slot.direction === "own") {
        // a unit or nothing after the prefix: the number may stand in the next cell (a workbook's own column)
        const rest = tidy(removeFixed(withoutBlanks(role.remainder), slot.fixed));
        if (rest === "" || slot.fields.length === 0) rightOf();
      }
    } else if (slot.signOff) {
      // every cell right of the label on its rows: the opinion, the signature line, the date
      const parts: Master[] = masters
        .filter((m) => m.row >= label.row && m.row <= label.bottom && m.col > label.right && !isLabel(m))
        .sort((a, b) => a.row - b.row || a.col - b.col);
      parts.forEach((p) => consumed.add(p));
      loc = parts.length ? where(parts[0]!.row, parts[0]!.col) : where(label.row, label.right + 1);
      readSignOffSlot(slot, parts, loc);
      continue;
    } else if (slot.direction === "below") {
      const cell = at(label.bottom + 1, label.col);
      if (cell && !isLabel(cell)) {
        consumed.add(cell);
        raw = cell.raw;
        loc = where(cell.row, cell.col);
      } else loc = where(label.bottom + 1, label.col);
    } else {
      rightOf();
    }
    for (const v of slotValues(slot, raw)) {
      fieldAt(v.path, v.raw, loc!);
      if (v.bothTicked) bothTicked.add(v.path);
    }
  }

  function readSignOffSlot(slot: Slot, parts: readonly Master[], loc: Location) {
    const spec = slot.signOff!;
    const text = parts.map((p) => p.text).join("\n");
    const s = readSignOff(text, spec);
    fieldAt(slot.fields[0]!.path, s.opinion, loc);
    if (spec.datePath) {
      const holder = s.date ? parts.find((p) => p.text.includes(s.date!)) : undefined;
      fieldAt(spec.datePath, s.date, holder ? where(holder.row, holder.col) : loc);
    }
    if (spec.passedPath) {
      if (s.bothTicked) {
        fieldAt(spec.passedPath, s.conclusion ?? "通过☑ 不通过☑", loc);
        bothTicked.add(spec.passedPath);
      } else {
        // the verdict as its word (通过, 不通过), so that a finding shows it as the form says it
        const [yes, no] = spec.conclusion?.options ?? ["通过", "不通过"];
        fieldAt(spec.passedPath, s.passed === null ? null : s.passed ? yes : no, loc);
      }
      if (s.unclear) {
        findings.push({ severity: "warning", rule: "form-verdict-unclear", field: spec.passedPath, record: null, location: loc, value: s.opinion ?? undefined });
      }
    }
  }

  // the column-headed lists: the heading row, then item rows down to the next label
  layout.lists.forEach((list, li) => readList(list, li));
  function readList(list: ListSpec, li: number) {
    const heads = masters.filter((m) => {
      const r = roles.get(m);
      return r?.kind === "header" && r.list === li;
    });
    if (heads.length === 0) return;
    const byRow = new Map<number, Master[]>();
    for (const h of heads) byRow.set(h.row, [...(byRow.get(h.row) ?? []), h]);
    // the row holding the most of its headings (a heading repeated further down is only a label)
    const cells = [...byRow].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0]![1];
    const columns = cells.map((h) => ({ head: h, spec: list.columns[(roles.get(h) as Extract<Role, { kind: "header" }>).column]! }));
    const start = Math.max(...cells.map((h) => h.bottom)) + 1;
    const firstCol = Math.min(...cells.map((h) => h.col));
    let index = 0;
    for (let r = start; r <= grid.rowCount; r++) {
      // the list ends at the next row that holds a label of the form (存在问题), its side label aside
      const rowCells = masters.filter((m) => m.row === r);
      if (rowCells.some((m) => {
        const role = roles.get(m);
        return role !== undefined && !(role.kind === "known" && m.col < firstCol);
      })) break;
      const values: { path: string; raw: RawValue; loc: Location }[] = [];
      const used = new Set<Master>();
      for (const { head, spec } of columns) {
        const cell = at(r, head.col);
        const path = spec.field.path;
        if (!cell || used.has(cell) || cell.col < head.col && columns.some((c) => c.head !== head && c.head.col <= cell.col && cell.col <= c.head.right)) {
          values.push({ path, raw: null, loc: where(r, head.col) });
          continue;
        }
        used.add(cell);
        values.push({ path, raw: cell.raw, loc: where(cell.row, cell.col) });
      }
      const filled = values.filter((v) => v.raw !== null && !(typeof v.raw === "string" && (tidy(v.raw) === "" || isNothing(v.raw))));
      if (filled.length === 0) continue;
      used.forEach((c) => consumed.add(c));
      for (const v of values) {
        const slot: Slot = { id: -1, keys: [], display: "", fields: [{ path: v.path, format: "", args: [] }], value: "", direction: "below", fixed: [], context: null, extra: false };
        for (const sv of slotValues(slot, v.raw)) fieldAt(sv.path.replace("[]", `[${index}]`), sv.raw, v.loc);
      }
      index++;
    }
  }

  // the 填报单位（盖章）：… 填报时间：… line, in the grid or (a Word table) in the paragraphs above it
  // on a sheet the line may be spread over cells: 填报单位（盖章）：│随县科经局│填报时间：│2024/8/18
  const aboveLines: Line[] = (source.above ?? []).map((text) => [{ text, loc: table }]);
  for (const row of new Set(masters.filter((m) => roles.get(m)?.kind === "above").map((m) => m.row))) {
    const first = Math.min(...masters.filter((m) => m.row === row && roles.get(m)?.kind === "above").map((m) => m.col));
    const parts = masters
      .filter((m) => m.row === row && m.col >= first && !consumed.has(m) && (!roles.has(m) || roles.get(m)!.kind === "above"))
      .sort((a, b) => a.col - b.col);
    parts.forEach((m) => consumed.add(m));
    aboveLines.push(parts.map((m) => ({ text: m.text, loc: where(m.row, m.col) })));
  }
  readAbove(layout, aboveLines, fieldAt);

  // what the form lacks, and what it has that no form of this kind has
  const found = new Set(assigned.keys());
  const labelMissing = new Set<string>();
  for (const s of layout.required) {
    if (found.has(s.id)) continue;
    for (const f of s.fields) {
      labelMissing.add(f.path);
      findings.push({ severity: "error", rule: "form-label-missing", field: f.path, record: null, location: table, data: { text: s.display } });
    }
  }
  const lacking = [
    ...layout.slots.filter((s) => !s.extra && !found.has(s.id) && !layout.required.includes(s)).map((s) => s.display),
    ...layout.lists.flatMap((l, li) => l.columns.filter((_, ci) => !masters.some((m) => {
      const r = roles.get(m);
      return r?.kind === "header" && r.list === li && r.column === ci;
    })).map((c) => c.display)),
  ];
  if (lacking.length) {
    findings.push({ severity: "warning", rule: "form-labels-missing", field: null, record: null, location: table, data: { labels: [...new Set(lacking)].join("、"), count: new Set(lacking).size } });
  }
  // cells that are neither a label of the form nor the value of one: an unknown label, and the value beside it
  const unknown = masters.filter((m) => !roles.has(m) && !consumed.has(m) && tidy(m.text) !== "" && !isNothing(tidy(m.text)));
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  for (const m of unknown) {
    const left = m.col > 1 ? at(m.row, m.col - 1) : undefined;
    if (left && unknown.includes(left)) continue; // the value of the unknown label left of it
    const right = at(m.row, m.right + 1);
    const value = right && unknown.includes(right) ? tidy(right.text) : tidy(m.text);
    findings.push({ severity: "warning", rule: "form-unknown-label", field: null, record: null, location: where(m.row, m.col), data: { text: cut(tidy(m.text), 40) }, value: cut(value, 60) });
  }

  const uscc = fields.find((f) => f.path === "enterprise.uscc");
  const origin = uscc ? uscc.loc : table;
  return { layout, fields, findings, origin, bothTicked, labelMissing };
}
