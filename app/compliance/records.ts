// What one qualification record means on a given date (rules 3 and 4). The single source for both the
// per-person evaluation and the month-by-month trend, so the two can never disagree.

import type { IsoDate, Qualification, QualificationRecord, RequiredLevel } from "./types";

/** Sorts before every ISO date: "since always" (a record whose date is not recorded). */
export const ALWAYS = "";
/** Sorts after every ISO date: "never". */
export const NEVER = "\uffff";

/** Rule 3: recognised and at the required level or higher (Level 3 never; a non-recognised Level 5 never; Level 6 does). */
export function meetsRequirement(qualification: Pick<Qualification, "recognised" | "level">, requiredLevel: RequiredLevel): boolean {
  return qualification.recognised && qualification.level >= requiredLevel;
}

/**
 * Whether this record can meet the requirement: an equivalence assessment counts at its qualification's level
 * whether or not the catalogue lists that qualification as recognised (the assessment is what recognises it).
 */
export function recordMeetsRequirement(
  record: Pick<QualificationRecord, "equivalence">,
  qualification: Pick<Qualification, "recognised" | "level">,
  requiredLevel: RequiredLevel,
): boolean {
  return record.equivalence ? qualification.level >= requiredLevel : meetsRequirement(qualification, requiredLevel);
}

/** When the person enrolled: enrolled on, else started on (starting proves enrolment). */
export function enrolmentDateOf(record: Pick<QualificationRecord, "enrolledOn" | "startedOn">): IsoDate | null {
  return record.enrolledOn ?? record.startedOn;
}

export function isOpenStatus(status: QualificationRecord["status"]): boolean {
  return status === "enrolled" || status === "in_progress" || status === "referred";
}

export interface RecordWindow {
  /** From this date the record makes its holder "working towards" (ALWAYS / NEVER sentinels allowed). */
  workingFrom: string;
  /** From this date the record makes its holder "qualified". */
  qualifiedFrom: string;
}

/**
 * The dates from which a (meeting) record counts:
 * - achieved: qualified from achieved on (a missing achieved date counts as always achieved); before that,
 *   working towards from its enrolment date, because dated records let us rebuild history (rule 8);
 * - enrolled / in progress / referred: working towards from its enrolment date (missing = always);
 * - withdrawn / failed: never counts.
 */
export function recordWindow(record: Pick<QualificationRecord, "status" | "enrolledOn" | "startedOn" | "achievedOn">): RecordWindow {
  if (record.status === "achieved") {
    if (record.achievedOn == null) return { workingFrom: NEVER, qualifiedFrom: ALWAYS };
    return { workingFrom: enrolmentDateOf(record) ?? NEVER, qualifiedFrom: record.achievedOn };
  }
  if (isOpenStatus(record.status)) return { workingFrom: enrolmentDateOf(record) ?? ALWAYS, qualifiedFrom: NEVER };
  return { workingFrom: NEVER, qualifiedFrom: NEVER };
}
