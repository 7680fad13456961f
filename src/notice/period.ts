// The 公示期: a first day and a last day, both inclusive, and how many days that is.
import { daysBetween } from "../plan/dates.js";

export interface Period {
  from: string;
  to: string;
  days: number;
}

/** The notice is posted for a week unless the office says otherwise. */
export const DEFAULT_DAYS = 7;

/** 2024-12-02 + 6 -> 2024-12-08, on the calendar (no time zones, no clock). */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

/** From `from` for `days` days, the first day counted: 7 days from 12-02 end on 12-08. */
export function periodOfDays(from: string, days: number): Period {
  return { from, to: addDays(from, days - 1), days };
}

/** From `from` to `to`, both days counted; null when `to` comes first. */
export function periodTo(from: string, to: string): Period | null {
  const days = daysBetween(from, to) + 1;
  return days >= 1 ? { from, to, days } : null;
}
