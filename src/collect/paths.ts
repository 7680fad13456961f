// The edge of collect: where the bundled JSON Schema is, as seen from the
// output file, and whether the output would land on an input.
import { realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCHEMA = fileURLToPath(new URL("../../schemas/record.schema.json", import.meta.url));

/** The record schema's address for a YAML file written at `output`: a relative path, or a file URL across drives. */
export function schemaFrom(output: string): string {
  const rel = relative(dirname(resolve(output)), SCHEMA);
  if (isAbsolute(rel)) return pathToFileURL(SCHEMA).href;
  return rel.split(sep).join("/");
}

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
