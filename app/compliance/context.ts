// Everything the rules need about one organisation, indexed once so each person is evaluated in O(own records).

import { deriveDates, type DerivedDates } from "./deadlines";
import { StaffIdMap } from "./staff-id-map";
import { equivalenceRecord, type EquivalenceAssessment } from "./equivalence";
import { buildScopeIndex, type ScopeIndex } from "./scope";
import { buildProviderIndex, type ProviderIndex, type ServiceProvider } from "./service-providers";
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
  /** Registered service providers by normalised name (a contractor of a non-comprehensive one needs no qualification). */
  providers: ProviderIndex;
  qualificationsById: Map<number, Qualification>;
  recordsByStaffId: StaffIdMap<QualificationRecord[]>;
  absencesByStaffId: StaffIdMap<Absence[]>;
  /** Derived values shared between people (treat what they hold as read-only). */
  caches: {
    scopeByTitle: Map<string, { scope: ScopeResult; reasons: string[] }>;
    /** The same for contractors of non-comprehensive providers, keyed by employer and job title. */
    scopeByProviderAndTitle: Map<string, { scope: ScopeResult; reasons: string[] }>;
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
  /** The service-provider register; none = everyone's job-title decision applies. */
  serviceProviders?: readonly ServiceProvider[];
  /** Equivalence assessments: each counts as the record it stands for. */
  equivalences?: readonly EquivalenceAssessment[];
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
    recordsByStaffId: StaffIdMap.groupBy(
      input.equivalences && input.equivalences.length > 0 ? [...input.records, ...input.equivalences.map(equivalenceRecord)] : input.records,
    ),
    providers: buildProviderIndex(input.serviceProviders ?? []),
    absencesByStaffId: StaffIdMap.groupBy(input.absences),
    caches: { scopeByTitle: new Map(), scopeByProviderAndTitle: new Map(), decidingRecords: new Map() },
  };
}

/**
 * The context for `after` from the one built for `before` (the inputs a write left as they were are the same
 * objects): every index whose inputs did not change is `previous`'s own, by reference (the records and absences
 * grouped by person, the catalogue, the register, the scope index and what was derived from them), and only the
 * others are built again. Equal to buildComplianceContext(after).
 */
export function patchComplianceContext(previous: ComplianceContext, before: ComplianceContextInput, after: ComplianceContextInput): ComplianceContext {
  if (before.settings !== after.settings) return buildComplianceContext(after);
  const sameRecords = before.records === after.records && (before.equivalences ?? []) === (after.equivalences ?? []);
  const sameQualifications = before.qualifications === after.qualifications;
  const sameScope = before.decisions === after.decisions && before.overrides === after.overrides;
  const sameProviders = (before.serviceProviders ?? []) === (after.serviceProviders ?? []);
  const fresh = buildComplianceContext({ ...after, decisions: sameScope ? [] : after.decisions, overrides: sameScope ? [] : after.overrides, qualifications: sameQualifications ? [] : after.qualifications, records: sameRecords ? [] : after.records, equivalences: sameRecords ? [] : after.equivalences, absences: before.absences === after.absences ? [] : after.absences, serviceProviders: sameProviders ? [] : after.serviceProviders });
  return {
    ...previous,
    scope: sameScope ? previous.scope : fresh.scope,
    qualificationsById: sameQualifications ? previous.qualificationsById : fresh.qualificationsById,
    recordsByStaffId: sameRecords ? previous.recordsByStaffId : fresh.recordsByStaffId,
    providers: sameProviders ? previous.providers : fresh.providers,
    absencesByStaffId: before.absences === after.absences ? previous.absencesByStaffId : fresh.absencesByStaffId,
    caches: {
      scopeByTitle: sameScope ? previous.caches.scopeByTitle : new Map(),
      scopeByProviderAndTitle: sameScope && sameProviders ? previous.caches.scopeByProviderAndTitle : new Map(),
      decidingRecords: sameRecords && sameQualifications ? previous.caches.decidingRecords : new Map(),
    },
  };
}

export function recordsOf(ctx: ComplianceContext, staffId: number): QualificationRecord[] {
  return ctx.recordsByStaffId.get(staffId) ?? NO_RECORDS;
}

export function absencesOf(ctx: ComplianceContext, staffId: number): Absence[] {
  return ctx.absencesByStaffId.get(staffId) ?? NO_ABSENCES;
}
