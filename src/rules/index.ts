// The registry: every rule, sorted by id. A new rule is one file and one line here.
import { acceptanceComplete } from "./acceptance-complete.js";
import { capacityUnit } from "./capacity-unit.js";
import { closedLicenses } from "./closed-licenses.js";
import { countyUnit } from "./county-unit.js";
import { dateOrder } from "./date-order.js";
import { notDismantled } from "./not-dismantled.js";
import { orgCodeUscc } from "./orgcode-uscc.js";
import { passedCanResume } from "./passed-can-resume.js";
import { required } from "./required.js";
import { staffContract } from "./staff-contract.js";
import { staffResettled } from "./staff-resettled.js";
import { taxNoUscc } from "./taxno-uscc.js";
import type { Rule } from "./types.js";
import { usccDivisionRule } from "./uscc-division.js";
import { usccDuplicate } from "./uscc-duplicate.js";

export const rules: readonly Rule[] = [
  acceptanceComplete,
  capacityUnit,
  closedLicenses,
  countyUnit,
  dateOrder,
  notDismantled,
  orgCodeUscc,
  passedCanResume,
  required,
  staffContract,
  staffResettled,
  taxNoUscc,
  usccDuplicate,
  usccDivisionRule,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
