// 统一社会信用代码 (GB 32100-2015), 组织机构代码 (GB 11714) and 税务登记号.
import { fail, ok, type Parsed } from "./result.js";
import { normaliseCode } from "./text.js";

/** GB 32100 character set: 0-9 and A-Z without I, O, Z, S, V. */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export function usccCheckChar(body17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgValue(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "A" && c <= "Z") return c.charCodeAt(0) - 55;
  return -1;
}

export function orgCheckChar(body8: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgValue(body8[i]!);
    if (v < 0) return null;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

function checkOrgCode(code9: string): Parsed<string> {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return fail("orgcode-format");
  const want = orgCheckChar(code9.slice(0, 8));
  if (want !== code9[8]) return fail("orgcode-check-digit", { expected: want ?? "?", actual: code9[8]! });
  return ok(code9);
}

export function parseUscc(raw: string | number): Parsed<string> {
  const s = normaliseCode(String(raw));
  if (s.length !== 18) return fail("uscc-length", { length: s.length });
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(s[i]!)) return fail("uscc-charset", { char: s[i]!, position: i + 1 });
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) return fail("uscc-division", { division: s.slice(2, 8) });
  const want = usccCheckChar(s.slice(0, 17))!;
  if (want !== s[17]) return fail("uscc-check-digit", { expected: want, actual: s[17]! });
  // characters 9–17 are the organisation code, whose 9th is its own check character (0–9 or X)
  const wantOrg = orgCheckChar(s.slice(8, 16));
  if (wantOrg !== s[16]) return fail("uscc-orgcode", { expected: wantOrg ?? "?", actual: s[16]! });
  return ok(s);
}

/** 组织机构代码: 8 characters and a check character, with or without the hyphen; stored without. */
export function parseOrgCode(raw: string | number): Parsed<string> {
  const s = normaliseCode(String(raw)).replace(/[-‐‑–—]/g, "");
  if (s.length !== 9) return fail("orgcode-format");
  return checkOrgCode(s);
}

/** 税务登记号: the USCC since 2015, or 15 characters (division + organisation code) before. */
export function parseTaxNo(raw: string | number): Parsed<string> {
  const s = normaliseCode(String(raw));
  if (s.length === 18) {
    const u = parseUscc(s);
    return u.ok ? u : fail("taxno-format");
  }
  if (s.length === 15 && /^\d{6}/.test(s)) {
    const org = checkOrgCode(s.slice(6));
    return org.ok ? ok(s) : fail("taxno-format");
  }
  return fail("taxno-format");
}

export const usccDivision = (uscc: string) => uscc.slice(2, 8);
export const usccOrgCode = (uscc: string) => uscc.slice(8, 17);
