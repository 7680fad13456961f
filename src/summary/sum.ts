// Adding clerks' decimals without binary noise: 0.1 + 0.2 is 0.3 here. A sum is
// rounded to the most decimals any of its addends had (capped), so it is exactly
// what adding by hand gives.

const MAX_DECIMALS = 6;

/** Decimal places of a number as written (1.25 -> 2, 3 -> 0, 1e-7 -> the cap). */
export function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0;
  const s = String(n);
  if (s.includes("e")) return MAX_DECIMALS;
  return Math.min(MAX_DECIMALS, s.length - s.indexOf(".") - 1);
}

export function roundTo(n: number, decimals: number): number {
  if (decimals <= 0) return Math.round(n);
  // toFixed rounds the decimal expansion, not n * 10^d (which can overflow into noise)
  return Number(n.toFixed(decimals));
}

/** A running sum; `value` is rounded to the addends' precision. */
export class Sum {
  private raw = 0;
  private decimals = 0;

  add(n: number | null | undefined): this {
    if (n === null || n === undefined || !Number.isFinite(n)) return this;
    this.raw += n;
    const d = decimalsOf(n);
    if (d > this.decimals) this.decimals = d;
    return this;
  }

  get value(): number {
    return roundTo(this.raw, this.decimals);
  }
}

/** Sums a list exactly as `Sum` does. */
export function sum(values: Iterable<number | null | undefined>): number {
  const s = new Sum();
  for (const v of values) s.add(v);
  return s.value;
}
