// The blank workbook's look, as data: where the header stands, how many rows
// carry validation, how wide a column of each kind is. Which columns exist and
// what they are called comes from src/model/sheets.ts, never from here.
import type { FieldKind } from "../model/record.js";

/** Row 1 title, row 2 "填报单位（盖章）", row 3 header, data from row 4. */
export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** Rows below the header that carry drop-downs, number checks and formats. */
export const DATA_ROWS = 2000;

/** Title key of each sheet, by the sheet's name in record contract §2. */
export const SHEET_TITLE: Readonly<Record<string, string>> = {
  附表1: "title.annex1",
  附表1设备: "title.annex1-equipment",
  附表2: "title.annex2",
  附表2生产线: "title.annex2-lines",
};

/** The 填表说明 sheet, paragraph by paragraph (message keys). */
export const GUIDE_SHEET = "填表说明";
export const GUIDE: readonly string[] = [
  "guide.basis",
  "guide.sheets",
  "guide.sheet.annex1",
  "guide.sheet.annex1-equipment",
  "guide.sheet.annex2",
  "guide.sheet.annex2-lines",
  "guide.notes",
  "guide.required",
  "guide.uscc",
  "guide.dates",
  "guide.numbers",
  "guide.choices",
  "guide.keep",
  "guide.check",
];

/** Column width (Excel character units) by kind of value. */
export const KIND_WIDTH: Readonly<Record<FieldKind, number>> = {
  text: 14,
  county: 12,
  date: 12,
  partialDate: 11,
  yesNo: 10,
  passed: 10,
  amount: 11,
  count: 10,
  uscc: 22,
  orgCode: 13,
  taxNo: 22,
  phone: 15,
  mobile: 14,
};

/** Free-text columns where clerks write sentences: wider, and wrapped. */
export const WIDE_TEXT: ReadonlySet<string> = new Set([
  "enterprise.name",
  "enterprise.address",
  "rectification.problems",
  "rectification.measures",
  "rectification.result",
  "rectification.disposition",
  "equipment[].name",
  "acceptance.lines[].model",
  "acceptance.lines[].destination",
  "acceptance.notDismantled.reason",
  "acceptance.auxiliaryRemoval",
  "acceptance.otherNotes",
  "acceptance.enterprise.statement",
  "acceptance.county.opinion",
  "acceptance.city.opinion",
  "acceptance.province.opinion",
]);
export const WIDE_TEXT_WIDTH = 28;

/** Kinds whose cells are formatted as text, so Excel keeps what is typed (leading 0, 18 digits, 2005-03). */
export const TEXT_FORMAT_KINDS: ReadonlySet<FieldKind> = new Set(["uscc", "orgCode", "taxNo", "phone", "mobile", "partialDate"]);

export const DATE_FORMAT = "yyyy-mm-dd";

/** Header and title colours (ARGB). */
export const HEADER_FILL = "FFDDEBF7";
export const REQUIRED_FONT = "FFC00000";
