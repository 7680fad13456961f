// The edge where files come in: arguments -> files -> bytes -> records.
import { readdir, readFile, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { dirname, extname, join } from "node:path";
import { UserError } from "../util/errors.js";
import type { Finding } from "../model/finding.js";
import { getPath } from "../model/paths.js";
import type { LoadedRecord } from "../model/source.js";
import { csvAnnex, DOCUMENT_EXTENSIONS, notValid, sniff, WORKBOOK_EXTENSIONS, YAML_EXTENSIONS } from "./formats.js";
import type { ReadResult } from "./types.js";
import { UNUSABLE, unusable } from "./unusable.js";

export { sniff } from "./formats.js";

/** Larger than any county's workbook by far; refusing it keeps a zip bomb from eating the machine. */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/** What a folder is searched for; a CSV only when its name names an annex. */
function wanted(name: string): boolean {
  if (name.startsWith("~$") || name.startsWith(".")) return false;
  const ext = extname(name).toLowerCase();
  return WORKBOOK_EXTENSIONS.has(ext) || YAML_EXTENSIONS.has(ext) || DOCUMENT_EXTENSIONS.has(ext) || (ext === ".csv" && csvAnnex(name) !== null);
}

/** How folders are read: their own files only, or (`-r`) with every subfolder's too. */
export interface InputOptions {
  recursive?: boolean;
}

/** A folder's wanted files, sorted by path; with `recursive`, its subfolders' too (links to folders are not followed). */
async function folderFiles(dir: string, recursive: boolean): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new UserError("file-unreadable", { file: dir });
  }
  const out: string[] = [];
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (recursive && e.isDirectory()) {
      if (!e.name.startsWith(".")) out.push(...(await folderFiles(path, true)));
    } else if (wanted(e.name)) out.push(path);
  }
  return out;
}

/** Expands folders into the workbooks, Word documents, annex CSVs and YAML files they hold, sorted; keeps files as given. */
export async function expandInputs(paths: readonly string[], options: InputOptions = {}): Promise<string[]> {
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
      const files = await folderFiles(p, options.recursive === true);
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
    case "json": {
      // collect's own output, {"records": [...]}, or a list of records: JSON is YAML, read with its lines
      const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw notValid(first);
      }
      const records = Array.isArray(data) ? data : data !== null && typeof data === "object" ? (data as { records?: unknown }).records : undefined;
      if (!Array.isArray(records)) throw new UserError("json-not-records", { file: first });
      const { readYaml } = await import("./yaml.js");
      return readYaml(text, first);
    }
    case "docx": {
      const { formLayouts } = await import("./form-layouts.js");
      const { readDocument } = await import("./document.js");
      return readDocument(bytes, first, await formLayouts());
    }
    case "doc": {
      return { records: [], findings: [unusable(first, "file-doc")] };
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

/**
 * Reads every input; records keep their order of files and rows. A form that
 * adds a part to a record (附表2) and found none in its own file joins one of
 * another input by USCC; with none, it is a record of its own after its
 * file's. A file that gave nothing to read (a document with no form, a .doc)
 * is a finding, unless no input gave anything: then it is the one sentence.
 */
export async function loadInputs(paths: readonly string[], options: InputOptions = {}): Promise<ReadResult & { files: string[] }> {
  const files = await expandInputs(paths, options);
  const reads: ReadResult[] = [];
  for (const group of groupInputs(files)) reads.push(await readGroup(group));
  const gaveNothing = reads.map((r) => r.records.length === 0 && !r.parts?.length && r.findings.some((f) => UNUSABLE.has(f.rule)));
  if (gaveNothing.every(Boolean)) {
    const f = reads[0]!.findings.find((x) => UNUSABLE.has(x.rule))!;
    throw new UserError(f.rule, f.data ?? {});
  }
  const findings: Finding[] = reads.flatMap((r) => r.findings);
  if (!reads.some((r) => r.parts?.length)) return { records: reads.flatMap((r) => r.records), findings, files };

  const { joinKey, mergePart } = await import("../forms/join.js");
  const all: { rec: LoadedRecord; group: number }[] = reads.flatMap((r, group) => r.records.map((rec) => ({ rec, group })));
  const alone: { rec: LoadedRecord; group: number }[] = [];
  reads.forEach((r, group) => {
    for (const part of r.parts ?? []) {
      const key = joinKey(part.loaded);
      const i = key === null ? -1 : all.findIndex((x) => joinKey(x.rec) === key && getPath(x.rec.record, part.part) == null);
      if (i < 0) {
        alone.push({ rec: part.loaded, group });
        continue;
      }
      const merged = mergePart(all[i]!.rec, part);
      all[i] = { rec: merged.loaded, group: all[i]!.group };
      findings.push(...merged.findings);
    }
  });
  const records = reads.flatMap((_, group) => [...all, ...alone].filter((x) => x.group === group).map((x) => x.rec));
  return { records, findings, files };
}
