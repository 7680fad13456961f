import { hasAnnex2 } from "../plan/milestone.js";
import type { RecordRule } from "./types.js";

/**
 * At acceptance, an enterprise closed entirely shows its licences revoked (吊销)
 * or cancelled (注销, seed 二（三）). At the survey (Annex 1 only) they may well
 * still stand: revocation comes with closure, which `check`'s licences deadline follows.
 */
export const closedLicenses: RecordRule = {
  id: "closed-licenses",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "企业整体关闭且已进入验收，但未填写{label}（或注销时间）" },
    en: { default: "the enterprise is closed entirely and at acceptance, but {label} (or the cancellation date) is missing" },
  },
  check(rec, ctx) {
    const r = rec.record;
    if (r.enterprise.closedEntirely !== true || !hasAnnex2(r)) return;
    const l = r.licenses;
    const want: [kind: "business" | "production" | "discharge", held: boolean][] = [
      ["business", true],
      ["production", Boolean(l?.production?.number)],
      ["discharge", Boolean(l?.discharge?.number)],
    ];
    for (const [kind, held] of want) {
      const licence = l?.[kind];
      if (!held || licence?.revokedOn || licence?.cancelledOn) continue;
      const revoked = `licenses.${kind}.revokedOn`;
      const cancelled = `licenses.${kind}.cancelledOn`;
      // an unreadable date was typed: its own finding says what is wrong
      if (rec.unreadable.has(revoked) || rec.unreadable.has(cancelled)) continue;
      ctx.report({ record: rec, field: revoked });
    }
  },
};
