// The statutory position (the legal test, s.194A) as tables, apart from the RAG against internal targets.
// Unless a row says otherwise: a Neighbourhood Manager (Level 4), in the role since 6 Jan 2020; 1,200 homes, so
// enrol by = qualify by = 1 Oct 2029.

import { describe, expect, it } from "vitest";
import {
  breachFromDate,
  measureOrganisation,
  pctStatutoryOf,
  roleStartedOnProbation,
  statutoryPositionOf,
  type ComplianceStatus,
  type Rag,
  type StatutoryPosition,
} from "../../../app/compliance";
import { absence, contextFor, evaluate, person, type Situation } from "./fixtures";

describe("statutoryPositionOf", () => {
  const rows: Array<[ComplianceStatus, string, string | null, StatutoryPosition | null]> = [
    ["qualified", "2031-01-01", "2029-10-01", "compliant"],
    ["working_towards", "2031-01-01", "2029-10-01", "compliant"],
    ["not_enrolled", "2029-09-30", "2029-10-01", "not_yet_due"],
    ["not_enrolled", "2029-10-01", "2029-10-01", "not_yet_due"],
    ["not_enrolled", "2029-10-02", "2029-10-01", "in_breach"],
    ["not_required", "2031-01-01", null, null],
    ["decision_needed", "2031-01-01", null, null],
    ["left", "2031-01-01", "2029-10-01", null],
    ["not_started", "2031-01-01", "2029-10-01", null],
  ];
  it.each(rows)("%s on %s (enrol by %s) → %s", (status, asOf, enrolBy, expected) => {
    expect(statutoryPositionOf(status, asOf, enrolBy)).toBe(expected);
  });

  it("refuses a not-enrolled person without an enrol-by date", () => {
    expect(() => statutoryPositionOf("not_enrolled", "2030-01-01", null)).toThrow(/enrol-by/);
  });

  it("pctStatutory is compliant + not yet due over everyone counted", () => {
    expect(pctStatutoryOf({ compliant: 141, not_yet_due: 0, in_breach: 9 })).toBe(94);
    expect(pctStatutoryOf({ compliant: 1, not_yet_due: 1, in_breach: 1 })).toBe(66.7);
    expect(pctStatutoryOf({ compliant: 0, not_yet_due: 0, in_breach: 0 })).toBeNull();
  });
});

interface Row {
  situation: string;
  given: Situation;
  status: ComplianceStatus;
  rag: Rag;
  statutory: StatutoryPosition | null;
  reason?: string;
  enrolBy?: string | null;
}

describe("the legal test per person, beside the RAG against our targets", () => {
  const rows: Row[] = [
    {
      situation: "a learner past the qualified deadline is red against our targets but compliant in law",
      given: { records: [{ enrolledOn: "2026-01-12", expectedCompletion: "2030-06-30" }], asOf: "2029-11-15" },
      status: "working_towards",
      rag: "red",
      statutory: "compliant",
      reason: "Compliant: working towards CIH Level 4 Certificate in Housing since 12 Jan 2026",
    },
    {
      situation: "a learner with no enrolment date says so",
      given: { records: [{ enrolledOn: null, startedOn: null }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "amber",
      statutory: "compliant",
      reason: "Compliant: working towards CIH Level 4 Certificate in Housing (enrolment date not recorded)",
    },
    {
      situation: "a qualified person holds the qualification",
      given: { records: [{ status: "achieved", achievedOn: "2026-11-30" }], asOf: "2030-01-01" },
      status: "qualified",
      rag: "green",
      statutory: "compliant",
      reason: "Compliant: holds CIH Level 4 Certificate in Housing (achieved 30 Nov 2026)",
    },
    {
      situation: "not enrolled inside the transition is not yet due, though amber",
      given: { asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      statutory: "not_yet_due",
      reason: "Not yet due: must hold or be working towards a Level 4 qualification after 1 Oct 2029",
    },
    {
      situation: "not enrolled past the latest start date is red but still not yet due",
      given: { asOf: "2029-01-15" },
      status: "not_enrolled",
      rag: "red",
      statutory: "not_yet_due",
    },
    {
      situation: "not enrolled on the transition end itself is not yet due",
      given: { asOf: "2029-10-01" },
      status: "not_enrolled",
      rag: "red",
      statutory: "not_yet_due",
    },
    {
      situation: "not enrolled the day after the transition ends is in breach",
      given: { asOf: "2029-10-02" },
      status: "not_enrolled",
      rag: "red",
      statutory: "in_breach",
      reason: "In breach: neither holds nor is working towards a Level 4 qualification, and the enrol-by date 1 Oct 2029 has passed",
    },
    {
      situation: "a new joiner after the transition is not yet due inside their grace",
      given: { person: { startDate: "2030-01-06", roleStartDate: "2030-01-06" }, asOf: "2030-05-01" },
      status: "not_enrolled",
      rag: "amber",
      statutory: "not_yet_due",
      enrolBy: "2030-07-06",
    },
    {
      situation: "a new joiner is in breach once their grace has passed",
      given: { person: { startDate: "2030-01-06", roleStartDate: "2030-01-06" }, asOf: "2030-07-07" },
      status: "not_enrolled",
      rag: "red",
      statutory: "in_breach",
    },
    {
      situation: "an executive needs Level 5 and the reason says so",
      given: { person: { jobTitle: "Director of Housing" }, asOf: "2030-01-01" },
      status: "not_enrolled",
      rag: "red",
      statutory: "in_breach",
      reason: "a Level 5 qualification",
    },
    {
      situation: "a withdrawn learner is not enrolled and, after enrol-by, in breach",
      given: { records: [{ status: "withdrawn" }], asOf: "2030-01-01" },
      status: "not_enrolled",
      rag: "red",
      statutory: "in_breach",
    },
    { situation: "frontline: no statutory position", given: { person: { jobTitle: "Housing Officer" }, asOf: "2030-01-01" }, status: "not_required", rag: "grey", statutory: null },
    { situation: "undecided title: no statutory position", given: { person: { jobTitle: "Lettings Lead" }, asOf: "2030-01-01" }, status: "decision_needed", rag: "grey", statutory: null },
    { situation: "a leaver: no statutory position", given: { person: { endDate: "2029-06-30" }, asOf: "2030-01-01" }, status: "left", rag: "grey", statutory: null },
    { situation: "not started: no statutory position", given: { person: { startDate: "2031-01-01", roleStartDate: null }, asOf: "2030-01-01" }, status: "not_started", rag: "grey", statutory: null },
    {
      situation: "recorded parental leave moves enrol-by later, so the person is not yet due",
      given: { absences: [absence("2029-09-01", "2029-09-30")], asOf: "2029-10-20" },
      status: "not_enrolled",
      rag: "red",
      statutory: "not_yet_due",
      enrolBy: "2029-10-31",
    },
  ];
  it.each(rows)("$situation", (row) => {
    const result = evaluate(row.given);
    expect(result.status).toBe(row.status);
    expect(result.rag).toBe(row.rag);
    expect(result.statutory).toBe(row.statutory);
    expect(result.statutoryReason == null).toBe(row.statutory == null);
    if (row.reason) expect(result.statutoryReason).toContain(row.reason);
    if (row.enrolBy !== undefined) expect(result.enrolBy).toBe(row.enrolBy);
  });
});

describe("the worst case: undecided job titles counted as not enrolled", () => {
  it("an undecided person is not yet due before their enrol-by date and in breach after", () => {
    expect(evaluate({ person: { jobTitle: "Lettings Lead" }, asOf: "2029-10-01" }).worstCaseStatutory).toBe("not_yet_due");
    expect(evaluate({ person: { jobTitle: "Lettings Lead" }, asOf: "2029-10-02" }).worstCaseStatutory).toBe("in_breach");
    expect(evaluate({ person: { jobTitle: "Housing Officer" }, asOf: "2029-10-02" }).worstCaseStatutory).toBeNull();
    expect(evaluate({ records: [{}], asOf: "2029-10-02" }).worstCaseStatutory).toBe("compliant");
  });

  it("the worst-case measures add the undecided to the people in scope, as not enrolled", () => {
    const staff = [
      person({ id: 1, employeeRef: "E1" }),
      person({ id: 2, employeeRef: "E2", jobTitle: "Lettings Lead" }),
      person({ id: 3, employeeRef: "E3", jobTitle: "Lettings  lead" }),
      person({ id: 4, employeeRef: "E4", jobTitle: "Housing Officer" }),
    ];
    const ctx = contextFor({ records: [{ id: 1, staffId: 1, qualificationId: 1, provider: null, status: "in_progress", enrolledOn: "2026-01-01", startedOn: null, expectedCompletion: null, achievedOn: null, pathway: null, unitResults: [] }] });
    const m = measureOrganisation(ctx, staff, "2030-01-01");
    expect(m).toMatchObject({ inScope: 1, countsByStatutory: { compliant: 1, not_yet_due: 0, in_breach: 0 }, pctStatutory: 100 });
    expect(m.worstCase).toEqual({
      inScope: 3,
      undecided: 2,
      qualified: 0,
      workingTowards: 1,
      notEnrolled: 2,
      pctQualified: 0,
      pctQualifiedOrEnrolled: 33.3,
      countsByStatutory: { compliant: 1, not_yet_due: 0, in_breach: 2 },
      pctStatutory: 33.3,
    });
  });
});

describe("probation: the 9-month grace follows whether the role started on probation", () => {
  const joiner = { startDate: "2030-01-06", roleStartDate: "2030-01-06" };
  it.each([
    ["on probation now", { ...joiner, onProbation: true }, "2030-10-06"],
    ["flag cleared, probation end recorded after the role start", { ...joiner, onProbation: false, probationEndDate: "2030-07-06" }, "2030-10-06"],
    ["never on probation", { ...joiner, onProbation: false, probationEndDate: null }, "2030-07-06"],
    ["probation ended before this role (an internal promotion)", { ...joiner, roleStartDate: "2031-01-06", startDate: "2030-01-06", onProbation: false, probationEndDate: "2030-07-06" }, "2031-07-06"],
  ])("%s → enrol by %s", (_label, p, enrolBy) => {
    expect(evaluate({ person: p, asOf: "2030-02-01" }).enrolBy).toBe(enrolBy);
  });

  it("roleStartedOnProbation reads the flag and the end date", () => {
    expect(roleStartedOnProbation({ onProbation: false, probationEndDate: "2026-01-01", roleStartDate: null, startDate: null })).toBe(true);
    expect(roleStartedOnProbation({ onProbation: false, probationEndDate: "2026-01-01", roleStartDate: "2026-01-01", startDate: null })).toBe(false);
  });
});

describe("absence: which kinds pause the clocks", () => {
  const kinds = (kind: "parental" | "long_term_sickness" | "other") => [{ ...absence("2027-01-01", "2027-01-10"), kind }];
  it.each([
    ["parental leave pauses", "parental", {}, "2029-10-11"],
    ["long-term sickness pauses", "long_term_sickness", {}, "2029-10-11"],
    ["other absence does not pause by default", "other", {}, "2029-10-01"],
    ["other absence pauses when the setting says so", "other", { otherAbsencePausesClocks: true }, "2029-10-11"],
    ["nothing pauses when absences do not pause the clocks", "parental", { absencesPauseClocks: false }, "2029-10-01"],
  ] as const)("%s", (_label, kind, s, enrolBy) => {
    expect(evaluate({ absences: kinds(kind), settings: s, asOf: "2028-01-01" }).enrolBy).toBe(enrolBy);
  });
});

describe("breachFromDate", () => {
  it.each([
    ["no absence: the day after enrol-by", [], "2029-10-02"],
    ["10 days absent before: 10 days later", [absence("2027-01-01", "2027-01-10")], "2029-10-12"],
    ["absent across enrol-by: pushed past the absence", [absence("2029-09-25", "2029-10-05")], "2029-10-13"],
    ["still absent with no end: never while absent", [absence("2029-09-25", null)], null],
  ])("%s", (_label, absences, expected) => {
    expect(breachFromDate("2029-10-01", absences, "2026-10-01")).toBe(expected);
  });
});
