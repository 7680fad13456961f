import type { RecordRule } from "./types.js";

/** Where main equipment stays, the plan (三、(五)) demands power and water cut and the equipment sealed. */
export const notDismantled: RecordRule = {
  id: "not-dismantled",
  severity: "error",
  scope: "record",
  description: {
    "zh-CN": "主体设备未拆除的，应说明原因，并断水断电、封存主体设备",
    en: "main equipment left standing needs a reason, power and water cut, and sealing",
  },
  messages: {
    "zh-CN": {
      reason: "有生产线主体设备未拆除，应填写未拆除的原因",
      powerWaterCut: "有生产线主体设备未拆除，应由相关部门断电断水（本栏应为“是”）",
      sealed: "有生产线主体设备未拆除，主体设备应予封存（本栏应为“是”）",
    },
    en: {
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
