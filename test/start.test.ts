// `npm start`, the first thing a new user runs: every step on the bundled
// examples ends as it should and writes its file into out/.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { run } from "./support/run-async.js";
import { ROOT, tempDir } from "./support/run.js";

const dir = tempDir("capexit-start-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("runs every step on the examples and writes its outputs to out/", async () => {
  cpSync(join(ROOT, "examples"), join(dir, "examples"), { recursive: true });
  const r = await run(process.execPath, [join(ROOT, "scripts", "start.js")], { cwd: dir, env: { NO_COLOR: "1" }, timeout: 240_000 });
  expect(r.stderr).not.toContain("✗ 退出码");
  expect(r.code, r.stderr).toBe(0);
  const out = join(dir, "out");
  for (const f of ["企业基本情况表.pdf", "企业基本情况表.docx", "验收意见表.docx", "从附表汇总.xlsx", "2024年汇总.xlsx", "2024年汇总.pdf", "2024年工作总结.md", "公示名单.pdf", "淘汰落后产能填报表.xlsx"]) {
    expect(existsSync(join(out, f)) && statSync(join(out, f)).size > 0, f).toBe(true);
  }
  expect(readdirSync(join(out, "验收意见表")).filter((f) => f.endsWith(".pdf"))).toHaveLength(8);
}, 300_000);
