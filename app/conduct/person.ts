/** The person the conduct rules look at: who they are, where they work and which category their role is in. */
import type { Category, IsoDate } from "../compliance/types";

export interface ConductPerson {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  /** normaliseJobTitle(jobTitle): what job-title requirements match on. */
  jobTitleNormalised: string;
  department: string | null;
  /** Blank = employed directly; otherwise the contractor's name. */
  employer: string | null;
  category: Category | "unmapped";
  startDate: IsoDate | null;
  endDate: IsoDate | null;
}

/** Active on the date: started on or before it (unknown start = started) and not yet left (rule 1). */
export function isActiveOn(person: Pick<ConductPerson, "startDate" | "endDate">, asOf: IsoDate): boolean {
  return (person.startDate == null || person.startDate <= asOf) && (person.endDate == null || person.endDate > asOf);
}

/** Percentage to one decimal place; null when nobody is counted. */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
