// The summary's title from the plan: a `summaryTitle` key when the plan has one,
// else the city (the plan title's opening words) and the year.
import type { Plan } from "../plan/schema.js";

export function cityOf(plan: Plan): string {
  // 随州市2024年利用综合标准… -> 随州市
  const fromTitle = new RegExp(`^\\s*(.+?)\\s*${plan.year}\\s*年`).exec(plan.title)?.[1];
  if (fromTitle) return fromTitle;
  // 随州市经济和信息化局 -> 随州市 (not 随州: a 州 inside a city's name does not end it)
  return /^(.+?(?:市|自治州|盟|地区))/.exec(plan.compiler)?.[1] ?? "";
}

export function summaryTitle(plan: Plan): string {
  const explicit = (plan as Record<string, unknown>).summaryTitle;
  if (typeof explicit === "string" && explicit.trim()) return explicit.trim();
  return `${cityOf(plan)}${plan.year}年淘汰落后产能工作汇总表`;
}
