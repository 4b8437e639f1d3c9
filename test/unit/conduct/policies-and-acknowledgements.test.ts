// Policies in force and their reviews; code-of-conduct acknowledgements (default 60 days to acknowledge).
import { describe, expect, it } from "vitest";
import { acknowledgementStatus, acknowledgementSummary, currentVersions, missingPolicyKinds, policyReview, type PolicyVersion, type ReviewState, type AcknowledgementState } from "../../../app/conduct";
import { person } from "./fixtures";

const v = (id: number, over: Partial<PolicyVersion> = {}): PolicyVersion => ({ id, kind: "code_of_conduct", version: `v${id}`, approvedBy: "Board", approvedOn: "2026-01-15", reviewBy: "2027-01-15", ...over });

describe("currentVersions", () => {
  it("takes the latest version approved on or before the date, per kind", () => {
    const versions = [v(1, { approvedOn: "2024-03-01" }), v(2, { approvedOn: "2026-01-15" }), v(3, { approvedOn: "2026-09-01" }), v(4, { kind: "appraisal", approvedOn: "2025-05-01" })];
    const current = currentVersions(versions, "2026-06-01");
    expect(current.get("code_of_conduct")?.id).toBe(2);
    expect(current.get("appraisal")?.id).toBe(4);
    expect(current.get("poor_performance")).toBeUndefined();
    expect(missingPolicyKinds(versions, "2026-06-01")).toEqual(["learning_development", "poor_performance"]);
  });
  it("breaks a same-day tie by the later record", () => {
    expect(currentVersions([v(5, { approvedOn: "2026-01-15" }), v(6, { approvedOn: "2026-01-15" })], "2026-02-01").get("code_of_conduct")?.id).toBe(6);
  });
});

describe("policyReview", () => {
  const rows: Array<[string, string | null, boolean, ReviewState, string]> = [
    ["2026-06-01", "2027-01-15", true, "current", "next review by 15 Jan 2027"],
    ["2026-12-01", "2027-01-15", true, "due_soon", "due for review by 15 Jan 2027"],
    ["2027-01-15", "2027-01-15", true, "due_soon", "due for review by 15 Jan 2027"],
    ["2027-01-16", "2027-01-15", true, "overdue", "was due for review by 15 Jan 2027"],
    ["2026-06-01", null, true, "no_review_date", "has no review date"],
    ["2026-06-01", "2027-01-15", false, "superseded", "replaced by a later version"],
    ["2025-06-01", "2027-01-15", true, "superseded", "approved from 15 Jan 2026"],
  ];
  it.each(rows)("on %s, review by %s (current %s) → %s", (asOf, reviewBy, current, state, words) => {
    const r = policyReview(v(1, { reviewBy }), asOf, current);
    expect(r.state).toBe(state);
    expect(r.reason).toContain(words);
  });
});

describe("acknowledgementStatus", () => {
  const code = { id: 1, version: "2026", approvedOn: "2026-01-15" };
  const rows: Array<[string, string | null, string, AcknowledgementState, string]> = [
    // start, acknowledged on, as of → state, due by
    ["2020-01-06", "2026-02-01", "2026-06-01", "acknowledged", "2026-03-16"],
    ["2020-01-06", null, "2026-03-16", "due", "2026-03-16"],
    ["2020-01-06", null, "2026-03-17", "overdue", "2026-03-16"],
    // a joiner after approval has 60 days from starting
    ["2026-05-01", null, "2026-06-01", "due", "2026-06-30"],
    ["2026-05-01", null, "2026-07-01", "overdue", "2026-06-30"],
    // an acknowledgement recorded later than the as-of date does not count yet
    ["2020-01-06", "2026-07-01", "2026-06-01", "overdue", "2026-03-16"],
    // unknown start = started before
    ["", null, "2026-02-01", "due", "2026-03-16"],
  ];
  it.each(rows)("started %s, acknowledged %s, on %s → %s (due by %s)", (start, ackOn, asOf, state, dueBy) => {
    const s = acknowledgementStatus({ startDate: start || null }, code, ackOn, 60, asOf);
    expect(s.state).toBe(state);
    expect(s.dueBy).toBe(dueBy);
  });
  it("says why in plain words", () => {
    expect(acknowledgementStatus({ startDate: null }, code, null, 60, "2026-04-01").reason).toBe(
      "Has not acknowledged code of conduct 2026: it was due by 16 Mar 2026 (60 days after it was approved on 15 Jan 2026).",
    );
  });
});

describe("acknowledgementSummary", () => {
  it("counts active people, frontline and contractors included, overall and by department and employer", () => {
    const people = [
      person({ staffId: 1, department: "Housing" }),
      person({ staffId: 2, department: "Housing", employer: "Acme Repairs" }),
      person({ staffId: 3, department: "Repairs", employer: "Acme Repairs" }),
      person({ staffId: 4, department: "Repairs", endDate: "2026-02-01" }), // left: not required
    ];
    const s = acknowledgementSummary(people, { id: 1, version: "2026", approvedOn: "2026-01-15" }, new Map([[1, "2026-02-01"], [3, "2026-02-02"]]), 60, "2026-04-01");
    expect(s).toMatchObject({ version: "2026", required: 3, acknowledged: 2, overdue: 1, due: 0, pct: 66.7 });
    expect(s.byDepartment).toEqual([
      { name: "Housing", required: 2, acknowledged: 1, overdue: 1, pct: 50 },
      { name: "Repairs", required: 1, acknowledged: 1, overdue: 0, pct: 100 },
    ]);
    expect(s.byEmployer.map((g) => [g.name, g.acknowledged, g.required])).toEqual([["Acme Repairs", 1, 2], ["Employed directly", 1, 1]]);
  });
  it("owes nothing when no code is in force", () => {
    expect(acknowledgementSummary([person()], null, new Map(), 60, "2026-04-01")).toMatchObject({ version: null, required: 0, pct: null });
  });
});
