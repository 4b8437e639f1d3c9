// Input and output types of the pure compliance rules (docs/compliance-rules.md). The database layer maps
// its rows to these; nothing here knows about storage. Dates are ISO strings `YYYY-MM-DD`.

import type { EquivalenceBasis } from "./equivalence";
import type { StatutoryPosition } from "./statutory";

export type IsoDate = string;

export type Category = "senior_executive" | "senior_manager" | "frontline" | "out_of_scope";
export type RecordStatus = "enrolled" | "in_progress" | "referred" | "achieved" | "withdrawn" | "failed";
export type ComplianceStatus =
  | "qualified"
  | "working_towards"
  | "not_enrolled"
  | "not_required"
  | "decision_needed"
  | "left"
  | "not_started";
export type Rag = "green" | "amber" | "red" | "grey";
export type RequiredLevel = 5 | 4;

export const CATEGORIES: readonly Category[] = ["senior_executive", "senior_manager", "frontline", "out_of_scope"];
export const RECORD_STATUSES: readonly RecordStatus[] = [
  "enrolled",
  "in_progress",
  "referred",
  "achieved",
  "withdrawn",
  "failed",
];
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = [
  "qualified",
  "working_towards",
  "not_enrolled",
  "not_required",
  "decision_needed",
  "left",
  "not_started",
];
export const RAGS: readonly Rag[] = ["green", "amber", "red", "grey"];

export interface StaffMember {
  id: number;
  employeeRef: string;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string;
  department: string | null;
  /** Blank or null = employed directly; otherwise the contractor's name. */
  employer: string | null;
  /** Employment start. Null = unknown, treated as already started. */
  startDate: IsoDate | null;
  /** Start in the current role; falls back to startDate. */
  roleStartDate: IsoDate | null;
  /** Leaving date: the person is no longer active on this date. */
  endDate: IsoDate | null;
  /** On probation now (HR flag). */
  onProbation: boolean;
  /** When the role's probation ended (or will end); keeps the 9-month grace after the flag is cleared. */
  probationEndDate?: IsoDate | null;
}

export interface ScopeDecision {
  jobTitle: string;
  category: Category;
  timeManagingPct: number | null;
  rationale: string | null;
  decidedBy: string | null;
  decidedOn: IsoDate | null;
  reviewDate: IsoDate | null;
}

export interface PersonOverride {
  staffId: number;
  category: Category;
  rationale: string;
  decidedBy: string | null;
  decidedOn: IsoDate | null;
}

export interface Qualification {
  id: number;
  code: string | null;
  title: string;
  level: number;
  recognised: boolean;
  typicalMonths: number | null;
  rulesOfCombination: RulesOfCombination | null;
}

export interface UnitResult {
  unitRef: string;
  result: "pass" | "refer" | "fail" | "exempt";
}

export interface QualificationRecord {
  id: number;
  staffId: number;
  qualificationId: number;
  provider: string | null;
  status: RecordStatus;
  enrolledOn: IsoDate | null;
  startedOn: IsoDate | null;
  expectedCompletion: IsoDate | null;
  achievedOn: IsoDate | null;
  pathway: string | null;
  unitResults: UnitResult[];
  /** Set on the record an equivalence assessment stands for (app/compliance/equivalence.ts); never stored. */
  equivalence?: EquivalenceBasis;
}

export interface Absence {
  staffId: number;
  kind: "parental" | "long_term_sickness" | "other";
  from: IsoDate;
  /** Last day of absence (inclusive); null = still absent. */
  to: IsoDate | null;
}

/** "statutory" = the legal test (compliant or not yet due); the other two are internal targets. */
export type MilestoneMeasure = "statutory" | "qualified_or_enrolled" | "qualified";
export const MILESTONE_MEASURES: readonly MilestoneMeasure[] = ["statutory", "qualified_or_enrolled", "qualified"];

export interface Milestone {
  name: string;
  date: IsoDate;
  measure: MilestoneMeasure;
  targetPct: number;
}

export interface OrganisationSettings {
  homesOwned: number;
  inForceDate: IsoDate;
  transitionYearsOverride: number | null;
  qualifiedDeadlineOverride: IsoDate | null;
  /** null = the defaults of rule 7 in docs/compliance-rules.md (see effectiveMilestones). */
  milestones: Milestone[] | null;
  graceMonths: number;
  probationGraceMonths: number;
  lateJoinerMonths: number;
  courseMonthsLevel4: number;
  courseMonthsLevel5: number;
  absencesPauseClocks: boolean;
  /** "Other" absence also pauses the clocks (parental leave and long-term sickness always do). */
  otherAbsencePausesClocks: boolean;
  dateOrder: "day_first" | "month_first";
  /** Enrolled more than this many months ago without a start date → amber. */
  workingTowardsStartMonths: number;
}

// ---------------------------------------------------------------------------------------------
// Rules of combination (shape of the catalogue JSON, flattened into one object)

export interface RulesOfCombinationUnit {
  unitRef: string;
  title: string;
  level: number;
  credits: number;
  group: "mandatory" | "optional" | string;
}

export interface RulesOfCombinationPathway {
  name: string;
  mandatoryUnits: string[];
  /** Credits from other (optional) units needed on top of the pathway's mandatory units. */
  furtherOptionalCredits: number | null;
}

export interface RulesOfCombinationExemption {
  /** The unit of this qualification that is exempted. */
  unitRef: string;
  /** The (older) unit whose pass gives the exemption. */
  exemptedBy: { unitRef: string; title: string };
}

export interface RulesOfCombination {
  minimumCredits: number;
  mandatoryGroup: { units: string[]; minimumCredits: number };
  optionalGroup: { minimumCredits: number };
  pathways: RulesOfCombinationPathway[];
  exemptions: RulesOfCombinationExemption[];
  units: RulesOfCombinationUnit[];
}

// ---------------------------------------------------------------------------------------------
// Outputs

export interface ScopeResult {
  category: Category | "unmapped";
  requiredLevel: RequiredLevel | null;
  source: "override" | "job_title" | "none";
  decision: ScopeDecision | null;
  override: PersonOverride | null;
}

export interface DecidingRecord {
  id: number;
  qualificationId: number;
  qualificationTitle: string;
  level: number;
  status: RecordStatus;
  provider: string | null;
  enrolledOn: IsoDate | null;
  startedOn: IsoDate | null;
  expectedCompletion: IsoDate | null;
  achievedOn: IsoDate | null;
  /** The record stands for an equivalence assessment (its id is then the assessment's, negated). */
  equivalence?: boolean;
}

export interface PersonCompliance {
  staffId: number;
  employeeRef: string;
  category: Category | "unmapped";
  requiredLevel: RequiredLevel | null;
  /** Where the category came from (override beats job title). */
  scopeSource: ScopeResult["source"];
  status: ComplianceStatus;
  rag: Rag;
  /** Null when no qualification is required. */
  enrolBy: IsoDate | null;
  qualifyBy: IsoDate | null;
  latestStart: IsoDate | null;
  /** Days both clocks were moved later for recorded absence (0 when the setting is off). */
  pausedDays: number;
  /** Shared with the record's other evaluations: read only. */
  decidingRecord: DecidingRecord | null;
  /** Plain-English reasons, scope first. Read only: identical lists are shared (frozen) between people. */
  reasons: string[];
  ragReason: string;
  /** The legal test (s.194A): null for everyone who is not active and in scope. */
  statutory: StatutoryPosition | null;
  /** The statutory position in plain words; null with it. */
  statutoryReason: string | null;
  /**
   * The worst case: as `statutory`, but a person whose job title is still undecided counts as needing a
   * qualification and not enrolled (not yet due, or in breach after their enrol-by date).
   */
  worstCaseStatutory: StatutoryPosition | null;
  /** The soonest date that matters for this person (for sorting "needs action"); null when none. */
  nextDate: IsoDate | null;
}
