// The summary's title from the plan: a `summaryTitle` key when the plan has one,
// else the plan's area and the year.
import { planArea } from "../plan/area.js";
import type { Plan } from "../plan/schema.js";

/** {area}{year}年淘汰落后产能工作汇总表; a roll-up with no area of its own has the year alone. */
export function titleFor(area: string | null, year: number): string {
  return `${area ?? ""}${year}年淘汰落后产能工作汇总表`;
}

export function summaryTitle(plan: Plan, area: string = planArea(plan)): string {
  const explicit = (plan as Record<string, unknown>).summaryTitle;
  if (typeof explicit === "string" && explicit.trim()) return explicit.trim();
  return titleFor(area, plan.year);
}
