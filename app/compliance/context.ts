// Everything the rules need about one organisation, indexed once so each person is evaluated in O(own records).

import { deriveDates, type DerivedDates } from "./deadlines";
import { StaffIdMap } from "./staff-id-map";
import { buildScopeIndex, type ScopeIndex } from "./scope";
import { effectiveMilestones, qualifiedDeadline, transitionEnd } from "./settings";
import type {
  Absence,
  DecidingRecord,
  IsoDate,
  Milestone,
  OrganisationSettings,
  PersonOverride,
  Qualification,
  QualificationRecord,
  ScopeDecision,
  ScopeResult,
} from "./types";

export interface ComplianceContext {
  settings: OrganisationSettings;
  /** Derived once from the settings. */
  transitionEnd: IsoDate;
  qualifiedDeadline: IsoDate;
  milestones: Milestone[];
  /** Cut-offs and dates that spare per-person month arithmetic. */
  derived: DerivedDates;
  scope: ScopeIndex;
  qualificationsById: Map<number, Qualification>;
  recordsByStaffId: StaffIdMap<QualificationRecord[]>;
  absencesByStaffId: StaffIdMap<Absence[]>;
  /** Derived values shared between people (treat what they hold as read-only). */
  caches: {
    scopeByTitle: Map<string, { scope: ScopeResult; reasons: string[] }>;
    decidingRecords: Map<QualificationRecord, DecidingRecord>;
  };
}

export interface ComplianceContextInput {
  settings: OrganisationSettings;
  decisions: readonly ScopeDecision[];
  overrides: readonly PersonOverride[];
  qualifications: readonly Qualification[];
  records: readonly QualificationRecord[];
  absences: readonly Absence[];
}

const NO_RECORDS: QualificationRecord[] = [];
const NO_ABSENCES: Absence[] = [];

export function buildComplianceContext(input: ComplianceContextInput): ComplianceContext {
  const { settings } = input;
  const end = transitionEnd(settings);
  const deadline = qualifiedDeadline(settings);
  return {
    settings,
    transitionEnd: end,
    qualifiedDeadline: deadline,
    milestones: effectiveMilestones(settings),
    derived: deriveDates(settings, end, deadline),
    scope: buildScopeIndex(input.decisions, input.overrides),
    qualificationsById: new Map(input.qualifications.map((q) => [q.id, q])),
    recordsByStaffId: StaffIdMap.groupBy(input.records),
    absencesByStaffId: StaffIdMap.groupBy(input.absences),
    caches: { scopeByTitle: new Map(), decidingRecords: new Map() },
  };
}

export function recordsOf(ctx: ComplianceContext, staffId: number): QualificationRecord[] {
  return ctx.recordsByStaffId.get(staffId) ?? NO_RECORDS;
}

export function absencesOf(ctx: ComplianceContext, staffId: number): Absence[] {
  return ctx.absencesByStaffId.get(staffId) ?? NO_ABSENCES;
}
