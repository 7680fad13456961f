import type { LoadedRecord } from "../model/source.js";
import { surelyBefore } from "./helpers.js";
import type { RecordRule } from "./types.js";

/** A dated event of a record: its value and (built only when reported) its path. */
type Event = [value: string | null | undefined, path: () => string];

/** Pairs of dates where the first can never come after the second: [earlier, later]. */
function pairs(rec: LoadedRecord): [Event, Event][] {
  const r = rec.record;
  const a = r.acceptance;
  const lines = a?.lines ?? [];
  const out: [Event, Event][] = [];
  const at = (value: string | null | undefined, path: string): Event => [value, () => path];
  const founded = at(r.enterprise.foundedOn, "enterprise.foundedOn");
  const enterprise = at(a?.enterprise?.signedOn, "acceptance.enterprise.signedOn");
  const county = at(a?.county?.signedOn, "acceptance.county.signedOn");
  const city = at(a?.city?.signedOn, "acceptance.city.signedOn");
  const province = at(a?.province?.signedOn, "acceptance.province.signedOn");
  const later: Event[] = [
    at(r.licenses?.business?.revokedOn, "licenses.business.revokedOn"),
    at(r.licenses?.business?.cancelledOn, "licenses.business.cancelledOn"),
    at(r.licenses?.production?.revokedOn, "licenses.production.revokedOn"),
    at(r.licenses?.production?.cancelledOn, "licenses.production.cancelledOn"),
    at(r.licenses?.discharge?.revokedOn, "licenses.discharge.revokedOn"),
    at(r.licenses?.discharge?.cancelledOn, "licenses.discharge.cancelledOn"),
    at(r.reportedOn, "reportedOn"),
    ...(r.equipment ?? []).map((e, i): Event => [e.removedOn, () => `equipment[${i}].removedOn`]),
  ];
  lines.forEach((l, i) => {
    const shutdown: Event = [l.shutdownOn, () => `acceptance.lines[${i}].shutdownOn`];
    const removed: Event = [l.removedOn, () => `acceptance.lines[${i}].removedOn`];
    later.push(shutdown, removed);
    out.push([shutdown, removed], [shutdown, county], [shutdown, city], [shutdown, province]);
  });
  // an acceptance judges dismantled equipment: once every line is dismantled, not before the last
  const removedOn = lines.map((l, i) => [l.removedOn, i] as const);
  if (removedOn.length > 0 && removedOn.every(([d]) => !!d)) {
    const [lastDate, last] = removedOn.reduce((a, b) => (b[0]! > a[0]! ? b : a));
    const removed: Event = [lastDate, () => `acceptance.lines[${last}].removedOn`];
    out.push([removed, county], [removed, city], [removed, province]);
  }
  const shutdownBy = at(r.timetable?.shutdownBy, "timetable.shutdownBy");
  const dismantleBy = at(r.timetable?.dismantleBy, "timetable.dismantleBy");
  out.push([shutdownBy, dismantleBy]);
  later.push(enterprise, county, city, province);
  for (const e of later) out.push([founded, e]);
  out.push([enterprise, county], [county, city], [city, province], [county, province]);
  return out;
}

export const dateOrder: RecordRule = {
  id: "date-order",
  severity: "error",
  scope: "record",
  messages: {
    "zh-CN": { default: "{value} 早于{earlier}（{earlierValue}），日期先后不可能" },
    en: { default: "{value} is before {earlier} ({earlierValue}), an impossible order" },
  },
  check(rec, ctx) {
    for (const [[a, earlier], [b, later]] of pairs(rec)) {
      if (!a || !b || !surelyBefore(b, a)) continue;
      ctx.report({ record: rec, field: later(), data: { value: b, earlier: `@${earlier()}`, earlierValue: a } });
    }
  },
};
