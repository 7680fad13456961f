// The notice in the format a file's extension asks for: one registry of
// writers, from which the refusal is worded. Each is loaded when it is used.
import { extname } from "node:path";
import { orList, type Lang } from "../i18n/index.js";
import type { SummaryEdge } from "../summary/output.js";
import type { SummaryDocument } from "../summary/tables.js";
import { UserError } from "../util/errors.js";

type Writer = (doc: SummaryDocument, lang: Lang, edge: SummaryEdge) => Promise<Uint8Array | string>;

export const NOTICE_WRITERS: Readonly<Record<string, Writer>> = {
  ".pdf": async (doc, lang, edge) => (await import("../summary/pdf.js")).summaryPdf(doc, await edge.faces(), lang),
  ".xlsx": async (doc) => (await import("../summary/xlsx.js")).summaryWorkbook(doc),
  ".docx": async (doc, lang) => (await import("./docx.js")).documentDocx(doc, lang),
  ".md": async (doc, lang) => (await import("../summary/markdown.js")).formatSummaryMarkdown(doc, lang),
};

/** The writer of `-o FILE`, by its extension; anything else is refused in one sentence. */
export function noticeWriter(file: string, lang: Lang): Writer {
  const writer = NOTICE_WRITERS[extname(file).toLowerCase()];
  if (!writer) throw new UserError("notice-output-type", { file, kinds: orList(lang, Object.keys(NOTICE_WRITERS)) });
  return writer;
}
