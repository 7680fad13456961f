// A work plan as data: who it is addressed to, its deadlines, and its per-project limits.
import { z } from "zod";
import { parseDate } from "../values/date.js";

/**
 * A date of the plan, read with the same strict reader as records' dates: any
 * spelling a clerk types, stored as YYYY-MM-DD; an impossible date (10-32) is an
 * issue whose message is the reader's code, never a silent roll-over.
 */
const planDate = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const parsed = parseDate(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.code, input: v, params: { value: String(v) } });
    return z.NEVER;
  })
  .meta({ description: "日期，写作 YYYY-MM-DD / a date, written YYYY-MM-DD" });

export const PlanUnitSchema = z.object({
  name: z.string().min(1).meta({ title: "单位名称" }),
  /** other spellings clerks use for the unit (随州高新区 -> 高新区) */
  aliases: z.array(z.string()).default([]),
  /** GB/T 2260 codes of the registering authorities in the unit (USCC positions 3–8) */
  divisions: z.array(z.string().regex(/^\d{6}$/)).default([]),
});

/** The milestones every enterprise is checked against (record contract §4), in report order. */
export const MILESTONE_IDS = ["shutdown", "dismantle", "county-acceptance", "province-acceptance", "licenses"] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

/** A passage of the plan a deadline rests on. */
const QuoteSchema = z.object({
  section: z.string().min(1).meta({ title: "章节" }),
  text: z.string().min(1).meta({ title: "原文" }),
});

/** The plan's own words: one sentence, or several passages (each with its section) where a reading rests on more than one. */
const SourceSchema = z.union([z.string().min(1), z.array(QuoteSchema).min(1)]).meta({ title: "原文" });

/** Record dates a deadline bounds for every enterprise (besides the milestones). */
export const BOUNDED_FIELDS = ["reportedOn"] as const;

/**
 * One deadline of the plan, with the sentence it comes from. A deadline that
 * names a `milestone` is the due date every enterprise is checked against; the
 * others (survey, work plans, inspection, summary…) are the plan's own timeline.
 */
export const DeadlineSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case-id"),
    title: z.string().min(1).meta({ title: "事项" }),
    titleEn: z.string().min(1).optional(),
    /** the enterprise milestone this deadline sets, if any */
    milestone: z.enum(MILESTONE_IDS).optional(),
    /** a record date this deadline bounds: `reportedOn` for the survey (附表1 填报时间) */
    field: z.enum(BOUNDED_FIELDS).optional(),
    /** first day of a window (11月初 = 11-01 … 11-10); absent for a plain deadline */
    from: planDate.optional(),
    /** last day on which the deadline is still met (inclusive) */
    due: planDate.meta({ title: "截止日期" }),
    /** how the date was read from the sentence, e.g. 自通知下发之日起两个月 */
    reading: z.string().optional(),
    /** section of the plan, e.g. 三（一） */
    section: z.string().optional(),
    source: SourceSchema,
  })
  .refine((d) => d.from === undefined || d.from <= d.due, { message: "plan.from-after-due", path: ["from"] });

/**
 * A time limit each project sets for itself within a cap (一般不超过3年): not one
 * date for the whole plan, so it is shown as a rule, never counted down.
 */
export const TermSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case-id"),
  title: z.string().min(1).meta({ title: "事项" }),
  titleEn: z.string().min(1).optional(),
  /** the cap as the plan words it, e.g. 一般不超过3年 */
  limit: z.string().min(1).meta({ title: "时限" }),
  limitEn: z.string().min(1).optional(),
  reading: z.string().optional(),
  section: z.string().optional(),
  source: SourceSchema,
});

export const PlanSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1).meta({ title: "方案名称" }),
    documentNo: z.string().min(1).meta({ title: "文号" }),
    issuedOn: planDate.meta({ title: "印发日期" }),
    issuer: z.string().min(1).meta({ title: "印发单位" }),
    year: z.number().int(),
    /** the city's own division code: an enterprise registered there fits every unit */
    cityDivision: z.string().regex(/^\d{6}$/),
    /** the city-level unit that compiles the summary (市经信局) */
    compiler: z.string().min(1),
    units: z.array(PlanUnitSchema).min(1),
    /** section 三 of the plan: every deadline with its source sentence (needed by `check`) */
    deadlines: z.array(DeadlineSchema).optional(),
    /** limits each project sets within a cap (二（一）: 一般不超过3年) */
    terms: z.array(TermSchema).optional(),
  })
  .loose()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    const milestones = new Set<string>();
    const fields = new Set<string>();
    (p.deadlines ?? []).forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: "custom", message: "plan.duplicate-deadline", params: { id: d.id }, path: ["deadlines", i, "id"] });
      ids.add(d.id);
      if (d.milestone) {
        if (milestones.has(d.milestone)) {
          ctx.addIssue({ code: "custom", message: "plan.two-deadlines-milestone", params: { milestone: d.milestone }, path: ["deadlines", i, "milestone"] });
        }
        milestones.add(d.milestone);
      }
      if (d.field) {
        if (fields.has(d.field)) ctx.addIssue({ code: "custom", message: "plan.two-deadlines-field", params: { field: d.field }, path: ["deadlines", i, "field"] });
        fields.add(d.field);
      }
    });
    (p.terms ?? []).forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: "custom", message: "plan.duplicate-term", params: { id: t.id }, path: ["terms", i, "id"] });
      ids.add(t.id);
    });
  })
  .meta({ title: "淘汰落后产能工作方案", id: "capexit-plan" });

export type Plan = z.infer<typeof PlanSchema>;
export type PlanUnit = z.infer<typeof PlanUnitSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type Term = z.infer<typeof TermSchema>;
export type Source = z.infer<typeof SourceSchema>;

/** The source passages of a deadline or term, each with its section. */
export function quotes(d: { source: Source; section?: string }): { section: string | null; text: string }[] {
  return typeof d.source === "string" ? [{ section: d.section ?? null, text: d.source }] : d.source.map((q) => ({ section: q.section, text: q.text }));
}
