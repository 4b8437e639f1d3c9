// Builders for the compliance rule tests: one organisation with the catalogue of qualifications.csv and a
// few job-title decisions, so each test row states only what makes its situation different.

import {
  buildComplianceContext,
  defaultOrganisationSettings,
  evaluatePerson,
  type Absence,
  type ComplianceContext,
  type EquivalenceAssessment,
  type ServiceProvider,
  type OrganisationSettings,
  type PersonCompliance,
  type PersonOverride,
  type Qualification,
  type QualificationRecord,
  type ScopeDecision,
  type StaffMember,
} from "../../../app/compliance";

// The starter catalogue (same titles and levels as the product's seed list).
export const Q = {
  cihL4Housing: 1,
  cihL4Maintenance: 2,
  apprenticeshipL4: 3,
  cihL5Diploma: 4,
  foundationDegree: 5,
  bscHousing: 6,
  cihL3Practice: 7,
  ilmL5Leadership: 8,
} as const;

export const QUALIFICATIONS: Qualification[] = [
  { id: 1, code: "CIH-L4-CH", title: "CIH Level 4 Certificate in Housing", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: null },
  { id: 2, code: "CIH-L4-MHM", title: "CIH Level 4 Certificate in Managing Housing Maintenance", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: null },
  { id: 3, code: "APP-L4-SHPM", title: "Senior Housing / Property Management Apprenticeship (Level 4)", level: 4, recognised: true, typicalMonths: 21, rulesOfCombination: null },
  { id: 4, code: "CIH-L5-DH", title: "CIH Level 5 Diploma in Housing", level: 5, recognised: true, typicalMonths: 18, rulesOfCombination: null },
  { id: 5, code: "FD-HOUSING", title: "Foundation Degree in Housing", level: 5, recognised: true, typicalMonths: 24, rulesOfCombination: null },
  { id: 6, code: "BSC-HOUSING", title: "BSc (Hons) Housing Studies", level: 6, recognised: true, typicalMonths: 36, rulesOfCombination: null },
  { id: 7, code: "CIH-L3-CHP", title: "CIH Level 3 Certificate in Housing Practice", level: 3, recognised: true, typicalMonths: 9, rulesOfCombination: null },
  { id: 8, code: "ILM-L5-LM", title: "Level 5 Diploma in Leadership and Management", level: 5, recognised: false, typicalMonths: null, rulesOfCombination: null },
];

function decision(jobTitle: string, category: ScopeDecision["category"], decidedOn: string | null = "2026-03-03"): ScopeDecision {
  return { jobTitle, category, timeManagingPct: null, rationale: "Skills audit", decidedBy: "HR lead", decidedOn, reviewDate: null };
}

export const DECISIONS: ScopeDecision[] = [
  decision("Neighbourhood Manager", "senior_manager"),
  decision("Voids Manager", "senior_manager", null),
  decision("Director of Housing", "senior_executive", "2026-02-10"),
  decision("Housing Officer", "frontline"),
  decision("Finance Officer", "out_of_scope"),
];

/** A long-serving neighbourhood manager, active throughout, with no records. */
export function person(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: 1,
    employeeRef: "E001",
    firstName: "Priya",
    lastName: "Green",
    jobTitle: "Neighbourhood Manager",
    department: "Neighbourhoods",
    employer: null,
    startDate: "2015-04-01",
    roleStartDate: "2020-01-06",
    endDate: null,
    onProbation: false,
    ...overrides,
  };
}

let nextRecordId = 1000;

/** A record for person 1 on the CIH Level 4 Certificate in Housing, enrolled and started in January 2026. */
export function record(overrides: Partial<QualificationRecord> = {}): QualificationRecord {
  return {
    id: nextRecordId++,
    staffId: 1,
    qualificationId: Q.cihL4Housing,
    provider: "CIH Housing Academy",
    status: "in_progress",
    enrolledOn: "2026-01-12",
    startedOn: "2026-01-20",
    expectedCompletion: "2026-11-30",
    achievedOn: null,
    pathway: null,
    unitResults: [],
    ...overrides,
  };
}

export function absence(from: string, to: string | null, staffId = 1): Absence {
  return { staffId, kind: "parental", from, to };
}

export interface Situation {
  person?: Partial<StaffMember>;
  records?: Array<Partial<QualificationRecord>>;
  absences?: Absence[];
  overrides?: PersonOverride[];
  settings?: Partial<OrganisationSettings>;
  homes?: number;
  providers?: ServiceProvider[];
  equivalences?: Array<Partial<EquivalenceAssessment>>;
  asOf: string;
}

let nextAssessmentId = 1;

/** A "met" assessment for person 1 of the Level 5 leadership diploma (not recognised in the catalogue) on 4 Mar 2026. */
export function assessment(overrides: Partial<EquivalenceAssessment> = {}): EquivalenceAssessment {
  return {
    id: nextAssessmentId++,
    staffId: 1,
    qualificationId: Q.ilmL5Leadership,
    assessedBy: "Jo Smith",
    assessedOn: "2026-03-04",
    evidenceRef: "HR/EQ/12",
    tqtHours: 240,
    outcome: "met",
    topUps: [],
    ...overrides,
  };
}

/** 1,200 homes: in force 1 Oct 2026, transition end and qualified deadline 1 Oct 2029. */
export function settings(overrides: Partial<OrganisationSettings> = {}, homes = 1200): OrganisationSettings {
  return { ...defaultOrganisationSettings(homes), ...overrides };
}

export function contextFor(input: {
  settings?: OrganisationSettings;
  records?: QualificationRecord[];
  absences?: Absence[];
  overrides?: PersonOverride[];
  decisions?: ScopeDecision[];
  providers?: ServiceProvider[];
  equivalences?: EquivalenceAssessment[];
}): ComplianceContext {
  return buildComplianceContext({
    settings: input.settings ?? settings(),
    decisions: input.decisions ?? DECISIONS,
    overrides: input.overrides ?? [],
    qualifications: QUALIFICATIONS,
    records: input.records ?? [],
    absences: input.absences ?? [],
    serviceProviders: input.providers,
    equivalences: input.equivalences,
  });
}

/** Evaluates one person in one situation. */
export function evaluate(situation: Situation): PersonCompliance {
  const p = person(situation.person);
  const ctx = contextFor({
    settings: settings(situation.settings, situation.homes),
    records: (situation.records ?? []).map((r) => record({ staffId: p.id, ...r })),
    absences: situation.absences,
    overrides: situation.overrides,
    providers: situation.providers,
    equivalences: (situation.equivalences ?? []).map((a) => assessment({ staffId: p.id, ...a })),
  });
  return evaluatePerson(p, ctx, situation.asOf);
}
