// A record as if read from a YAML file: every leaf at its own line.
import type { EnterpriseRecord } from "../../src/model/record.js";
import type { LoadedRecord } from "../../src/model/source.js";
import { assemble, type RawField } from "../../src/read/assemble.js";

function flatten(v: unknown, path: string, out: RawField[]) {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  else out.push({ path, raw: v === undefined ? null : (v as RawField["raw"]), loc: { file: "t.yaml", sheet: null, row: null, cell: null, line: out.length + 1 } });
}

export function loaded(record: EnterpriseRecord, file = "t.yaml"): LoadedRecord {
  const fields: RawField[] = [];
  flatten(record, "", fields);
  for (const f of fields) f.loc.file = file;
  return assemble(fields, { file, sheet: null, row: null, cell: null, line: 0 }).loaded;
}
