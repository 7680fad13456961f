// Records -> the list-layout workbook of record contract §2, laid out as a clerk would:
// a title row and a 填报单位 line above the header. Used for the examples, the
// benchmark and tests; the blank template has its own builder.
import ExcelJS from "exceljs";
import { getPath } from "../model/paths.js";
import type { EnterpriseRecord } from "../model/record.js";
import { JOIN_PATH, SHEETS, type SheetSpec } from "../model/sheets.js";

export type CellStyle = "plain" | "clerk";

export interface ListWorkbookOptions {
  /** title and 填报单位 rows above the header */
  titleRows?: boolean;
  /** a reporting unit for the 填报单位 line */
  unit?: string;
  /** `clerk`: dates typed in rotating spellings, some labels broken across lines */
  style?: CellStyle;
  /**
   * A value to write as the text it was typed as, in place of the record's:
   * for values that could not be read, so that reading the workbook again
   * finds them again (capexit collect).
   */
  asTyped?: (record: EnterpriseRecord, path: string) => string | undefined;
}

const TITLES: Record<string, string> = {
  附表1: "附表1  淘汰落后产能企业基本情况表",
  附表1设备: "附表1（续）  主要淘汰生产设备基本情况",
  附表2: "附表2  淘汰落后产能验收意见表",
  附表2生产线: "附表2（续）  淘汰生产线（设备）",
};

const DATE_SPELLINGS = [
  (d: string) => new Date(`${d}T00:00:00Z`),
  (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`,
  (d: string) => d.replace(/-/g, "/"),
  (d: string) => d.replace(/-/g, "."),
  (d: string) => d.replace(/-/g, ""),
  (d: string) => d,
];

function cellValue(v: unknown, path: string, style: CellStyle, n: number): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (path.endsWith(".passed") && typeof v === "boolean") return v ? "通过" : "不通过";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    if (style === "plain") return new Date(`${v}T00:00:00Z`);
    return DATE_SPELLINGS[n % DATE_SPELLINGS.length]!(v);
  }
  return v as ExcelJS.CellValue;
}

function label(text: string, style: CellStyle): string {
  // clerks break long labels inside the cell: 统一社会\n信用代码
  if (style === "clerk" && text.length >= 7 && !/[（(]/.test(text)) return `${text.slice(0, 4)}\n${text.slice(4)}`;
  return text;
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: unknown[][], opts: ListWorkbookOptions) {
  const ws = wb.addWorksheet(spec.name);
  const style = opts.style ?? "plain";
  if (opts.titleRows) {
    ws.addRow([TITLES[spec.name] ?? spec.name]);
    ws.mergeCells(1, 1, 1, Math.min(spec.columns.length, 12));
    ws.getCell(1, 1).font = { bold: true, size: 16 };
    ws.addRow([`填报单位（盖章）：${opts.unit ?? ""}`]);
  }
  const header = ws.addRow(spec.columns.map((c) => label(c.label, style)));
  header.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  for (const r of rows) ws.addRow(r);
  spec.columns.forEach((_, i) => (ws.getColumn(i + 1).width = 16));
  ws.views = [{ state: "frozen", ySplit: header.number }];
}

export function buildListWorkbook(records: readonly EnterpriseRecord[], opts: ListWorkbookOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const style = opts.style ?? "plain";
  let n = 0;
  const rowsFor = (spec: SheetSpec): unknown[][] => {
    const out: unknown[][] = [];
    for (const rec of records) {
      if (spec.kind === "enterprise") {
        if (spec.name === "附表2" && !rec.acceptance) continue;
        out.push(spec.columns.map((c) => opts.asTyped?.(rec, c.path) ?? cellValue(getPath(rec, c.path), c.path, style, n++)));
      } else {
        const items = getPath(rec, spec.list!);
        if (!Array.isArray(items)) continue;
        items.forEach((_, i) =>
          out.push(
            spec.columns.map((c) =>
              c.path === JOIN_PATH
                ? rec.enterprise.uscc ?? opts.asTyped?.(rec, JOIN_PATH) ?? null
                : opts.asTyped?.(rec, c.path.replace("[]", `[${i}]`)) ?? cellValue(getPath(rec, c.path.replace("[]", `[${i}]`)), c.path, style, n++),
            ),
          ),
        );
      }
    }
    return out;
  };
  for (const spec of SHEETS) addSheet(wb, spec, rowsFor(spec), opts);
  return wb;
}
