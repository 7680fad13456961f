// The draft 工作总结 (plan 三（五）): the year's figures written out as sentences,
// per unit, with what is late or still open, and the sections a 工作总结 needs
// (主要做法, 存在问题, 下一步工作) left for the clerk to write. One level up the
// same draft speaks for the province, city by city. A count of zero is never
// written as a figure ("验收通过0家"): it is said as what is still outstanding,
// or left out. It is a Chinese document for the bureau, so it is always Chinese.
import { formatDate } from "../i18n/dates.js";
import { t } from "../i18n/index.js";
import {
  OTHER_UNIT,
  type AnySummary,
  type AreaRow,
  type AreaSummary,
  type EnterpriseSummary,
  type Figures,
  type ReportedFigures,
  type Summary,
  type TalliedMilestone,
} from "./model.js";

const zhDate = formatDate;

const n = (v: number) => String(v);

function capacityText(f: ReportedFigures): string {
  const parts = Object.entries(f.capacityEliminated)
    .filter(([, v]) => v > 0)
    .map(([u, v]) => (u.startsWith("未") ? `${n(v)}（${u}）` : `${n(v)}${u}`));
  return parts.length ? parts.join("、") : "";
}

function equipmentText(f: ReportedFigures): string {
  const parts: string[] = [];
  if (f.equipmentUnits) parts.push(`主要淘汰生产设备${f.equipmentUnits}台（套）`);
  if (f.designCapacity) parts.push(`设计产能${n(f.designCapacity)}万吨`);
  return parts.join("，");
}

function effectsText(f: ReportedFigures): string {
  const parts: string[] = [];
  if (f.energySavedTce) parts.push(`节能${n(f.energySavedTce)}吨标准煤`);
  const cuts = [
    ["二氧化硫", f.so2],
    ["二氧化碳", f.co2],
    ["化学需氧量", f.cod],
    ["氮氧化物", f.nox],
  ] as const;
  const nonZero = cuts.filter(([, v]) => v > 0);
  if (nonZero.length) parts.push(`减排${nonZero.map(([k, v]) => `${k}${n(v)}吨`).join("、")}`);
  if (f.landFreedMu) parts.push(`腾出土地${n(f.landFreedMu)}亩`);
  return parts.join("，");
}

/** Lines counted from records: how many are listed, and what is still standing. */
function linesText(f: Figures): string {
  const all = f.linesTotal;
  if (!all) return "尚未填报淘汰生产线（设备）";
  const shut = f.linesShutdown >= all ? "已全部关停" : f.linesShutdown === 0 ? "均未关停" : `已关停${f.linesShutdown}条、尚有${all - f.linesShutdown}条未关停`;
  const standing = all - f.linesDismantled;
  const sealed = f.linesSealed ? `（其中断电断水并封存${f.linesSealed}条）` : "";
  const dismantled =
    standing <= 0 ? "主体设备已全部拆除" : f.linesDismantled === 0 ? `主体设备均未拆除${sealed}` : `已拆除主体设备${f.linesDismantled}条、尚有${standing}条未拆除${sealed}`;
  return `填报淘汰生产线（设备）${all}条，${shut}，${dismantled}`;
}

/** Lines one level up: the JSON report has what was dismantled and sealed, not how many were listed. */
function reportedLinesText(f: ReportedFigures): string {
  const parts: string[] = [];
  if (f.linesDismantled) parts.push(`已拆除主体设备的生产线（设备）${f.linesDismantled}条`);
  if (f.linesSealed) parts.push(`暂不具备拆除条件、断电断水并封存${f.linesSealed}条`);
  return parts.length ? parts.join("，") : "尚未报告拆除主体设备的生产线（设备）";
}

function staffText(f: ReportedFigures): string {
  const { staffInvolved: involved, staffResettled: resettled } = f;
  if (!involved) return resettled ? `已安置职工${resettled}人` : "";
  if (resettled >= involved) return `涉及职工${involved}人，已全部安置`;
  if (!resettled) return `涉及职工${involved}人，尚未安置`;
  const rate = Number(((resettled / involved) * 100).toFixed(1));
  return `涉及职工${involved}人，已安置${resettled}人（安置率${rate}%），尚有${involved - resettled}人待安置`;
}

/** Acceptance as what has passed and what is still waiting, never "通过0家". */
function acceptanceText(f: ReportedFigures): string {
  const all = f.enterprises;
  const county = f.countyPassed;
  const city = f.cityPassed;
  const parts: string[] = [];
  if (county >= all && city >= all) parts.push("已全部通过县级、市级验收");
  else {
    if (county >= all) parts.push("已全部通过县级验收");
    else if (county === 0) parts.push(all > 1 ? `${all}家均尚未通过县级验收` : "尚未通过县级验收");
    else parts.push(`县级验收通过${county}家、尚有${all - county}家未通过`);
    if (city === 0 && county > 0) parts.push(county > 1 ? `通过县级验收的${county}家均尚待市级验收` : "通过县级验收的1家尚待市级验收");
    else if (city > 0) parts.push(`市级验收通过${city}家${county > city ? `、另有${county - city}家尚待市级验收` : ""}`);
  }
  if (f.provincePassed) parts.push(`省级验收通过${f.provincePassed}家`);
  return parts.join("，");
}

/** One paragraph of figures; sentences with nothing to say are left out. */
function figuresParagraph(f: ReportedFigures, lines: string, equipment: boolean): string {
  const parts: string[] = [];
  const eq = equipment ? equipmentText(f) : "";
  if (eq) parts.push(eq);
  parts.push(lines);
  const cap = capacityText(f);
  parts.push(cap ? `实际淘汰产能${cap}` : "实际淘汰产能尚未填报");
  const staff = staffText(f);
  if (staff) parts.push(staff);
  if (f.fixedAssetsNet) parts.push(`涉及固定资产净值${n(f.fixedAssetsNet)}万元`);
  const eff = effectsText(f);
  if (eff) parts.push(eff);
  parts.push(acceptanceText(f));
  return parts.join("；") + "。";
}

const MILESTONE_ZH: Record<TalliedMilestone, string> = {
  shutdown: "生产线停产",
  dismantle: "拆除设施装置",
  "county-acceptance": "县级检查验收",
};

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];
const ordinal = (i: number) => ORDINALS[i] ?? String(i + 1);

/** 随县的随县示例砖瓦厂: the unit and the enterprise joined as a sentence joins them. */
/** A milestone's status as check and the tables word it (the report is Chinese, whatever --lang). */
const status = (id: string) => t("zh-CN", `status.${id}`);
const who = (e: EnterpriseSummary) => `${e.unit === OTHER_UNIT ? (e.county ?? "未填县市区") : e.unit}的${e.name ?? e.uscc ?? "（未填企业名称）"}`;

function listOr(items: string[], none: string): string[] {
  return items.length ? items.map((s) => `- ${s}`) : [none];
}

/** 全市 for a city (全州 for a 自治州 …); one level up 全省 (全区 for an autonomous region). */
function scopeOf(s: AnySummary): string {
  if (s.level === "records") {
    const a = s.area;
    return /州$/.test(a) ? "全州" : /盟$/.test(a) ? "全盟" : /地区$/.test(a) ? "全区" : "全市";
  }
  if (!s.ofCities) return "各地合计";
  return s.area && /自治区$/.test(s.area) ? "全区" : "全省";
}

const PRACTICES = [
  "## 二、主要做法",
  "",
  "（请结合本地实际补充，以下为提纲。）",
  "",
  "- 加强组织领导：（成立工作专班、明确责任分工等。）",
  "- 全面排查摸底：（按综合标准逐企业排查、建立淘汰清单等。）",
  "- 督促关停拆除：（现场督导、断水断电、拆除主体设备等。）",
  "- 严格检查验收：（逐户验收、出具书面验收意见等。）",
  "- 妥善处置善后：（职工安置、债务处置、公示和信息报送等。）",
  "",
];

const NEXT_STEPS = [
  "（请结合本地实际补充。）",
  "",
  "- 对逾期未完成的企业逐户督办，明确完成时限；暂不具备拆除条件的，落实断水断电、拆除动力装置、封存主体设备，防止死灰复燃。",
  "- 尚未验收的企业抓紧组织检查验收，逐户出具书面验收意见。",
  "- 开展已关停退出落后产能复查和“回头看”，确保落后产能应退尽退。",
];

const PROBLEMS_LEAD = "（请补充工作中遇到的困难和问题。以下是根据填报数据列出的未完成事项。）";

export function formatNarrative(s: AnySummary): string {
  return s.level === "areas" ? areaNarrative(s) : recordsNarrative(s);
}

function recordsNarrative(s: Summary): string {
  const area = s.area;
  const t = s.total.figures;
  const asOf = zhDate(s.asOf);
  const out: string[] = [];

  out.push(`# ${area}${s.year}年依法依规推动落后产能退出工作总结（草稿）`, "");
  out.push(`> 本稿由 capexit 根据各地填报数据生成，数据截至${asOf}。请核对数字，补充主要做法、存在问题和下一步打算后再报送。`, "");
  out.push(`按照《${s.planTitle}》（${s.documentNo}）要求，现将${s.year}年${area}依法依规推动落后产能退出工作情况总结如下。`, "");

  out.push("## 一、总体完成情况", "");
  out.push(
    t.enterprises
      ? `${s.year}年，${scopeOf(s)}共列入淘汰落后产能企业${t.enterprises}家。截至${asOf}，${figuresParagraph(t, linesText(t), true)}`
      : `截至${asOf}，各地尚未填报列入${s.year}年淘汰计划的落后产能企业。`,
    "",
  );

  out.push(...PRACTICES);

  out.push("## 三、各地完成情况", "");
  s.units.forEach((u, i) => {
    const name = u.inPlan ? u.county : "县市区未识别的企业";
    out.push(`### （${ordinal(i)}）${name}`, "");
    if (!u.figures.enterprises) out.push(`${name}本年度未填报淘汰落后产能企业。`, "");
    else {
      const subject = u.inPlan ? name : "另有县市区未填或不属于工作方案所列单位的企业";
      out.push(`${subject}列入淘汰企业${u.figures.enterprises}家，${figuresParagraph(u.figures, linesText(u.figures), false)}`, "");
    }
  });

  // progress against the plan's dates
  out.push("## 四、进度情况", "");
  for (const id of ["shutdown", "dismantle", "county-acceptance"] as const) {
    const p = s.total.progress[id];
    const due = s.dues[id];
    const parts = [
      p.onTime && `${status("done")}${p.onTime}家`,
      p.late && `${status("late")}${p.late}家`,
      p.overdue && `${status("overdue")}${p.overdue}家`,
      id === "dismantle" && p.sealed && `暂不具备拆除条件、已断电断水并封存${p.sealed}家`,
      p.open && `尚未到期${p.open}家`,
    ].filter((x): x is string => typeof x === "string");
    out.push(`- ${MILESTONE_ZH[id]}${due ? `（方案要求${zhDate(due)}前）` : ""}：${parts.length ? parts.join("，") : "暂无企业"}。`);
  }
  if (t.onTimetable) {
    out.push(`- 确有困难、经批准按淘汰时间表推进的企业${t.onTimetable}家（方案三（一）），以上各项按其时间表的期限判断：`);
    for (const e of s.enterprises) {
      if (!e.timetable) continue;
      const tt = e.timetable;
      const when = [tt.shutdownBy && `${zhDate(tt.shutdownBy)}前停产`, tt.dismantleBy && `${zhDate(tt.dismantleBy)}前拆除`].filter(Boolean).join("、");
      out.push(`  - ${who(e)}：${when}${tt.approvedBy ? `（${tt.approvedBy}批准）` : ""}`);
    }
  }
  out.push("");

  out.push("## 五、存在问题", "", PROBLEMS_LEAD, "");
  const overdue: string[] = [];
  const late: string[] = [];
  for (const e of s.enterprises) {
    const o: string[] = [];
    const l: string[] = [];
    for (const id of ["shutdown", "dismantle", "county-acceptance"] as const) {
      const m = e.milestones[id];
      if (m?.status === "overdue") o.push(`${MILESTONE_ZH[id]}${m.daysLate ? `（逾期${m.daysLate}天）` : ""}`);
      if (m?.status === "late") l.push(`${MILESTONE_ZH[id]}${m.daysLate ? `（晚${m.daysLate}天）` : ""}`);
    }
    if (o.length) overdue.push(`${who(e)}：${o.join("、")}`);
    if (l.length) late.push(`${who(e)}：${l.join("、")}`);
  }
  out.push("### （一）逾期未完成的事项", "", ...listOr(overdue, "无逾期未完成事项。"), "");
  out.push("### （二）逾期完成的事项", "", ...listOr(late, "无逾期完成事项。"), "");

  const notCounty = s.enterprises.filter((e) => !e.passed.county).map(who);
  const notCity = s.enterprises.filter((e) => e.passed.county && !e.passed.city).map(who);
  out.push("### （三）尚待验收的企业", "");
  if (!notCounty.length && !notCity.length) out.push(t.enterprises ? "列入企业均已通过县级、市级验收。" : "无。", "");
  if (notCounty.length) out.push(`尚未通过县级验收的企业${notCounty.length}家：`, "", ...listOr(notCounty, ""), "");
  if (notCity.length) out.push(`已通过县级验收、尚待市级验收的企业${notCity.length}家：`, "", ...listOr(notCity, ""), "");

  const unsettled = s.enterprises
    .filter((e) => e.figures.staffResettled < e.figures.staffInvolved)
    .map((e) => `${who(e)}：涉及${e.figures.staffInvolved}人，尚有${e.figures.staffInvolved - e.figures.staffResettled}人待安置`);
  out.push("### （四）职工安置", "", ...listOr(unsettled, "涉及职工均已安置。"), "");

  const other = s.enterprises.filter((e) => e.unit === OTHER_UNIT).map((e) => `${e.name ?? e.uscc ?? "（未填企业名称）"}（县市区：${e.county ?? "未填"}）`);
  if (other.length) {
    out.push("### （五）县市区待核实的企业", "", "以下企业的县市区未填或不是工作方案所列单位，已计入合计，请核实后更正：", "", ...listOr(other, ""), "");
  }

  out.push("## 六、下一步工作", "", ...NEXT_STEPS);
  // signed as of the date the figures are for, never the day the draft was made
  out.push("", s.compiler, asOf);
  return out.join("\n") + "\n";
}

/** 随州市（数据截至2024年12月20日）where the areas' dates differ. */
function areaName(a: AreaRow, s: AreaSummary): string {
  return s.mixedDates ? `${a.county}（数据截至${zhDate(a.asOf)}）` : a.county;
}

/** 其中曾都区3家、随县2家: the area's own units that listed enterprises. */
function unitsText(a: AreaRow): string {
  const listed = a.units.filter((u) => u.figures.enterprises > 0).map((u) => `${u.county}${u.figures.enterprises}家`);
  return listed.length > 1 ? `（其中${listed.join("、")}）` : "";
}

function areaNarrative(s: AreaSummary): string {
  const t = s.total;
  const asOf = zhDate(s.asOf);
  const scope = scopeOf(s);
  const areaWord = s.ofCities ? "市州" : "地区";
  const out: string[] = [];
  const mixed = s.mixedDates ? `（各${areaWord}数据截至日期不同，见下文）` : "";

  out.push(`# ${s.area ?? ""}${s.year}年依法依规推动落后产能退出工作总结（草稿）`, "");
  out.push(`> 本稿由 capexit 根据各${areaWord}报送的汇总数据生成，数据截至${asOf}${mixed}。请核对数字，补充主要做法、存在问题和下一步打算后再报送。`, "");
  out.push(`现将${s.year}年${s.area ?? scope}依法依规推动落后产能退出工作情况总结如下。`, "");

  out.push("## 一、总体完成情况", "");
  out.push(
    t.enterprises
      ? `${s.year}年，${scope}共列入淘汰落后产能企业${t.enterprises}家，涉及${s.units.length}个${areaWord}。截至${asOf}${mixed}，${figuresParagraph(t, reportedLinesText(t), true)}`
      : `截至${asOf}${mixed}，各${areaWord}尚未报送列入${s.year}年淘汰计划的落后产能企业。`,
    "",
  );

  out.push(...PRACTICES);

  out.push(`## 三、各${areaWord}完成情况`, "");
  s.units.forEach((a, i) => {
    out.push(`### （${ordinal(i)}）${a.county}`, "");
    const f = a.figures;
    if (!f.enterprises) out.push(`${areaName(a, s)}本年度未报送淘汰落后产能企业。`, "");
    else out.push(`${areaName(a, s)}列入淘汰企业${f.enterprises}家${unitsText(a)}，${figuresParagraph(f, reportedLinesText(f), true)}`, "");
  });

  out.push("## 四、存在问题", "", PROBLEMS_LEAD, "");
  const waiting = s.units.flatMap((a) => {
    const f = a.figures;
    const parts: string[] = [];
    if (f.countyPassed < f.enterprises) parts.push(`尚有${f.enterprises - f.countyPassed}家未通过县级验收`);
    if (f.cityPassed < f.countyPassed) parts.push(`已通过县级验收的企业中${f.countyPassed - f.cityPassed}家尚待市级验收`);
    return parts.length ? [`${a.county}：${parts.join("，")}`] : [];
  });
  out.push("### （一）尚待验收的企业", "", ...listOr(waiting, t.enterprises ? `各${areaWord}列入企业均已通过县级、市级验收。` : "无。"), "");
  const unsettled = s.units
    .filter((a) => a.figures.staffResettled < a.figures.staffInvolved)
    .map((a) => `${a.county}：涉及职工${a.figures.staffInvolved}人，尚有${a.figures.staffInvolved - a.figures.staffResettled}人待安置`);
  out.push("### （二）职工安置", "", ...listOr(unsettled, `各${areaWord}涉及职工均已安置。`), "");
  const sealed = s.units.filter((a) => a.figures.linesSealed > 0).map((a) => `${a.county}：${a.figures.linesSealed}条`);
  if (sealed.length) {
    out.push("### （三）封存未拆除的生产线（设备）", "", "以下生产线（设备）暂不具备拆除条件，已断电断水并封存，需持续跟踪、防止死灰复燃：", "", ...listOr(sealed, ""), "");
  }

  out.push("## 五、下一步工作", "", ...NEXT_STEPS);
  out.push("", s.compiler ?? "（编制单位）", asOf);
  return out.join("\n") + "\n";
}
