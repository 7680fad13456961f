// Yes/no as clerks tick it.
import { fail, ok, type Parsed } from "./result.js";
import { normaliseText } from "./text.js";

const YES = new Set(["是", "√", "✓", "✔", "☑", "■", "y", "yes", "true", "1", "有", "已"]);
const NO = new Set(["否", "×", "✗", "✘", "☐", "□", "n", "no", "false", "0", "无", "未"]);
const PASSED = new Set(["通过", "同意", "合格", "已通过", "通过验收", "同意通过"]);
const NOT_PASSED = new Set(["不通过", "未通过", "不同意", "不合格"]);

export function parseYesNo(raw: string | number | boolean, passed = false): Parsed<boolean> {
  if (typeof raw === "boolean") return ok(raw);
  if (typeof raw === "number") {
    if (raw === 1) return ok(true);
    if (raw === 0) return ok(false);
    return fail(passed ? "passed-invalid" : "yesno-invalid");
  }
  const s = normaliseText(raw).replace(/\s+/g, "").toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  if (passed) {
    if (PASSED.has(s)) return ok(true);
    if (NOT_PASSED.has(s)) return ok(false);
  }
  return fail(passed ? "passed-invalid" : "yesno-invalid");
}
