// Form templates are files: the bundled annex1/annex2, or a revised form's YAML.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Lang } from "../i18n/index.js";
import { UserError } from "../util/errors.js";
import { parseYamlData } from "../util/yaml-data.js";
import { FormTemplateSchema, type FormTemplate } from "./template.js";

export const BUNDLED_FORMS = ["annex1", "annex2"] as const;

export function bundledFormFile(id: string): string {
  return fileURLToPath(new URL(`../../templates/forms/${id}.yaml`, import.meta.url));
}

/** Pure: template text -> template, or a UserError naming the first problem and where. */
export function parseFormTemplate(text: string, file: string, lang: Lang = "zh-CN"): FormTemplate {
  return parseYamlData(FormTemplateSchema, text, file, "form-template-invalid", lang);
}

/** `annex1`, `annex2`, or the path of a template file. */
export async function loadFormTemplate(form: string, lang: Lang = "zh-CN"): Promise<FormTemplate> {
  const bundled = (BUNDLED_FORMS as readonly string[]).includes(form.toLowerCase());
  const file = bundled ? bundledFormFile(form.toLowerCase()) : form;
  if (!bundled && !/\.ya?ml$/i.test(form)) throw new UserError("form-unknown", { form });
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(bundled ? "file-unreadable" : "file-missing", { file });
  }
  return parseFormTemplate(text, file, lang);
}
