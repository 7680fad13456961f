// Words a finding in the chosen language: the rule's own messages first, then the catalogue.
import { t, type Lang } from "../i18n/index.js";
import { fieldLabel } from "../model/fields.js";
import type { Finding } from "../model/finding.js";
import { ruleById } from "../rules/index.js";
import { placeInSentence } from "./location.js";

export function describe(f: Finding, lang: Lang): string {
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.data ?? {})) {
    // a value written `@path` names another field: give its label
    data[k] = typeof v === "string" && v.startsWith("@") ? fieldLabel(v.slice(1), lang) : v;
  }
  for (const [k, loc] of Object.entries(f.places ?? {})) data[k] = placeInSentence(loc, lang, f.location);
  if (f.field && !("label" in data)) data.label = fieldLabel(f.field, lang);
  const rule = ruleById.get(f.rule);
  if (rule) return t(lang, f.messageId ?? "default", data, rule.messages);
  return t(lang, f.messageId ? `${f.rule}.${f.messageId}` : f.rule, data);
}

