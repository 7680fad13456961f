import type { RecordRule } from "./types.js";

/**
 * Where main equipment stays, the plan (二（五）) demands power and water cut and
 * the equipment sealed, and the 备注 of Annex 2 asks the opinion to state whether
 * production could resume.
 */
export const notDismantled: RecordRule = {
  id: "not-dismantled",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": {
      canResume: "有生产线主体设备未拆除，应填写是否具备恢复生产的能力（备注：验收意见须明确是否具备恢复生产条件）",
      reason: "有生产线主体设备未拆除，应填写未拆除的原因",
      powerWaterCut: "有生产线主体设备未拆除，应由相关部门断电断水（本栏应为“是”）",
      sealed: "有生产线主体设备未拆除，主体设备应予封存（本栏应为“是”）",
    },
    en: {
      canResume: "main equipment of a line is not dismantled: say whether production could resume (the form's note requires it)",
      reason: "main equipment of a line is not dismantled: give the reason",
      powerWaterCut: "main equipment of a line is not dismantled: power and water must be cut (should be yes)",
      sealed: "main equipment of a line is not dismantled: it must be sealed (should be yes)",
    },
  },
  check(rec, ctx) {
    const a = rec.record.acceptance;
    const lines = a?.lines ?? [];
    const standing = lines.some((l, i) => !l.removedOn && !rec.unreadable.has(`acceptance.lines[${i}].removedOn`));
    if (!standing) return;
    const nd = a?.notDismantled;
    if (nd?.canResume == null && !rec.unreadable.has("acceptance.notDismantled.canResume")) {
      ctx.report({ record: rec, field: "acceptance.notDismantled.canResume", messageId: "canResume" });
    }
    if (!nd?.reason && !rec.unreadable.has("acceptance.notDismantled.reason")) {
      ctx.report({ record: rec, field: "acceptance.notDismantled.reason", messageId: "reason" });
    }
    if (nd?.powerWaterCut !== true && !rec.unreadable.has("acceptance.notDismantled.powerWaterCut")) {
      ctx.report({ record: rec, field: "acceptance.notDismantled.powerWaterCut", messageId: "powerWaterCut" });
    }
    if (nd?.sealed !== true && !rec.unreadable.has("acceptance.notDismantled.sealed")) {
      ctx.report({ record: rec, field: "acceptance.notDismantled.sealed", messageId: "sealed" });
    }
  },
};
