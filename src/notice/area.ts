// The area a notice speaks for (随州市): the one place it is decided.
import type { Plan } from "../plan/schema.js";
import { cityOf } from "../summary/title.js";

/**
 * The plan's area. A plan may name it (`area: 随州市`, an optional key the
 * schema lets through); the bundled plans do not, so it is read from the plan
 * as the summary's title reads it: the words before the year in the plan's
 * title (随州市2024年利用综合标准… -> 随州市), else the compiler's city
 * (随州市经济和信息化局 -> 随州市). One derivation serves the summary and the notice.
 */
export function planArea(plan: Plan): string {
  const named = (plan as Record<string, unknown>).area;
  if (typeof named === "string" && named.trim()) return named.trim();
  return cityOf(plan);
}
