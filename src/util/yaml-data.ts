// Data files (plans, form templates): YAML text checked against its Zod schema.
import { parse } from "yaml";
import type { z } from "zod";
import { UserError } from "./errors.js";

/** Pure: text -> data, or a UserError `messageId` naming the file and the first problem and where. */
export function parseYamlData<S extends z.ZodType>(schema: S, text: string, file: string, messageId: string): z.output<S> {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new UserError(messageId, { file, detail: (e as Error).message.split("\n")[0] ?? "" });
  }
  const res = schema.safeParse(data);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    throw new UserError(messageId, { file, detail: `${issue.path.join(".")}: ${issue.message}` });
  }
  return res.data;
}
