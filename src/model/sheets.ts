// Spec §2: the list layout of the input workbook. The one place that maps a
// header label to a record field; the readers and the blank template use it.

export interface ColumnSpec {
  /** the label as the spec writes it */
  label: string;
  /** other labels accepted for the same column */
  aliases?: readonly string[];
  /** record path; list fields use `[]` (`equipment[].name`) */
  path: string;
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

const c = (label: string, path: string, aliases?: string[]): ColumnSpec => ({ label, path, aliases });

export const ANNEX1: SheetSpec = {
  name: "附表1",
  kind: "enterprise",
  columns: [
    c("县市区", "county"),
    // alone (no 县市区 column) it still gives the county: see assemble()
    c("填报单位", "reportingUnit"),
    c("填报时间", "reportedOn"),
    c("企业名称", "enterprise.name"),
    c("建厂时间", "enterprise.foundedOn"),
    c("企业地址", "enterprise.address"),
    c("统一社会信用代码", "enterprise.uscc"),
    c("营业执照吊销时间", "licenses.business.revokedOn"),
    c("营业执照注销时间", "licenses.business.cancelledOn"),
    c("生产许可证证书号", "licenses.production.number"),
    c("生产许可证吊销时间", "licenses.production.revokedOn"),
    c("生产许可证注销时间", "licenses.production.cancelledOn"),
    c("排污许可证证书号", "licenses.discharge.number"),
    c("排污许可证吊销时间", "licenses.discharge.revokedOn"),
    c("排污许可证注销时间", "licenses.discharge.cancelledOn"),
    c("法定代表人", "contacts.legalRepresentative.name"),
    c("法定代表人职务", "contacts.legalRepresentative.title"),
    c("法定代表人联系电话", "contacts.legalRepresentative.phone"),
    c("企业负责人", "contacts.principal.name"),
    c("企业负责人职务", "contacts.principal.title"),
    c("企业负责人联系电话", "contacts.principal.phone"),
    c("填报人", "contacts.filler.name"),
    c("填报人职务", "contacts.filler.title"),
    c("填报人联系电话", "contacts.filler.phone"),
    c("填报人手机", "contacts.filler.mobile"),
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

const signOff = (level: string, key: string) => [
  c(`${level}验收意见`, `acceptance.${key}.opinion`),
  c(`${level}验收结论`, `acceptance.${key}.passed`),
  c(`${level}验收日期`, `acceptance.${key}.signedOn`),
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
    c("实际淘汰产能数量", "acceptance.capacity.amount"),
    c("产能单位", "acceptance.capacity.unit"),
    c("节能（折标煤，吨）", "acceptance.effects.energySavedTce"),
    c("SO2减排（吨）", "acceptance.effects.so2"),
    c("CO2减排（吨）", "acceptance.effects.co2"),
    c("COD减排（吨）", "acceptance.effects.cod"),
    c("NOX减排（吨）", "acceptance.effects.nox"),
    c("腾出土地（亩）", "acceptance.effects.landFreedMu"),
    c("是否具备恢复生产的能力", "acceptance.notDismantled.canResume"),
    c("主体设备未拆除的原因", "acceptance.notDismantled.reason"),
    c("是否断电断水", "acceptance.notDismantled.powerWaterCut"),
    c("主体设备是否封存", "acceptance.notDismantled.sealed"),
    c("辅助设施拆除情况", "acceptance.auxiliaryRemoval"),
    c("是否依法处置债务", "acceptance.debtsHandledLawfully"),
    c("其他应说明的问题", "acceptance.otherNotes"),
    c("实施及完成情况", "acceptance.enterprise.statement"),
    c("企业签字日期", "acceptance.enterprise.signedOn"),
    ...signOff("县级", "county"),
    ...signOff("市级", "city"),
    ...signOff("省级", "province"),
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
