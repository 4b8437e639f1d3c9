import { describe, expect, it } from "vitest";
import {
  buildScopeIndex,
  defaultOrganisationSettings,
  effectiveMilestones,
  normaliseJobTitle,
  qualifiedDeadline,
  scopeOf,
  transitionEnd,
  transitionYears,
} from "../../../app/compliance";
import { DECISIONS, person, settings } from "./fixtures";

describe("organisation timeline settings", () => {
  it("has the documented defaults", () => {
    expect(defaultOrganisationSettings(1200)).toEqual({
      homesOwned: 1200,
      inForceDate: "2026-10-01",
      transitionYearsOverride: null,
      qualifiedDeadlineOverride: null,
      milestones: null,
      graceMonths: 6,
      probationGraceMonths: 9,
      lateJoinerMonths: 36,
      courseMonthsLevel4: 12,
      courseMonthsLevel5: 18,
      absencesPauseClocks: true,
      otherAbsencePausesClocks: false,
      dateOrder: "day_first",
      workingTowardsStartMonths: 6,
    });
  });

  it.each([
    [999, 4, "2030-10-01"],
    [1000, 3, "2029-10-01"],
    [1, 4, "2030-10-01"],
    [50_000, 3, "2029-10-01"],
  ])("%i homes: %i years of transition, ending %s", (homes, years, end) => {
    const s = settings({}, homes);
    expect(transitionYears(s)).toBe(years);
    expect(transitionEnd(s)).toBe(end);
    expect(qualifiedDeadline(s)).toBe(end);
  });

  it("lets an organisation override the transition years, the in-force date and the qualified deadline", () => {
    expect(transitionEnd(settings({ transitionYearsOverride: 5 }))).toBe("2031-10-01");
    expect(transitionEnd(settings({ inForceDate: "2026-10-31" }, 500))).toBe("2030-10-31");
    const s = settings({ qualifiedDeadlineOverride: "2030-03-31" });
    expect(transitionEnd(s)).toBe("2029-10-01");
    expect(qualifiedDeadline(s)).toBe("2030-03-31");
  });

  it("defaults the milestones to rule 7 (docs/compliance-rules.md): the legal test the day after the transition ends, two internal targets", () => {
    expect(effectiveMilestones(settings({ qualifiedDeadlineOverride: "2030-03-31" }))).toEqual([
      { name: "October 2026 enrolment milestone", date: "2026-10-01", measure: "qualified_or_enrolled", targetPct: 50 },
      { name: "Transition end (statutory)", date: "2029-10-02", measure: "statutory", targetPct: 100 },
      { name: "Qualified deadline", date: "2030-03-31", measure: "qualified", targetPct: 100 },
    ]);
  });

  it("uses an organisation's own milestones, in date order", () => {
    const own = [
      { name: "Board target", date: "2028-03-31", measure: "qualified" as const, targetPct: 60 },
      { name: "Early enrolment", date: "2027-03-31", measure: "qualified_or_enrolled" as const, targetPct: 75 },
    ];
    expect(effectiveMilestones(settings({ milestones: own })).map((m) => m.name)).toEqual(["Early enrolment", "Board target"]);
  });
});

describe("scope: override, else job-title decision, else unmapped", () => {
  it.each([
    ["Neighbourhood Manager"],
    ["  neighbourhood   MANAGER "],
    ["Neighbourhood\tManager"],
    ["NEIGHBOURHOOD MANAGER"],
  ])("job title %j matches the decision for Neighbourhood Manager", (jobTitle) => {
    const scope = scopeOf(person({ jobTitle }), buildScopeIndex(DECISIONS, []));
    expect(scope).toMatchObject({ category: "senior_manager", requiredLevel: 4, source: "job_title" });
    expect(scope.decision?.jobTitle).toBe("Neighbourhood Manager");
  });

  it("normalises titles: trimmed, spaces collapsed, lower case", () => {
    expect(normaliseJobTitle("  Head  of\u00a0Housing \n")).toBe("head of housing");
  });

  it.each([
    ["Director of Housing", "senior_executive", 5],
    ["Neighbourhood Manager", "senior_manager", 4],
    ["Housing Officer", "frontline", null],
    ["Finance Officer", "out_of_scope", null],
    ["Repairs Lead", "unmapped", null],
  ])("%s → %s, Level %s", (jobTitle, category, level) => {
    const scope = scopeOf(person({ jobTitle }), buildScopeIndex(DECISIONS, []));
    expect(scope.category).toBe(category);
    expect(scope.requiredLevel).toBe(level);
    expect(scope.source).toBe(category === "unmapped" ? "none" : "job_title");
  });

  it("a person-level override beats the job-title decision, in both directions", () => {
    const overrides = [
      { staffId: 1, category: "senior_manager" as const, rationale: "Runs the voids team", decidedBy: "HR", decidedOn: "2026-04-01" },
      { staffId: 2, category: "out_of_scope" as const, rationale: "Seconded to IT", decidedBy: "HR", decidedOn: null },
    ];
    const index = buildScopeIndex(DECISIONS, overrides);
    expect(scopeOf(person({ id: 1, jobTitle: "Housing Officer" }), index)).toMatchObject({
      category: "senior_manager",
      requiredLevel: 4,
      source: "override",
    });
    expect(scopeOf(person({ id: 2, jobTitle: "Neighbourhood Manager" }), index)).toMatchObject({
      category: "out_of_scope",
      requiredLevel: null,
      source: "override",
    });
    expect(scopeOf(person({ id: 3, jobTitle: "Repairs Lead" }), index).category).toBe("unmapped");
  });
});
