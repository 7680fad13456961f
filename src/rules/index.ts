// The registry: every rule, sorted by id. A new rule is one file and one line here.
import { acceptanceIncomplete } from "./acceptance-incomplete.js";
import { capacityUnit } from "./capacity-unit.js";
import { closedLicenses } from "./closed-licenses.js";
import { countyUnit } from "./county-unit.js";
import { dateOrder } from "./date-order.js";
import { debtsNotLawful } from "./debts-not-lawful.js";
import { equipmentLinesCount } from "./equipment-lines-count.js";
import { equipmentRemovedOn } from "./equipment-removed-on.js";
import { fillerContact } from "./filler-contact.js";
import { notDismantled } from "./not-dismantled.js";
import { notDismantledAnswered } from "./not-dismantled-answered.js";
import { orgCodeUscc } from "./orgcode-uscc.js";
import { passedCanResume } from "./passed-can-resume.js";
import { passedWithoutOpinion } from "./passed-without-opinion.js";
import { phoneAreaCode } from "./phone-area-code.js";
import { reportedLate } from "./reported-late.js";
import { required } from "./required.js";
import { staffContract } from "./staff-contract.js";
import { staffResettled } from "./staff-resettled.js";
import { taxNoUscc } from "./taxno-uscc.js";
import { timetableIncomplete } from "./timetable-incomplete.js";
import type { Rule } from "./types.js";
import { usccDuplicate } from "./uscc-duplicate.js";
import { usccOtherCounty } from "./uscc-other-county.js";

export const rules: readonly Rule[] = [
  acceptanceIncomplete,
  capacityUnit,
  closedLicenses,
  countyUnit,
  dateOrder,
  debtsNotLawful,
  equipmentLinesCount,
  equipmentRemovedOn,
  fillerContact,
  notDismantled,
  notDismantledAnswered,
  orgCodeUscc,
  passedCanResume,
  passedWithoutOpinion,
  phoneAreaCode,
  reportedLate,
  required,
  staffContract,
  staffResettled,
  taxNoUscc,
  timetableIncomplete,
  usccDuplicate,
  usccOtherCounty,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
