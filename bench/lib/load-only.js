// The yardstick: exceljs merely loading a workbook, nothing else.
import ExcelJS from "exceljs";

await new ExcelJS.Workbook().xlsx.readFile(process.argv[2]);
