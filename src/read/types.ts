import type { Finding } from "../model/finding.js";
import type { LoadedRecord } from "../model/source.js";

/** What reading one or more files gives: the records, and what was wrong while reading. */
export interface ReadResult {
  records: LoadedRecord[];
  findings: Finding[];
}
