// The area a plan speaks for (随州市): the one place it is decided, for the
// summary's title, its JSON `area`, the narrative and the notice.
import type { Plan } from "./schema.js";

/** The city from the plan's own words: the title's opening (随州市2024年… -> 随州市), else the compiler's city. */
export function cityOf(plan: Plan): string {
  const fromTitle = new RegExp(`^\\s*(.+?)\\s*${plan.year}\\s*年`).exec(plan.title)?.[1];
  if (fromTitle) return fromTitle;
  // 随州市经济和信息化局 -> 随州市 (not 随州: a 州 inside a city's name does not end it)
  return /^(.+?(?:市|自治州|盟|地区))/.exec(plan.compiler)?.[1] ?? "";
}

/**
 * The plan's area. A plan may name it (`area: 随州市`, an optional key the
 * schema lets through); the bundled plans do not, so it is read from the plan
 * as above: the words before the year in its title, else the compiler's city.
 */
export function planArea(plan: Plan): string {
  const named = (plan as Record<string, unknown>).area;
  if (typeof named === "string" && named.trim()) return named.trim();
  return cityOf(plan);
}
