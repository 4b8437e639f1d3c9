// Builders for the planner tests: the starter catalogue (with the maintenance certificate's real rules of
// combination and unit areas), people and intakes stated by what makes each row different.

import catalogue from "../../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { normaliseUnitRef, rulesOfCombinationFromCatalogue } from "../../../app/compliance";
import type { PlanInput, PlanIntake, PlanPerson, PlanQualification } from "../../../app/planning";

export const Q = { housingL4: 1, maintenanceL4: 2, apprenticeshipL4: 3, diplomaL5: 4, foundationL5: 5, bsc: 6, practiceL3: 7, ilmL5: 8 } as const;

const unitAreas = new Map<string, string[]>(
  catalogue.units.map((u) => [normaliseUnitRef(u.unitRef), [...u.apprenticeshipStandardLinks.knowledge, ...u.apprenticeshipStandardLinks.skills, ...u.apprenticeshipStandardLinks.behaviours]]),
);

export const QUALIFICATIONS: PlanQualification[] = [
  { id: 1, code: "CIH-L4-CH", title: "CIH Level 4 Certificate in Housing", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: null },
  { id: 2, code: "CIH-L4-MHM", title: "CIH Level 4 Certificate in Managing Housing Maintenance", level: 4, recognised: true, typicalMonths: 12, rulesOfCombination: rulesOfCombinationFromCatalogue(catalogue), unitAreas },
  { id: 3, code: "APP-L4-SHPM", title: "Senior Housing / Property Management Apprenticeship (Level 4)", level: 4, recognised: true, typicalMonths: 21, rulesOfCombination: null },
  { id: 4, code: "CIH-L5-DH", title: "CIH Level 5 Diploma in Housing", level: 5, recognised: true, typicalMonths: 18, rulesOfCombination: null },
  { id: 5, code: "FD-HOUSING", title: "Foundation Degree in Housing", level: 5, recognised: true, typicalMonths: 24, rulesOfCombination: null },
  { id: 6, code: "BSC-HOUSING", title: "BSc (Hons) Housing Studies", level: 6, recognised: true, typicalMonths: 36, rulesOfCombination: null },
  { id: 7, code: "CIH-L3-CHP", title: "CIH Level 3 Certificate in Housing Practice", level: 3, recognised: true, typicalMonths: 9, rulesOfCombination: null },
  { id: 8, code: "ILM-L5-LM", title: "Level 5 Diploma in Leadership and Management", level: 5, recognised: false, typicalMonths: 12, rulesOfCombination: null },
];

export const AS_OF = "2026-11-23";

/** A Level 4 neighbourhood manager due to qualify by the October 2029 deadline, with no prior learning. */
export function person(overrides: Partial<PlanPerson> = {}): PlanPerson {
  return {
    staffId: 1,
    requiredLevel: 4,
    qualifyBy: "2029-10-01",
    latestStart: "2028-10-01",
    jobTitle: "Neighbourhood Manager",
    department: "Neighbourhoods",
    priorUnits: [],
    priorPathway: null,
    auditGaps: [],
    ...overrides,
  };
}

let nextIntakeId = 100;
export function intake(overrides: Partial<PlanIntake> = {}): PlanIntake {
  return {
    id: nextIntakeId++,
    provider: "CIH Housing Academy",
    qualificationId: Q.housingL4,
    startDate: "2027-01-11",
    capacity: 10,
    pricePence: 165_000,
    courseMonths: null,
    ...overrides,
  };
}

export function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    asOf: AS_OF,
    people: [person()],
    qualifications: QUALIFICATIONS,
    intakes: [intake({ id: 1 })],
    pins: [],
    courseMonths: { 4: 12, 5: 18 },
    ...overrides,
  };
}

/** n Level 4 neighbourhood managers with ids from `from`. */
export function managers(n: number, from = 1, overrides: Partial<PlanPerson> = {}): PlanPerson[] {
  return Array.from({ length: n }, (_, i) => person({ staffId: from + i, ...overrides }));
}
