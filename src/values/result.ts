/** A value parser's answer: the value, or why it could not be read (a message id and its data). */
export type Parsed<T> =
  | { ok: true; value: T }
  | { ok: false; code: string; data?: Record<string, string | number> };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (code: string, data?: Record<string, string | number>): Parsed<never> => ({
  ok: false,
  code,
  data,
});
