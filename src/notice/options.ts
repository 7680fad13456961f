// The notice's dates from its options: the 公示期 (--from, --days or --to) and
// the date it is signed (--date). Pure: today comes in from the edge.
import { parseDate } from "../values/date.js";
import { UserError } from "../util/errors.js";
import { DEFAULT_DAYS, periodOfDays, periodTo, type Period } from "./period.js";

export interface NoticeDateOptions {
  from?: string;
  days?: string;
  to?: string;
  date?: string;
}

/** A date option in any spelling a clerk types. */
function dateOption(option: string, value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok) throw new UserError("notice-bad-date", { option, value });
  return parsed.value;
}

function daysOption(value: string): number {
  const v = value.normalize("NFKC").trim();
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 365) throw new UserError("notice-bad-days", { value });
  return n;
}

/** The 公示期: --from (today) for --days (7), or up to --to; the notice is signed on --date or the first day. */
export function noticeDates(opts: NoticeDateOptions, today: string): { period: Period; issuedOn: string } {
  if (opts.days !== undefined && opts.to !== undefined) throw new UserError("notice-days-and-to");
  const from = opts.from === undefined ? today : dateOption("--from", opts.from);
  let period: Period | null;
  if (opts.to === undefined) period = periodOfDays(from, opts.days === undefined ? DEFAULT_DAYS : daysOption(opts.days));
  else {
    const to = dateOption("--to", opts.to);
    period = periodTo(from, to);
    if (!period) throw new UserError("notice-to-before-from", { from, to });
  }
  return { period, issuedOn: opts.date === undefined ? period.from : dateOption("--date", opts.date) };
}
