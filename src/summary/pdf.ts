// The summary as a PDF: the pages laid out here, fonts subset and the file
// written by src/render (one subsetter, one PDF writer for the whole toolkit).
import { readFile } from "node:fs/promises";
import type { Lang } from "../i18n/index.js";
import { bundledFontFile, loadFace, type FontFace } from "../render/font.js";
import type { Face } from "../render/layout.js";
import { writePdf } from "../render/pdf.js";
import { layoutSummaryPdf } from "./pdf-layout.js";
import type { SummaryDocument } from "./tables.js";

async function bundledFaces(): Promise<Record<Face, FontFace>> {
  const [regular, bold] = await Promise.all(
    (["regular", "bold"] as const).map(async (w) => loadFace(new Uint8Array(await readFile(bundledFontFile(w))))),
  );
  return { regular: regular!, bold: bold! };
}

export async function summaryPdf(doc: SummaryDocument, lang: Lang): Promise<Uint8Array> {
  const faces = await bundledFaces();
  const pages = layoutSummaryPdf(doc, faces, lang);
  return writePdf(pages, faces, { title: doc.title, subject: doc.asOfLine, producer: "capexit" });
}
