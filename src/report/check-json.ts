// Spec §4: `check --format json`, exactly — one entry per enterprise and milestone.
import type { CheckResult } from "../plan/check.js";

export function formatCheckJson(result: CheckResult): string {
  const enterprises = result.units.flatMap((u) =>
    u.enterprises.map((e) => ({
      uscc: e.uscc,
      name: e.name,
      county: e.county,
      milestones: e.milestones.map((m) => ({ id: m.id, due: m.due, done: m.done, status: m.status })),
    })),
  );
  return JSON.stringify({ asOf: result.asOf, enterprises }, null, 2) + "\n";
}
