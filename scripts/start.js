// `npm start`: the clerk's main jobs on the bundled examples, one after another.
// Each step says which exit code it expects (the faulty workbook and the
// overdue brickworks are meant to be found).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/capexit.js", import.meta.url));

const steps = [
  ["校验示例表格", ["validate", "examples/随州市2024.xlsx"], 0],
  ["校验示例 YAML", ["validate", "examples/yaml/"], 0],
  ["校验同一份表格的旧版 Excel（.xls）存法", ["validate", "examples/随州市2024.xls"], 0],
  ["校验同一份表格的 LibreOffice（.ods）存法", ["validate", "examples/随州市2024.ods"], 0],
  ["校验有错误的表格（应查出错误）", ["validate", "examples/faulty/有错误的表格.xlsx"], 1],
  ["检查进度（截至 2024-11-20，砖瓦厂尚未停产）", ["check", "examples/随州市2024.xlsx", "--as-of", "2024-11-20"], 1],
  ["打印验收意见表（附表2）→ out/验收意见表/", ["render", "annex2", "examples/随州市2024.xlsx", "-o", "out/验收意见表", "--force"], 0],
  ["打印企业基本情况表（附表1，合为一个 PDF）→ out/", ["render", "annex1", "examples/随州市2024.xlsx", "-o", "out/企业基本情况表.pdf", "--force"], 0],
  ["附表1、附表2 的 Word 文档（发给企业填写的样子）→ out/", ["render", "annex1", "examples/随州市2024.xlsx", "-o", "out/企业基本情况表.docx", "--force"], 0],
  ["", ["render", "annex2", "examples/随州市2024.xlsx", "-o", "out/验收意见表.docx", "--force"], 0],
  ["从填好的 Word 附表汇总成清单 → out/", ["collect", "out/企业基本情况表.docx", "out/验收意见表.docx", "-o", "out/从附表汇总.xlsx", "--force"], 0],
  ["年度汇总（截至 2024-12-31）", ["summarize", "examples/yaml/", "--as-of", "2024-12-31"], 0],
  ["年度汇总表与工作总结草稿 → out/", ["summarize", "examples/yaml/", "--as-of", "2024-12-31", "-o", "out/2024年汇总.xlsx", "--narrative", "out/2024年工作总结.md", "--force"], 0],
  ["年度汇总表（PDF）→ out/", ["summarize", "examples/随州市2024.xlsx", "--as-of", "2024-12-31", "-o", "out/2024年汇总.pdf", "--force"], 0],
  ["公示名单（PDF）→ out/", ["notice", "examples/随州市2024.xlsx", "-o", "out/公示名单.pdf", "--from", "2024-12-02", "--contact", "电话 0722-3226789", "--force"], 0],
  ["空白填报表 → out/", ["template", "-o", "out/淘汰落后产能填报表.xlsx", "--force"], 0],
];

let failed = 0;
for (const [title, args, expected] of steps) {
  // a step without a title goes on from the one before it
  console.log(`${title ? `\n━━ ${title}\n` : ""}$ capexit ${args.join(" ")}\n`);
  const r = spawnSync(process.execPath, [BIN, ...args], { stdio: "inherit" });
  if (r.status !== expected) {
    console.error(`✗ 退出码 ${r.status}，应为 ${expected}`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
