// What `render` writes and how it reports, from --format and -o. Two things
// share --format: the kind of form file (pdf, the default, or docx) and the
// report on stdout (human, the default, or json). It takes both, comma
// separated or given twice (`--format docx,json`, `--format docx --format
// json`), so `--format json` means what it always did. An -o ending in
// .pdf or .docx is one file holding every form, of that kind; any other -o is
// a folder with one file per enterprise. Pure.
import { UserError } from "../util/errors.js";

export const OUTPUT_KINDS = ["pdf", "docx"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
export const REPORT_FORMATS = ["human", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOutput {
  kind: OutputKind;
  report: ReportFormat;
  /** one file holding every form (-o FILE.pdf / FILE.docx), not a folder */
  combined: boolean;
}

/** The kind of form file an output name stands for, or null for a folder. */
export function outputKindOf(output: string): OutputKind | null {
  const m = /\.([a-z0-9]+)$/i.exec(output);
  const ext = m?.[1]?.toLowerCase();
  return (OUTPUT_KINDS as readonly string[]).includes(ext ?? "") ? (ext as OutputKind) : null;
}

/** --format (each value one word or a comma-separated list) and -o -> what to write and how to report. */
export function renderOutput(formats: readonly string[], output: string): RenderOutput {
  const words = formats.flatMap((f) => f.split(",")).map((w) => w.trim().toLowerCase()).filter(Boolean);
  const kinds = new Set<OutputKind>();
  const reports = new Set<ReportFormat>();
  for (const w of words) {
    if ((OUTPUT_KINDS as readonly string[]).includes(w)) kinds.add(w as OutputKind);
    else if ((REPORT_FORMATS as readonly string[]).includes(w)) reports.add(w as ReportFormat);
    else throw new UserError("bad-option", { option: "--format", value: w, detail: [...OUTPUT_KINDS, ...REPORT_FORMATS].join(" | ") });
  }
  if (kinds.size > 1 || reports.size > 1) throw new UserError("render-format-conflict", { formats: words.join(",") });
  const named = outputKindOf(output);
  const [asked] = kinds;
  if (named && asked && named !== asked) throw new UserError("render-format-output", { file: output, kind: asked });
  const [report = "human"] = reports;
  return { kind: named ?? asked ?? "pdf", report, combined: named !== null };
}

/** `SOURCE_DATE_EPOCH` (seconds) as the document date; without it the document carries no date. */
export function sourceDate(value: string | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,12}$/.test(value.trim())) throw new UserError("render-source-date", { value });
  return new Date(Number(value.trim()) * 1000);
}
