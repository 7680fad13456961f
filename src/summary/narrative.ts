// The draft 工作总结 (plan 三（五）): the year's figures written out as sentences,
// per unit, with what is late or still open. The clerk edits a draft instead of
// adding up by hand. It is a Chinese document for the bureau, so it is always Chinese.
import { OTHER_UNIT, type EnterpriseSummary, type Figures, type Summary, type TalliedMilestone } from "./model.js";

function zhDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const n = (v: number) => String(v);

function capacityText(f: Figures): string {
  const parts = Object.entries(f.capacityEliminated)
    .filter(([, v]) => v > 0)
    .map(([u, v]) => (u.startsWith("未") ? `${n(v)}（${u}）` : `${n(v)}${u}`));
  return parts.length ? parts.join("、") : "";
}

function effectsText(f: Figures): string {
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

function linesText(f: Figures): string {
  if (!f.linesTotal) return "尚未填报淘汰生产线（设备）";
  const parts = [`已关停${f.linesShutdown}条`, `已拆除主体设备${f.linesDismantled}条`];
  if (f.linesSealed) parts.push(`断电断水并封存${f.linesSealed}条`);
  return `涉及生产线（设备）${f.linesTotal}条，${parts.join("、")}`;
}

function staffText(f: Figures): string {
  if (!f.staffInvolved && !f.staffResettled) return "";
  const rate = f.staffInvolved ? `（安置率${Number(((f.staffResettled / f.staffInvolved) * 100).toFixed(1))}%）` : "";
  return `涉及职工${f.staffInvolved}人，已安置${f.staffResettled}人${rate}`;
}

function acceptanceText(f: Figures): string {
  const parts = [`县级验收通过${f.countyPassed}家`, `市级验收通过${f.cityPassed}家`];
  if (f.provincePassed) parts.push(`省级验收通过${f.provincePassed}家`);
  return parts.join("，");
}

/** One paragraph of figures; sentences with nothing to say are left out. */
function figuresParagraph(f: Figures, equipment: boolean): string {
  const parts: string[] = [];
  if (equipment && (f.equipmentUnits || f.designCapacity)) {
    parts.push(`主要淘汰生产设备${f.equipmentUnits}台（套），设计产能${n(f.designCapacity)}万吨`);
  }
  parts.push(linesText(f));
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

const who = (e: EnterpriseSummary) => `${e.unit === OTHER_UNIT ? e.county ?? "未填县市区" : e.unit} ${e.name ?? e.uscc ?? "（未填企业名称）"}`;

function listOr(items: string[], none: string): string[] {
  return items.length ? items.map((s) => `- ${s}`) : [none];
}

export function formatNarrative(s: Summary): string {
  const city = s.area;
  const t = s.total.figures;
  const asOf = zhDate(s.asOf);
  const out: string[] = [];

  out.push(`# ${city}${s.year}年依法依规推动落后产能退出工作总结（草稿）`, "");
  out.push(
    `> 本稿由 capexit 根据各地填报数据生成，数据截至${asOf}。请核对数字，补充工作措施、经验做法和下一步打算后再报送。`,
    "",
  );
  out.push(`按照《${s.planTitle}》（${s.documentNo}）要求，现将${s.year}年${city}依法依规推动落后产能退出工作情况总结如下。`, "");

  out.push("## 一、总体完成情况", "");
  out.push(`${s.year}年，全市共列入淘汰落后产能企业${t.enterprises}家。截至${asOf}，${figuresParagraph(t, true)}`, "");

  out.push("## 二、各地完成情况", "");
  const ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];
  s.units.forEach((u, i) => {
    const name = u.inPlan ? u.county : "县市区未识别的企业";
    out.push(`### （${ordinals[i] ?? String(i + 1)}）${name}`, "");
    if (!u.figures.enterprises) out.push(`${name}本年度未填报淘汰落后产能企业。`, "");
    else out.push(`${u.inPlan ? name : "另有县市区未填或不属于工作方案所列单位的企业"}列入淘汰企业${u.figures.enterprises}家，${figuresParagraph(u.figures, false)}`, "");
  });

  // progress against the plan's dates
  out.push("## 三、进度情况", "");
  for (const id of ["shutdown", "dismantle", "county-acceptance"] as const) {
    const p = s.total.progress[id];
    const due = s.dues[id];
    const parts = [`按期完成${p.onTime}家`, `逾期完成${p.late}家`, `逾期未完成${p.overdue}家`];
    if (id === "dismantle" && p.sealed) parts.push(`暂不具备拆除条件、已断电断水并封存${p.sealed}家`);
    if (p.open) parts.push(`尚未到期${p.open}家`);
    out.push(`- ${MILESTONE_ZH[id]}${due ? `（方案要求${zhDate(due)}前）` : ""}：${parts.join("，")}。`);
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

  out.push("## 四、存在问题", "");
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
  out.push(`尚未通过县级验收${notCounty.length}家：`, "", ...listOr(notCounty, "无。"), "");
  out.push(`已通过县级验收、尚未通过市级验收${notCity.length}家：`, "", ...listOr(notCity, "无。"), "");

  const unsettled = s.enterprises
    .filter((e) => e.figures.staffResettled < e.figures.staffInvolved)
    .map((e) => `${who(e)}：涉及${e.figures.staffInvolved}人，已安置${e.figures.staffResettled}人`);
  out.push("### （四）职工安置", "", ...listOr(unsettled, "涉及职工均已安置。"), "");

  const other = s.enterprises.filter((e) => e.unit === OTHER_UNIT).map((e) => `${e.name ?? e.uscc ?? "（未填企业名称）"}（县市区：${e.county ?? "未填"}）`);
  if (other.length) {
    out.push("### （五）县市区待核实的企业", "", "以下企业的县市区未填或不是工作方案所列单位，已计入合计，请核实后更正：", "", ...listOr(other, ""), "");
  }

  out.push("## 五、下一步工作", "");
  out.push("（请结合本地实际补充。）", "");
  out.push("- 对逾期未完成的企业逐户督办，明确完成时限；暂不具备拆除条件的，落实断水断电、拆除动力装置、封存主体设备，防止死灰复燃。");
  out.push("- 尚未验收的企业抓紧组织检查验收，逐户出具书面验收意见。");
  out.push("- 开展已关停退出落后产能复查和“回头看”，确保落后产能应退尽退。");
  out.push("", `${s.compiler}`, `${asOf}`);
  return out.join("\n") + "\n";
}
