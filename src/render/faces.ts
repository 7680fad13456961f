// The font faces the PDF forms are set in: the bundled Noto Serif SC, or a
// user's --font (a TTF/OTF file, or face N of a collection as FILE.ttc#N).
// Reads files: called from the command, at the edge.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { UserError } from "../util/errors.js";
import { bundledFontFile, FontError, loadFace } from "./font.js";
import type { Faces } from "./index.js";

/** `file.ttc#2` -> face 2 of file.ttc; a file whose own name has a # is taken as it is when it exists. */
export function parseFontArg(arg: string, exists: (f: string) => boolean): { file: string; index: number } {
  const m = /^(.*)#(\d+)$/.exec(arg);
  if (m && !exists(arg)) return { file: m[1]!, index: Number(m[2]) };
  return { file: arg, index: 0 };
}

export async function loadFaces(font: string | undefined): Promise<Faces> {
  if (!font) {
    const [regular, bold] = await Promise.all([readFile(bundledFontFile("regular")), readFile(bundledFontFile("bold"))]);
    return { regular: await loadFace(regular), bold: await loadFace(bold) };
  }
  const { file, index } = parseFontArg(font, existsSync);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UserError("file-missing", { file });
  }
  try {
    // a user's font serves for the title too
    const face = await loadFace(bytes, index);
    return { regular: face, bold: face };
  } catch (e) {
    if (e instanceof FontError && e.reason === "no-such-face") throw new UserError("font-no-face", { file, index, faces: e.faces });
    throw new UserError("font-invalid", { file });
  }
}
