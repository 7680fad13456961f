// Preloaded with `node --import`: records every module the process imports
// into the file named by CAPEXIT_IMPORT_TRACE, so a test can say what a
// command loads (and what it must not, such as exceljs for a read-only command).
import { register } from "node:module";

register("./import-trace-hooks.mjs", import.meta.url, { data: { file: process.env.CAPEXIT_IMPORT_TRACE } });
