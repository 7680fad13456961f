// collect's three outputs, each the same records: the list-layout workbook
// of record contract §2, the records as YAML (pointing at the JSON Schema), and
// {"records": [...]} as JSON. Same records in, same bytes out.
import { Document } from "yaml";
import type { EnterpriseRecord } from "../model/record.js";
import { originText, type Collected } from "./records.js";

export type CollectKind = "xlsx" | "yaml" | "json";

export function collectJson(records: readonly Collected[]): string {
  return JSON.stringify({ records: records.map((r) => r.record) }, null, 2) + "\n";
}

/** The records as a YAML list; `schema` is the JSON Schema's address as seen from the file, for editors. */
export function collectYaml(records: readonly Collected[], schema: string): string {
  const doc = new Document(records.map((r) => r.record));
  const seq = doc.contents as unknown as { items: { commentBefore?: string }[] };
  records.forEach((r, i) => {
    const item = seq.items[i];
    if (item) item.commentBefore = ` ${originText(r.origin)}`;
  });
  return `# yaml-language-server: $schema=${schema}\n${doc.toString({ lineWidth: 0 })}`;
}

/** The newest date in the records: the workbook's own date, so that the same records give the same bytes. */
function newestDate(records: readonly Collected[]): Date {
  let newest = "2000-01-01";
  const visit = (v: unknown) => {
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && v > newest && v < "2200") newest = v;
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  records.forEach((r) => visit(r.record));
  const d = new Date(`${newest}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : d;
}

/** The list layout of record contract §2, header in the first row, values that could not be read as they were typed. */
/** `typed[i]`: record i's values that could not be read, by path, as typed. */
export async function collectWorkbook(records: readonly Collected[], typed: readonly ReadonlyMap<string, string>[]): Promise<Uint8Array> {
  const { buildListWorkbook } = await import("../export/list-workbook.js");
  const { redate } = await import("../util/zip/package.js");
  // a value that could not be read goes into its cell as the text it was typed as (never as a rolled-over date)
  const byRecord = new Map<unknown, ReadonlyMap<string, string>>(records.map((r, i) => [r.record, typed[i]!]));
  const asTyped = (rec: EnterpriseRecord, path: string) => byRecord.get(rec)?.get(path);
  const wb = buildListWorkbook(records.map((r) => r.record as EnterpriseRecord), { style: "plain", asTyped });
  const date = newestDate(records);
  wb.created = date;
  wb.modified = date;
  // exceljs stamps each part with the time of writing: the parts again, with the records' date
  return redate(new Uint8Array(await wb.xlsx.writeBuffer()), date, { sortByName: true, dropFolders: true });
}
