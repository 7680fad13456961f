// Valid records for tests, built from the examples' generator so tests and examples agree.
import type { EnterpriseRecord } from "../../src/model/record.js";
import { exampleRecords } from "../../scripts/example-data.js";
import { makeUscc as makeUsccJs } from "../../scripts/uscc.js";

export const sampleRecords = (): EnterpriseRecord[] => exampleRecords() as EnterpriseRecord[];
export const makeUscc = makeUsccJs as (division: string, seq: number) => string;
