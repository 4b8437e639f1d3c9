// The rules 1–6 of docs/compliance-rules.md as tables: each row is a situation and what the rules say about it.
// Unless a row says otherwise: a Neighbourhood Manager (Level 4, decided 3 Mar 2026), employed since
// 1 Apr 2015, in the role since 6 Jan 2020; 1,200 homes, so enrol by = qualify by = 1 Oct 2029 and the
// latest start date is 1 Oct 2028.

import { describe, expect, it } from "vitest";
import type { ComplianceStatus, Rag } from "../../../app/compliance";
import { Q, absence, evaluate, type Situation } from "./fixtures";

interface Row {
  situation: string;
  given: Situation;
  status: ComplianceStatus;
  rag: Rag;
  dates?: { enrolBy: string | null; qualifyBy: string | null; latestStart: string | null };
  reasons?: string[];
  ragReason?: string;
  decidingRecordId?: number | null;
}

function check(row: Row): void {
  const result = evaluate(row.given);
  expect(result.status).toBe(row.status);
  expect(result.rag).toBe(row.rag);
  if (row.dates) {
    expect({ enrolBy: result.enrolBy, qualifyBy: result.qualifyBy, latestStart: result.latestStart }).toEqual(row.dates);
  }
  for (const fragment of row.reasons ?? []) {
    expect(result.reasons.join(" | ")).toContain(fragment);
  }
  if (row.ragReason) expect(result.ragReason).toContain(row.ragReason);
  if (row.decidingRecordId !== undefined) expect(result.decidingRecord?.id ?? null).toBe(row.decidingRecordId);
}

const ORG_DATES = { enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2028-10-01" };
const NO_DATES = { enrolBy: null, qualifyBy: null, latestStart: null };

describe("rule 2: category and required level", () => {
  const rows: Row[] = [
    {
      situation: "a senior manager with nothing recorded must enrol",
      given: { asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: ORG_DATES,
      reasons: ["Level 4 required (Neighbourhood Manager, decided 3 Mar 2026)", "Not enrolled: enrol by 1 Oct 2029; latest start date 1 Oct 2028"],
    },
    {
      situation: "a senior executive needs Level 5 and has 18 months' course length",
      given: { person: { jobTitle: "Director of Housing" }, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2028-04-01" },
      reasons: ["Level 5 required (Director of Housing, decided 10 Feb 2026)"],
    },
    {
      situation: "a decision without a date says so without one",
      given: { person: { jobTitle: "Voids Manager" }, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["Level 4 required (Voids Manager)"],
    },
    {
      situation: "frontline staff need no qualification",
      given: { person: { jobTitle: "Housing Officer" }, asOf: "2027-01-15" },
      status: "not_required",
      rag: "grey",
      dates: NO_DATES,
      reasons: ["No qualification required: frontline role (Housing Officer, decided 3 Mar 2026)"],
      ragReason: "No qualification required",
    },
    {
      situation: "out-of-scope staff need no qualification",
      given: { person: { jobTitle: "Finance Officer" }, asOf: "2027-01-15" },
      status: "not_required",
      rag: "grey",
      dates: NO_DATES,
      reasons: ["No qualification required: out of scope (Finance Officer"],
    },
    {
      situation: "a job title with no decision is unmapped",
      given: { person: { jobTitle: "Repairs Lead" }, asOf: "2027-01-15" },
      status: "decision_needed",
      rag: "grey",
      dates: NO_DATES,
      reasons: ['Decision needed: no scope decision for the job title "Repairs Lead"'],
    },
    {
      situation: "an override makes a frontline title a senior manager",
      given: {
        person: { jobTitle: "Housing Officer" },
        overrides: [{ staffId: 1, category: "senior_manager", rationale: "Manages the voids team", decidedBy: "HR", decidedOn: "2026-04-01" }],
        asOf: "2027-01-15",
      },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["Level 4 required (individual decision: Manages the voids team, decided 1 Apr 2026)"],
    },
    {
      situation: "an override takes a manager title out of scope",
      given: {
        overrides: [{ staffId: 1, category: "out_of_scope", rationale: "Seconded to IT", decidedBy: null, decidedOn: null }],
        asOf: "2027-01-15",
      },
      status: "not_required",
      rag: "grey",
      dates: NO_DATES,
      reasons: ["No qualification required: out of scope (individual decision: Seconded to IT)"],
    },
    {
      situation: "an override of an unmapped title decides it",
      given: {
        person: { jobTitle: "Repairs Lead" },
        overrides: [{ staffId: 1, category: "senior_executive", rationale: "Head of repairs in all but name", decidedBy: null, decidedOn: null }],
        asOf: "2027-01-15",
      },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2028-04-01" },
    },
    {
      situation: "a contractor (employer set) is judged the same way",
      given: { person: { employer: "Repairs Co Ltd" }, records: [{ status: "achieved", achievedOn: "2026-11-30" }], asOf: "2027-01-15" },
      status: "qualified",
      rag: "green",
    },
  ];
  it.each(rows)("$situation", check);
});

describe("rule 3: which qualifications meet the requirement", () => {
  const achieved = (qualificationId: number) => ({ id: 1, qualificationId, status: "achieved" as const, achievedOn: "2026-06-30" });
  const rows: Row[] = [
    { situation: "Level 4 recognised meets Level 4", given: { records: [achieved(Q.cihL4Housing)], asOf: "2027-01-15" }, status: "qualified", rag: "green" },
    { situation: "the Level 4 apprenticeship meets Level 4", given: { records: [achieved(Q.apprenticeshipL4)], asOf: "2027-01-15" }, status: "qualified", rag: "green" },
    { situation: "Level 5 meets Level 4 (higher counts)", given: { records: [achieved(Q.cihL5Diploma)], asOf: "2027-01-15" }, status: "qualified", rag: "green" },
    {
      situation: "Level 3 never meets Level 4",
      given: { records: [achieved(Q.cihL3Practice)], asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["CIH Level 3 Certificate in Housing Practice does not count: Level 3 is below the Level 4 required"],
      decidingRecordId: null,
    },
    {
      situation: "a non-recognised Level 5 never meets Level 4",
      given: { records: [achieved(Q.ilmL5Leadership)], asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["Level 5 Diploma in Leadership and Management does not count: not a recognised housing management qualification"],
    },
    {
      situation: "Level 4 does not meet an executive's Level 5",
      given: { person: { jobTitle: "Director of Housing" }, records: [achieved(Q.cihL4Housing)], asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["Level 4 is below the Level 5 required"],
    },
    {
      situation: "a non-recognised Level 5 does not meet an executive's Level 5",
      given: { person: { jobTitle: "Director of Housing" }, records: [achieved(Q.ilmL5Leadership)], asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "a foundation degree (Level 5) meets an executive's Level 5",
      given: { person: { jobTitle: "Director of Housing" }, records: [achieved(Q.foundationDegree)], asOf: "2027-01-15" },
      status: "qualified",
      rag: "green",
      reasons: ["Qualified: achieved Foundation Degree in Housing 30 Jun 2026"],
    },
    {
      situation: "a Level 6 degree meets an executive's Level 5",
      given: { person: { jobTitle: "Director of Housing" }, records: [achieved(Q.bscHousing)], asOf: "2027-01-15" },
      status: "qualified",
      rag: "green",
    },
    {
      situation: "an enrolment on Level 3 is not working towards Level 4",
      given: { records: [{ qualificationId: Q.cihL3Practice }], asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
    },
  ];
  it.each(rows)("$situation", check);
});

describe("rules 1 and 4: active and status on the day before, of and after each date", () => {
  const rows: Row[] = [
    // employment start
    { situation: "the day before starting: not started", given: { person: { startDate: "2027-01-16", roleStartDate: null }, asOf: "2027-01-15" }, status: "not_started", rag: "grey", reasons: ["Starts 16 Jan 2027"] },
    { situation: "the day of starting: active", given: { person: { startDate: "2027-01-15", roleStartDate: null }, asOf: "2027-01-15" }, status: "not_enrolled", rag: "amber" },
    { situation: "the day after starting: active", given: { person: { startDate: "2027-01-14", roleStartDate: null }, asOf: "2027-01-15" }, status: "not_enrolled", rag: "amber" },
    { situation: "no start date recorded: active", given: { person: { startDate: null, roleStartDate: null }, asOf: "2027-01-15" }, status: "not_enrolled", rag: "amber", dates: ORG_DATES },
    // leaving
    { situation: "the day before leaving: active", given: { person: { endDate: "2027-01-16" }, asOf: "2027-01-15" }, status: "not_enrolled", rag: "amber" },
    { situation: "the leaving date itself: left", given: { person: { endDate: "2027-01-15" }, asOf: "2027-01-15" }, status: "left", rag: "grey", reasons: ["Left 15 Jan 2027"] },
    { situation: "the day after leaving: left", given: { person: { endDate: "2027-01-14" }, asOf: "2027-01-15" }, status: "left", rag: "grey" },
    {
      situation: "a qualified leaver is still a leaver",
      given: { person: { endDate: "2027-01-01" }, records: [{ status: "achieved", achievedOn: "2026-11-30" }], asOf: "2027-01-15" },
      status: "left",
      rag: "grey",
      decidingRecordId: null,
    },
    { situation: "a frontline leaver is a leaver", given: { person: { jobTitle: "Housing Officer", endDate: "2027-01-01" }, asOf: "2027-01-15" }, status: "left", rag: "grey" },
    { situation: "an unmapped future starter has not started", given: { person: { jobTitle: "Repairs Lead", startDate: "2027-02-01" }, asOf: "2027-01-15" }, status: "not_started", rag: "grey" },
    // achieved on
    {
      situation: "the day before achievement: still working towards",
      given: { records: [{ id: 7, status: "achieved", enrolledOn: "2026-01-12", expectedCompletion: "2026-11-30", achievedOn: "2026-11-30" }], asOf: "2026-11-29" },
      status: "working_towards",
      rag: "green",
      decidingRecordId: 7,
      reasons: ["Enrolled on CIH Level 4 Certificate in Housing 12 Jan 2026; expected 30 Nov 2026"],
    },
    {
      situation: "the day of achievement: qualified",
      given: { records: [{ id: 7, status: "achieved", achievedOn: "2026-11-30" }], asOf: "2026-11-30" },
      status: "qualified",
      rag: "green",
      decidingRecordId: 7,
      reasons: ["Qualified: achieved CIH Level 4 Certificate in Housing 30 Nov 2026"],
    },
    { situation: "the day after achievement: qualified", given: { records: [{ status: "achieved", achievedOn: "2026-11-30" }], asOf: "2026-12-01" }, status: "qualified", rag: "green" },
    {
      situation: "achieved before it was enrolled-on date is known: not enrolled until achieved",
      given: { records: [{ status: "achieved", enrolledOn: null, startedOn: null, achievedOn: "2026-11-30" }], asOf: "2026-11-29" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "achieved with no achievement date counts as qualified",
      given: { records: [{ status: "achieved", achievedOn: null }], asOf: "2026-01-01" },
      status: "qualified",
      rag: "green",
      reasons: ["(achievement date not recorded)"],
    },
    // enrolled on
    {
      situation: "the day before enrolment: not enrolled, the enrolment noted",
      given: { records: [{ status: "enrolled", enrolledOn: "2026-01-12", startedOn: null }], asOf: "2026-01-11" },
      status: "not_enrolled",
      rag: "amber",
      reasons: ["Enrolment on CIH Level 4 Certificate in Housing from 12 Jan 2026 does not count yet"],
    },
    { situation: "the day of enrolment: working towards", given: { records: [{ status: "enrolled", enrolledOn: "2026-01-12", startedOn: null }], asOf: "2026-01-12" }, status: "working_towards", rag: "green" },
    { situation: "the day after enrolment: working towards", given: { records: [{ status: "enrolled", enrolledOn: "2026-01-12", startedOn: null }], asOf: "2026-01-13" }, status: "working_towards", rag: "green" },
    {
      situation: "no enrolled-on date: the start date stands in for it",
      given: { records: [{ status: "in_progress", enrolledOn: null, startedOn: "2026-02-01" }], asOf: "2026-01-31" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "an open record with no dates at all counts as working towards",
      given: { records: [{ status: "enrolled", enrolledOn: null, startedOn: null }], asOf: "2026-01-31" },
      status: "working_towards",
      rag: "green",
      reasons: ["(enrolment date not recorded)"],
    },
    // record statuses
    { situation: "referred counts as working towards", given: { records: [{ status: "referred" }], asOf: "2026-06-01" }, status: "working_towards", rag: "green", reasons: ["referred (work to resubmit)"] },
    { situation: "withdrawn does not count", given: { records: [{ status: "withdrawn" }], asOf: "2026-06-01" }, status: "not_enrolled", rag: "amber", reasons: ["Withdrawn from CIH Level 4 Certificate in Housing"] },
    { situation: "failed does not count", given: { records: [{ status: "failed" }], asOf: "2026-06-01" }, status: "not_enrolled", rag: "amber", reasons: ["Failed CIH Level 4 Certificate in Housing"] },
  ];
  it.each(rows)("$situation", check);
});

describe("rule 4: several records — the best status decides; among learners the earliest expected completion", () => {
  const rows: Row[] = [
    {
      situation: "achieved beats in progress",
      given: { records: [{ id: 1, status: "in_progress" }, { id: 2, qualificationId: Q.cihL5Diploma, status: "achieved", achievedOn: "2025-06-30" }], asOf: "2026-06-01" },
      status: "qualified",
      rag: "green",
      decidingRecordId: 2,
    },
    {
      situation: "the earliest expected completion decides among learners",
      given: {
        records: [
          { id: 1, expectedCompletion: "2027-06-30" },
          { id: 2, qualificationId: Q.apprenticeshipL4, expectedCompletion: "2027-03-31" },
          { id: 3, qualificationId: Q.cihL4Maintenance, expectedCompletion: null },
        ],
        asOf: "2026-06-01",
      },
      status: "working_towards",
      rag: "green",
      decidingRecordId: 2,
      reasons: ["Enrolled on Senior Housing / Property Management Apprenticeship (Level 4) 12 Jan 2026; expected 31 Mar 2027"],
    },
    {
      situation: "a learner with an expected completion beats one without",
      given: { records: [{ id: 1, expectedCompletion: null }, { id: 2, expectedCompletion: "2029-09-30" }], asOf: "2026-06-01" },
      status: "working_towards",
      rag: "green",
      decidingRecordId: 2,
    },
    {
      situation: "withdrawn Level 4 and in-progress Level 5: working towards on the Level 5",
      given: { records: [{ id: 1, status: "withdrawn" }, { id: 2, qualificationId: Q.cihL5Diploma, expectedCompletion: "2027-07-31" }], asOf: "2026-06-01" },
      status: "working_towards",
      rag: "green",
      decidingRecordId: 2,
      reasons: ["Withdrawn from CIH Level 4 Certificate in Housing"],
    },
    {
      situation: "two achievements: the earliest decides",
      given: {
        records: [
          { id: 1, status: "achieved", achievedOn: "2024-05-01" },
          { id: 2, qualificationId: Q.cihL5Diploma, status: "achieved", achievedOn: "2022-07-01" },
        ],
        asOf: "2026-06-01",
      },
      status: "qualified",
      rag: "green",
      decidingRecordId: 2,
    },
    {
      situation: "a Level 3 achievement does not beat a Level 4 enrolment",
      given: { records: [{ id: 1, qualificationId: Q.cihL3Practice, status: "achieved", achievedOn: "2020-01-01" }, { id: 2 }], asOf: "2026-06-01" },
      status: "working_towards",
      rag: "green",
      decidingRecordId: 2,
    },
  ];
  it.each(rows)("$situation", check);
});

describe("rule 5: personal dates", () => {
  const rows: Row[] = [
    {
      situation: "3-year transition at 1,000 homes",
      given: { homes: 1000, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2028-10-01" },
    },
    {
      situation: "4-year transition at 999 homes",
      given: { homes: 999, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2030-10-01", qualifyBy: "2030-10-01", latestStart: "2029-10-01" },
    },
    {
      situation: "at 999 homes, 1 Oct 2028 is still amber (red at 1,000 homes)",
      given: { homes: 999, asOf: "2028-10-01" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "at 1,000 homes, 1 Oct 2028 is the latest start date: red",
      given: { homes: 1000, asOf: "2028-10-01" },
      status: "not_enrolled",
      rag: "red",
      ragReason: "Not enrolled: latest start date 1 Oct 2028 is today",
    },
    {
      situation: "a late joiner gets 6 months to enrol and 36 to qualify",
      given: { person: { startDate: "2029-06-15", roleStartDate: null }, asOf: "2029-07-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-12-15", qualifyBy: "2032-06-15", latestStart: "2031-06-15" },
    },
    {
      situation: "on probation: 9 months to enrol",
      given: { person: { startDate: "2029-06-15", roleStartDate: null, onProbation: true }, asOf: "2029-07-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2030-03-15", qualifyBy: "2032-06-15", latestStart: "2031-06-15" },
    },
    {
      situation: "a promotion: the current-role start counts, not the employment start",
      given: { person: { startDate: "2010-01-01", roleStartDate: "2029-05-01" }, asOf: "2029-07-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-11-01", qualifyBy: "2032-05-01", latestStart: "2031-05-01" },
    },
    {
      situation: "role start 31 Aug 2029: 6 months is 28 Feb 2030 (month end clamps)",
      given: { person: { roleStartDate: "2029-08-31" }, asOf: "2029-09-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2030-02-28", qualifyBy: "2032-08-31", latestStart: "2031-08-31" },
    },
    {
      situation: "role start 31 Aug 2031: 6 months is 29 Feb 2032 (leap year)",
      given: { person: { roleStartDate: "2031-08-31" }, asOf: "2031-09-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2032-02-29", qualifyBy: "2034-08-31", latestStart: "2033-08-31" },
    },
    {
      situation: "role start 1 Apr 2029: 6 months lands on the transition end exactly",
      given: { person: { roleStartDate: "2029-04-01" }, asOf: "2029-05-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2032-04-01", latestStart: "2031-04-01" },
    },
    {
      situation: "role start 2 Apr 2029: one day later than the transition end",
      given: { person: { roleStartDate: "2029-04-02" }, asOf: "2029-05-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-02", qualifyBy: "2032-04-02", latestStart: "2031-04-02" },
    },
    {
      situation: "role start 1 Oct 2026: 36 months is the qualified deadline exactly",
      given: { person: { roleStartDate: "2026-10-01" }, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: ORG_DATES,
    },
    {
      situation: "a transition ending on 28 Feb: role start 31 Aug (clamped to 28 Feb) does not move enrol by",
      given: { settings: { inForceDate: "2026-02-28" }, person: { roleStartDate: "2028-08-31" }, asOf: "2028-09-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-02-28", qualifyBy: "2031-08-31", latestStart: "2030-08-31" },
    },
    {
      situation: "a qualified deadline later than the transition end: enrol by passes before the latest start date",
      given: { settings: { qualifiedDeadlineOverride: "2031-10-01" }, asOf: "2029-10-02" },
      status: "not_enrolled",
      rag: "red",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2031-10-01", latestStart: "2030-10-01" },
      ragReason: "Not enrolled: enrol-by date 1 Oct 2029 has passed",
    },
    {
      situation: "… the day before the enrol-by date it is amber",
      given: { settings: { qualifiedDeadlineOverride: "2031-10-01" }, asOf: "2029-09-30" },
      status: "not_enrolled",
      rag: "amber",
      ragReason: "Not enrolled: enrol by 1 Oct 2029; latest start date 1 Oct 2030",
    },
    {
      situation: "… and on the enrol-by date itself it is still amber",
      given: { settings: { qualifiedDeadlineOverride: "2031-10-01" }, asOf: "2029-10-01" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "course length is a setting (Level 4: 24 months)",
      given: { settings: { courseMonthsLevel4: 24 }, asOf: "2027-01-15" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2027-10-01" },
    },
    {
      situation: "… while role start 1 Sep 2028 gives 1 Mar 2029",
      given: { settings: { inForceDate: "2026-02-28" }, person: { roleStartDate: "2028-09-01" }, asOf: "2028-09-02" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-03-01", qualifyBy: "2031-09-01", latestStart: "2030-09-01" },
    },
  ];
  it.each(rows)("$situation", check);
});

describe("rule 5: absences pause the clocks", () => {
  const rows: Row[] = [
    {
      situation: "90 days of parental leave move both dates 90 days later",
      given: { absences: [absence("2027-01-01", "2027-03-31")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-12-30", qualifyBy: "2029-12-30", latestStart: "2028-12-30" },
      reasons: ["Enrol by 30 Dec 2029; qualify by 30 Dec 2029 (moved 90 days later for recorded absence)"],
    },
    {
      situation: "with the setting off, absences change nothing",
      given: { settings: { absencesPauseClocks: false }, absences: [absence("2027-01-01", "2027-03-31")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: ORG_DATES,
    },
    {
      situation: "absence before the in-force date does not count",
      given: { absences: [absence("2026-01-01", "2026-06-30")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: ORG_DATES,
    },
    {
      situation: "absence across the in-force date counts from 1 Oct 2026 (10 days)",
      given: { absences: [absence("2026-09-20", "2026-10-10")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-10-11", qualifyBy: "2029-10-11", latestStart: "2028-10-11" },
    },
    {
      situation: "an open-ended absence counts up to the as-of date (31 days)",
      given: { absences: [absence("2027-05-01", null)], asOf: "2027-05-31" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-11-01", qualifyBy: "2029-11-01", latestStart: "2028-11-01" },
    },
    {
      situation: "absence after the as-of date does not count yet",
      given: { absences: [absence("2027-07-01", "2027-07-31")], asOf: "2027-06-30" },
      status: "not_enrolled",
      rag: "amber",
      dates: ORG_DATES,
    },
    {
      situation: "overlapping absences count once (1–31 Jan and 15 Jan–14 Feb = 45 days)",
      given: { absences: [absence("2027-01-01", "2027-01-31"), absence("2027-01-15", "2027-02-14")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      dates: { enrolBy: "2029-11-15", qualifyBy: "2029-11-15", latestStart: "2028-11-15" },
    },
    {
      situation: "absence counts only from the current-role start when that is later than the in-force date",
      given: { person: { roleStartDate: "2027-03-01" }, absences: [absence("2027-01-01", "2027-04-30")], asOf: "2027-06-01" },
      status: "not_enrolled",
      rag: "amber",
      // 36 months from 1 Mar 2027 = 1 Mar 2030, plus 61 days (1 Mar–30 Apr 2027)
      dates: { enrolBy: "2029-12-01", qualifyBy: "2030-05-01", latestStart: "2029-05-01" },
    },
    {
      situation: "a pause can keep a person amber past the latest start date",
      given: { absences: [absence("2027-01-01", "2027-03-31")], asOf: "2028-10-01" },
      status: "not_enrolled",
      rag: "amber",
    },
    {
      situation: "… and without it they are red",
      given: { settings: { absencesPauseClocks: false }, absences: [absence("2027-01-01", "2027-03-31")], asOf: "2028-10-01" },
      status: "not_enrolled",
      rag: "red",
    },
  ];
  it.each(rows)("$situation", check);
});

describe("rule 6: RAG", () => {
  const rows: Row[] = [
    { situation: "qualified is green", given: { records: [{ status: "achieved", achievedOn: "2026-11-30" }], asOf: "2027-01-15" }, status: "qualified", rag: "green", ragReason: "Qualified" },
    {
      situation: "learning with an expected completion before qualify-by is green",
      given: { records: [{ expectedCompletion: "2027-06-30" }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "green",
      ragReason: "On track: expected 30 Jun 2027, qualify by 1 Oct 2029",
    },
    { situation: "expected completion today is green (not in the past)", given: { records: [{ expectedCompletion: "2027-01-15" }], asOf: "2027-01-15" }, status: "working_towards", rag: "green" },
    {
      situation: "expected completion yesterday is amber (overdue)",
      given: { records: [{ expectedCompletion: "2027-01-14" }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "amber",
      ragReason: "expected completion 14 Jan 2027 has passed",
    },
    { situation: "expected completion on qualify-by is green", given: { records: [{ expectedCompletion: "2029-10-01" }], asOf: "2027-01-15" }, status: "working_towards", rag: "green" },
    {
      situation: "expected completion the day after qualify-by is amber",
      given: { records: [{ expectedCompletion: "2029-10-02" }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "amber",
      ragReason: "expected completion 2 Oct 2029 is after the qualify-by date 1 Oct 2029",
    },
    {
      situation: "no expected completion is amber",
      given: { records: [{ expectedCompletion: null }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "amber",
      ragReason: "no expected completion date recorded",
    },
    {
      situation: "enrolled exactly 6 months ago without a start date is still green",
      given: { records: [{ status: "enrolled", enrolledOn: "2026-07-15", startedOn: null, expectedCompletion: "2027-07-31" }], asOf: "2027-01-15" },
      status: "working_towards",
      rag: "green",
    },
    {
      situation: "enrolled more than 6 months ago without a start date is amber",
      given: { records: [{ status: "enrolled", enrolledOn: "2026-07-15", startedOn: null, expectedCompletion: "2027-07-31" }], asOf: "2027-01-16" },
      status: "working_towards",
      rag: "amber",
      ragReason: "enrolled 15 Jul 2026 with no start date recorded after 6 months",
    },
    {
      situation: "enrolled more than 6 months ago with a start date is green",
      given: { records: [{ status: "in_progress", enrolledOn: "2026-07-15", startedOn: "2026-09-01", expectedCompletion: "2027-07-31" }], asOf: "2027-01-16" },
      status: "working_towards",
      rag: "green",
    },
    { situation: "not enrolled the day before the latest start date is amber", given: { asOf: "2028-09-30" }, status: "not_enrolled", rag: "amber" },
    {
      situation: "not enrolled on the latest start date is red",
      given: { asOf: "2028-10-01" },
      status: "not_enrolled",
      rag: "red",
      reasons: ["Not enrolled: latest start date 1 Oct 2028 is today"],
    },
    {
      situation: "not enrolled after the latest start date is red",
      given: { asOf: "2028-10-02" },
      status: "not_enrolled",
      rag: "red",
      reasons: ["Not enrolled: latest start date 1 Oct 2028 has passed"],
    },
    {
      situation: "still learning the day before qualify-by: amber (completion overdue)",
      given: { records: [{ expectedCompletion: "2029-06-30" }], asOf: "2029-09-30" },
      status: "working_towards",
      rag: "amber",
    },
    {
      situation: "still learning on qualify-by: amber (completion overdue), not yet red",
      given: { records: [{ expectedCompletion: "2029-06-30" }], asOf: "2029-10-01" },
      status: "working_towards",
      rag: "amber",
    },
    {
      situation: "still learning the day after qualify-by: red",
      given: { records: [{ expectedCompletion: "2029-06-30" }], asOf: "2029-10-02" },
      status: "working_towards",
      rag: "red",
      ragReason: "Not qualified and the qualify-by date 1 Oct 2029 has passed",
    },
    {
      situation: "qualified long after qualify-by is green",
      given: { records: [{ status: "achieved", achievedOn: "2030-01-31" }], asOf: "2031-01-01" },
      status: "qualified",
      rag: "green",
    },
    { situation: "not required is grey", given: { person: { jobTitle: "Housing Officer" }, asOf: "2029-10-02" }, status: "not_required", rag: "grey" },
  ];
  it.each(rows)("$situation", check);
});

describe("the result carries what the pages and exports need", () => {
  it("a learner: deciding record, dates, reasons, RAG reason and next date", () => {
    const result = evaluate({
      records: [{ id: 42, provider: "Upkeep Training", enrolledOn: "2026-01-12", startedOn: "2026-02-02", expectedCompletion: "2026-11-30" }],
      asOf: "2026-03-01",
    });
    expect(result).toEqual({
      staffId: 1,
      employeeRef: "E001",
      category: "senior_manager",
      requiredLevel: 4,
      scopeSource: "job_title",
      status: "working_towards",
      rag: "green",
      enrolBy: "2029-10-01",
      qualifyBy: "2029-10-01",
      latestStart: "2028-10-01",
      pausedDays: 0,
      decidingRecord: {
        id: 42,
        qualificationId: Q.cihL4Housing,
        qualificationTitle: "CIH Level 4 Certificate in Housing",
        level: 4,
        status: "in_progress",
        provider: "Upkeep Training",
        enrolledOn: "2026-01-12",
        startedOn: "2026-02-02",
        expectedCompletion: "2026-11-30",
        achievedOn: null,
      },
      reasons: [
        "Level 4 required (Neighbourhood Manager, decided 3 Mar 2026)",
        "Enrolled on CIH Level 4 Certificate in Housing 12 Jan 2026; expected 30 Nov 2026",
        "Enrol by 1 Oct 2029; qualify by 1 Oct 2029",
      ],
      ragReason: "On track: expected 30 Nov 2026, qualify by 1 Oct 2029",
      statutory: "compliant",
      statutoryReason: "Compliant: working towards CIH Level 4 Certificate in Housing since 12 Jan 2026",
      worstCaseStatutory: "compliant",
      nextDate: "2026-11-30",
    });
  });

  it.each([
    ["not enrolled: the earlier of latest start and enrol by", {}, "2028-10-01"],
    ["a learner without a start date: when the start becomes overdue", { records: [{ status: "enrolled" as const, enrolledOn: "2026-07-15", startedOn: null, expectedCompletion: "2027-07-31" }] }, "2027-01-15"],
    ["qualified: nothing to do", { records: [{ status: "achieved" as const, achievedOn: "2026-11-30" }] }, null],
    ["not required: nothing to do", { person: { jobTitle: "Housing Officer" } }, null],
  ])("next date — %s", (_label, given, nextDate) => {
    expect(evaluate({ ...given, asOf: "2026-12-01" }).nextDate).toBe(nextDate);
  });
});
