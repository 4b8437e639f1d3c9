// Inputs and outputs of the workforce development planner (issue 8). Pure data: no database, no clock.
// Dates are ISO `YYYY-MM-DD` strings; money is whole pence.

import type { IsoDate, Qualification, RequiredLevel, UnitResult } from "../compliance/types";

/** A skills-audit gap for one area (the model passes these in from the skills audits, where one exists). */
export interface PlanAuditGap {
  area: string;
  areaGroup: "knowledge" | "skills" | "behaviours" | "conduct";
  target: number;
  agreed: number;
  gap: number;
}

/** A catalogue entry as the planner sees it: the rules' Qualification plus, per unit, the standard's areas it covers. */
export interface PlanQualification extends Qualification {
  /** Normalised unit reference → apprenticeship-standard areas the unit covers (for pathway suggestions). */
  unitAreas?: ReadonlyMap<string, readonly string[]>;
}

/** One active person who must qualify and is not qualified or working towards (status `not_enrolled`). */
export interface PlanPerson {
  staffId: number;
  requiredLevel: RequiredLevel;
  /** From the rules (personalDates). */
  qualifyBy: IsoDate;
  latestStart: IsoDate;
  jobTitle: string;
  department: string | null;
  /** Unit results from every record the person holds (any qualification, any status): credit they already have. */
  priorUnits: readonly UnitResult[];
  /** The pathway of an earlier record on a unit-based qualification, if any. */
  priorPathway: string | null;
  auditGaps: readonly PlanAuditGap[];
}

export interface PlanIntake {
  id: number;
  provider: string;
  qualificationId: number;
  startDate: IsoDate;
  capacity: number;
  /** Whole-qualification price per learner, pence. */
  pricePence: number;
  /** Course length override (months); null = qualification typical months, else the organisation setting. */
  courseMonths: number | null;
}

export interface PlanPin {
  staffId: number;
  intakeId: number;
  /** Chosen pathway (qualifications with pathways); null = the suggested one. */
  pathway: string | null;
}

export interface PlanInput {
  asOf: IsoDate;
  people: readonly PlanPerson[];
  qualifications: readonly PlanQualification[];
  intakes: readonly PlanIntake[];
  pins: readonly PlanPin[];
  /** The organisation's course lengths (months) by level, used when a qualification has no typical months. */
  courseMonths: { 4: number; 5: number };
}

export interface TopUp {
  /** Credits still to pass (assessUnitProgress) and the qualification's (pathway's) total. */
  creditsStillNeeded: number;
  creditsNeeded: number;
  creditsAchieved: number;
  missingMandatoryUnits: Array<{ unitRef: string; title: string }>;
  optionalCreditsStillNeeded: number;
  /** Plain words: "Needs 12 more optional credits and H/505/3597 (…)". */
  summary: string;
}

export interface Recommendation {
  qualificationId: number;
  pathway: string | null;
  /** Why this qualification (and pathway). */
  reason: string;
  topUp: TopUp | null;
}

export interface PlannedAssignment {
  staffId: number;
  intakeId: number;
  qualificationId: number;
  pathway: string | null;
  provider: string;
  start: IsoDate;
  expectedCompletion: IsoDate;
  courseMonths: number;
  kind: "full" | "top_up";
  topUp: TopUp | null;
  /** What this person costs on this intake (pro rata by credits for a top-up), pence. */
  costPence: number;
  /** The intake's whole-qualification price, pence. */
  fullPricePence: number;
  pinned: boolean;
  /** Finishes on or before qualify-by. Only a pin can break this. */
  meetsDeadline: boolean;
  /** Days between the latest start the recommended course allows and the as-of date (negative = already late). */
  slackDays: number;
  recommendation: Recommendation;
  /** The first-choice qualification when it had no place in time and the person went on another one. */
  fallbackFrom: number | null;
  /** Plain-words notes: pinned past the deadline, pinned onto a full intake… */
  warnings: string[];
}

export type UnplannedCode = "no_qualification" | "no_intake" | "latest_start_passed" | "too_late" | "full";

export interface UnplannedPerson {
  staffId: number;
  code: UnplannedCode;
  reason: string;
  recommendation: Recommendation | null;
  slackDays: number | null;
}

export interface IntakeUsage {
  intakeId: number;
  capacity: number;
  assigned: number;
  pinned: number;
  remaining: number;
  costPence: number;
  overCapacity: boolean;
  /** Planned completion of learners who start on this intake. */
  expectedCompletion: IsoDate | null;
}

export interface IgnoredPin {
  staffId: number;
  intakeId: number;
  reason: string;
}

export interface PlanResult {
  asOf: IsoDate;
  /** In priority order (pins first, then least slack). */
  assignments: PlannedAssignment[];
  unplanned: UnplannedPerson[];
  intakes: IntakeUsage[];
  ignoredPins: IgnoredPin[];
  totals: {
    people: number;
    planned: number;
    topUps: number;
    pinned: number;
    unplanned: number;
    /** Planned people (pinned) whose course ends after their qualify-by date. */
    pinnedLate: number;
    costPence: number;
  };
}
