// `render`'s human report: one line on stdout saying what was written; on
// stderr the warnings drawing found, the count of input errors, and the notes
// (a font's missing characters in one line, forms printed with the identity only).
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Note } from "../render/preflight.js";
import type { RenderReport } from "../render/pipeline.js";
import { describe } from "./describe.js";
import { labelled } from "./location.js";

/** The line on stdout. */
export function formatRenderHuman(r: RenderReport, lang: Lang): string {
  const data = { count: r.written.length, title: r.title };
  return `${r.combined ? t(lang, "render-written-file", { ...data, file: r.output }) : t(lang, "render-written-dir", { ...data, dir: r.output })}\n`;
}

/** The lines on stderr; the warnings one by one only in the human report (JSON carries them). */
export function formatRenderLog(r: RenderReport, notes: readonly Note[], lang: Lang, warnings: boolean): string {
  const lines: string[] = [];
  // characters the font lacks are summed up in one note, not told one by one
  if (warnings) {
    for (const f of r.findings.filter((f) => f.rule !== "render-missing-glyph")) {
      const who = [f.record, f.field ? fieldLabel(f.field, lang) : ""].filter(Boolean).join(" ");
      lines.push(labelled(t(lang, "report.warning"), labelled(who, describe(f, lang), lang), lang));
    }
  }
  if (r.inputErrors > 0) lines.push(t(lang, "render-input-errors", { errors: r.inputErrors }));
  for (const note of notes) lines.push(t(lang, note.id, note.data));
  return lines.map((l) => `capexit: ${l}\n`).join("");
}
