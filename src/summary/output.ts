// The summary in the format a file's extension asks for. Each writer is loaded
// only when it is used: a JSON summary never loads exceljs or pdf-lib.
import { extname, resolve } from "node:path";
import type { Lang } from "../i18n/index.js";
import { UserError } from "../util/errors.js";
import type { AnySummary } from "./model.js";

export type OutputKind = "xlsx" | "pdf" | "md" | "json";
const KINDS: Record<string, OutputKind> = { ".xlsx": "xlsx", ".pdf": "pdf", ".md": "md", ".json": "json" };

/** The kind of `-o FILE`, by its extension; anything else is refused in one sentence. */
export function outputKind(file: string): OutputKind {
  const kind = KINDS[extname(file).toLowerCase()];
  if (!kind) throw new UserError("summary-output-type", { file });
  return kind;
}

export async function summaryBytes(kind: OutputKind, summary: AnySummary, lang: Lang): Promise<Uint8Array | string> {
  if (kind === "json") {
    const { formatSummaryJson } = await import("./json.js");
    return formatSummaryJson(summary);
  }
  const { summaryDocument } = await import("./tables.js");
  const doc = summaryDocument(summary, lang);
  if (kind === "md") {
    const { formatSummaryMarkdown } = await import("./markdown.js");
    return formatSummaryMarkdown(doc, lang);
  }
  if (kind === "xlsx") {
    const { summaryWorkbook } = await import("./xlsx.js");
    return summaryWorkbook(doc);
  }
  const { summaryPdf } = await import("./pdf.js");
  return summaryPdf(doc, lang);
}

/** Inputs are never written over, not even with --force: a roll-up's input is a .json like its output. */
export function refuseOutputOverInput(outputs: readonly (string | undefined)[], inputs: readonly string[]): void {
  const given = new Set(inputs.map((f) => resolve(f)));
  for (const out of outputs) if (out && given.has(resolve(out))) throw new UserError("summary-output-is-input", { file: out });
}
