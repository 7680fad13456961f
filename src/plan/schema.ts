// A work plan as data: who it is addressed to and (issue 3) its deadlines.
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const PlanUnitSchema = z.object({
  name: z.string().min(1).meta({ title: "单位名称" }),
  /** other spellings clerks use for the unit (随州高新区 -> 高新区) */
  aliases: z.array(z.string()).default([]),
  /** GB/T 2260 codes of the registering authorities in the unit (USCC positions 3–8) */
  divisions: z.array(z.string().regex(/^\d{6}$/)).default([]),
});

/** The milestones every enterprise is checked against (spec §4), in report order. */
export const MILESTONE_IDS = ["shutdown", "dismantle", "county-acceptance", "province-acceptance", "licenses"] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

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
    /** first day of a window (11月初 = 11-01 … 11-10); absent for a plain deadline */
    from: isoDate.optional(),
    /** last day on which the deadline is still met (inclusive) */
    due: isoDate.meta({ title: "截止日期" }),
    /** how the date was read from the sentence, e.g. 自通知下发之日起两个月 */
    reading: z.string().optional(),
    /** section of the plan, e.g. 三（一） */
    section: z.string().optional(),
    /** the plan's own words */
    source: z.string().min(1).meta({ title: "原文" }),
  })
  .refine((d) => d.from === undefined || d.from <= d.due, { message: "from-after-due", path: ["from"] });

export const PlanSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1).meta({ title: "方案名称" }),
    documentNo: z.string().min(1).meta({ title: "文号" }),
    issuedOn: isoDate.meta({ title: "印发日期" }),
    issuer: z.string().min(1).meta({ title: "印发单位" }),
    year: z.number().int(),
    /** the city's own division code: an enterprise registered there fits every unit */
    cityDivision: z.string().regex(/^\d{6}$/),
    /** the city-level unit that compiles the summary (市经信局) */
    compiler: z.string().min(1),
    units: z.array(PlanUnitSchema).min(1),
    /** section 三 of the plan: every deadline with its source sentence (needed by `check`) */
    deadlines: z.array(DeadlineSchema).optional(),
  })
  .loose()
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    const milestones = new Set<string>();
    (p.deadlines ?? []).forEach((d, i) => {
      if (ids.has(d.id)) ctx.addIssue({ code: "custom", message: `duplicate deadline id ${d.id}`, path: ["deadlines", i, "id"] });
      ids.add(d.id);
      if (d.milestone) {
        if (milestones.has(d.milestone)) {
          ctx.addIssue({ code: "custom", message: `two deadlines for milestone ${d.milestone}`, path: ["deadlines", i, "milestone"] });
        }
        milestones.add(d.milestone);
      }
    });
  })
  .meta({ title: "淘汰落后产能工作方案", id: "capexit-plan" });

export type Plan = z.infer<typeof PlanSchema>;
export type PlanUnit = z.infer<typeof PlanUnitSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
