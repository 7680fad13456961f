// Plans are files: the bundled default, or one the user names with --plan.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Lang } from "../i18n/index.js";
import { UserError } from "../util/errors.js";
import { readYamlData, type LineOf } from "../util/yaml-data.js";
import { labelAt } from "../util/zod-words.js";
import { PlanSchema, type Plan } from "./schema.js";

export const DEFAULT_PLAN = fileURLToPath(new URL("../../templates/plans/suizhou-2024.yaml", import.meta.url));

/** Something in a plan worth a second look, worded by the catalogue. */
export interface PlanWarning {
  messageId: string;
  data: Record<string, string | number>;
}

/**
 * Pure: plan text -> the plan and its warnings, or a UserError naming the file,
 * the line and the first problem. Dates are read as strictly as records' dates.
 */
export function readPlan(text: string, file: string, lang: Lang = "zh-CN"): { plan: Plan; warnings: PlanWarning[] } {
  const r = readYamlData(PlanSchema, text, lang);
  if (!r.ok) {
    const issue = r.issue;
    if (issue?.code === "custom" && (issue.message === "date-invalid" || issue.message === "date-impossible")) {
      const value = String((issue.params as { value?: unknown } | undefined)?.value ?? "");
      throw new UserError("plan-date-invalid", { file, line: r.line ?? "?", field: labelAt(PlanSchema, issue.path, lang) ?? issue.path.join("."), value });
    }
    if (r.line !== null) throw new UserError("plan-invalid-at", { file, line: r.line, detail: r.detail });
    throw new UserError("plan-invalid", { file, detail: r.detail });
  }
  return { plan: r.data, warnings: planWarnings(r.data, file, r.lineOf) };
}

/** Pure: plan text -> plan, or a UserError naming the first problem. */
export function parsePlan(text: string, file: string): Plan {
  return readPlan(text, file).plan;
}

/**
 * A deadline outside the plan's year is most likely a typo (2042 for 2024). The
 * next year is allowed: a plan may set a date in January for the year's report.
 */
export function planWarnings(plan: Plan, file: string, lineOf: LineOf = () => null): PlanWarning[] {
  const out: PlanWarning[] = [];
  (plan.deadlines ?? []).forEach((d, i) => {
    for (const key of ["from", "due"] as const) {
      const date = d[key];
      if (!date) continue;
      const year = Number(date.slice(0, 4));
      if (year === plan.year || year === plan.year + 1) continue;
      out.push({
        messageId: "plan-date-outside-year",
        data: { file, line: lineOf(["deadlines", i, key]) ?? "?", id: d.id, date, year: plan.year },
      });
    }
  });
  return out;
}

export async function loadPlanWithWarnings(file: string = DEFAULT_PLAN, lang: Lang = "zh-CN"): Promise<{ plan: Plan; warnings: PlanWarning[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError("file-unreadable", { file });
  }
  return readPlan(text, file, lang);
}

export async function loadPlan(file: string = DEFAULT_PLAN): Promise<Plan> {
  return (await loadPlanWithWarnings(file)).plan;
}
