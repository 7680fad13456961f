// 当前进展 of one row as of a date: the furthest stage its evidence shows.
// The evidence is the milestone reader's (src/plan/milestone.ts), so the notice,
// check and summarize agree on what 停产, 拆除 and 封存 mean.
import type { EnterpriseRecord, ProductionLine } from "../model/record.js";
import { milestoneEvidence } from "../plan/milestone.js";

export const PROGRESS_STATES = ["accepted", "dismantled", "sealed", "shutdown", "running"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/**
 * The stage of one line (or, for a row of Annex 1 equipment, of the whole
 * enterprise) as of `asOf`: 已验收 (county acceptance passed) before 已拆除,
 * 已封存 (cut off and sealed instead of dismantled), 已停产, else 未停产.
 * A line is judged as the enterprise would be if it had that line alone.
 */
export function progressOf(record: EnterpriseRecord, line: ProductionLine | null, asOf: string): ProgressState {
  const view: EnterpriseRecord = line ? { ...record, acceptance: { ...record.acceptance, lines: [line] } } : record;
  if (milestoneEvidence("county-acceptance", view, asOf).done) return "accepted";
  const dismantle = milestoneEvidence("dismantle", view, asOf);
  if (dismantle.done) return "dismantled";
  if (dismantle.sealed) return "sealed";
  if (milestoneEvidence("shutdown", view, asOf).done) return "shutdown";
  return "running";
}
