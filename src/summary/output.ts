// The summary in the format a file's extension asks for: one registry of
// writers, from which `-o`'s help and its refusal are worded. Each writer is
// loaded only when it is used: a JSON summary never loads exceljs or pdf-lib.
import { extname } from "node:path";
import { orList, type Lang } from "../i18n/index.js";
import type { Faces } from "../render/index.js";
import { UserError } from "../util/errors.js";
import type { AnySummary } from "./model.js";

/** What a writer needs from the edge: the PDF's fonts, read only when a PDF is written. */
export interface SummaryEdge {
  faces: () => Promise<Faces>;
}

type Writer = (summary: AnySummary, lang: Lang, edge: SummaryEdge) => Promise<Uint8Array | string>;

async function documentOf(summary: AnySummary, lang: Lang) {
  return (await import("./tables.js")).summaryDocument(summary, lang);
}

/** `-o FILE` by its extension; adding a format is one line here. */
export const SUMMARY_WRITERS: Readonly<Record<string, Writer>> = {
  ".xlsx": async (s, lang) => (await import("./xlsx.js")).summaryWorkbook(await documentOf(s, lang)),
  ".pdf": async (s, lang, edge) => (await import("./pdf.js")).summaryPdf(await documentOf(s, lang), await edge.faces(), lang),
  ".md": async (s, lang) => (await import("./markdown.js")).formatSummaryMarkdown(await documentOf(s, lang), lang),
  ".json": async (s) => (await import("./json.js")).formatSummaryJson(s),
};

/** The extensions `-o` takes, worded as a list: ".xlsx、.pdf、.md 或 .json". */
export function summaryKinds(lang: Lang): string {
  return orList(lang, Object.keys(SUMMARY_WRITERS));
}

/** The writer of `-o FILE`, by its extension; anything else is refused in one sentence. */
export function summaryWriter(file: string, lang: Lang): Writer {
  const writer = SUMMARY_WRITERS[extname(file).toLowerCase()];
  if (!writer) throw new UserError("summary-output-type", { file, kinds: summaryKinds(lang) });
  return writer;
}
