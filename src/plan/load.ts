// Plans are files: the bundled default, or one the user names with --plan.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { UserError } from "../util/errors.js";
import { parseYamlData } from "../util/yaml-data.js";
import { PlanSchema, type Plan } from "./schema.js";

export const DEFAULT_PLAN = fileURLToPath(new URL("../../templates/plans/suizhou-2024.yaml", import.meta.url));

/** Pure: plan text -> plan, or a UserError naming the first problem. */
export function parsePlan(text: string, file: string): Plan {
  return parseYamlData(PlanSchema, text, file, "plan-invalid");
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
