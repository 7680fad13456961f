// The seed's two forms as Word tables, laid out and worded as the work plan's
// 附表1 and 附表2 are (labels broken over lines, 手    机 with its spaces, the
// units printed in the value cells), filled in the way clerks fill them. The
// cells are given as typed text, so a test says exactly what a clerk typed.
import { checkbox, docx, p, pageBreak, table } from "./word.js";

/** @typedef {import("./word.js").CellSpec | string} Cell */

const blankRows = (n, cells) => Array.from({ length: n }, () => cells.map((c) => ({ ...c })));

/**
 * 附表1 淘汰落后产能企业基本情况表, eight grid columns. `v` holds each value cell's text as typed.
 * The staff and assets cells hold their label and value together, as the seed prints them.
 */
export function annex1Table(v) {
  const person = (label, [name = "", title = "", phone = ""] = []) => [label, name, "职务", { text: title, span: 2 }, "联系电话", { text: phone, span: 2 }];
  const equipment = (v.equipment ?? []).map(([name, cap, qty, removed]) => [{ v: "continue" }, { text: name, span: 3 }, cap, qty, { text: removed, span: 2 }]);
  while (equipment.length < 3) equipment.push([{ v: "continue" }, { text: "", span: 3 }, "", "", { text: "", span: 2 }]);
  const [filler = "", fillerTitle = "", fillerPhone = "", mobile = ""] = v.filler ?? [];
  return table(8, [
    ["企业名称", { text: v.name ?? "", span: 4 }, "建厂时间", { text: v.founded ?? "", span: 2 }],
    ["企业地址", { text: v.address ?? "", span: 7 }],
    ["统一社会\n信用代码", { text: v.uscc ?? "", span: 4 }, "吊销时间", { text: v.businessRevoked ?? "", span: 2 }],
    ["生产许可\n证证书号", { text: v.productionNo ?? "", span: 4 }, "吊销时间", { text: v.productionRevoked ?? "", span: 2 }],
    ["排污许可\n证证书号", { text: v.dischargeNo ?? "", span: 4 }, "吊销时间", { text: v.dischargeRevoked ?? "", span: 2 }],
    person("法定代表人", v.legal),
    person("企业负责人", v.principal),
    [{ text: "填报人", v: "restart" }, { text: filler, v: "restart" }, { text: "职务", v: "restart" }, { text: fillerTitle, span: 2, v: "restart" }, "联系电话", { text: fillerPhone, span: 2 }],
    [{ v: "continue" }, { v: "continue" }, { v: "continue" }, { v: "continue", span: 2 }, "手    机", { text: mobile, span: 2 }],
    ["企业人员", { text: v.onDuty ?? "在岗职工人数    ", span: 2 }, { text: v.contract ?? "其中合同工人数    ", span: 2 }, { text: v.retired ?? "退休职工人数      ", span: 3 }],
    ["企业资产", { text: v.total ?? "资产总额           （万元）", span: 2 }, { text: v.receivables ?? "债权                  （万元）", span: 2 }, { text: v.debts ?? "债务  （万元）", span: 3 }],
    [{ text: "主要淘汰\n生产设备\n基本情况", v: "restart" }, { text: "设备名称（型号规格）", span: 3 }, "设计产能（万吨）", "数量\n（台）", { text: "拆除\n时间", span: 2 }],
    ...equipment,
    ["存在问题", { text: v.problems ?? "", span: 7 }],
    ["整改内容\n及措施", { text: v.measures ?? "", span: 7 }],
    ["整改结果", { text: v.result ?? "", span: 7 }],
    ["处理意见", { text: v.disposition ?? "", span: 7 }],
    ...(v.extraRows ?? []),
  ]);
}

/** 附表2 淘汰落后产能验收意见表, six grid columns. Cells may be text or { xml } (checkbox controls). */
export function annex2Table(v) {
  const lines = (v.lines ?? []).map(([model, shut, removed, dest]) => [{ text: model, span: 2 }, shut, removed, { text: dest, span: 2 }]);
  while (lines.length < 2) lines.push(...blankRows(1, [{ text: "", span: 2 }, { text: "" }, { text: "" }, { text: "", span: 2 }]));
  const cell = (c, span = 1) => (typeof c === "object" && c !== null ? { ...c, span } : { text: c ?? "", span });
  return table(6, [
    [{ text: "企业基本情况", span: 6 }],
    ["企业名称", cell(v.name, 2), "企业地址", cell(v.address, 2)],
    ["统一社会信用代码", cell(v.uscc, 2), "税务登记号", cell(v.taxNo, 2)],
    ["组织机构代码", cell(v.orgCode, 2), "联系电话", cell(v.phone, 2)],
    [{ text: "淘汰落后和过剩产能基本情况", span: 6 }],
    ["涉及职工人数", cell(v.involved ?? "                     人", 2), "已安置职工人数", cell(v.resettled ?? "              人", 2)],
    ["固定资产净值", cell(v.fixedAssets ?? "                   万元", 2), "实际淘汰产能数量", cell(v.capacity ?? "（注明单位）", 2)],
    [{ text: "淘汰落后和\n过剩产能效果", v: "restart" }, { text: "节能\n（折标煤，吨）", v: "restart" }, { text: v.energy ?? "", v: "restart" }, { text: "减排（吨）", v: "restart" }, "SO2", cell(v.so2)],
    [{ v: "continue" }, { v: "continue" }, { v: "continue" }, { v: "continue" }, "CO2", cell(v.co2)],
    [{ v: "continue" }, { text: "腾出土地（亩）", v: "restart" }, { text: v.land ?? "", v: "restart" }, { v: "continue" }, "COD", cell(v.cod)],
    [{ v: "continue" }, { v: "continue" }, { v: "continue" }, { v: "continue" }, "NOX", cell(v.nox)],
    [{ text: "淘汰生产线（设备）型号及数量", span: 2 }, "关停时间", "主体设备拆除时间", { text: "设备去向", span: 2 }],
    ...lines,
    [cell(v.canResume ?? "若主体设备（生产线）未拆除，是否具备恢复生产的能力   是□     否□", 6)],
    ["主体设备（生产线）未拆除的原因", "是否由相关部门予以断电断水", "主体设备是否封存", "辅助设施\n拆除情况", "是否严格按照市场化、法制化方式处置债务", "其他应说\n明的问题"],
    [cell(v.reason), cell(v.powerWater), cell(v.sealed), cell(v.auxiliary), cell(v.debts), cell(v.other)],
    ["实施及完成情\n况（企业填写）", cell(v.statement ?? "企业负责人（签字）            （企业盖章）      年    月    日", 5)],
    ["县（市、区）\n验收意见", cell(v.county ?? "（签字）   （盖章）\n\n年  月  日", 5)],
    ["市（州）\n验收意见", cell(v.city ?? "（签字）       （盖章）\n\n                年  月  日", 5)],
    ["省（区、市）\n验收意见", cell(v.province ?? "    （签字）                                   （盖章）\n\n                                           年    月    日", 5)],
  ]);
}

/** The paragraphs and table of one form as the seed prints it: tag, title, the 填报单位 line, the table, the note. */
export function formBlock(annex, tableXml, { unit = "", date = "", first = false } = {}) {
  const out = [];
  if (!first) out.push(pageBreak());
  out.push(p(annex === 1 ? "附表1" : "附表2"), p(annex === 1 ? "淘汰落后产能企业基本情况表" : "淘汰落后产能验收意见表", { center: true }));
  if (annex === 1) out.push(p(`填报单位（盖章）：${unit}                                       填报时间：${date}`));
  out.push(tableXml);
  out.push(
    p(
      annex === 1
        ? "注：此表由各地科经、发改、生态环境、市场监管、应急管理等部门填报，交由本级科经部门汇总后一并报至市经信局。如企业整体关闭，附已吊销证照的相关部门证明和吊销时间。"
        : "备注：验收意见须明确主体设备（生产线）的拆除状态，是否具备恢复生产条件，是否通过验收，并签字盖章。",
    ),
  );
  return out.join("");
}

/** A document of several forms, each { annex, values, unit, date }. */
export function formsDocument(forms) {
  return docx(forms.map((f, i) => formBlock(f.annex, f.annex === 1 ? annex1Table(f.values) : annex2Table(f.values), { unit: f.unit, date: f.date, first: i === 0 })).join(""));
}

// ---- a record typed as clerks type it (for many documents: the benchmark, the collect round trip)

const DATE_SPELLINGS = [
  (d) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`,
  (d) => d.replace(/-/g, "."),
  (d) => d.replace(/-/g, "/"),
  (d) => d,
];
const typedDate = (d, n) => (d ? DATE_SPELLINGS[n % DATE_SPELLINGS.length](d) : "");
const num = (x) => (x === undefined || x === null ? "" : String(x));
const tick = (v, n) => (v === undefined || v === null ? "是□ 否□" : n % 2 ? `是${v ? "☑" : "□"}  否${v ? "□" : "☑"}` : v ? "是" : "否");

/** Annex 1 cell texts of a record; `n` varies the spellings. */
export function annex1Values(r, n = 0) {
  const c = r.contacts ?? {};
  const person = (x) => (x ? [x.name ?? "", x.title ?? "", x.phone ?? ""] : undefined);
  return {
    name: r.enterprise.name,
    founded: r.enterprise.foundedOn ?? "",
    address: r.enterprise.address,
    uscc: r.enterprise.uscc,
    businessRevoked: typedDate(r.licenses?.business?.revokedOn, n),
    productionNo: r.licenses?.production?.number ?? "",
    productionRevoked: typedDate(r.licenses?.production?.revokedOn, n + 1),
    dischargeNo: r.licenses?.discharge?.number ?? "",
    dischargeRevoked: typedDate(r.licenses?.discharge?.revokedOn, n + 2),
    legal: person(c.legalRepresentative),
    principal: person(c.principal),
    filler: c.filler ? [c.filler.name ?? "", c.filler.title ?? "", c.filler.phone ?? "", c.filler.mobile ?? ""] : undefined,
    onDuty: `在岗职工人数  ${num(r.staff?.onDuty)}人`,
    contract: `其中合同工人数 ${num(r.staff?.contract)} 人`,
    retired: `退休职工人数${num(r.staff?.retired)}人`,
    total: `资产总额 ${num(r.assets?.total)}（万元）`,
    receivables: `债权  ${num(r.assets?.receivables)}  （万元）`,
    debts: `债务${num(r.assets?.debts)}（万元）`,
    equipment: (r.equipment ?? []).map((e, i) => [e.name ?? "", num(e.designCapacity), num(e.quantity), typedDate(e.removedOn, n + i)]),
    problems: r.rectification?.problems ?? "",
    measures: r.rectification?.measures ?? "",
    result: r.rectification?.result ?? "",
    disposition: r.rectification?.disposition ?? "",
  };
}

const signOff = (s, n, lead = "（签字）   （盖章）") => (s ? `${s.opinion ?? ""}\n\n${lead}\n\n${s.signedOn ? typedDate(s.signedOn, n) : "年  月  日"}` : undefined);

/** Annex 2 cell texts of a record; `n` varies the spellings; ticks as typed marks or, every third form, as checkbox controls. */
export function annex2Values(r, n = 0) {
  const a = r.acceptance ?? {};
  const nd = a.notDismantled ?? {};
  const box = (v) => (v === undefined || v === null ? "是□ 否□" : n % 3 === 2 ? { xml: `<w:r><w:t>是</w:t></w:r>${checkbox(v === true)}<w:r><w:t xml:space="preserve"> 否</w:t></w:r>${checkbox(v === false)}` } : tick(v, n));
  return {
    name: r.enterprise.name,
    address: r.enterprise.address,
    uscc: r.enterprise.uscc,
    taxNo: r.enterprise.taxNo ?? "",
    orgCode: r.enterprise.orgCode ?? "",
    phone: r.enterprise.phone ?? "",
    involved: `${num(a.staff?.involved)}      人`,
    resettled: `${num(a.staff?.resettled)}      人`,
    fixedAssets: `${num(a.fixedAssetsNet)}    万元`,
    capacity: a.capacity ? `${num(a.capacity.amount)}${a.capacity.unit ?? ""}` : "（注明单位）",
    energy: num(a.effects?.energySavedTce),
    so2: num(a.effects?.so2),
    co2: num(a.effects?.co2),
    land: num(a.effects?.landFreedMu),
    cod: num(a.effects?.cod),
    nox: num(a.effects?.nox),
    lines: (a.lines ?? []).map((l, i) => [l.model ?? "", typedDate(l.shutdownOn, n + i), typedDate(l.removedOn, n + i + 1), l.destination ?? ""]),
    canResume:
      nd.canResume === undefined || nd.canResume === null
        ? undefined
        : `若主体设备（生产线）未拆除，是否具备恢复生产的能力   是${nd.canResume ? "☑" : "□"}     否${nd.canResume ? "□" : "☑"}`,
    reason: nd.reason ?? "",
    powerWater: nd.powerWaterCut === undefined || nd.powerWaterCut === null ? "" : box(nd.powerWaterCut),
    sealed: nd.sealed === undefined || nd.sealed === null ? "" : box(nd.sealed),
    auxiliary: a.auxiliaryRemoval ?? "",
    debts: a.debtsHandledLawfully === undefined || a.debtsHandledLawfully === null ? "" : box(a.debtsHandledLawfully),
    other: a.otherNotes ?? "",
    statement: a.enterprise ? `${a.enterprise.statement ?? ""}\n\n企业负责人（签字）            （企业盖章）      ${a.enterprise.signedOn ? typedDate(a.enterprise.signedOn, n) : "年    月    日"}` : undefined,
    county: signOff(a.county, n),
    city: signOff(a.city, n + 1),
    province: signOff(a.province, n + 2),
  };
}
