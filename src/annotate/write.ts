// The edge of `validate --annotate`: which file may be marked up, and writing the copy.
import { readFile, realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Lang } from "../i18n/index.js";
import { expandInputs, sniff } from "../read/inputs.js";
import type { Validation } from "../rules/run.js";
import { UserError } from "../util/errors.js";
import { assertWritable, writeFileAtomic } from "../util/write.js";

export interface AnnotateTarget {
  /** the input as the user named it (findings carry this name) */
  file: string;
  /** its bytes, read once: the copy is made from exactly what was validated */
  bytes: Uint8Array;
  output: string;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the output does not exist yet
  }
}

/** Checks before any work: one .xlsx input, an output that is not the input and may be written. */
export async function prepareAnnotate(args: readonly string[], output: string, force: boolean): Promise<AnnotateTarget> {
  const files = await expandInputs(args);
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
  let kind: string;
  try {
    kind = sniff(bytes, file);
  } catch (e) {
    if (e instanceof UserError && e.messageId === "file-not-xlsx") throw e;
    kind = "other";
  }
  if (kind !== "xlsx") throw new UserError("annotate-not-xlsx", { file });
  if (await sameFile(file, output)) throw new UserError("annotate-same-file", { file: output });
  await assertWritable(output, { force });
  return { file, bytes, output };
}

export async function writeAnnotated(target: AnnotateTarget, result: Validation, lang: Lang, force: boolean): Promise<void> {
  const { annotateWorkbook } = await import("./annotate.js");
  const marked = await annotateWorkbook(target.bytes, result, { lang, file: target.file });
  await writeFileAtomic(target.output, marked, { force });
}
