// exceljs's streaming writer on its own. The package's entry loads the whole
// library (readers, unzipper, the model) at some 0.3 s of start-up; the summary
// only writes, so it loads the writer's module alone. exceljs has no "exports"
// map, and this file has been the writer's home throughout 4.x (pinned in the lock).
declare module "exceljs/lib/stream/xlsx/workbook-writer.js" {
  import type { stream } from "exceljs";
  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
