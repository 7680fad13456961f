// The layouts filled forms are read by: the bundled form templates
// (templates/forms/*.yaml), the same files the forms are printed from.
// Loaded once per run, and only when some input may hold a form.
import type { FormLayout } from "../forms/layout.js";

let cached: Promise<FormLayout[]> | null = null;

export function formLayouts(): Promise<FormLayout[]> {
  cached ??= (async () => {
    const { BUNDLED_FORMS, loadFormTemplate } = await import("../render/templates.js");
    const { layoutOf } = await import("../forms/layout.js");
    return Promise.all(BUNDLED_FORMS.map(async (id) => layoutOf(await loadFormTemplate(id))));
  })();
  return cached;
}
