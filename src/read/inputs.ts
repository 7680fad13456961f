// The edge where files come in: arguments -> files -> bytes -> records.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { UserError } from "../util/errors.js";
import type { ReadResult } from "./types.js";

const EXTENSIONS = new Set([".xlsx", ".yaml", ".yml"]);

/** Larger than any county's workbook by far; refusing it keeps a zip bomb from eating the machine. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/** Expands folders into the .xlsx/.yaml/.yml files they hold, sorted; keeps files as given. */
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
        .filter((n) => EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith("~$") && !n.startsWith("."))
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

type Sniffed = "xlsx" | "yaml" | "xls" | "csv";

/** What a file really is, by its first bytes first and its name second. */
export function sniff(bytes: Uint8Array, file: string): Sniffed {
  const ext = extname(file).toLowerCase();
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  if (ext === ".xls") return "xls";
  if (ext === ".csv" || ext === ".tsv") return "csv";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".xlsx" || ext === ".xlsm") throw new UserError("file-not-xlsx", { file });
  throw new UserError("file-type-unknown", { file });
}

export async function readInput(file: string): Promise<ReadResult> {
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
  switch (sniff(bytes, file)) {
    case "xls":
      throw new UserError("file-legacy-xls", { file });
    case "csv":
      throw new UserError("file-csv", { file });
    case "yaml": {
      const { readYaml } = await import("./yaml.js");
      return readYaml(bytes.toString("utf8"), file);
    }
    case "xlsx": {
      const { readWorkbook } = await import("./xlsx.js");
      return readWorkbook(bytes, file);
    }
  }
}

/** Reads every input; records keep their order of files and rows. */
export async function loadInputs(paths: readonly string[]): Promise<ReadResult & { files: string[] }> {
  const files = await expandInputs(paths);
  const result: ReadResult = { records: [], findings: [] };
  for (const f of files) {
    const r = await readInput(f);
    result.records.push(...r.records);
    result.findings.push(...r.findings);
  }
  return { ...result, files };
}
