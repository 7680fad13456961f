// The four sheets of the list layout joined into records by 统一社会信用代码:
// 附表1 rows are the enterprises, 附表1设备 rows their equipment, 附表2 rows
// their acceptance and 附表2生产线 rows its lines. Nothing here knows a file format.
import type { Finding } from "../model/finding.js";
import { JOIN_PATH, SHEETS, type SheetSpec } from "../model/sheets.js";
import type { CellRow, Location } from "../model/source.js";
import { isBlank } from "../values/index.js";
import { normaliseLabel } from "../values/text.js";
import { assemble, displayRaw, recordKey, type RawField } from "./assemble.js";
import type { SheetRead, SheetRow } from "./list-sheet.js";
import type { ReadResult } from "./types.js";

interface Draft {
  origin: Location;
  fields: RawField[];
  cells: CellRow[];
  lists: Map<string, number>;
}

/** Turns item-sheet paths `equipment[].name` into `equipment[3].name`. */
function indexFields(fields: RawField[], index: number): RawField[] {
  return fields.filter((f) => f.path !== JOIN_PATH).map((f) => ({ ...f, path: f.path.replace("[]", `[${index}]`) }));
}

/** Joins the annex sheets read; `findings` already holds what reading them found, and gets the join's own. */
export function joinSheets(bySpec: ReadonlyMap<SheetSpec, SheetRead>, findings: Finding[]): ReadResult {
  const [annex1, equipment, annex2, lines] = SHEETS.map((s) => bySpec.get(s));
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const orphan = (row: SheetRow, target: string) =>
    findings.push({
      severity: "error",
      rule: row.key ? "orphan-row" : "missing-join-key",
      field: JOIN_PATH,
      record: row.key ?? recordKey(row.fields),
      location: row.keyLoc,
      data: { sheet: target },
      value: row.key ?? undefined,
    });

  const addEnterprise = (row: SheetRow) => {
    const draft: Draft = { origin: row.keyLoc, fields: [...row.fields], cells: [row.cells], lists: new Map() };
    drafts.push(draft);
    if (row.key && !byKey.has(row.key)) byKey.set(row.key, draft);
    return draft;
  };

  for (const row of annex1?.rows ?? []) addEnterprise(row);

  const joinItems = (sheet: SheetRead | undefined, targets: Map<string, Draft>, targetName: string) => {
    for (const row of sheet?.rows ?? []) {
      const draft = row.key ? targets.get(row.key) : undefined;
      if (!draft) {
        orphan(row, targetName);
        continue;
      }
      const list = sheet!.spec.list!;
      const i = draft.lists.get(list) ?? 0;
      draft.lists.set(list, i + 1);
      draft.fields.push(...indexFields(row.fields, i));
      draft.cells.push({ ...row.cells, item: i });
    }
  };
  joinItems(equipment, byKey, annex1?.name ?? "附表1");

  // 附表2 rows join 附表1; a workbook with no 附表1 sheet holds acceptance-only records
  const annex2Keys = new Map<string, Draft>();
  const seen2 = new Set<string>();
  for (const row of annex2?.rows ?? []) {
    if (row.key && seen2.has(row.key)) {
      findings.push({ severity: "error", rule: "uscc-duplicate", messageId: "sheet", field: JOIN_PATH, record: row.key, location: row.keyLoc, data: { sheet: annex2!.name }, value: row.key });
      continue;
    }
    if (row.key) seen2.add(row.key);
    let draft = row.key ? byKey.get(row.key) : undefined;
    if (!draft && annex1) {
      orphan(row, annex1.name);
      continue;
    }
    if (!draft) {
      draft = addEnterprise(row);
    } else {
      findings.push(...mergeAnnex2(draft, row, annex1!.name));
      draft.cells.push(row.cells);
    }
    if (row.key) annex2Keys.set(row.key, draft);
  }
  joinItems(lines, annex2 ? annex2Keys : byKey, annex2?.name ?? annex1?.name ?? "附表2");

  const records = [];
  for (const d of drafts) {
    const { loaded, findings: f } = assemble(d.fields, d.origin, d.cells);
    records.push(loaded);
    findings.push(...f);
  }
  return { records, findings };
}

/** What 附表2 repeats from 附表1. */
const REPEATED = ["enterprise.name", "enterprise.address"];

/**
 * 附表2 repeats name and address: 附表1's stand, 附表2's fill in where 附表1 left
 * them blank, and where both are given and differ the 附表2 cell gets a warning.
 */
function mergeAnnex2(draft: Draft, row: SheetRow, annex1Name: string): Finding[] {
  const findings: Finding[] = [];
  const present = new Map(draft.fields.map((f) => [f.path, f]));
  for (const f of row.fields) {
    if (f.path === JOIN_PATH) continue;
    const first = present.get(f.path);
    if (!first) {
      draft.fields.push(f);
      continue;
    }
    if (REPEATED.includes(f.path) && !isBlank(first.raw) && !isBlank(f.raw) && !sameText(String(first.raw), String(f.raw))) {
      findings.push({
        severity: "warning",
        rule: "annex-mismatch",
        field: f.path,
        record: row.key,
        location: f.loc,
        data: { sheet: annex1Name, value: displayRaw(f.raw!), other: displayRaw(first.raw!) },
        places: { where: first.loc },
        value: displayRaw(f.raw!),
      });
    }
  }
  return findings;
}

/** The same name or address however it was spaced, bracketed or typed in full width. */
function sameText(a: string, b: string): boolean {
  return normaliseLabel(a) === normaliseLabel(b);
}
