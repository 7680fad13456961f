// The first step for every typed value: NFKC folds full-width digits, letters
// and brackets to half-width; surrounding white space (incl. U+3000) is trimmed.

export function normaliseText(s: string): string {
  return s.normalize("NFKC").trim();
}

/** Codes: NFKC, upper case, no inner white space or hyphen-like dashes kept as typed. */
export function normaliseCode(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** A label for matching: no white space or line breaks, half-width, Latin lower case. */
export function normaliseLabel(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}
