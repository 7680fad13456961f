// Outputs are written whole or not at all, and never over an existing file
// unless --force: a temporary file beside the target, then a rename.
import { randomBytes } from "node:crypto";
import { mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "./errors.js";

export interface WriteOptions {
  force?: boolean;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses early, before any work is done, when the target exists and --force is absent. */
export async function assertWritable(path: string, opts: WriteOptions): Promise<void> {
  if (!opts.force && (await exists(path))) throw new UserError("output-exists", { file: path });
}

export async function writeFileAtomic(path: string, data: Uint8Array | string, opts: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    throw new UserError("output-unwritable", { file: path });
  }
  if (!opts.force && (await exists(path))) throw new UserError("output-exists", { file: path });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fh = await open(tmp, "wx");
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (!opts.force && (await exists(path))) throw new UserError("output-exists", { file: path });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError("output-unwritable", { file: path });
  }
}

/** Whether two paths name one file: the same path, a hard link or a symbolic link to it. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the output does not exist yet
  }
}

/** Inputs are never written over, not even with --force: `messageId` names the output that would be. */
export async function refuseOverInput(outputs: readonly (string | undefined)[], inputs: readonly string[], messageId: string): Promise<void> {
  for (const out of outputs) {
    if (!out) continue;
    for (const input of inputs) if (await isSameFile(input, out)) throw new UserError(messageId, { file: out });
  }
}
