import { describe, expect, test } from "vitest";
import { compareAreas, comparePeople, parseRating, parseRefs, selectParticipants, type Candidate, type Rating } from "../../../app/skills";
import { areaByCode, standardAreas } from "./fixtures";

const rating = (areaId: number, agreed: number | null): Rating => ({ areaId, self: null, manager: null, agreed, note: null });

describe("comparing two campaigns", () => {
  const before = standardAreas();
  // The later campaign uses a copy of the framework: new ids, a renamed area, same codes.
  const after = standardAreas().map((a) => ({ ...a, id: a.id + 1000, name: a.code === "K1" ? "Law and regulation" : a.name }));
  const k1b = areaByCode(before, "K1");
  const k1a = areaByCode(after, "K1");
  const s9b = areaByCode(before, "S9");
  const s9a = areaByCode(after, "S9");
  const A = {
    areas: before,
    people: [
      { staffId: 1, category: "senior_manager" as const },
      { staffId: 2, category: "senior_manager" as const },
    ],
    ratingsByStaff: new Map([
      [1, new Map([[k1b.id, rating(k1b.id, 1)], [s9b.id, rating(s9b.id, 3)]])],
      [2, new Map([[k1b.id, rating(k1b.id, 2)]])],
    ]),
  };
  const B = {
    areas: after,
    people: [
      { staffId: 1, category: "senior_manager" as const },
      { staffId: 3, category: "senior_manager" as const },
    ],
    ratingsByStaff: new Map([
      [1, new Map([[k1a.id, rating(k1a.id, 3)], [s9a.id, rating(s9a.id, 2)]])],
      [3, new Map([[k1a.id, rating(k1a.id, 0)]])],
    ]),
  };

  test("per area, matched by code (the renamed area still matches)", () => {
    const k1 = compareAreas(A, B).find((c) => c.code === "K1")!;
    expect(k1.area).toBe("Law and regulation");
    expect(k1.before).toEqual({ rated: 2, meanAgreed: 1.5, meanGap: 1.5 });
    expect(k1.after).toEqual({ rated: 2, meanAgreed: 1.5, meanGap: 1.5 });
    expect(k1.agreedChange).toBe(0);
    const s9 = compareAreas(A, B).find((c) => c.code === "S9")!;
    expect(s9.agreedChange).toBe(-1);
    expect(s9.gapChange).toBe(1);
    expect(compareAreas(A, B).find((c) => c.code === "B1")).toMatchObject({ agreedChange: null, gapChange: null });
  });

  test("per person in both campaigns", () => {
    expect(comparePeople(A, B)).toEqual([{ staffId: 1, areasCompared: 2, gapBefore: 2, gapAfter: 1, gapChange: -1, improved: ["Law and regulation"], worse: ["People management"] }]);
  });
});

describe("reading a rating", () => {
  test.each([
    ["", null],
    [" 3 ", 3],
    ["0", 0],
    ["4.0", 4],
    ["3 - Proficient", 3],
    ["2 (working)", 2],
    ["Expert", 4],
    ["aware", 1],
  ])("%j → %j", (text, value) => {
    expect(parseRating(text)).toEqual({ ok: true, value });
  });
  test.each(["5", "-1", "2.5", "three", "3 - Expert", "=1+1"])("%j is refused with a message", (text) => {
    const r = parseRating(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });
});

describe("who a campaign includes", () => {
  const people: Candidate[] = [
    { staffId: 1, employeeRef: "R1", category: "senior_manager", department: "Property Services", employer: null, active: true },
    { staffId: 2, employeeRef: "R2", category: "frontline", department: "Property Services", employer: "Upkeep Repairs Ltd", active: true },
    { staffId: 3, employeeRef: "R3", category: "senior_executive", department: "Executive Office", employer: null, active: true },
    { staffId: 4, employeeRef: "R4", category: "senior_manager", department: "Income", employer: null, active: false },
    { staffId: 5, employeeRef: "R5", category: "out_of_scope", department: "Finance", employer: null, active: true },
    { staffId: 6, employeeRef: "R6", category: "unmapped", department: "Finance", employer: null, active: true },
  ];
  const refs = (f: Partial<Parameters<typeof selectParticipants>[1]>) =>
    selectParticipants(people, { categories: [], departments: [], employers: [], refs: [], ...f }).selected.map((p) => p.employeeRef);

  test("no filters: everyone in post with a target category", () => {
    expect(refs({})).toEqual(["R1", "R2", "R3"]);
  });
  test("filters combine (and); within one filter any value matches", () => {
    expect(refs({ categories: ["senior_manager", "frontline"], departments: ["Property Services"] })).toEqual(["R1", "R2"]);
    expect(refs({ employers: [""] })).toEqual(["R1", "R3"]);
    expect(refs({ employers: ["Upkeep Repairs Ltd"] })).toEqual(["R2"]);
  });
  test("a list of refs alone, or added to the filters", () => {
    expect(refs({ refs: ["r3"] })).toEqual(["R3"]);
    expect(refs({ categories: ["frontline"], refs: ["R1"] })).toEqual(["R1", "R2"]);
  });
  test("unknown refs and people with no targets are reported", () => {
    const s = selectParticipants(people, { categories: [], departments: [], employers: [], refs: ["R4", "R5", "R6", "NOPE"] });
    expect(s.unknownRefs).toEqual(["NOPE"]);
    expect(s.notAuditable.map((n) => n.employeeRef)).toEqual(["R4", "R5", "R6"]);
  });
  test("pasted refs", () => {
    expect(parseRefs("R1, R2\nR3;R1  R4")).toEqual(["R1", "R2", "R3", "R4"]);
  });
});
