// Recommendations respect the person's required level and role: executives are pointed at Level 5, housing
// managers at housing qualifications and units, repairs and maintenance roles at the maintenance certificate.
import { describe, expect, it } from "vitest";
import catalogue from "../../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { isMaintenanceRole, isRepairsOnlyUnit, qualificationOptions, qualificationsForRole } from "../../../app/planning";
import type { UnitResult } from "../../../app/compliance";
import { QUALIFICATIONS, Q, person } from "./fixtures";

describe("repairs-only units of the Managing Housing Maintenance certificate", () => {
  it("are the eight whose subject is repairs or maintenance; the four housing units are not", () => {
    const housing = catalogue.units.filter((u) => !isRepairsOnlyUnit(u)).map((u) => `${u.unitRef} ${u.title}`);
    expect(housing).toEqual([
      "F/507/9169 Professional practice skills for housing",
      "Y/503/1175 The delivery of housing services",
      "F/507/9172 Customer service in housing",
      "R/507/9256 Managing people and change",
    ]);
    expect(catalogue.units.filter(isRepairsOnlyUnit)).toHaveLength(8);
  });
});

describe("maintenance roles, by job title or department", () => {
  it.each([
    ["Repairs Manager", "Operations", true],
    ["Head of Asset Management", null, true],
    ["Housing Manager", "Property Services", true],
    ["Voids Team Leader", "Lettings", true],
    ["Housing Manager", "Neighbourhoods", false],
    ["Director of Housing", "Executive Office", false],
    ["Income Manager", null, false],
  ] as const)("%s in %s: %s", (jobTitle, department, expected) => {
    expect(isMaintenanceRole({ jobTitle, department })).toBe(expected);
  });
});

describe("the qualifications to point a person at", () => {
  it.each([
    ["an executive: Level 5, shortest first (not the BSc, not the unrecognised diploma)", 5, "Director of Housing", "Executive Office", [Q.diplomaL5, Q.foundationL5]],
    ["an executive of property services: still Level 5 only", 5, "Director of Property", "Property Services", [Q.diplomaL5, Q.foundationL5]],
    ["a housing manager: general housing Level 4, no maintenance certificate", 4, "Housing Manager", "Neighbourhoods", [Q.housingL4, Q.apprenticeshipL4]],
    ["a repairs manager: the maintenance certificate first", 4, "Repairs Manager", "Property Services", [Q.maintenanceL4, Q.housingL4, Q.apprenticeshipL4]],
  ] as const)("%s", (_name, requiredLevel, jobTitle, department, expected) => {
    expect(qualificationsForRole({ requiredLevel, jobTitle, department }, QUALIFICATIONS).map((q) => q.id)).toEqual(expected);
  });
});

describe("planner options: units already passed do not override the level or the role", () => {
  const options = (over: Parameters<typeof person>[0]) =>
    qualificationOptions(person(over), QUALIFICATIONS, { 4: 12, 5: 18 }).map((o) => [o.qualificationId, o.topUp ? "top-up" : "full"]);
  const passed = (...refs: string[]): UnitResult[] => refs.map((unitRef) => ({ unitRef, result: "pass" }));
  it.each([
    ["a housing manager who passed only a housing unit (F/507/9169): housing qualifications, no maintenance top-up", {}, passed("F/507/9169"), [[Q.housingL4, "full"], [Q.apprenticeshipL4, "full"]]],
    ["a housing manager who passed housing units only: still no maintenance top-up", {}, passed("F/507/9169", "Y/503/1175", "F/507/9172"), [[Q.housingL4, "full"], [Q.apprenticeshipL4, "full"]]],
    ["a housing manager who already passed a repairs unit: the maintenance top-up first", {}, passed("F/507/9169", "F/504/4180"), [[Q.maintenanceL4, "top-up"], [Q.housingL4, "full"], [Q.apprenticeshipL4, "full"]]],
    ["a repairs manager with a housing unit: the maintenance top-up first", { jobTitle: "Repairs Manager" }, passed("F/507/9169"), [[Q.maintenanceL4, "top-up"], [Q.housingL4, "full"], [Q.apprenticeshipL4, "full"]]],
    ["an executive with Level 4 units: Level 5 only", { requiredLevel: 5 as const, jobTitle: "Director of Housing" }, passed("F/507/9169", "F/504/4180"), [[Q.diplomaL5, "full"], [Q.foundationL5, "full"]]],
  ])("%s", (_name, over, priorUnits, expected) => {
    expect(options({ ...over, priorUnits })).toEqual(expected);
  });
});
