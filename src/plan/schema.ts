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
  })
  .loose()
  .meta({ title: "淘汰落后产能工作方案", id: "capexit-plan" });

export type Plan = z.infer<typeof PlanSchema>;
export type PlanUnit = z.infer<typeof PlanUnitSchema>;
