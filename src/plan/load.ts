// Plans are files: the bundled default, or one the user names with --plan.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { UserError } from "../util/errors.js";
import { PlanSchema, type Plan } from "./schema.js";

export const DEFAULT_PLAN = fileURLToPath(new URL("../../templates/plans/suizhou-2024.yaml", import.meta.url));

/** Pure: plan text -> plan, or a UserError naming the first problem. */
export function parsePlan(text: string, file: string): Plan {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new UserError("plan-invalid", { file, detail: (e as Error).message.split("\n")[0] ?? "" });
  }
  const res = PlanSchema.safeParse(data);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    throw new UserError("plan-invalid", { file, detail: `${issue.path.join(".")}: ${issue.message}` });
  }
  return res.data;
}

export async function loadPlan(file: string = DEFAULT_PLAN): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError("file-unreadable", { file });
  }
  return parsePlan(text, file);
}
