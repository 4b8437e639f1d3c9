// Supervision / appraisal intervals, the training matrix and contractor assurance.
import { describe, expect, it } from "vitest";
import {
  closesRecommendation,
  DEFAULT_INTERVALS,
  expiryOf,
  intervalFor,
  intervalsWith,
  isBehind,
  meetingCounts,
  meetingStatus,
  meetingSummary,
  providerAssurance,
  requirementApplies,
  trainingMatrix,
  trainingStatus,
  type AssuranceState,
  type MeetingState,
  type TrainingRequirement,
  type TrainingState,
} from "../../../app/conduct";
import { person } from "./fixtures";

describe("meeting intervals", () => {
  it("defaults: appraisal yearly for everyone, supervision quarterly for managers and executives", () => {
    expect(intervalFor(DEFAULT_INTERVALS, "appraisal", "frontline")).toBe(12);
    expect(intervalFor(DEFAULT_INTERVALS, "supervision", "senior_manager")).toBe(3);
    expect(intervalFor(DEFAULT_INTERVALS, "supervision", "frontline")).toBeNull();
    expect(intervalFor(DEFAULT_INTERVALS, "appraisal", "unmapped")).toBe(12);
  });
  it("the organisation's rows override the defaults", () => {
    const i = intervalsWith([{ kind: "one_to_one", category: "frontline", months: 1 }, { kind: "appraisal", category: "out_of_scope", months: null }]);
    expect(i.one_to_one.frontline).toBe(1);
    expect(i.appraisal.out_of_scope).toBeNull();
    expect(DEFAULT_INTERVALS.one_to_one.frontline).toBeNull();
  });
});

describe("meetingStatus", () => {
  const rows: Array<[string, number | null, string[], string | null, MeetingState, string | null, string]> = [
    // as of, months, held, start → state, due by, words
    ["2026-06-01", 12, ["2025-09-01"], "2020-01-06", "current", "2026-09-01", "up to date: last held 1 Sep 2025"],
    ["2026-08-10", 12, ["2025-09-01"], "2020-01-06", "due_soon", "2026-09-01", "due soon"],
    ["2026-09-02", 12, ["2025-09-01"], "2020-01-06", "overdue", "2026-09-01", "Appraisal overdue: last held 1 Sep 2025, expected every 12 months, so due by 1 Sep 2026"],
    ["2026-06-01", 12, [], "2026-01-05", "current", "2027-01-05", "none recorded since starting on 5 Jan 2026"],
    ["2026-06-01", 12, [], "2020-01-06", "overdue", "2021-01-06", "none recorded since starting"],
    ["2026-06-01", 12, [], null, "overdue", null, "start date is unknown"],
    ["2026-06-01", null, ["2025-01-01"], "2020-01-06", "not_expected", null, "not expected"],
    // a meeting after the as-of date does not count
    ["2026-06-01", 12, ["2025-01-01", "2026-07-01"], "2020-01-06", "overdue", "2026-01-01", "last held 1 Jan 2025"],
  ];
  it.each(rows)("on %s every %s months, held %j, started %s → %s", (asOf, months, held, start, state, dueBy, words) => {
    const s = meetingStatus({ startDate: start }, "appraisal", months, held, asOf);
    expect(s.state).toBe(state);
    expect(s.dueBy).toBe(dueBy);
    expect(s.reason).toContain(words);
  });
  it("summary counts expected and overdue per kind for active people", () => {
    const people = [person({ staffId: 1, category: "senior_manager" }), person({ staffId: 2 }), person({ staffId: 3, endDate: "2025-01-01" })];
    const s = meetingSummary(people, DEFAULT_INTERVALS, new Map([[1, { appraisal: ["2026-01-10"], supervision: ["2025-12-01"] }]]), "2026-06-01");
    expect(s.expected).toEqual({ supervision: 1, one_to_one: 0, appraisal: 2 });
    expect(s.overdue).toEqual({ supervision: 1, one_to_one: 0, appraisal: 1 });
  });
  it("the counts alone (the conduct summary's) equal the summary's counts", () => {
    const people = [person({ staffId: 1, category: "senior_manager" }), person({ staffId: 2 }), person({ staffId: 3, endDate: "2025-01-01" }), person({ staffId: 4, category: "senior_executive", startDate: null }), person({ staffId: 5, category: "senior_manager", startDate: "2026-05-20" })];
    const held = new Map([[1, { appraisal: ["2026-01-10"], supervision: ["2025-12-01", "2026-07-01"] }], [5, { supervision: ["2026-05-25"] }]]);
    const intervals = intervalsWith([{ kind: "one_to_one", category: "frontline", months: 1 }]);
    for (const asOf of ["2026-06-01", "2026-08-20", "2027-01-01"]) {
      const s = meetingSummary(people, intervals, held, asOf);
      expect(meetingCounts(people, intervals, held, asOf)).toEqual({ expected: s.expected, overdue: s.overdue });
    }
  });
});

describe("training", () => {
  const course = { id: 10, title: "Damp and mould", code: "DM", refreshMonths: 24 };
  it.each([
    [{ courseId: 10, appliesTo: "everyone", value: null }, true],
    [{ courseId: 10, appliesTo: "job_title", value: "housing officer" }, true],
    [{ courseId: 10, appliesTo: "job_title", value: "repairs manager" }, false],
    [{ courseId: 10, appliesTo: "category", value: "frontline" }, true],
    [{ courseId: 10, appliesTo: "category", value: "senior_manager" }, false],
    [{ courseId: 10, appliesTo: "department", value: "housing" }, true],
    [{ courseId: 10, appliesTo: "department", value: "repairs" }, false],
  ] as Array<[TrainingRequirement, boolean]>)("requirement %j applies to a frontline Housing Officer in Housing: %s", (req, applies) => {
    expect(requirementApplies(req, person({ department: " Housing " }))).toBe(applies);
  });

  it("expiry: the given date, else the refresh interval, else none", () => {
    expect(expiryOf({ completedOn: "2025-03-01", expiresOn: "2026-01-01" }, course)).toBe("2026-01-01");
    expect(expiryOf({ completedOn: "2025-03-01", expiresOn: null }, course)).toBe("2027-03-01");
    expect(expiryOf({ completedOn: "2025-03-01", expiresOn: null }, { refreshMonths: null })).toBeNull();
  });

  const rows: Array<[boolean, string[], string, TrainingState]> = [
    [true, [], "2026-06-01", "missing"],
    [false, [], "2026-06-01", "not_required"],
    [true, ["2025-03-01"], "2026-06-01", "compliant"],
    [true, ["2024-07-01"], "2026-06-01", "expiring_soon"],
    [true, ["2024-03-01"], "2026-06-01", "expired"],
    [true, ["2024-03-01", "2026-05-01"], "2026-06-01", "compliant"],
    [true, ["2026-07-01"], "2026-06-01", "missing"],
    [false, ["2024-03-01"], "2026-06-01", "not_required"],
  ];
  it.each(rows)("required %s, completed %j, on %s → %s", (required, done, asOf, state) => {
    const completions = done.map((d) => ({ staffId: 1, courseId: 10, completedOn: d, expiresOn: null }));
    expect(trainingStatus(course, required, completions, asOf).state).toBe(state);
  });

  it("matrix: compliance % per course and overall, people × courses", () => {
    const safeguarding = { id: 11, title: "Safeguarding", code: "SG", refreshMonths: null };
    const people = [person({ staffId: 1 }), person({ staffId: 2, department: "Repairs" }), person({ staffId: 3, category: "senior_manager" })];
    const m = trainingMatrix(
      people,
      [course, safeguarding],
      [{ courseId: 10, appliesTo: "category", value: "frontline" }, { courseId: 11, appliesTo: "everyone", value: null }],
      [
        { staffId: 1, courseId: 10, completedOn: "2025-09-01", expiresOn: null },
        { staffId: 2, courseId: 10, completedOn: "2023-09-01", expiresOn: null },
        { staffId: 1, courseId: 11, completedOn: "2020-01-01", expiresOn: null },
        { staffId: 3, courseId: 11, completedOn: "2021-01-01", expiresOn: null },
      ],
      "2026-06-01",
    );
    expect(m.courses.map((c) => [c.course.title, c.required, c.compliant, c.expired, c.missing, c.pct])).toEqual([
      ["Damp and mould", 2, 1, 1, 0, 50],
      ["Safeguarding", 3, 2, 0, 1, 66.7],
    ]);
    expect(m.pct).toBe(60);
    expect(m.rows.map((r) => r.cells.map((c) => c.state))).toEqual([
      ["compliant", "compliant"],
      ["expired", "missing"],
      ["not_required", "compliant"],
    ]);
  });

  it("a completion on or after the campaign opened closes the course recommendation", () => {
    const rec = { staffId: 1, courseId: 10, campaignOpensOn: "2026-02-01" };
    const c = (completedOn: string) => ({ staffId: 1, courseId: 10, completedOn, expiresOn: null });
    expect(closesRecommendation(rec, [c("2026-03-01")], course, "2026-06-01")?.completedOn).toBe("2026-03-01");
    expect(closesRecommendation(rec, [c("2025-12-01")], course, "2026-06-01")).toBeNull();
    expect(closesRecommendation(rec, [{ ...c("2026-03-01"), courseId: 11 }], course, "2026-06-01")).toBeNull();
    expect(closesRecommendation(rec, [c("2026-03-01")], course, "2028-06-01")).toBeNull();
  });

  it.each([
    [true, "missing", true],
    [true, "expired", true],
    [true, "expiring_soon", false],
    [true, "compliant", false],
    [false, "not_required", false],
  ] as Array<[boolean, TrainingState, boolean]>)("required %s and %s: behind %s", (required, state, behind) => {
    expect(isBehind({ required, state })).toBe(behind);
  });
});

describe("providerAssurance", () => {
  const rows: Array<[boolean, boolean, string[], string, AssuranceState, string | null, string]> = [
    [true, true, ["2025-09-01"], "2026-06-01", "current", "2026-09-01", "next due by 1 Sep"],
    [true, true, ["2025-09-01"], "2026-08-15", "due_soon", "2026-09-01", "next due by"],
    [true, true, ["2025-09-01"], "2026-09-02", "overdue", "2026-09-01", "Assurance return overdue"],
    [true, false, [], "2026-06-01", "none_received", null, "no conduct clause"],
    [false, false, ["2026-01-01"], "2026-06-01", "current", "2027-01-01", "no competence or conduct clauses"],
  ];
  it.each(rows)("competence %s conduct %s returns %j on %s → %s", (competence, conduct, returns, asOf, state, next, words) => {
    const a = providerAssurance({ name: "Acme", competenceClause: competence, conductClause: conduct, assuranceMonths: 12, returns }, asOf);
    expect(a.state).toBe(state);
    expect(a.nextDueOn).toBe(next);
    expect(a.reasons.join(" ")).toContain(words);
  });
});
