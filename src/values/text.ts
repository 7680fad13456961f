// The first step for every value that is judged (dates, numbers, yes/no, codes,
// phones, the county): NFKC folds full-width digits, letters and brackets to
// half-width; surrounding white space (incl. U+3000) is trimmed. Free text is
// not folded: it is kept as typed (see parseValue in ./index.ts).

export function normaliseText(s: string): string {
  return (isNfkcStable(s) ? s : s.normalize("NFKC")).trim();
}

/** ASCII and the CJK Unified Ideographs block never change under NFKC: most cells skip the costly call. */
function isNfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) return false;
  }
  return true;
}

/** Codes: NFKC, upper case, no inner white space or hyphen-like dashes kept as typed. */
export function normaliseCode(s: string): string {
  const folded = isNfkcStable(s) ? s : s.normalize("NFKC");
  return (/\s/.test(folded) ? folded.replace(/\s+/g, "") : folded).toUpperCase();
}

/** A label for matching: no white space or line breaks, half-width, Latin lower case. */
export function normaliseLabel(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}
