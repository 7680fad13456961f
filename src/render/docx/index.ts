// Word out: filled forms as a .docx, drawn from the same filled grid as the
// PDF (../form.ts). One form per section; bytes fixed by the input alone.
import { wordDocument, type WordForm } from "./document.js";
import { packDocx, type DocxMeta } from "./package.js";

export type { WordForm } from "./document.js";
export type { DocxMeta } from "./package.js";

/** One .docx holding the given forms, in order, a new page for each. */
export function formsToDocx(forms: readonly WordForm[], meta: DocxMeta): Promise<Uint8Array> {
  return packDocx(wordDocument(forms, meta.title), meta);
}
