// Equivalent and older qualifications: an assessment "met" counts like a recognised qualification from its
// date; "partly met" is working towards until every top-up unit is completed, then qualified from the last.
// Unless a row says otherwise: the Neighbourhood Manager of fixtures.ts (Level 4) and a "met" assessment of
// the Level 5 leadership diploma (not recognised in the catalogue) by Jo Smith on 4 Mar 2026.

import { describe, expect, it } from "vitest";
import { buildStatusTimelines, equivalenceRecord, type ComplianceStatus, type StatutoryPosition } from "../../../app/compliance";
import { Q, assessment, contextFor, evaluate, person, type Situation } from "./fixtures";

interface Row {
  situation: string;
  given: Situation;
  status: ComplianceStatus;
  statutory: StatutoryPosition | null;
  reasons?: string[];
}

const rows: Row[] = [
  {
    situation: "met: qualified from the assessment date, with who assessed it and the evidence",
    given: { equivalences: [{}], asOf: "2030-01-15" },
    status: "qualified",
    statutory: "compliant",
    reasons: ["Qualified: Level 5 Diploma in Leadership and Management assessed as equivalent, content criteria met, assessed by Jo Smith on 4 Mar 2026 (evidence HR/EQ/12)"],
  },
  {
    situation: "met, but before the assessment date: not yet counted",
    given: { equivalences: [{}], asOf: "2026-02-01" },
    status: "not_enrolled",
    statutory: "not_yet_due",
  },
  {
    situation: "met for an executive: the qualification's level must reach Level 5",
    given: { person: { jobTitle: "Director of Housing" }, equivalences: [{ qualificationId: Q.cihL4Housing }], asOf: "2030-01-15" },
    status: "not_enrolled",
    statutory: "in_breach",
    reasons: ["does not count: Level 4 is below the Level 5 required"],
  },
  {
    situation: "met of a Level 3 qualification never meets a Level 4 requirement",
    given: { equivalences: [{ qualificationId: Q.cihL3Practice }], asOf: "2030-01-15" },
    status: "not_enrolled",
    statutory: "in_breach",
  },
  {
    situation: "partly met with a top-up outstanding: working towards, naming the units left",
    given: {
      equivalences: [{ outcome: "partly_met", topUps: [{ unit: "Housing law", completedOn: "2026-06-01" }, { unit: "Tenancy management", completedOn: null }] }],
      asOf: "2030-01-15",
    },
    status: "working_towards",
    statutory: "compliant",
    reasons: ["partly meets the content criteria", "top-up units outstanding: Tenancy management"],
  },
  {
    situation: "partly met with every top-up completed: qualified from the last completion",
    given: {
      equivalences: [{ outcome: "partly_met", topUps: [{ unit: "Housing law", completedOn: "2026-06-01" }, { unit: "Tenancy management", completedOn: "2026-09-30" }] }],
      asOf: "2030-01-15",
    },
    status: "qualified",
    statutory: "compliant",
    reasons: ["assessed as partly equivalent", "top-up units completed by 30 Sep 2026"],
  },
  {
    situation: "partly met, every top-up dated but the last still ahead: working towards until then",
    given: {
      equivalences: [{ outcome: "partly_met", topUps: [{ unit: "Housing law", completedOn: "2026-06-01" }, { unit: "Tenancy management", completedOn: "2026-09-30" }] }],
      asOf: "2026-07-01",
    },
    status: "working_towards",
    statutory: "compliant",
    reasons: ["top-up units complete on 30 Sep 2026"],
  },
  {
    situation: "partly met with no top-up recorded yet: working towards, and it says the units are missing",
    given: { equivalences: [{ outcome: "partly_met", topUps: [] }], asOf: "2027-01-15" },
    status: "working_towards",
    statutory: "compliant",
    reasons: ["top-up units outstanding: top-up units not yet recorded"],
  },
  {
    situation: "a recorded achievement still wins over an assessment when it came first",
    given: {
      records: [{ status: "achieved", achievedOn: "2025-11-30", enrolledOn: "2024-11-01", startedOn: "2024-11-01" }],
      equivalences: [{}],
      asOf: "2030-01-15",
    },
    status: "qualified",
    statutory: "compliant",
    reasons: ["Qualified: achieved CIH Level 4 Certificate in Housing 30 Nov 2025"],
  },
];

describe("equivalence assessments in the status", () => {
  it.each(rows)("$situation", (row) => {
    const result = evaluate(row.given);
    expect(result.status).toBe(row.status);
    expect(result.statutory).toBe(row.statutory);
    for (const fragment of row.reasons ?? []) expect(result.reasons.join(" | ")).toContain(fragment);
  });

  it("the deciding record says it is an assessment, and never takes a stored record's id", () => {
    const a = assessment({ id: 7 });
    const result = evaluate({ equivalences: [a], asOf: "2030-01-15" });
    expect(result.decidingRecord).toMatchObject({ id: -7, equivalence: true, achievedOn: "2026-03-04" });
  });
});

describe("the record an assessment stands for", () => {
  it.each([
    { outcome: "met" as const, topUps: [], status: "achieved", achievedOn: "2026-03-04" },
    { outcome: "partly_met" as const, topUps: [{ unit: "A", completedOn: null }], status: "in_progress", achievedOn: null },
    { outcome: "partly_met" as const, topUps: [{ unit: "A", completedOn: "2026-05-01" }, { unit: "B", completedOn: "2026-04-01" }], status: "achieved", achievedOn: "2026-05-01" },
    // A top-up dated before the assessment (done earlier, recorded later) cannot make the person qualified before it.
    { outcome: "partly_met" as const, topUps: [{ unit: "A", completedOn: "2025-01-01" }], status: "achieved", achievedOn: "2026-03-04" },
  ])("$outcome with $topUps.length top-ups → $status on $achievedOn", ({ outcome, topUps, status, achievedOn }) => {
    const r = equivalenceRecord(assessment({ outcome, topUps }));
    expect(r.status).toBe(status);
    expect(r.achievedOn).toBe(achievedOn);
    expect(r.enrolledOn).toBe("2026-03-04");
  });

  it("the trend counts an assessment the way the status does", () => {
    const ctx = contextFor({ equivalences: [assessment({ staffId: 1 })] });
    const timelines = buildStatusTimelines(ctx, [person()]);
    expect(timelines.count).toBe(1);
    expect(Number.isFinite(timelines.qualifiedFrom[0])).toBe(true);
  });
});
