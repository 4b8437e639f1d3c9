import { describe, expect, test } from "vitest";
import { gapsNoUnitCovers, personGaps, recommendCourses, recommendUnits, unitDemand, type Gap, type Rating } from "../../../app/skills";
import { areaByCode, standardAreas } from "./fixtures";

const areas = standardAreas();
function gapsFor(agreedByCode: Record<string, number>, category: "senior_manager" | "frontline" | "senior_executive" = "senior_manager"): Gap[] {
  const r = new Map<number, Rating>();
  for (const [code, agreed] of Object.entries(agreedByCode)) {
    const a = areaByCode(areas, code);
    r.set(a.id, { areaId: a.id, self: null, manager: null, agreed, note: null });
  }
  return personGaps(areas, r, category);
}

describe("units that close a person's gaps", () => {
  test("a gap in Legislation and regulation alone points to the units that list it; ties keep the specification's order", () => {
    const recs = recommendUnits(gapsFor({ K1: 1 }), { qualified: false });
    expect(recs.map((r) => r.unit.unitRef)).toEqual(["F/504/4180", "J/504/4181", "H/504/4186", "Y/503/1175", "L/505/3593", "H/505/3597"]);
    expect(recs.every((r) => r.kind === "qualification_unit" && r.closes.length === 1 && r.closes[0].code === "K1")).toBe(true);
  });

  test("ranked by how many of the person's gaps each unit closes", () => {
    // Legislation (K1), People management (S9), Team work (B8), Collaborative working (S3)
    const gaps = gapsFor({ K1: 2, S9: 1, B8: 2, S3: 1 });
    const recs = recommendUnits(gaps, { qualified: false });
    // R/507/9256 Managing people and change: S3, S9, B8 → 3 gaps
    expect(recs[0].unit.unitRef).toBe("R/507/9256");
    expect(recs[0].closes.map((g) => g.code).sort()).toEqual(["B8", "S3", "S9"]);
    // J/504/4181 and L/505/3593 close K1, S3 and B8 (3 gaps, 1 + 2 + 1 = 4 levels); R/507/9256 closes 2 + 2 + 1 = 5 levels, so it ranks first.
    expect(recs.slice(1, 3).map((r) => r.unit.unitRef)).toEqual(["J/504/4181", "L/505/3593"]);
    expect(recs.slice(1, 3).every((r) => r.closes.length === 3)).toBe(true);
    for (let i = 1; i < recs.length; i++) expect(recs[i].closes.length).toBeLessThanOrEqual(recs[i - 1].closes.length);
    // Every unit listed covers at least one gap; a unit covering none is left out.
    expect(recs.some((r) => r.unit.unitRef === "F/507/9169")).toBe(false);
  });

  test("qualified people get the same units as top-ups; units already passed are not recommended again", () => {
    const gaps = gapsFor({ K1: 1, B2: 2 });
    const recs = recommendUnits(gaps, { qualified: true, achievedUnitRefs: new Set(["F/504/4180"]) });
    expect(recs.every((r) => r.kind === "top_up")).toBe(true);
    expect(recs.map((r) => r.unit.unitRef)).not.toContain("F/504/4180");
    // Trust and dependability (B2) + Legislation (K1): no remaining unit has both; B2 alone is in F/507/9169, L/504/4179, M/504/4188.
    expect(recs.map((r) => r.unit.unitRef)).toContain("F/507/9169");
  });

  test("the code of conduct and areas no unit lists are flagged for courses", () => {
    const gaps = gapsFor({ C1: 1, B5: 1, K1: 1 }, "senior_executive");
    expect(gapsNoUnitCovers(gaps).map((g) => g.code).sort()).toEqual(["B5", "C1"]);
    expect(recommendUnits(gapsFor({ C1: 0 }), { qualified: false })).toEqual([]);
  });

  test("short courses tagged with the gap areas, most gaps closed first", () => {
    const gaps = gapsFor({ K1: 1, K3: 0, C1: 1 });
    const courses = [
      { id: 1, title: "Damp and mould", provider: null, hours: 7, areaCodes: ["K1", "K3", "S4"] },
      { id: 2, title: "Disrepair", provider: null, hours: 6, areaCodes: ["K7"] },
      { id: 3, title: "Housing standards", provider: null, hours: 12, areaCodes: ["K1", "C1"] },
    ];
    const recs = recommendCourses(gaps, courses);
    expect(recs.map((r) => [r.course.title, r.closes.length])).toEqual([
      ["Damp and mould", 2],
      ["Housing standards", 2],
    ]);
    // Damp and mould closes K3 (3 − 0) and K1 (3 − 1) = 5 levels; Housing standards closes K1 (2) and C1 (3 − 1 = 2) = 4.
    expect(recs[0].closesLevels).toBeGreaterThan(recs[1].closesLevels);
  });

  test("across a campaign: the units that would help most people", () => {
    const demand = unitDemand([
      { gaps: gapsFor({ S9: 1 }), qualified: false },
      { gaps: gapsFor({ S9: 2, K1: 1 }), qualified: true },
      { gaps: gapsFor({ K1: 1 }), qualified: false },
    ]);
    const managing = demand.find((d) => d.unit.unitRef === "R/507/9256")!;
    expect(managing).toMatchObject({ people: 2, topUps: 1, gapsClosed: 2 });
    const legal = demand.find((d) => d.unit.unitRef === "H/504/4186")!;
    expect(legal).toMatchObject({ people: 2, topUps: 1, gapsClosed: 2 });
    expect(demand[0].people).toBe(2);
  });
});
