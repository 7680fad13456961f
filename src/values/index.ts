// One entry point: read a raw value according to the kind of its field.
import type { FieldMeta } from "../model/record.js";
import type { RawValue } from "../model/source.js";
import { parseUscc, parseOrgCode, parseTaxNo } from "./codes.js";
import { jsDateToIso, parseDate } from "./date.js";
import { parseNumber } from "./number.js";
import { parsePhone } from "./phone.js";
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";
import { parseYesNo } from "./yesno.js";

export { type Parsed } from "./result.js";

/** A raw value that counts as blank: absent, null, or only white space. */
export function isBlank(raw: RawValue | undefined): raw is null | undefined {
  // trim() knows every Unicode space NFKC would fold (U+3000, U+00A0 …)
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
}

export function parseValue(raw: Exclude<RawValue, null>, meta: FieldMeta): Parsed<string | number | boolean> {
  const asText = () => (raw instanceof Date ? jsDateToIso(raw) ?? "" : String(raw));
  switch (meta.kind) {
    case "text":
      // free text is printed back on the forms as typed: only trimmed, never folded (，stays ，)
      return ok(asText().trim());
    case "county":
      return ok(normaliseText(asText()));
    case "date":
    case "partialDate":
      if (typeof raw === "boolean") return fail("date-invalid");
      return parseDate(raw, meta.kind === "partialDate");
    case "yesNo":
    case "passed":
      if (raw instanceof Date) return fail("yesno-invalid");
      return parseYesNo(raw, meta.kind === "passed");
    case "amount":
    case "count":
      if (typeof raw === "boolean" || raw instanceof Date) return fail("number-invalid");
      return parseNumber(raw, { unit: meta.unit, whole: meta.kind === "count" });
    case "uscc":
      return parseUscc(asText());
    case "orgCode":
      return parseOrgCode(asText());
    case "taxNo":
      return parseTaxNo(asText());
    case "phone":
    case "mobile":
      return parsePhone(asText(), meta.kind === "mobile");
  }
}
