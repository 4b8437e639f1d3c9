import { describe, expect, it } from "vitest";
import { planWorkforce, type PlanInput, type PlanResult, type UnplannedCode } from "../../../app/planning";
import { AS_OF, Q, input, intake, managers, person } from "./fixtures";

const placement = (result: PlanResult) => Object.fromEntries(result.assignments.map((a) => [a.staffId, a.intakeId]));
const unplacedCodes = (result: PlanResult) => Object.fromEntries(result.unplanned.map((u) => [u.staffId, u.code]));

describe("deadlines: the earliest intake that still finishes by qualify-by", () => {
  it.each<[string, Partial<PlanInput>, Record<number, number>, Record<number, UnplannedCode>]>([
    [
      "the earliest of several intakes",
      { intakes: [intake({ id: 2, startDate: "2027-09-13" }), intake({ id: 1, startDate: "2027-01-11" })] },
      { 1: 1 },
      {},
    ],
    [
      "an intake that started before the as-of date is not bookable",
      { intakes: [intake({ id: 1, startDate: "2026-09-07" }), intake({ id: 2, startDate: "2027-04-12" })] },
      { 1: 2 },
      {},
    ],
    [
      "start + course length = qualify-by still fits (on the day)",
      { people: [person({ qualifyBy: "2029-10-01" })], intakes: [intake({ id: 1, startDate: "2028-10-01" })] },
      { 1: 1 },
      {},
    ],
    [
      "one day later does not",
      { people: [person({ qualifyBy: "2029-10-01" })], intakes: [intake({ id: 1, startDate: "2028-10-02" })] },
      {},
      { 1: "too_late" },
    ],
    [
      "an intake's course-length override decides when it ends",
      { people: [person({ qualifyBy: "2029-10-01" })], intakes: [intake({ id: 1, startDate: "2028-12-01", courseMonths: 9 })] },
      { 1: 1 },
      {},
    ],
    [
      "a Level 5 person needs an 18-month diploma to end in time",
      {
        people: [person({ requiredLevel: 5, jobTitle: "Head of Housing", latestStart: "2028-04-01" })],
        intakes: [intake({ id: 1, qualificationId: Q.diplomaL5, startDate: "2028-05-08" }), intake({ id: 2, qualificationId: Q.diplomaL5, startDate: "2027-10-04" })],
      },
      { 1: 2 },
      {},
    ],
    [
      "a Level 4 intake never serves a Level 5 requirement",
      { people: [person({ requiredLevel: 5, jobTitle: "Head of Housing" })], intakes: [intake({ id: 1, qualificationId: Q.housingL4 })] },
      {},
      { 1: "no_intake" },
    ],
    [
      "an unrecognised Level 5 diploma never serves",
      { people: [person({ requiredLevel: 5, jobTitle: "Head of Housing" })], intakes: [intake({ id: 1, qualificationId: Q.ilmL5 })] },
      {},
      { 1: "no_intake" },
    ],
  ])("%s", (_name, overrides, placed, unplaced) => {
    const result = planWorkforce(input(overrides));
    expect(placement(result)).toEqual(placed);
    expect(unplacedCodes(result)).toEqual(unplaced);
    for (const a of result.assignments) {
      expect(a.expectedCompletion <= (overrides.people ?? [person()]).find((p) => p.staffId === a.staffId)!.qualifyBy).toBe(true);
      expect(a.meetsDeadline).toBe(true);
    }
  });
});

describe("capacity", () => {
  it("never puts more people on an intake than its places, spilling to the next intake", () => {
    const result = planWorkforce(input({ people: managers(5), intakes: [intake({ id: 1, capacity: 2 }), intake({ id: 2, startDate: "2027-04-12", capacity: 2 }), intake({ id: 3, startDate: "2027-09-13", capacity: 2 })] }));
    expect(placement(result)).toEqual({ 1: 1, 2: 1, 3: 2, 4: 2, 5: 3 });
    expect(result.intakes.map((u) => [u.intakeId, u.assigned, u.remaining, u.overCapacity])).toEqual([
      [1, 2, 0, false],
      [2, 2, 0, false],
      [3, 1, 1, false],
    ]);
  });

  it("lists the people who cannot fit because every suitable intake is full", () => {
    const result = planWorkforce(input({ people: managers(3), intakes: [intake({ id: 1, capacity: 2 })] }));
    expect(result.totals).toMatchObject({ people: 3, planned: 2, unplanned: 1 });
    expect(result.unplanned).toEqual([
      expect.objectContaining({ staffId: 3, code: "full", reason: "All suitable intakes that finish by their qualify-by date 1 Oct 2029 are full" }),
    ]);
  });

  it("falls back to another qualification at the level when the recommended one's intakes are full", () => {
    const result = planWorkforce(
      input({
        people: managers(2, 1, { requiredLevel: 5, jobTitle: "Head of Housing", latestStart: "2028-04-01" }),
        intakes: [intake({ id: 1, qualificationId: Q.diplomaL5, capacity: 1 }), intake({ id: 2, qualificationId: Q.foundationL5, startDate: "2027-09-20", capacity: 1 })],
      }),
    );
    expect(placement(result)).toEqual({ 1: 1, 2: 2 });
    expect(result.assignments[1].qualificationId).toBe(Q.foundationL5);
    expect(result.assignments[1].recommendation.reason).toContain("Foundation Degree");
  });
});

describe("priorities: least slack first", () => {
  it("gives the scarce early place to the person whose deadline is nearest, whatever the input order", () => {
    const late = person({ staffId: 1, qualifyBy: "2029-10-01", latestStart: "2028-10-01" });
    const soon = person({ staffId: 2, qualifyBy: "2028-03-01", latestStart: "2027-03-01" });
    const result = planWorkforce(input({ people: [late, soon], intakes: [intake({ id: 1, capacity: 1 }), intake({ id: 2, startDate: "2028-01-10", capacity: 1 })] }));
    expect(placement(result)).toEqual({ 2: 1, 1: 2 });
    expect(result.assignments.map((a) => a.staffId)).toEqual([2, 1]);
    expect(result.assignments[0].slackDays).toBeLessThan(result.assignments[1].slackDays);
  });

  it("breaks ties by qualify-by date and then staff id, so the plan is the same every time", () => {
    const people = [person({ staffId: 9 }), person({ staffId: 3 }), person({ staffId: 5 })];
    const a = planWorkforce(input({ people, intakes: [intake({ id: 1, capacity: 2 }), intake({ id: 2, startDate: "2027-04-12" })] }));
    const b = planWorkforce(input({ people: [...people].reverse(), intakes: [intake({ id: 2, startDate: "2027-04-12" }), intake({ id: 1, capacity: 2 })] }));
    expect(placement(a)).toEqual({ 3: 1, 5: 1, 9: 2 });
    expect(placement(b)).toEqual(placement(a));
  });

  it("prefers the cheaper of two intakes starting the same day", () => {
    const result = planWorkforce(input({ intakes: [intake({ id: 1, pricePence: 170_000 }), intake({ id: 2, pricePence: 149_500, provider: "Northern Housing Consortium" })] }));
    expect(placement(result)).toEqual({ 1: 2 });
    expect(result.totals.costPence).toBe(149_500);
  });
});

describe("pins", () => {
  it("honours a pin and re-plans everyone else around it", () => {
    const intakes = [intake({ id: 1, capacity: 1 }), intake({ id: 2, startDate: "2027-09-13", capacity: 5 })];
    const without = planWorkforce(input({ people: managers(2), intakes }));
    expect(placement(without)).toEqual({ 1: 1, 2: 2 });
    const pinned = planWorkforce(input({ people: managers(2), intakes, pins: [{ staffId: 2, intakeId: 1, pathway: null }] }));
    expect(placement(pinned)).toEqual({ 2: 1, 1: 2 });
    expect(pinned.assignments[0]).toMatchObject({ staffId: 2, pinned: true, warnings: [] });
    expect(pinned.totals.pinned).toBe(1);
  });

  it("keeps a pin past the deadline or over capacity, with a warning, and counts it as late", () => {
    const result = planWorkforce(
      input({
        people: managers(2),
        intakes: [intake({ id: 1, capacity: 1 }), intake({ id: 2, startDate: "2029-01-07", capacity: 1 })],
        pins: [
          { staffId: 1, intakeId: 2, pathway: null },
          { staffId: 2, intakeId: 2, pathway: null },
        ],
      }),
    );
    expect(placement(result)).toEqual({ 1: 2, 2: 2 });
    expect(result.assignments.every((a) => !a.meetsDeadline)).toBe(true);
    expect(result.assignments[0].warnings).toEqual([
      "Pinned intake finishes on 7 Jan 2030, after their qualify-by date 1 Oct 2029",
      "Pinned onto an intake over its capacity (2 for 1 places)",
    ]);
    expect(result.intakes.find((u) => u.intakeId === 2)).toMatchObject({ assigned: 2, pinned: 2, overCapacity: true, remaining: 0 });
    expect(result.totals.pinnedLate).toBe(2);
  });

  it.each([
    ["a person no longer in the plan", { staffId: 99, intakeId: 1, pathway: null }, "Not in the plan now"],
    ["an intake that was removed", { staffId: 1, intakeId: 404, pathway: null }, "The pinned intake no longer exists"],
    ["an intake below the required level", { staffId: 1, intakeId: 7, pathway: null }, "does not meet the Level 4 requirement"],
    ["an intake that has already started", { staffId: 1, intakeId: 8, pathway: null }, "The pinned intake started on 7 Sep 2026"],
  ])("ignores a pin to %s and plans the person as usual", (_name, pin, reason) => {
    const result = planWorkforce(
      input({
        intakes: [intake({ id: 1 }), intake({ id: 7, qualificationId: Q.practiceL3 }), intake({ id: 8, startDate: "2026-09-07" })],
        pins: [pin],
      }),
    );
    expect(placement(result)).toEqual({ 1: 1 });
    expect(result.assignments[0].pinned).toBe(false);
    expect(result.ignoredPins).toEqual([expect.objectContaining({ reason: expect.stringContaining(reason) })]);
  });

  it("a pin can change the qualification and the pathway", () => {
    const repairs = person({ jobTitle: "Repairs Manager", department: "Property Services" });
    const intakes = [intake({ id: 1, qualificationId: Q.maintenanceL4 }), intake({ id: 2, qualificationId: Q.housingL4 })];
    expect(planWorkforce(input({ people: [repairs], intakes })).assignments[0]).toMatchObject({ intakeId: 1, pathway: "Responsive repairs" });
    const changed = planWorkforce(input({ people: [repairs], intakes, pins: [{ staffId: 1, intakeId: 1, pathway: "Planned maintenance" }] }));
    expect(changed.assignments[0]).toMatchObject({ intakeId: 1, pathway: "Planned maintenance", pinned: true });
    const general = planWorkforce(input({ people: [repairs], intakes, pins: [{ staffId: 1, intakeId: 2, pathway: null }] }));
    expect(general.assignments[0]).toMatchObject({ intakeId: 2, qualificationId: Q.housingL4, pathway: null });
  });
});

describe("top-ups: units already passed count under the rules of combination", () => {
  const mhmIntake = intake({ id: 1, qualificationId: Q.maintenanceL4, pricePence: 189_000, provider: "Upkeep Training" });

  it("a learner who withdrew after three units tops up the rest, pro rata by credits", () => {
    const withdrew = person({
      jobTitle: "Repairs Manager",
      department: "Property Services",
      priorPathway: "Responsive repairs",
      priorUnits: [
        { unitRef: "F/507/9169", result: "pass" },
        { unitRef: "Y/504/4184", result: "pass" },
        { unitRef: "F/504/4180", result: "pass" },
        { unitRef: "J/504/4181", result: "refer" },
      ],
    });
    const [a] = planWorkforce(input({ people: [withdrew], intakes: [mhmIntake] })).assignments;
    expect(a.kind).toBe("top_up");
    expect(a.topUp).toMatchObject({ creditsAchieved: 18, creditsNeeded: 36, creditsStillNeeded: 18, missingMandatoryUnits: [{ unitRef: "J/504/4181", title: expect.any(String) }] });
    expect(a.pathway).toBe("Responsive repairs");
    expect(a.costPence).toBe(94_500); // £1,890 × 18 / 36
    expect(a.fullPricePence).toBe(189_000);
    expect(a.recommendation.reason).toMatch(/^Top-up: 18 of 36 credits already count/);
  });

  it("older units exempt units of the new qualification (exemptions)", () => {
    const older = person({
      jobTitle: "Planned Maintenance Manager",
      department: "Property Services",
      priorUnits: [
        { unitRef: "R/503/5242", result: "pass" },
        { unitRef: "K/503/5246", result: "pass" },
        { unitRef: "D/503/1176", result: "pass" },
      ],
    });
    const [a] = planWorkforce(input({ people: [older], intakes: [mhmIntake] })).assignments;
    expect(a).toMatchObject({ kind: "top_up", pathway: "Planned maintenance" });
    expect(a.topUp).toMatchObject({ creditsAchieved: 18, creditsNeeded: 36, creditsStillNeeded: 18 });
    expect(a.costPence).toBe(94_500);
  });

  it("a top-up is preferred to a cheaper whole qualification", () => {
    const withdrew = person({ jobTitle: "Voids Manager", department: "Lettings", priorUnits: [{ unitRef: "F/507/9169", result: "pass" }] });
    const result = planWorkforce(input({ people: [withdrew], intakes: [mhmIntake, intake({ id: 2, pricePence: 100_000 })] }));
    expect(result.assignments[0]).toMatchObject({ intakeId: 1, kind: "top_up" });
  });

  it("older exempting units alone do not send a neighbourhood manager onto the maintenance certificate", () => {
    const neighbourhood = person({ priorUnits: [{ unitRef: "R/503/5242", result: "pass" }] });
    const result = planWorkforce(input({ people: [neighbourhood], intakes: [mhmIntake, intake({ id: 2 })] }));
    expect(result.assignments[0]).toMatchObject({ intakeId: 2, kind: "full", qualificationId: Q.housingL4 });
  });

  it("failed and referred units give no credit", () => {
    const failed = person({ jobTitle: "Repairs Manager", priorUnits: [{ unitRef: "F/507/9169", result: "fail" }, { unitRef: "Y/504/4184", result: "refer" }] });
    const [a] = planWorkforce(input({ people: [failed], intakes: [mhmIntake] })).assignments;
    expect(a.kind).toBe("full");
    expect(a.costPence).toBe(189_000);
  });
});

describe("people who cannot be placed, with the reason", () => {
  it.each<[string, Partial<PlanInput>, UnplannedCode, string]>([
    ["no intakes at all", { intakes: [] }, "no_intake", "No intake from 23 Nov 2026 is offered for CIH Level 4 Certificate in Housing or another suitable Level 4 qualification"],
    [
      "every intake starts after the latest start",
      { intakes: [intake({ startDate: "2028-11-06" })] },
      "too_late",
      "No intake starts on or before their latest start date 1 Oct 2028",
    ],
    [
      "the latest start has already passed",
      { people: [person({ qualifyBy: "2027-06-30", latestStart: "2026-06-30" })], intakes: [intake({ startDate: "2027-01-11" })] },
      "latest_start_passed",
      "Their latest start date 30 Jun 2026 has passed: no course can now finish by their qualify-by date 30 Jun 2027",
    ],
    ["every suitable intake is full", { people: managers(2), intakes: [intake({ capacity: 1 })] }, "full", "All suitable intakes that finish by their qualify-by date 1 Oct 2029 are full"],
    [
      "nothing in the catalogue meets the level",
      { qualifications: [{ id: 1, code: null, title: "Level 3 only", level: 3, recognised: true, typicalMonths: 9, rulesOfCombination: null }] },
      "no_qualification",
      "No recognised Level 4 qualification in the catalogue",
    ],
  ])("%s", (_name, overrides, code, reason) => {
    const result = planWorkforce(input(overrides));
    const last = result.unplanned[result.unplanned.length - 1];
    expect(last).toMatchObject({ code, reason });
    expect(result.totals.unplanned).toBe(result.unplanned.length);
  });
});

describe("the result", () => {
  it("adds up: totals, cost, usage of every intake including past ones", () => {
    const result = planWorkforce(
      input({
        people: [...managers(3), person({ staffId: 4, jobTitle: "Repairs Manager", priorUnits: [{ unitRef: "F/507/9169", result: "pass" }] })],
        intakes: [intake({ id: 1, capacity: 2 }), intake({ id: 2, startDate: "2026-01-05" }), intake({ id: 3, qualificationId: Q.maintenanceL4, pricePence: 168_000 })],
      }),
    );
    expect(result.totals).toMatchObject({ people: 4, planned: 3, topUps: 1, unplanned: 1, pinned: 0, pinnedLate: 0 });
    expect(result.totals.costPence).toBe(result.assignments.reduce((s, a) => s + a.costPence, 0));
    expect(result.intakes.map((u) => u.intakeId)).toEqual([2, 1, 3]);
    expect(result.asOf).toBe(AS_OF);
  });

  it("is deterministic for the same input", () => {
    const make = () => planWorkforce(input({ people: managers(30), intakes: [intake({ id: 1, capacity: 7 }), intake({ id: 2, startDate: "2027-04-12", capacity: 9 }), intake({ id: 3, startDate: "2028-01-10", capacity: 9 })] }));
    expect(make()).toEqual(make());
  });
});
