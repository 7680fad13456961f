// `render --format json`: the forms written, and what was found on the way.
import type { Lang } from "../i18n/index.js";
import { recordName } from "../model/source.js";
import type { RenderReport } from "../render/pipeline.js";
import { findingJson } from "./validate-json.js";

export function formatRenderJson(r: RenderReport, lang: Lang): string {
  const report = {
    form: r.form,
    output: r.output,
    combined: r.combined,
    kind: r.kind,
    forms: r.written.map((w) => ({
      file: w.file,
      record: w.record ? recordName(w.record) : null,
      name: w.record?.record.enterprise?.name ?? null,
      county: w.record?.record.county ?? null,
      pages: w.pages,
      bytes: w.bytes,
    })),
    inputErrors: r.inputErrors,
    identityOnly: r.identityOnly,
    missingCharacters: r.missingCharacters,
    findings: r.findings.map((f) => findingJson(f, lang)),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
