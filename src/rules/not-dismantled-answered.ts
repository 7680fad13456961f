import type { RecordRule } from "./types.js";

/**
 * The not-dismantled questions of Annex 2 concern equipment left standing. Where
 * every line has its dismantling date, a reason for not dismantling, a "can
 * resume" or a "sealed" contradicts the dates. (否 for 恢复生产 and 是 for 断电断水
 * stay true of dismantled equipment, so they pass.)
 */
export const notDismantledAnswered: RecordRule = {
  id: "not-dismantled-answered",
  severity: "warning",
  scope: "record",
  messages: {
    "zh-CN": {
      canResume: "每条生产线都已填写拆除时间，但“是否具备恢复生产的能力”为“是”，请核实",
      reason: "每条生产线都已填写拆除时间，却填写了未拆除的原因，请核实",
      sealed: "每条生产线都已填写拆除时间，却填写了主体设备封存，请核实",
    },
    en: {
      canResume: "every line has its dismantling date, yet “can resume production” is yes: please check",
      reason: "every line has its dismantling date, yet a reason for not dismantling is given: please check",
      sealed: "every line has its dismantling date, yet the main equipment is said to be sealed: please check",
    },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    const lines = a?.lines ?? [];
    if (lines.length === 0 || lines.some((l) => !l.removedOn)) return;
    const nd = a?.notDismantled;
    if (nd?.canResume === true) ctx.report({ record: rec, field: "acceptance.notDismantled.canResume", messageId: "canResume" });
    if (nd?.reason?.trim()) ctx.report({ record: rec, field: "acceptance.notDismantled.reason", messageId: "reason" });
    if (nd?.sealed === true) ctx.report({ record: rec, field: "acceptance.notDismantled.sealed", messageId: "sealed" });
  },
};
