// The edge where summarize's inputs are told apart: summary JSONs of other
// areas (a roll-up one level up) or the counties' record files. Roll-ups are
// found here, before the record reader sees anything; record files go on to it
// untouched. One call takes one kind: mixing them is refused.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { csvAnnex, WORKBOOK_EXTENSIONS, YAML_EXTENSIONS } from "../read/formats.js";
import { UserError } from "../util/errors.js";
import { looksLikeRollup, parseJsonText, readRollupJson, type RollupInput } from "./rollup-json.js";

/** A summary JSON is a few kilobytes; anything this size is not one. */
const MAX_JSON_BYTES = 20 * 1024 * 1024;

/** A file the record reader would take from a folder: such a folder is read as records. */
const isRecordFile = (name: string) => {
  const ext = extname(name).toLowerCase();
  return WORKBOOK_EXTENSIONS.has(ext) || YAML_EXTENSIONS.has(ext) || (ext === ".csv" && csvAnnex(name) !== null);
};

const visible = (name: string) => !name.startsWith(".") && !name.startsWith("~$");
const isJson = (file: string) => extname(file).toLowerCase() === ".json";

export interface SortedInputs {
  /** summary JSONs, in the order given (a folder's sorted by name) */
  rollups: RollupInput[];
  /** everything else, as given: for the record reader */
  records: string[];
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const st = await stat(file);
    if (st.size > MAX_JSON_BYTES) throw new UserError("file-too-large", { file, mb: MAX_JSON_BYTES / 1048576 });
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError("file-unreadable", { file });
  }
  if (bytes.length === 0) throw new UserError("file-empty", { file });
  return bytes.toString("utf8");
}

/** A .json file: its roll-up, or null when it is some other JSON (the record reader's to judge). */
async function rollupOf(file: string): Promise<RollupInput | null> {
  const text = await readText(file);
  const data = parseJsonText(text, file);
  return looksLikeRollup(data) ? { file, data: readRollupJson(text, file, data) } : null;
}

/**
 * A folder holding record files is read as records, as it always was (a city's
 * own summary JSON saved beside its counties' files is not an input). A folder
 * of JSON files alone is a folder of roll-ups.
 */
async function sortFolder(dir: string, out: SortedInputs): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(visible).sort();
  } catch {
    out.records.push(dir);
    return;
  }
  if (names.some(isRecordFile) || !names.some(isJson)) {
    out.records.push(dir);
    return;
  }
  const found: RollupInput[] = [];
  const others: string[] = [];
  for (const n of names.filter(isJson)) {
    const file = join(dir, n);
    const r = await rollupOf(file);
    if (r) found.push(r);
    else others.push(file);
  }
  // no roll-up in it: the record reader says what it makes of the folder
  if (!found.length) out.records.push(dir);
  out.rollups.push(...found);
  out.records.push(...(found.length ? others : []));
}

/** Sorts the arguments into roll-ups and record inputs; refuses a call that has both. */
export async function sortInputs(paths: readonly string[]): Promise<SortedInputs> {
  const out: SortedInputs = { rollups: [], records: [] };
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (st?.isDirectory()) await sortFolder(p, out);
    else if (st && isJson(p)) {
      const r = await rollupOf(p);
      if (r) out.rollups.push(r);
      else out.records.push(p);
    } else out.records.push(p);
  }
  if (out.rollups.length && out.records.length) {
    throw new UserError("summary-mixed-inputs", { rollup: out.rollups[0]!.file, records: out.records[0]! });
  }
  return out;
}
