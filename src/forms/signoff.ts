// A sign-off cell as filled: the opinion (or the enterprise's statement), the
// （签字）（盖章） placeholders with whatever was written beside them, a date,
// and on capexit's own form the line 验收结论：通过☑ 不通过☐. Pure.
import { Folded, labelKey, tidy } from "./text.js";
import { readTicks } from "./ticks.js";

export interface SignOffSpec {
  /** folded placeholder texts of the cell's foot: 企业负责人(签字), (企业盖章), (签字), (盖章) */
  tokens: readonly string[];
  /** the conclusion line, when the form prints one: its folded label (验收结论) and its answers */
  conclusion?: { label: string; options: readonly [string, string] };
  /** whether the cell decides a verdict (县、市、省 opinions), not only a statement */
  verdict: boolean;
  /** the record fields the date and the verdict go to (acceptance.county.signedOn, acceptance.county.passed) */
  datePath: string | null;
  passedPath: string | null;
}

export interface SignOff {
  /** the text without the placeholders, the date and the conclusion line; null when blank */
  opinion: string | null;
  /** the date as written (2024年11月28日, 2024.11.28), for the date reader; null when none */
  date: string | null;
  /** the verdict: from the conclusion line when ticked there, else from the opinion's words */
  passed: boolean | null;
  /** both 通过 and 不通过 ticked on the conclusion line */
  bothTicked: boolean;
  /** the conclusion line's answers as written, when both are ticked */
  conclusion: string | null;
  /** an opinion that states no verdict, where one is due */
  unclear: boolean;
}

/** A date as written at the foot of a sign-off: 2024年11月28日, 2024.11.28, 2024-11-28, 2024/11/28. */
const DATE = /[0-9０-９]{4}\s*(?:年|[./\-．／－])\s*[0-9０-９]{1,2}\s*(?:月|[./\-．／－])\s*[0-9０-９]{1,2}\s*日?/g;
/** The printed blanks of an unsigned date: 年　月　日. */
const BLANK_DATE = /^[\s\u3000]*年[\s\u3000]*月[\s\u3000]*日[\s\u3000]*$/;

/** Placeholders of any sign-off, besides the form's own: 签字：and 盖章：with a colon. */
const COMMON_TOKENS = ["签字:", "盖章:", "(签章)", "(公章)"];

export function readSignOff(text: string, spec: SignOffSpec): SignOff {
  const tokens = [...new Set([...spec.tokens, ...COMMON_TOKENS, ...(spec.conclusion ? [spec.conclusion.label] : [])])].filter(Boolean);
  const opinionLines: string[] = [];
  const footer: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const folded = new Folded(line);
    let first = -1;
    for (const t of tokens) {
      const at = folded.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first >= 0) {
      opinionLines.push(folded.before(first));
      footer.push(folded.after(first));
    } else if (isDateLine(line)) {
      footer.push(line);
    } else {
      opinionLines.push(line);
    }
  }

  let passed: boolean | null = null;
  let bothTicked = false;
  let conclusion: string | null = null;
  if (spec.conclusion) {
    for (const line of footer) {
      const folded = new Folded(line);
      const at = folded.indexOf(spec.conclusion.label);
      if (at < 0) continue;
      const answers = folded.after(at + spec.conclusion.label.length).replace(/^[:：\s]+/, "");
      const answer = readTicks(answers, spec.conclusion.options);
      if (answer.kind === "one") passed = answer.index === 0;
      if (answer.kind === "both") {
        bothTicked = true;
        conclusion = tidy(answers.split(/[（(]/)[0] ?? answers);
      }
      // what follows the ticks on that line is the signature, not a date of the conclusion
    }
  }

  let date: string | null = null;
  for (const line of footer) for (const m of line.matchAll(DATE)) date = m[0].trim();
  let opinion = tidy(opinionLines.join("\n"));
  if (!date) {
    // no placeholders kept: a date at the very end of the text is the signing date
    const m = [...opinion.matchAll(DATE)].pop();
    if (m && m.index! + m[0].length >= opinion.replace(/[\s。.，,]+$/, "").length) {
      date = m[0].trim();
      opinion = tidy(opinion.slice(0, m.index!));
    }
  }
  const result: SignOff = { opinion: opinion || null, date, passed, bothTicked, conclusion, unclear: false };
  if (spec.verdict && passed === null && !bothTicked && result.opinion) {
    const v = verdictOf(result.opinion);
    if (v === null) result.unclear = true;
    else result.passed = v;
  }
  return result;
}

function isDateLine(line: string): boolean {
  if (BLANK_DATE.test(line)) return true;
  const rest = line.replace(DATE, "").replace(/[\s\u3000]/g, "");
  return rest === "" && line.replace(/[\s\u3000]/g, "") !== "";
}

/** Words of a verdict, folded. Those that refuse come first: 不予通过 holds 通过. */
const REFUSED = ["不予通过", "不同意通过", "未予通过", "暂不通过", "不通过", "未通过", "不合格", "整改后重新验收", "重新组织验收", "重新验收"];
const PASSED = ["同意通过验收", "通过验收", "验收合格", "同意通过", "予以通过", "准予通过"];

/**
 * The verdict an opinion states, by its words: the last verdict named wins
 * (原存在不合格问题，现已整改，同意通过验收 passed). Null when it names none.
 */
export function verdictOf(opinion: string): boolean | null {
  const key = labelKey(opinion);
  let verdict: boolean | null = null;
  for (let i = 0; i < key.length; ) {
    const refused = REFUSED.find((w) => key.startsWith(w, i));
    if (refused) {
      verdict = false;
      i += refused.length;
      continue;
    }
    const passed = PASSED.find((w) => key.startsWith(w, i));
    if (passed) {
      verdict = true;
      i += passed.length;
      continue;
    }
    i++;
  }
  return verdict;
}
