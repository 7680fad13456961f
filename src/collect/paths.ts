// The edge of collect: where the bundled JSON Schema is, as seen from the
// output file.
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCHEMA = fileURLToPath(new URL("../../schemas/record.schema.json", import.meta.url));

/** The record schema's address for a YAML file written at `output`: a relative path, or a file URL across drives. */
export function schemaFrom(output: string): string {
  const rel = relative(dirname(resolve(output)), SCHEMA);
  if (isAbsolute(rel)) return pathToFileURL(SCHEMA).href;
  return rel.split(sep).join("/");
}
