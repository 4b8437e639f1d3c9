// Rules 7 and 8 on a small organisation whose every number can be worked out by hand.

import { describe, expect, it } from "vitest";
import {
  daysBetween,
  forecastTrend,
  measureAtFunction,
  measureOrganisation,
  milestoneChecks,
  milestoneForecasts,
  monthlyTrend,
  organisationMilestoneChecks,
  percentage,
  type QualificationRecord,
  type StaffMember,
} from "../../../app/compliance";
import { Q, contextFor, person, record, settings } from "./fixtures";

const AS_OF = "2027-01-15";

function staffMember(id: number, jobTitle: string, extra: Partial<StaffMember> = {}): StaffMember {
  return person({ id, employeeRef: `E${id}`, jobTitle, ...extra });
}

const STAFF: StaffMember[] = [
  staffMember(1, "Neighbourhood Manager", { department: "Neighbourhoods" }),
  staffMember(2, "Neighbourhood Manager", { department: "Neighbourhoods", employer: "Repairs Co" }),
  staffMember(3, "Voids Manager", { department: "Property" }),
  staffMember(4, "Director of Housing", { department: "Executive", employer: "  " }),
  staffMember(5, "Housing Officer", { department: "Neighbourhoods" }),
  staffMember(6, "Repairs Lead", { department: "Property" }),
  staffMember(7, " repairs  lead", { department: "Property" }),
  staffMember(8, "Neighbourhood Manager", { department: "Neighbourhoods", endDate: "2026-12-31" }),
  staffMember(9, "Neighbourhood Manager", { department: "Neighbourhoods", startDate: "2027-02-01", roleStartDate: null }),
  staffMember(10, "Asset Lead", { department: "Property", endDate: "2026-05-01" }),
];

function records(overrides: Partial<Record<number, Partial<QualificationRecord>>> = {}): QualificationRecord[] {
  return [
    record({ id: 11, staffId: 1, status: "achieved", enrolledOn: "2025-07-01", startedOn: "2025-07-01", expectedCompletion: "2026-06-30", achievedOn: "2026-06-30", provider: "CIH Housing Academy" }),
    record({ id: 21, staffId: 2, status: "in_progress", enrolledOn: "2026-11-01", startedOn: "2026-11-15", expectedCompletion: "2027-10-31", provider: "Upkeep Training", ...overrides[2] }),
    record({ id: 41, staffId: 4, qualificationId: Q.cihL5Diploma, status: "in_progress", enrolledOn: "2026-09-01", startedOn: "2026-09-10", expectedCompletion: "2028-02-28", provider: "CIH Housing Academy" }),
    record({ id: 81, staffId: 8, status: "achieved", enrolledOn: "2019-01-01", achievedOn: "2020-01-31" }),
    record({ id: 31, staffId: 3, qualificationId: Q.cihL3Practice, status: "achieved", achievedOn: "2018-05-01" }),
  ];
}

const ctx = contextFor({ records: records() });

describe("organisation measures on 15 Jan 2027", () => {
  const m = measureOrganisation(ctx, STAFF, AS_OF);

  it("counts the active, required people (N) and the proportions", () => {
    expect(m).toMatchObject({
      asOf: AS_OF,
      inScope: 4,
      inScopeByLevel: { 5: 1, 4: 3 },
      qualified: 1,
      workingTowards: 2,
      notEnrolled: 1,
      pctQualified: 25,
      pctQualifiedOrEnrolled: 75,
    });
  });

  it("counts every status and RAG over everyone, leavers and future starters included", () => {
    expect(m.countsByStatus).toEqual({
      qualified: 1,
      working_towards: 2,
      not_enrolled: 1,
      not_required: 1,
      decision_needed: 2,
      left: 2,
      not_started: 1,
    });
    expect(m.countsByRag).toEqual({ green: 3, amber: 1, red: 0, grey: 6 });
    // The RAG chart counts the four people in scope; the six others are shown apart, by why.
    expect(m.ragInScope).toEqual({ green: 3, amber: 1, red: 0, grey: 0 });
    expect(m.outsideScope).toEqual({ decisionNeeded: 2, notRequired: 1, leftOrNotStarted: 3 });
    expect(m.people.map((p) => p.status)).toEqual([
      "qualified",
      "working_towards",
      "not_enrolled",
      "working_towards",
      "not_required",
      "decision_needed",
      "decision_needed",
      "left",
      "not_started",
      "left",
    ]);
  });

  it("lists active unmapped titles (spelling variants together); an unmapped leaver is not work to do", () => {
    expect(m.unmappedCount).toBe(2);
    expect(m.unmappedTitles).toEqual([{ jobTitle: "Repairs Lead", n: 2 }]);
  });

  it("breaks the in-scope people down by department, category, employer and provider", () => {
    // On 15 Jan 2027 nobody is past their enrol-by date: the not-enrolled are "not yet due".
    const row = (key: string, n: number, qualified: number, workingTowards: number, notEnrolled: number, byRag: [number, number, number]) => ({
      key,
      n,
      qualified,
      workingTowards,
      notEnrolled,
      pctQualified: percentage(qualified, n),
      pctQualifiedOrEnrolled: percentage(qualified + workingTowards, n),
      byRag: { green: byRag[0], amber: byRag[1], red: byRag[2], grey: 0 },
      countsByStatutory: { compliant: qualified + workingTowards, not_yet_due: notEnrolled, in_breach: 0 },
      pctStatutory: percentage(n, n),
    });
    expect(m.breakdowns.department).toEqual([
      row("Neighbourhoods", 2, 1, 1, 0, [2, 0, 0]),
      row("Executive", 1, 0, 1, 0, [1, 0, 0]),
      row("Property", 1, 0, 0, 1, [0, 1, 0]),
    ]);
    expect(m.breakdowns.category).toEqual([row("senior_manager", 3, 1, 1, 1, [2, 1, 0]), row("senior_executive", 1, 0, 1, 0, [1, 0, 0])]);
    expect(m.breakdowns.employer).toEqual([row("Direct", 3, 1, 1, 1, [2, 1, 0]), row("Repairs Co", 1, 0, 1, 0, [1, 0, 0])]);
    expect(m.breakdowns.provider).toEqual([
      row("CIH Housing Academy", 2, 1, 1, 0, [2, 0, 0]),
      row("Not enrolled", 1, 0, 0, 1, [0, 1, 0]),
      row("Upkeep Training", 1, 0, 1, 0, [1, 0, 0]),
    ]);
    expect(m.breakdowns.category[0].pctQualified).toBe(33.3);
    expect(m.breakdowns.category[0].pctQualifiedOrEnrolled).toBe(66.7);
  });

  it("has no proportions when nobody is in scope", () => {
    const none = measureOrganisation(ctx, [STAFF[4], STAFF[5], STAFF[7]], AS_OF);
    expect(none.inScope).toBe(0);
    expect(none.pctQualified).toBeNull();
    expect(none.pctQualifiedOrEnrolled).toBeNull();
    expect(none.breakdowns.department).toEqual([]);
  });

  it("rounds percentages to one decimal", () => {
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(1, 8)).toBe(12.5);
    expect(percentage(3, 3)).toBe(100);
    expect(percentage(0, 0)).toBeNull();
  });
});

describe("milestones", () => {
  it("measures a passed milestone on its own date, an upcoming one on the as-of date", () => {
    const m = measureOrganisation(ctx, STAFF, AS_OF);
    const checks = organisationMilestoneChecks(ctx, STAFF, m);
    expect(checks).toEqual([
      // On 1 Oct 2026: E1, E2, E3, E4 and E8 (not yet left) are in scope; E1 and E8 qualified, E4 enrolled.
      { name: "October 2026 enrolment milestone", date: "2026-10-01", measure: "qualified_or_enrolled", targetPct: 50, actualPct: 60, state: "met", daysLeft: -106 },
      { name: "Qualified deadline", date: "2029-10-01", measure: "qualified", targetPct: 100, actualPct: 25, state: "upcoming", daysLeft: 990 },
      { name: "Transition end (statutory)", date: "2029-10-02", measure: "statutory", targetPct: 100, actualPct: 100, state: "upcoming", daysLeft: daysBetween(AS_OF, "2029-10-02") },
    ]);
  });

  it("a milestone missed on its date stays not met, whatever happened since", () => {
    const own = settings({ milestones: [{ name: "Summer push", date: "2026-08-31", measure: "qualified_or_enrolled", targetPct: 50 }] });
    const m = measureOrganisation(ctx, STAFF, AS_OF);
    const [check] = milestoneChecks(m, own, AS_OF, measureAtFunction(ctx, STAFF));
    expect(check).toMatchObject({ actualPct: 40, state: "not_met" });
    expect(m.pctQualifiedOrEnrolled).toBe(75);
  });

  it("a milestone due today uses today's measures", () => {
    const own = settings({ milestones: [{ name: "Today", date: AS_OF, measure: "qualified", targetPct: 25 }] });
    const m = measureOrganisation(ctx, STAFF, AS_OF);
    const [check] = milestoneChecks(m, own, AS_OF, () => {
      throw new Error("not needed for today");
    });
    expect(check).toMatchObject({ actualPct: 25, state: "met", daysLeft: 0 });
  });

  it("with nobody in scope a passed milestone is not met", () => {
    const [check] = milestoneChecks({ pctQualified: null, pctQualifiedOrEnrolled: null, pctStatutory: null }, settings(), "2027-01-01", () => ({
      pctQualified: null,
      pctQualifiedOrEnrolled: null,
      pctStatutory: null,
    }));
    expect(check).toMatchObject({ actualPct: null, state: "not_met" });
  });
});

describe("trend: the actual curve from dated records", () => {
  it("gives each month end and the end date", () => {
    const points = monthlyTrend(ctx, STAFF, "2026-05-01", AS_OF);
    expect(points.map((p) => [p.date, p.n, p.qualified, p.workingTowards, p.notEnrolled, p.pctQualified, p.pctQualifiedOrEnrolled])).toEqual([
      ["2026-05-31", 5, 1, 1, 3, 20, 40], // E8 qualified; E1 learning
      ["2026-06-30", 5, 2, 0, 3, 40, 40], // E1 qualified 30 Jun
      ["2026-07-31", 5, 2, 0, 3, 40, 40],
      ["2026-08-31", 5, 2, 0, 3, 40, 40],
      ["2026-09-30", 5, 2, 1, 2, 40, 60], // E4 enrolled 1 Sep
      ["2026-10-31", 5, 2, 1, 2, 40, 60],
      ["2026-11-30", 5, 2, 2, 1, 40, 80], // E2 enrolled 1 Nov
      ["2026-12-31", 4, 1, 2, 1, 25, 75], // E8 left on 31 Dec
      ["2027-01-15", 4, 1, 2, 1, 25, 75],
    ]);
  });

  it("agrees with the measures on the same date", () => {
    const m = measureOrganisation(ctx, STAFF, "2026-09-30");
    const [point] = monthlyTrend(ctx, STAFF, "2026-09-30", "2026-09-30");
    expect(point).toEqual({
      date: "2026-09-30",
      n: m.inScope,
      qualified: m.qualified,
      workingTowards: m.workingTowards,
      notEnrolled: m.notEnrolled,
      pctQualified: m.pctQualified,
      pctQualifiedOrEnrolled: m.pctQualifiedOrEnrolled,
      inBreach: m.countsByStatutory.in_breach,
      pctStatutory: m.pctStatutory,
    });
  });
});

describe("forecast: current learners qualify on their expected completion", () => {
  it("runs from the as-of date through month ends and milestone dates to the last milestone", () => {
    const points = forecastTrend(ctx, STAFF, AS_OF);
    const at = (date: string) => points.find((p) => p.date === date);
    expect(points[0]).toEqual(monthlyTrend(ctx, STAFF, AS_OF, AS_OF)[0]);
    expect(points[points.length - 1].date).toBe("2029-10-02");
    expect(points.filter((p) => p.date === "2029-10-01")).toHaveLength(1);
    // The legal test bites the day after the transition ends: E3 and E9 (never enrolled) are then in breach,
    // while the learners, qualified or not by then, comply.
    expect(at("2029-10-01")).toMatchObject({ inBreach: 0, pctStatutory: 100 });
    expect(at("2029-10-02")).toMatchObject({ n: 5, inBreach: 2, pctStatutory: 60 });
    expect(at("2027-01-31")).toMatchObject({ n: 4, qualified: 1 });
    expect(at("2027-02-28")).toMatchObject({ n: 5, qualified: 1, workingTowards: 2, notEnrolled: 2, pctQualified: 20, pctQualifiedOrEnrolled: 60 }); // E9 joined 1 Feb
    expect(at("2027-09-30")).toMatchObject({ qualified: 1 });
    expect(at("2027-10-31")).toMatchObject({ qualified: 2, pctQualified: 40 }); // E2 expected 31 Oct 2027
    expect(at("2028-01-31")).toMatchObject({ qualified: 2 });
    expect(at("2028-02-29")).toMatchObject({ qualified: 3, pctQualified: 60, pctQualifiedOrEnrolled: 60 }); // E4 expected 28 Feb 2028
    expect(at("2029-10-01")).toMatchObject({ n: 5, qualified: 3, pctQualified: 60 });
  });

  it("without an expected completion: started on + the qualification's typical months", () => {
    const noDate = contextFor({ records: records({ 2: { expectedCompletion: null, startedOn: "2026-11-15" } }) });
    const points = forecastTrend(noDate, STAFF, AS_OF, "2027-12-31");
    expect(points.find((p) => p.date === "2027-10-31")?.qualified).toBe(1);
    expect(points.find((p) => p.date === "2027-11-30")?.qualified).toBe(2); // 15 Nov 2026 + 12 months
  });

  it("an overdue learner is not assumed to qualify", () => {
    const overdue = contextFor({ records: records({ 2: { expectedCompletion: "2026-12-31" } }) });
    const points = forecastTrend(overdue, STAFF, AS_OF, "2029-10-01");
    expect(points[points.length - 1]).toMatchObject({ qualified: 2, workingTowards: 1 });
  });

  it("says whether each upcoming milestone will be reached", () => {
    expect(milestoneForecasts(ctx, STAFF, AS_OF)).toEqual([
      { name: "Qualified deadline", date: "2029-10-01", measure: "qualified", targetPct: 100, forecastPct: 60, onCourse: false },
      { name: "Transition end (statutory)", date: "2029-10-02", measure: "statutory", targetPct: 100, forecastPct: 60, onCourse: false },
    ]);
  });
});
