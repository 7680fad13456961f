import type { PartRecord } from "../forms/join.js";
import type { Finding } from "../model/finding.js";
import type { LoadedRecord } from "../model/source.js";

/** What reading one or more files gives: the records, and what was wrong while reading. */
export interface ReadResult {
  records: LoadedRecord[];
  findings: Finding[];
  /**
   * Forms that add a part to a record (附表2: the acceptance) and found no
   * record of their own file to join: joined by USCC across the inputs.
   */
  parts?: PartRecord[];
}
