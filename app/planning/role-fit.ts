// Which qualifications and units fit a person's required level and role. Pure, shared by the workforce planner
// and the skills-audit recommendations: an executive (Level 5 required) is pointed at Level 5; a housing manager
// at housing qualifications and housing units, never at units that only cover repairs and maintenance; the
// maintenance certificate and its repairs units are for repairs, maintenance and asset roles.

import { meetsRequirement } from "../compliance/records";
import type { Qualification, RequiredLevel } from "../compliance/types";

/** Roles whose work is repairs, maintenance or assets: the maintenance certificate fits them. */
const MAINTENANCE_ROLE = /repair|maintenance|voids?\b|asset|building safety|damp|mould|property services|planned works|stock condition/i;

/** Units whose subject is repairs or maintenance (the Managing Housing Maintenance certificate's specialist units). */
const REPAIRS_UNIT = /repair|maintenance/i;

export interface RoleOf {
  jobTitle: string;
  department: string | null;
}

export function isMaintenanceRole(person: RoleOf): boolean {
  return MAINTENANCE_ROLE.test(person.jobTitle) || (person.department != null && MAINTENANCE_ROLE.test(person.department));
}

/** A unit that only covers repairs and maintenance ("Health and safety for repairs and maintenance"), by its title. */
export function isRepairsOnlyUnit(unit: { title: string }): boolean {
  return REPAIRS_UNIT.test(unit.title);
}

/** A qualification with named pathways is a specialist one (in the catalogue: the maintenance certificate). */
export function isSpecialist(q: Pick<Qualification, "rulesOfCombination">): boolean {
  return (q.rulesOfCombination?.pathways.length ?? 0) > 0;
}

/** Qualifications that would meet the person's requirement: the required level itself, else the lowest level above it. */
export function qualificationsAtLevel<Q extends Pick<Qualification, "recognised" | "level">>(qualifications: readonly Q[], level: RequiredLevel): Q[] {
  const exact = qualifications.filter((q) => q.recognised && q.level === level);
  if (exact.length > 0) return exact;
  const higher = qualifications.filter((q) => meetsRequirement(q, level));
  if (higher.length === 0) return [];
  const lowest = Math.min(...higher.map((q) => q.level));
  return higher.filter((q) => q.level === lowest);
}

function byLengthThenTitle(a: Pick<Qualification, "typicalMonths" | "title" | "id">, b: Pick<Qualification, "typicalMonths" | "title" | "id">): number {
  const ma = a.typicalMonths ?? Number.POSITIVE_INFINITY;
  const mb = b.typicalMonths ?? Number.POSITIVE_INFINITY;
  if (ma !== mb) return ma - mb;
  if (a.title !== b.title) return a.title < b.title ? -1 : 1;
  return a.id - b.id;
}

/**
 * The qualifications to point a person at, best first: those at their required level (Level 5 for executives);
 * for a maintenance role the specialist (pathway) qualification first, then the general ones; for any other role
 * the general ones only. Shortest course first within each.
 */
export function qualificationsForRole<Q extends Qualification>(person: RoleOf & { requiredLevel: RequiredLevel }, qualifications: readonly Q[]): Q[] {
  const candidates = [...qualificationsAtLevel(qualifications, person.requiredLevel)].sort(byLengthThenTitle);
  const general = candidates.filter((q) => !isSpecialist(q));
  return isMaintenanceRole(person) ? [...candidates.filter(isSpecialist), ...general] : general;
}

export { byLengthThenTitle };
