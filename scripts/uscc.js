// Builds valid 统一社会信用代码 for fictitious enterprises (examples, bench, tests).
import { orgCheckChar, usccCheckChar } from "../dist/values/codes.js";

/** division: 6 digits; seq: a number made into an 8-character organisation body. */
export function makeUscc(division, seq, prefix = "91") {
  const body = ("MA4" + seq.toString(36).toUpperCase().padStart(5, "0")).replace(/[IOZSV]/g, "X");
  const org = body + orgCheckChar(body);
  const first17 = prefix + division + org;
  return first17 + usccCheckChar(first17);
}
