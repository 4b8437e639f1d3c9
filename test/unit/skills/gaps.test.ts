import { describe, expect, test } from "vitest";
import { NO_DEPARTMENT, gapFor, heatBand, heatMap, personGaps, personProfile, progressCounts, progressOf, withoutPeople, type Rating } from "../../../app/skills";
import { areaByCode, standardAreas } from "./fixtures";

const areas = standardAreas({ K1: [4, 3, 2], S9: [4, 3, 1] });
const K1 = areaByCode(areas, "K1");
const S9 = areaByCode(areas, "S9");
const B5 = areaByCode(areas, "B5");

function ratings(entries: Array<[number, Partial<Rating>]>): Map<number, Rating> {
  return new Map(entries.map(([areaId, r]) => [areaId, { areaId, self: null, manager: null, agreed: null, note: null, ...r }]));
}

describe("gap = target − agreed rating", () => {
  test.each([
    [3, 1, 2],
    [3, 3, 0],
    [2, 4, 0], // above target is no gap
    [4, 0, 4],
  ])("target %i, agreed %i → gap %i", (target, agreed, gap) => {
    expect(gapFor(target, agreed)).toBe(gap);
  });
  test("no agreed rating, no gap yet", () => {
    expect(gapFor(3, null)).toBeNull();
    expect(gapFor(3, undefined)).toBeNull();
  });

  test("the target depends on the person's category", () => {
    const r = ratings([[K1.id, { agreed: 2, self: 3 }]]);
    expect(personGaps(areas, r, "senior_executive")).toEqual([{ areaId: K1.id, code: "K1", area: "Legislation and regulation", group: "knowledge", target: 4, agreed: 2, gap: 2 }]);
    expect(personGaps(areas, r, "senior_manager").map((g) => g.gap)).toEqual([1]);
    expect(personGaps(areas, r, "frontline")).toEqual([]);
  });

  test("gaps come largest first, then in framework order; self and manager ratings do not make gaps", () => {
    const r = ratings([
      [B5.id, { agreed: 2 }], // gap 1
      [S9.id, { agreed: 1 }], // gap 3 (senior executive target 4)
      [K1.id, { agreed: 3 }], // gap 1
      [areaByCode(areas, "K2").id, { self: 0, manager: 0 }], // no agreed rating
    ]);
    expect(personGaps(areas, r, "senior_executive").map((g) => [g.code, g.gap])).toEqual([
      ["S9", 3],
      ["K1", 1],
      ["B5", 1],
    ]);
    const profile = personProfile(areas, r, "senior_executive");
    expect(profile).toHaveLength(28);
    expect(profile.find((p) => p.code === "K2")).toMatchObject({ self: 0, manager: 0, agreed: null, gap: null, target: 3 });
  });
});

describe("progress", () => {
  const all = (agreed: number) => ratings(areas.map((a) => [a.id, { agreed }]));
  test("complete, partly done, not started", () => {
    expect(progressOf(areas, all(3))).toBe("complete");
    expect(progressOf(areas, ratings([[K1.id, { self: 2 }]]))).toBe("partial");
    expect(progressOf(areas, ratings([[K1.id, { note: "Observed at panel" }]]))).toBe("partial");
    expect(progressOf(areas, new Map())).toBe("not_started");
    expect(progressOf(areas, undefined)).toBe("not_started");
    expect(progressOf(areas, ratings([[K1.id, {}]]))).toBe("not_started");
  });
  test("retired areas do not count towards complete", () => {
    const withRetired = areas.map((a) => (a.code === "B5" ? { ...a, retired: true } : a));
    const r = all(3);
    r.delete(B5.id);
    expect(progressOf(withRetired, r)).toBe("complete");
    expect(progressOf(areas, r)).toBe("partial");
  });
  test("counts", () => {
    const byStaff = new Map([
      [1, all(2)],
      [2, ratings([[K1.id, { agreed: 1 }]])],
    ]);
    expect(progressCounts(areas, [{ staffId: 1 }, { staffId: 2 }, { staffId: 3 }], byStaff)).toEqual({ complete: 1, partial: 1, not_started: 1, total: 3 });
  });
});

describe("heat maps", () => {
  const people = [
    { staffId: 1, category: "senior_manager" as const, department: "Property Services", employer: null },
    { staffId: 2, category: "senior_manager" as const, department: "Property Services", employer: null },
    { staffId: 3, category: "frontline" as const, department: "Property Services", employer: "Upkeep Repairs Ltd" },
    { staffId: 4, category: "senior_executive" as const, department: null, employer: null },
    { staffId: 5, category: "senior_executive" as const, department: "Executive Office", employer: null },
  ];
  const byStaff = new Map([
    [1, ratings([[K1.id, { agreed: 1 }]])], // target 3 → gap 2
    [2, ratings([[K1.id, { agreed: 3 }]])], // gap 0
    [3, ratings([[K1.id, { agreed: 1 }]])], // frontline target 2 → gap 1
    [4, ratings([[K1.id, { agreed: 4 }]])], // gap 0
    // 5 not rated
  ]);

  test("by department: mean gap over the people rated, who has a gap, columns sorted with no department last", () => {
    const map = heatMap("department", areas, people, byStaff);
    expect(map.columns).toEqual(["Executive Office", "Property Services", NO_DEPARTMENT]);
    expect(map.columnPeople).toEqual({ "Executive Office": 1, "Property Services": 3, [NO_DEPARTMENT]: 1 });
    const k1 = map.rows.find((r) => r.code === "K1")!;
    expect(k1.cells["Property Services"]).toEqual({ rated: 3, withGap: 2, meanGap: 1, staffIds: [1, 3] });
    expect(k1.cells["Executive Office"]).toEqual({ rated: 0, withGap: 0, meanGap: null, staffIds: [] });
    expect(k1.cells[NO_DEPARTMENT]).toEqual({ rated: 1, withGap: 0, meanGap: 0, staffIds: [] });
    expect(k1.total).toEqual({ rated: 4, withGap: 2, meanGap: 0.75, staffIds: [1, 3] });
    expect(map.rows).toHaveLength(28);
    expect(withoutPeople(map).rows.find((r) => r.code === "K1")!.total.staffIds).toEqual([]);
  });

  test("by category, in the order executive, manager, frontline", () => {
    const map = heatMap("category", areas, people, byStaff);
    expect(map.columns).toEqual(["senior_executive", "senior_manager", "frontline"]);
    const k1 = map.rows.find((r) => r.code === "K1")!;
    expect(k1.cells.senior_manager).toMatchObject({ rated: 2, withGap: 1, meanGap: 1 });
    expect(k1.cells.frontline).toMatchObject({ rated: 1, withGap: 1, meanGap: 1 });
    expect(k1.cells.senior_executive).toMatchObject({ rated: 1, withGap: 0, meanGap: 0 });
  });

  test("colour bands", () => {
    expect([null, 0, 0.3, 0.5, 1, 1.49, 1.5, 3].map(heatBand)).toEqual(["none", "0", "1", "2", "3", "3", "4", "4"]);
  });
});
