// The edge where files come in: arguments -> files -> bytes -> records.
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { UserError } from "../util/errors.js";
import { csvAnnex, sniff, WORKBOOK_EXTENSIONS, YAML_EXTENSIONS } from "./formats.js";
import type { ReadResult } from "./types.js";

export { sniff } from "./formats.js";

/** Larger than any county's workbook by far; refusing it keeps a zip bomb from eating the machine. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/** What a folder is searched for; a CSV only when its name names an annex. */
function wanted(name: string): boolean {
  if (name.startsWith("~$") || name.startsWith(".")) return false;
  const ext = extname(name).toLowerCase();
  return WORKBOOK_EXTENSIONS.has(ext) || YAML_EXTENSIONS.has(ext) || (ext === ".csv" && csvAnnex(name) !== null);
}

/** Expands folders into the workbooks, annex CSVs and YAML files they hold, sorted; keeps files as given. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new UserError("no-input");
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new UserError("file-missing", { file: p });
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(p);
      } catch {
        throw new UserError("file-unreadable", { file: p });
      }
      const files = names
        .filter(wanted)
        .sort()
        .map((n) => join(p, n));
      if (files.length === 0) throw new UserError("folder-empty", { file: p });
      out.push(...files);
    } else {
      out.push(p);
    }
  }
  return out;
}

async function readBytes(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new UserError("file-is-directory", { file });
    if (st.size > MAX_INPUT_BYTES) throw new UserError("file-too-large", { file, mb: Math.round(MAX_INPUT_BYTES / 1048576) });
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "file-missing" : "file-unreadable", { file });
  }
  if (bytes.length === 0) throw new UserError("file-empty", { file });
  return bytes;
}

export async function readInput(file: string): Promise<ReadResult> {
  return readGroup([file]);
}

/** One file, or the CSVs of one set (附表1.csv, 附表1设备.csv …) read as one workbook. */
async function readGroup(files: readonly string[]): Promise<ReadResult> {
  const first = files[0]!;
  const bytes = await readBytes(first);
  switch (sniff(bytes, first)) {
    case "yaml": {
      const { readYaml } = await import("./yaml.js");
      return readYaml(bytes.toString("utf8"), first);
    }
    case "csv": {
      const parts = [];
      for (const file of files) {
        const annex = csvAnnex(file);
        if (!annex) throw new UserError("file-csv-no-annex", { file });
        parts.push({ file, bytes: file === first ? bytes : await readBytes(file), annex: annex.annex });
      }
      const { readCsvSet } = await import("./workbook.js");
      return readCsvSet(parts);
    }
    default: {
      const { readWorkbook } = await import("./workbook.js");
      return readWorkbook(bytes, first);
    }
  }
}

/** Groups the inputs: CSVs of the same folder and set (随县附表1.csv, 随县附表2.csv) go together. */
function groupInputs(files: readonly string[]): string[][] {
  const groups: string[][] = [];
  const sets = new Map<string, string[]>();
  for (const f of files) {
    const annex = extname(f).toLowerCase() === ".csv" ? csvAnnex(f) : null;
    if (!annex) {
      groups.push([f]);
      continue;
    }
    const key = `${dirname(f)}\u0000${annex.set}`;
    let set = sets.get(key);
    if (!set) {
      sets.set(key, (set = []));
      groups.push(set);
    }
    if (!set.includes(f)) set.push(f);
  }
  return groups;
}

/** Reads every input; records keep their order of files and rows. */
export async function loadInputs(paths: readonly string[]): Promise<ReadResult & { files: string[] }> {
  const files = await expandInputs(paths);
  const result: ReadResult = { records: [], findings: [] };
  for (const group of groupInputs(files)) {
    const r = await readGroup(group);
    result.records.push(...r.records);
    result.findings.push(...r.findings);
  }
  return { ...result, files };
}
