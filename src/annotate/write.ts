// The edge of `validate --annotate`: which file may be marked up, what the copy
// must be called, and writing it.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Lang } from "../i18n/index.js";
import { expandInputs } from "../read/inputs.js";
import type { Validation } from "../rules/run.js";
import { UserError } from "../util/errors.js";
import { assertWritable, isSameFile, writeFileAtomic } from "../util/write.js";

/** The extension a copy must keep, by the content type of the package's workbook part. */
const PACKAGE_EXTENSIONS: Record<string, string> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
};

export interface AnnotateTarget {
  /** the input as the user named it (findings carry this name) */
  file: string;
  /** its bytes, read once: the copy is made from exactly what was validated */
  bytes: Uint8Array;
  output: string;
  /** a package is edited; any other format gives a new .xlsx built from its values */
  kind: "package" | "values";
  /** for the sentence on stderr: `.xls`, `.ods`, `.csv` */
  format: string;
}

/** What the input is: an OOXML package (and the extension its copy needs), or a format read for its values. */
async function kindOf(bytes: Uint8Array, file: string): Promise<{ kind: AnnotateTarget["kind"]; ext: string; format: string }> {
  const ext = extname(file).toLowerCase();
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const { Package } = await import("./opc.js");
    let pkg;
    try {
      pkg = Package.open(bytes);
    } catch {
      throw new UserError("file-not-xlsx", { file });
    }
    if (pkg.has("mimetype") && new TextDecoder().decode(pkg.bytes("mimetype") ?? new Uint8Array()).startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
      return { kind: "values", ext: ".xlsx", format: ".ods" };
    }
    let type: string | null = null;
    try {
      const main = pkg.officeDocument();
      type = main ? pkg.contentTypeOf(main) : null;
    } catch {
      /* unreadable package lists: not a workbook */
    }
    const wanted = type ? PACKAGE_EXTENSIONS[type] : undefined;
    if (!wanted) throw new UserError("file-not-xlsx", { file });
    return { kind: "package", ext: wanted, format: wanted };
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return { kind: "values", ext: ".xlsx", format: ext === ".et" ? ".et" : ".xls" };
  if (ext === ".csv" || ext === ".tsv") return { kind: "values", ext: ".xlsx", format: ext };
  throw new UserError("annotate-not-xlsx", { file });
}

/** Checks before any work: one workbook, an output named for its format, not the input, and writable. */
export async function prepareAnnotate(args: readonly string[], output: string, force: boolean, recursive = false): Promise<AnnotateTarget> {
  const files = await expandInputs(args, { recursive });
  if (files.length !== 1) throw new UserError("annotate-one-file", { count: files.length });
  const file = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? "file-missing" : code === "EISDIR" ? "file-is-directory" : "file-unreadable", { file });
  }
  if (bytes.length === 0) throw new UserError("file-empty", { file });
  const { kind, ext, format } = await kindOf(bytes, file);
  if (extname(output).toLowerCase() !== ext) throw new UserError("annotate-wrong-extension", { file: output, ext });
  if (await isSameFile(file, output)) throw new UserError("annotate-same-file", { file: output });
  await assertWritable(output, { force });
  return { file, bytes, output, kind, format };
}

/** Writes the marked copy; says whether it had to be built anew from the input's values. */
export async function writeAnnotated(target: AnnotateTarget, result: Validation, lang: Lang, force: boolean): Promise<{ rebuilt: boolean }> {
  const { annotateWorkbook } = await import("./annotate.js");
  let source = target.bytes;
  if (target.kind === "values") {
    const { plainSheetsOf } = await import("./plain-sheets.js");
    const { freshWorkbook } = await import("./fresh.js");
    source = await freshWorkbook(await plainSheetsOf(target.bytes, target.file));
  }
  const marked = await annotateWorkbook(source, result, { lang, file: target.file });
  await writeFileAtomic(target.output, marked, { force });
  return { rebuilt: target.kind === "values" };
}
