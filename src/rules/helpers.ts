// Small readers shared by rules.

/** Compares dates that may be partial (`2005`, `2005-03`): true only when a is surely before b. */
export function surelyBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}
