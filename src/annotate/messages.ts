// The words of the marked-up copy, in both languages (a test keeps them in step).
import type { Lang } from "../i18n/index.js";

export const annotateMessages: Record<Lang, Record<string, string>> = {
  "zh-CN": {
    // first line of every note capexit writes; also how a later run finds its own notes
    mark: "【capexit 校验】",
    title: "校验结果：{file}",
    "col.no": "序号",
    "col.severity": "级别",
    "col.sheet": "工作表",
    "col.where": "位置（点击跳转）",
    "col.record": "企业（统一社会信用代码）",
    "col.field": "栏目",
    "col.message": "问题",
    "col.value": "填写值",
    "col.rule": "规则",
    "where.sheet": "整张工作表",
    "where.file": "整个文件",
    hint: "红色为错误，须改正；黄色为警告，请核实。改正后可再次运行 capexit validate 检查。",
  },
  en: {
    mark: "[capexit check]",
    title: "Validation findings: {file}",
    "col.no": "No.",
    "col.severity": "Severity",
    "col.sheet": "Sheet",
    "col.where": "Where (click to go)",
    "col.record": "Enterprise (USCC)",
    "col.field": "Column",
    "col.message": "Problem",
    "col.value": "Value entered",
    "col.rule": "Rule",
    "where.sheet": "whole sheet",
    "where.file": "whole file",
    hint: "Red marks an error that must be fixed; amber a warning to check. Run capexit validate again after fixing.",
  },
};
