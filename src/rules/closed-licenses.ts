import type { RecordRule } from "./types.js";

export const closedLicenses: RecordRule = {
  id: "closed-licenses",
  severity: "error",
  scope: "record",
  description: {
    "zh-CN": "企业整体关闭的，应填写已吊销证照的吊销时间",
    en: "an enterprise closed entirely must give the revocation dates of its licences",
  },
  messages: {
    "zh-CN": { default: "企业整体关闭，但未填写{label}" },
    en: { default: "the enterprise is closed entirely but {label} is missing" },
  },
  check(rec, ctx) {
    const r = rec.record;
    if (r.enterprise.closedEntirely !== true) return;
    const l = r.licenses;
    const want: [string, boolean][] = [
      ["licenses.business.revokedOn", !l?.business?.revokedOn],
      ["licenses.production.revokedOn", Boolean(l?.production?.number) && !l?.production?.revokedOn],
      ["licenses.discharge.revokedOn", Boolean(l?.discharge?.number) && !l?.discharge?.revokedOn],
    ];
    for (const [path, missing] of want) {
      if (missing && !rec.unreadable.has(path)) ctx.report({ record: rec, field: path });
    }
  },
};
