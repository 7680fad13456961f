// The record contract of record contract §1 as Zod schemas: the one source of truth for
// field names, Chinese/English labels and the kind of value each field holds.
import { z } from "zod";

/** How a leaf value is read from a cell or a YAML scalar (see src/values). */
export type FieldKind =
  | "text" // free text, kept as typed (only trimmed)
  | "date" // a full date, stored as YYYY-MM-DD
  | "partialDate" // a date, a year-month or a year (建厂时间)
  | "yesNo" // 是/否 and friends
  | "passed" // 通过/不通过 and the yes/no words
  | "amount" // a non-negative number (may have decimals)
  | "count" // a non-negative whole number (people, machines)
  | "uscc" // 统一社会信用代码, GB 32100-2015
  | "orgCode" // 组织机构代码, GB 11714
  | "taxNo" // 税务登记号
  | "phone" // landline or mobile
  | "mobile" // mobile only
  | "county"; // a unit of the plan

export interface FieldMeta {
  title: string; // Chinese label, as printed on the forms
  titleEn: string;
  kind: FieldKind;
  /** unit of measure the column is in, accepted as a trailing suffix of a typed value */
  unit?: string;
  required?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

type StringKind = Exclude<FieldKind, "yesNo" | "passed" | "amount" | "count">;

// One builder per value type, so the inferred record type is exact.
function leaf(meta: FieldMeta & { kind: StringKind }) {
  const base = meta.kind === "date" ? z.string().regex(ISO_DATE) : meta.kind === "partialDate" ? z.string().regex(PARTIAL_DATE) : z.string();
  return base.meta({ ...meta }).nullable().optional();
}

function flag(meta: FieldMeta & { kind: "yesNo" | "passed" }) {
  return z.boolean().meta({ ...meta }).nullable().optional();
}

function numeric(meta: FieldMeta & { kind: "amount" | "count" }) {
  const base = meta.kind === "count" ? z.number().int().nonnegative() : z.number().nonnegative();
  return base.meta({ ...meta }).nullable().optional();
}

const text = (title: string, titleEn: string, extra: { required?: boolean } = {}) =>
  leaf({ title, titleEn, kind: "text", ...extra });
const date = (title: string, titleEn: string) => leaf({ title, titleEn, kind: "date" });
const yesNo = (title: string, titleEn: string) => flag({ title, titleEn, kind: "yesNo" });
const amount = (title: string, titleEn: string, unit: string) =>
  numeric({ title, titleEn, kind: "amount", unit });
const count = (title: string, titleEn: string, unit: string) =>
  numeric({ title, titleEn, kind: "count", unit });

const contact = (who: string, whoEn: string, withMobile = false) =>
  z
    .object({
      name: text(who, whoEn),
      title: text(`${who}职务`, `${whoEn} title`),
      phone: leaf({ title: `${who}联系电话`, titleEn: `${whoEn} phone`, kind: "phone" }),
      ...(withMobile
        ? { mobile: leaf({ title: `${who}手机`, titleEn: `${whoEn} mobile`, kind: "mobile" }) }
        : {}),
    })
    .nullable()
    .optional();

const signOff = (level: string, levelEn: string) =>
  z
    .object({
      opinion: text(`${level}验收意见`, `${levelEn} opinion`),
      passed: flag({ title: `${level}验收结论`, titleEn: `${levelEn} passed`, kind: "passed" }),
      signedOn: date(`${level}验收日期`, `${levelEn} signed on`),
    })
    .nullable()
    .optional();

export const EquipmentSchema = z.object({
  name: text("设备名称（型号规格）", "equipment name (model)"),
  designCapacity: amount("设计产能（万吨）", "design capacity (10kt)", "万吨"),
  quantity: count("数量（台）", "quantity (units)", "台"),
  removedOn: date("拆除时间", "removed on"),
});

export const LineSchema = z.object({
  model: text("淘汰生产线（设备）型号及数量", "line (equipment) model and quantity"),
  shutdownOn: date("关停时间", "shut down on"),
  removedOn: date("主体设备拆除时间", "main equipment removed on"),
  destination: text("设备去向", "equipment destination"),
});

export const AcceptanceSchema = z.object({
  staff: z
    .object({
      involved: count("涉及职工人数", "staff involved", "人"),
      resettled: count("已安置职工人数", "staff resettled", "人"),
    })
    .nullable()
    .optional(),
  fixedAssetsNet: amount("固定资产净值（万元）", "net fixed assets (10k yuan)", "万元"),
  capacity: z
    .object({
      amount: amount("实际淘汰产能数量", "capacity retired", ""),
      unit: text("产能单位", "capacity unit"),
    })
    .nullable()
    .optional(),
  effects: z
    .object({
      energySavedTce: amount("节能（折标煤，吨）", "energy saved (tce)", "吨"),
      so2: amount("SO2减排（吨）", "SO2 reduced (t)", "吨"),
      co2: amount("CO2减排（吨）", "CO2 reduced (t)", "吨"),
      cod: amount("COD减排（吨）", "COD reduced (t)", "吨"),
      nox: amount("NOX减排（吨）", "NOx reduced (t)", "吨"),
      landFreedMu: amount("腾出土地（亩）", "land freed (mu)", "亩"),
    })
    .nullable()
    .optional(),
  lines: z.array(LineSchema).nullable().optional(),
  notDismantled: z
    .object({
      canResume: yesNo("是否具备恢复生产的能力", "can resume production"),
      reason: text("主体设备未拆除的原因", "why main equipment is not dismantled"),
      powerWaterCut: yesNo("是否断电断水", "power and water cut"),
      sealed: yesNo("主体设备是否封存", "main equipment sealed"),
    })
    .nullable()
    .optional(),
  auxiliaryRemoval: text("辅助设施拆除情况", "auxiliary facilities removal"),
  debtsHandledLawfully: yesNo("是否依法处置债务", "debts handled lawfully"),
  otherNotes: text("其他应说明的问题", "other notes"),
  enterprise: z
    .object({
      statement: text("实施及完成情况", "implementation and completion"),
      signedOn: date("企业签字日期", "enterprise signed on"),
    })
    .nullable()
    .optional(),
  county: signOff("县级", "county"),
  city: signOff("市级", "city"),
  province: signOff("省级", "province"),
});

export const RecordSchema = z
  .object({
    county: leaf({ title: "县市区", titleEn: "county", kind: "county", required: true }),
    /** the department on the form's 填报单位（盖章） line (随县科经局); `county` is the plan unit it belongs to */
    reportingUnit: text("填报单位", "reporting unit"),
    reportedOn: date("填报时间", "reported on"),
    enterprise: z.object({
      name: text("企业名称", "enterprise name", { required: true }),
      foundedOn: leaf({ title: "建厂时间", titleEn: "founded on", kind: "partialDate" }),
      address: text("企业地址", "enterprise address", { required: true }),
      uscc: leaf({ title: "统一社会信用代码", titleEn: "USCC", kind: "uscc", required: true }),
      taxNo: leaf({ title: "税务登记号", titleEn: "tax number", kind: "taxNo" }),
      orgCode: leaf({ title: "组织机构代码", titleEn: "organisation code", kind: "orgCode" }),
      phone: leaf({ title: "联系电话", titleEn: "phone", kind: "phone" }),
      closedEntirely: yesNo("企业整体关闭", "closed entirely"),
    }),
    licenses: z
      .object({
        business: z
          .object({
            revokedOn: date("营业执照吊销时间", "business licence revoked on"),
            // 注销 (cancelled) satisfies what 吊销 (revoked) does: seed 二（三）
            cancelledOn: date("营业执照注销时间", "business licence cancelled on"),
          })
          .nullable()
          .optional(),
        production: z
          .object({
            number: text("生产许可证证书号", "production licence number"),
            revokedOn: date("生产许可证吊销时间", "production licence revoked on"),
            cancelledOn: date("生产许可证注销时间", "production licence cancelled on"),
          })
          .nullable()
          .optional(),
        discharge: z
          .object({
            number: text("排污许可证证书号", "discharge permit number"),
            revokedOn: date("排污许可证吊销时间", "discharge permit revoked on"),
            cancelledOn: date("排污许可证注销时间", "discharge permit cancelled on"),
          })
          .nullable()
          .optional(),
      })
      .nullable()
      .optional(),
    contacts: z
      .object({
        legalRepresentative: contact("法定代表人", "legal representative"),
        principal: contact("企业负责人", "principal"),
        filler: contact("填报人", "filler", true),
      })
      .nullable()
      .optional(),
    staff: z
      .object({
        onDuty: count("在岗职工人数", "staff on duty", "人"),
        contract: count("其中合同工人数", "of whom contract staff", "人"),
        retired: count("退休职工人数", "retired staff", "人"),
      })
      .nullable()
      .optional(),
    assets: z
      .object({
        total: amount("资产总额（万元）", "total assets (10k yuan)", "万元"),
        receivables: amount("债权（万元）", "receivables (10k yuan)", "万元"),
        debts: amount("债务（万元）", "debts (10k yuan)", "万元"),
      })
      .nullable()
      .optional(),
    equipment: z.array(EquipmentSchema).nullable().optional(),
    rectification: z
      .object({
        problems: text("存在问题", "problems"),
        measures: text("整改内容及措施", "rectification measures"),
        result: text("整改结果", "rectification result"),
        disposition: text("处理意见", "disposition"),
      })
      .nullable()
      .optional(),
    /** 确有困难的，制定淘汰时间表 (seed 三（一）): an approved timetable instead of this year's deadlines */
    timetable: z
      .object({
        shutdownBy: date("时间表停产期限", "timetable: shut down by"),
        dismantleBy: date("时间表拆除期限", "timetable: dismantle by"),
        approvedBy: text("时间表批准单位", "timetable approved by"),
      })
      .nullable()
      .optional(),
    acceptance: AcceptanceSchema.nullable().optional(),
  })
  .meta({ title: "淘汰落后产能企业记录", id: "capexit-record" });

export type EnterpriseRecord = z.infer<typeof RecordSchema>;
export type Equipment = z.infer<typeof EquipmentSchema>;
export type ProductionLine = z.infer<typeof LineSchema>;
export type Acceptance = z.infer<typeof AcceptanceSchema>;
