// The as-of date a report is made for. Pure: today and the plan's year come in.

export interface AsOf {
  asOf: string;
  /** a line for stderr when the date lies past the plan's year, else null */
  note: { messageId: "as-of-year-end" | "as-of-past-year"; data: Record<string, string | number> } | null;
}

/**
 * `--as-of` as given, or today. Once the plan's year is over, "today" would
 * count every deadline as hundreds of days late and date the narrative wrongly:
 * the default becomes the year's last day. A date past it that the user gives
 * is honoured; either way one line says so.
 */
export function chooseAsOf(given: string | null, today: string, year: number): AsOf {
  const yearEnd = `${year}-12-31`;
  if (given !== null) {
    return { asOf: given, note: given > yearEnd ? { messageId: "as-of-past-year", data: { asOf: given, year, yearEnd } } : null };
  }
  if (today > yearEnd) return { asOf: yearEnd, note: { messageId: "as-of-year-end", data: { asOf: yearEnd, year, today } } };
  return { asOf: today, note: null };
}
