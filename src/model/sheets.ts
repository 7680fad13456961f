// Spec §2: the list layout of the input workbook. The one place that maps a
// header label to a record field; the readers and the blank template use it.

export interface ColumnSpec {
  /** the label as the spec writes it */
  label: string;
  /** other labels accepted for the same column, such as the seed's own wording on its forms */
  aliases?: readonly string[];
  /**
   * Labels the seed's forms use for several fields (吊销时间, 职务, 联系电话): they
   * name this column when the column left of it is one of `after` (record paths).
   */
  repeated?: readonly RepeatedLabel[];
  /** record path; list fields use `[]` (`equipment[].name`) */
  path: string;
}

export interface RepeatedLabel {
  label: string;
  after: readonly string[];
}

export interface SheetSpec {
  name: string;
  /** one row per enterprise, or one row per list item joined by USCC */
  kind: "enterprise" | "items";
  /** for item sheets: the list the rows fill */
  list?: string;
  /** where an item sheet's join key must be found */
  joinsTo?: string;
  columns: readonly ColumnSpec[];
}

export const JOIN_PATH = "enterprise.uscc";

const c = (label: string, path: string, aliases?: string[], repeated?: RepeatedLabel[]): ColumnSpec => ({ label, path, aliases, repeated });
/** A repeated label (`吊销时间`) and the columns it may stand right of. */
const after = (label: string, ...paths: string[]): RepeatedLabel => ({ label, after: paths });

/** Annex 1's three people, each with a 职务 and a 联系电话 right of the name, as the seed's form prints them. */
const person = (label: string, key: string, mobile?: string[]) => [
  c(label, `contacts.${key}.name`),
  c(`${label}职务`, `contacts.${key}.title`, [], [after("职务", `contacts.${key}.name`)]),
  c(`${label}联系电话`, `contacts.${key}.phone`, [], [after("联系电话", `contacts.${key}.title`, `contacts.${key}.name`)]),
  ...(mobile ? [c(`${label}手机`, `contacts.${key}.mobile`, mobile)] : []),
];

/** A licence's number, then its 吊销时间 and 注销时间 (the seed's form has the first two side by side). */
const licence = (label: string, key: string, revokedAfter: string, numberLabel?: string) => [
  ...(numberLabel ? [c(numberLabel, `licenses.${key}.number`)] : []),
  c(`${label}吊销时间`, `licenses.${key}.revokedOn`, [], [after("吊销时间", revokedAfter)]),
  c(`${label}注销时间`, `licenses.${key}.cancelledOn`, [], [after("注销时间", `licenses.${key}.revokedOn`)]),
];

export const ANNEX1: SheetSpec = {
  name: "附表1",
  kind: "enterprise",
  columns: [
    c("县市区", "county"),
    // alone (no 县市区 column) it still gives the county: see assemble()
    c("填报单位", "reportingUnit", ["填报单位（盖章）"]),
    c("填报时间", "reportedOn"),
    c("企业名称", "enterprise.name"),
    c("建厂时间", "enterprise.foundedOn"),
    c("企业地址", "enterprise.address"),
    c("统一社会信用代码", "enterprise.uscc"),
    // the seed's form: 统一社会信用代码 | 吊销时间 (of the business licence)
    ...licence("营业执照", "business", "enterprise.uscc"),
    ...licence("生产许可证", "production", "licenses.production.number", "生产许可证证书号"),
    ...licence("排污许可证", "discharge", "licenses.discharge.number", "排污许可证证书号"),
    ...person("法定代表人", "legalRepresentative"),
    ...person("企业负责人", "principal"),
    ...person("填报人", "filler", ["手机"]),
    c("在岗职工人数", "staff.onDuty"),
    c("其中合同工人数", "staff.contract"),
    c("退休职工人数", "staff.retired"),
    c("资产总额（万元）", "assets.total"),
    c("债权（万元）", "assets.receivables"),
    c("债务（万元）", "assets.debts"),
    c("存在问题", "rectification.problems"),
    c("整改内容及措施", "rectification.measures"),
    c("整改结果", "rectification.result"),
    c("处理意见", "rectification.disposition"),
    c("企业整体关闭", "enterprise.closedEntirely"),
    c("时间表停产期限", "timetable.shutdownBy"),
    c("时间表拆除期限", "timetable.dismantleBy"),
    c("时间表批准单位", "timetable.approvedBy"),
  ],
};

export const ANNEX1_EQUIPMENT: SheetSpec = {
  name: "附表1设备",
  kind: "items",
  list: "equipment",
  joinsTo: "附表1",
  columns: [
    c("统一社会信用代码", JOIN_PATH),
    c("设备名称（型号规格）", "equipment[].name"),
    c("设计产能（万吨）", "equipment[].designCapacity"),
    c("数量（台）", "equipment[].quantity"),
    c("拆除时间", "equipment[].removedOn"),
  ],
};

/** A level's opinion, conclusion and date; `seed` is the level as the seed's form names it (县（市、区）). */
const signOff = (level: string, key: string, seed: string) => [
  c(`${level}验收意见`, `acceptance.${key}.opinion`, [`${seed}验收意见`]),
  c(`${level}验收结论`, `acceptance.${key}.passed`, [`${seed}验收结论`]),
  c(`${level}验收日期`, `acceptance.${key}.signedOn`, [`${seed}验收日期`]),
];

export const ANNEX2: SheetSpec = {
  name: "附表2",
  kind: "enterprise",
  columns: [
    c("统一社会信用代码", JOIN_PATH),
    c("企业名称", "enterprise.name"),
    c("企业地址", "enterprise.address"),
    c("税务登记号", "enterprise.taxNo"),
    c("组织机构代码", "enterprise.orgCode"),
    c("联系电话", "enterprise.phone"),
    c("涉及职工人数", "acceptance.staff.involved"),
    c("已安置职工人数", "acceptance.staff.resettled"),
    c("固定资产净值（万元）", "acceptance.fixedAssetsNet"),
    c("实际淘汰产能数量", "acceptance.capacity.amount", ["实际淘汰产能数量（注明单位）"]),
    c("产能单位", "acceptance.capacity.unit"),
    c("节能（折标煤，吨）", "acceptance.effects.energySavedTce"),
    c("SO2减排（吨）", "acceptance.effects.so2", ["SO2", "SO2（吨）"]),
    c("CO2减排（吨）", "acceptance.effects.co2", ["CO2", "CO2（吨）"]),
    c("COD减排（吨）", "acceptance.effects.cod", ["COD", "COD（吨）"]),
    c("NOX减排（吨）", "acceptance.effects.nox", ["NOX", "NOX（吨）"]),
    c("腾出土地（亩）", "acceptance.effects.landFreedMu"),
    c("是否具备恢复生产的能力", "acceptance.notDismantled.canResume", [
      "若主体设备（生产线）未拆除，是否具备恢复生产的能力",
      "若主体设备（生产线）未拆除，是否具备恢复生产的能力 是□ 否□",
    ]),
    c("主体设备未拆除的原因", "acceptance.notDismantled.reason", ["主体设备（生产线）未拆除的原因"]),
    c("是否断电断水", "acceptance.notDismantled.powerWaterCut", ["是否由相关部门予以断电断水"]),
    c("主体设备是否封存", "acceptance.notDismantled.sealed"),
    c("辅助设施拆除情况", "acceptance.auxiliaryRemoval"),
    c("是否依法处置债务", "acceptance.debtsHandledLawfully", ["是否严格按照市场化、法制化方式处置债务"]),
    c("其他应说明的问题", "acceptance.otherNotes"),
    c("实施及完成情况", "acceptance.enterprise.statement", ["实施及完成情况（企业填写）"]),
    c("企业签字日期", "acceptance.enterprise.signedOn"),
    ...signOff("县级", "county", "县（市、区）"),
    ...signOff("市级", "city", "市（州）"),
    ...signOff("省级", "province", "省（区、市）"),
  ],
};

export const ANNEX2_LINES: SheetSpec = {
  name: "附表2生产线",
  kind: "items",
  list: "acceptance.lines",
  joinsTo: "附表2",
  columns: [
    c("统一社会信用代码", JOIN_PATH),
    c("淘汰生产线（设备）型号及数量", "acceptance.lines[].model"),
    c("关停时间", "acceptance.lines[].shutdownOn"),
    c("主体设备拆除时间", "acceptance.lines[].removedOn"),
    c("设备去向", "acceptance.lines[].destination"),
  ],
};

export const SHEETS: readonly SheetSpec[] = [ANNEX1, ANNEX1_EQUIPMENT, ANNEX2, ANNEX2_LINES];
