import { describe, expect, test } from "vitest";
import spec from "../../../db/catalogue/cih-l4-managing-housing-maintenance.json";
import { MHM_UNITS, STANDARD_AREAS, standardCode, unitsCovering } from "../../../app/skills";

const name = (code: string) => STANDARD_AREAS.find((a) => a.code === code)!.name;

describe("the standard's areas", () => {
  test("7 knowledge, 11 skills and 9 behaviour areas from the specification, plus the code of conduct", () => {
    expect(STANDARD_AREAS.filter((a) => a.group === "knowledge").map((a) => a.name)).toEqual(spec.apprenticeshipAreas.knowledge);
    expect(STANDARD_AREAS.filter((a) => a.group === "skills").map((a) => a.name)).toEqual(spec.apprenticeshipAreas.skills);
    expect(STANDARD_AREAS.filter((a) => a.group === "behaviours").map((a) => a.name)).toEqual(spec.apprenticeshipAreas.behaviours);
    expect(STANDARD_AREAS.filter((a) => a.group === "conduct").map((a) => a.name)).toEqual(["Code of conduct"]);
    expect(STANDARD_AREAS).toHaveLength(28);
    expect(STANDARD_AREAS.slice(0, 2).map((a) => a.code)).toEqual(["K1", "K2"]);
    expect(new Set(STANDARD_AREAS.map((a) => a.code)).size).toBe(28);
    expect(standardCode("skills", "People management")).toBe("S9");
    expect(standardCode("behaviours", "personal development")).toBe("B9");
    expect(standardCode("knowledge", "People management")).toBeUndefined();
  });
});

// The mapping of every unit, written out from the CIH specification (not derived from the same file).
const EXPECTED: Record<string, { knowledge: string[]; skills: string[]; behaviours: string[] }> = {
  "F/507/9169": { knowledge: [], skills: [], behaviours: ["Trust and dependability", "Personal development"] },
  "L/504/4179": {
    knowledge: ["Organisation background information", "Assets", "Customers and stakeholders", "Organisational policies"],
    skills: ["Information collection and sharing", "Financial management", "Decision making and prioritising", "Tools and equipment"],
    behaviours: ["Trust and dependability"],
  },
  "F/504/4180": {
    knowledge: ["Legislation and regulation", "Organisation background information", "Range of services", "Organisational policies"],
    skills: ["Collaborative working", "Respond to vulnerability", "Information collection and sharing", "Tools and equipment"],
    behaviours: ["Responsive", "Trust and dependability", "Self motivation"],
  },
  "J/504/4181": {
    knowledge: ["Legislation and regulation", "Organisation background information", "Customers and stakeholders", "Range of services", "Organisational policies"],
    skills: [
      "Customer service",
      "Communication",
      "Collaborative working",
      "Information collection and sharing",
      "Influencing and negotiating",
      "Financial management",
      "Performance and project management",
      "Decision making and prioritising",
      "Tools and equipment",
    ],
    behaviours: ["Responsive", "Adaptability", "Leadership", "Team work"],
  },
  "Y/504/4184": {
    knowledge: ["Organisation background information", "Customers and stakeholders", "Range of services", "Organisational policies"],
    skills: ["Customer service", "Communication", "Information collection and sharing", "Financial management", "Performance and project management", "Decision making and prioritising", "Tools and equipment"],
    behaviours: ["Responsive", "Adaptability"],
  },
  "H/504/4186": { knowledge: ["Legislation and regulation"], skills: [], behaviours: [] },
  "M/504/4188": { knowledge: ["Assets"], skills: ["Collaborative working", "Information collection and sharing", "Influencing and negotiating", "Tools and equipment"], behaviours: ["Trust and dependability"] },
  "Y/503/1175": {
    knowledge: ["Legislation and regulation", "Customers and stakeholders", "Context", "Range of services"],
    skills: ["Customer service", "Collaborative working", "Information collection and sharing", "Influencing and negotiating"],
    behaviours: ["Customer care"],
  },
  "F/507/9172": { knowledge: ["Organisation background information", "Customers and stakeholders", "Organisational policies"], skills: ["Customer service"], behaviours: [] },
  "R/507/9256": { knowledge: ["Organisation background information", "Organisational policies"], skills: ["Collaborative working", "People management"], behaviours: ["Team work"] },
  "L/505/3593": {
    knowledge: ["Legislation and regulation", "Organisation background information", "Customers and stakeholders", "Range of services", "Organisational policies"],
    skills: [
      "Communication",
      "Collaborative working",
      "Information collection and sharing",
      "Influencing and negotiating",
      "Financial management",
      "Performance and project management",
      "Decision making and prioritising",
      "Tools and equipment",
    ],
    behaviours: ["Responsive", "Adaptability", "Leadership", "Team work"],
  },
  "H/505/3597": {
    knowledge: ["Legislation and regulation", "Organisation background information", "Assets", "Customers and stakeholders", "Range of services", "Organisational policies"],
    skills: ["Customer service", "Information collection and sharing", "Financial management", "Performance and project management", "Tools and equipment"],
    behaviours: ["Responsive", "Customer care"],
  },
};

describe("units mapped to areas, exactly as the specification lists them", () => {
  test("every unit of the specification is there, in order, with its credits and group", () => {
    expect(MHM_UNITS.map((u) => u.unitRef)).toEqual(Object.keys(EXPECTED));
    expect(MHM_UNITS.every((u) => u.credits === 6)).toBe(true);
    expect(MHM_UNITS.filter((u) => u.group === "mandatory").map((u) => u.unitRef)).toEqual(["F/507/9169"]);
  });

  test.each(Object.entries(EXPECTED))("%s", (unitRef, links) => {
    const unit = MHM_UNITS.find((u) => u.unitRef === unitRef)!;
    const byGroup = (group: string) => unit.areaCodes.filter((c) => STANDARD_AREAS.find((a) => a.code === c)!.group === group).map(name);
    expect(byGroup("knowledge")).toEqual(links.knowledge);
    expect(byGroup("skills")).toEqual(links.skills);
    expect(byGroup("behaviours")).toEqual(links.behaviours);
    expect(byGroup("conduct")).toEqual([]);
  });

  test("a gap in Legislation and regulation points to the six units that list it", () => {
    expect(unitsCovering("K1").map((u) => u.unitRef)).toEqual(["F/504/4180", "J/504/4181", "H/504/4186", "Y/503/1175", "L/505/3593", "H/505/3597"]);
    expect(unitsCovering("S9").map((u) => u.unitRef)).toEqual(["R/507/9256"]);
    expect(unitsCovering("B5")).toEqual([]); // Resilience: no unit lists it
    expect(unitsCovering("C1")).toEqual([]); // the code of conduct: courses only
  });
});
