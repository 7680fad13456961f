// The summary as a PDF: the pages laid out here, fonts subset and the file
// written by src/render (one subsetter, one PDF writer for the whole toolkit).
import type { Lang } from "../i18n/index.js";
import type { Faces } from "../render/index.js";
import { writePdf } from "../render/pdf.js";
import { layoutSummaryPdf } from "./pdf-layout.js";
import type { SummaryDocument } from "./tables.js";

/** The fonts come in from the edge (src/render/faces.ts), as render's do. */
export async function summaryPdf(doc: SummaryDocument, faces: Faces, lang: Lang): Promise<Uint8Array> {
  const pages = layoutSummaryPdf(doc, faces, lang);
  return writePdf(pages, faces, { title: doc.title, subject: doc.asOfLine, producer: "capexit" });
}
