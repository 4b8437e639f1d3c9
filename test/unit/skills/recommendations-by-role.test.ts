// Skills-audit recommendations respect the person's required level and role: an executive is pointed at Level 5
// and the Level 4 units are development only; a housing manager gets housing units, not repairs-only ones.
import { describe, expect, it } from "vitest";
import { gapsNoUnitCovers, personGaps, qualificationAdvice, recommendUnits, unitDemand, unitFit, type Gap, type Rating, type RecommendationRole } from "../../../app/skills";
import { QUALIFICATIONS } from "../planning/fixtures";
import { areaByCode, standardAreas } from "./fixtures";

const areas = standardAreas();
function gapsFor(agreedByCode: Record<string, number>): Gap[] {
  const r = new Map<number, Rating>();
  for (const [code, agreed] of Object.entries(agreedByCode)) {
    const a = areaByCode(areas, code);
    r.set(a.id, { areaId: a.id, self: null, manager: null, agreed, note: null });
  }
  return personGaps(areas, r, "senior_manager");
}

const executive: RecommendationRole = { requiredLevel: 5, jobTitle: "Director of Housing", department: "Executive Office" };
const housingManager: RecommendationRole = { requiredLevel: 4, jobTitle: "Housing Manager", department: "Neighbourhoods" };
const repairsManager: RecommendationRole = { requiredLevel: 4, jobTitle: "Repairs Manager", department: "Property Services" };
const officer: RecommendationRole = { requiredLevel: null, jobTitle: "Housing Officer", department: "Neighbourhoods" };

describe("how units are offered", () => {
  it.each([
    ["no role known (as before)", undefined, false, { kind: "qualification_unit", repairsUnits: true }],
    ["a housing manager working towards Level 4", housingManager, false, { kind: "qualification_unit", repairsUnits: false }],
    ["a repairs manager working towards Level 4", repairsManager, false, { kind: "qualification_unit", repairsUnits: true }],
    ["an executive: Level 4 units are development only", executive, false, { kind: "development", repairsUnits: false }],
    ["someone who needs no qualification: development", officer, false, { kind: "development", repairsUnits: false }],
    ["a qualified housing manager: top-ups, still no repairs units", housingManager, true, { kind: "top_up", repairsUnits: false }],
  ] as const)("%s", (_name, role, qualified, expected) => {
    expect(unitFit(role, qualified)).toEqual(expected);
  });
});

describe("units recommended for a gap in Legislation and regulation (K1)", () => {
  const k1 = gapsFor({ K1: 1 });
  it.each([
    ["a repairs manager: every unit listing it", repairsManager, ["F/504/4180", "J/504/4181", "H/504/4186", "Y/503/1175", "L/505/3593", "H/505/3597"], "qualification_unit"],
    ["a housing manager: the housing unit only", housingManager, ["Y/503/1175"], "qualification_unit"],
    ["an executive: the housing unit, as development", executive, ["Y/503/1175"], "development"],
  ] as const)("%s", (_name, role, refs, kind) => {
    const recs = recommendUnits(k1, { qualified: false, role });
    expect(recs.map((r) => r.unit.unitRef)).toEqual(refs);
    expect(recs.every((r) => r.kind === kind)).toBe(true);
  });

  it("a gap only repairs units list (Tools and equipment, S11) goes to courses for a housing manager", () => {
    const s11 = gapsFor({ S11: 0 });
    expect(recommendUnits(s11, { qualified: false, role: housingManager })).toEqual([]);
    expect(gapsNoUnitCovers(s11, undefined, housingManager).map((g) => g.code)).toEqual(["S11"]);
    expect(gapsNoUnitCovers(s11, undefined, repairsManager)).toEqual([]);
  });

  it("campaign demand counts repairs units only for the people they fit", () => {
    const demand = unitDemand([
      { gaps: k1, qualified: false, role: housingManager },
      { gaps: k1, qualified: false, role: repairsManager },
    ]);
    expect(demand.find((d) => d.unit.unitRef === "Y/503/1175")?.people).toBe(2);
    expect(demand.find((d) => d.unit.unitRef === "F/504/4180")?.people).toBe(1);
  });
});

describe("the qualification to aim for", () => {
  it.each([
    ["an executive: Level 5", executive, "not_enrolled", ["CIH Level 5 Diploma in Housing", "Foundation Degree in Housing"], /^Level 5 required: .*development only/],
    ["a housing manager: housing Level 4, not the maintenance certificate", housingManager, "not_enrolled", ["CIH Level 4 Certificate in Housing", "Senior Housing / Property Management Apprenticeship (Level 4)"], /^Level 4 required, in a housing role: .*repairs and maintenance are left out/],
    ["a repairs manager: the maintenance certificate first", repairsManager, "working_towards", ["CIH Level 4 Certificate in Managing Housing Maintenance", "CIH Level 4 Certificate in Housing", "Senior Housing / Property Management Apprenticeship (Level 4)"], /^Level 4 required, in a repairs, maintenance or asset role/],
  ] as const)("%s", (_name, role, status, titles, text) => {
    const advice = qualificationAdvice(role, status, QUALIFICATIONS)!;
    expect(advice.qualifications.map((q) => q.title)).toEqual(titles);
    expect(advice.text).toMatch(text);
  });

  it.each([
    ["qualified", executive, "qualified"],
    ["no qualification required", officer, "not_required"],
  ] as const)("none when %s", (_name, role, status) => {
    expect(qualificationAdvice(role, status, QUALIFICATIONS)).toBeNull();
  });

  it("says when the catalogue has nothing at the level", () => {
    expect(qualificationAdvice(executive, "not_enrolled", QUALIFICATIONS.filter((q) => q.level < 5))?.text).toMatch(/^Level 5 required: no recognised qualification in the catalogue yet/);
  });
});
