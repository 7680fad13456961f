#!/usr/bin/env node
// Writes schemas/*.json from the built Zod schemas (`npm run schemas` builds first).
// test/schema.test.ts fails when the checked-in copies are stale.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { schemaFiles } from "../dist/schema/json-schema.js";

const dir = fileURLToPath(new URL("../schemas/", import.meta.url));
await mkdir(dir, { recursive: true });
for (const { name, text } of schemaFiles()) {
  await writeFile(join(dir, name), text);
  console.log(`schemas/${name}`);
}
