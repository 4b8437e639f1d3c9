import { describe, expect, test } from "vitest";
import { executiveNarrative, type NarrativeInput } from "../../../app/models/executive-narrative";

const base: NarrativeInput = {
  asOf: "2026-11-23",
  inScope: 57,
  statutory: { compliant: 43, notYetDue: 14, inBreach: 0 },
  worstCase: null,
  inScopeByLevel: { 5: 0, 4: 57 },
  qualified: 20,
  workingTowards: 23,
  notEnrolled: 14,
  pctQualified: 35.1,
  pctQualifiedOrEnrolled: 75.4,
  decisionsNeeded: 0,
  notEnrolledPastLatestStart: 2,
  red: 2,
  amber: 12,
  milestones: [{ name: "October 2026 enrolment milestone", date: "2026-10-01", measure: "qualified_or_enrolled", targetPct: 50, actualPct: 74, state: "met", daysLeft: -53 }],
  forecastAtDeadline: { name: "Qualified deadline", date: "2029-10-01", pct: 75.4, targetPct: 100 },
};

describe("the executive narrative", () => {
  test("says how many are qualified or enrolled against the October milestone, and who is past their latest start", () => {
    const text = executiveNarrative(base).join(" ");
    expect(text).toContain("Against our internal targets, 43 of the 57 are qualified or enrolled (75.4%)");
    expect(text).toContain("above the 50% target of the October 2026 enrolment milestone");
    expect(text).toContain("14 are not enrolled, of whom 2 are past their latest start date");
    expect(text).toContain("75.4% will be qualified by the Qualified deadline (1 Oct 2029) against a 100% internal target: more people need to enrol");
  });

  test("opens with the legal test, then the internal targets", () => {
    const after = executiveNarrative({ ...base, asOf: "2029-10-02", statutory: { compliant: 141, notYetDue: 0, inBreach: 9 }, inScope: 150 });
    expect(after[0]).toBe("On 2 Oct 2029, 141 of 150 people in scope meet the legal test; 9 are in breach.");
    expect(after[1]).toContain("141 hold or are working towards a relevant qualification");
    expect(executiveNarrative(base)[0]).toBe("On 23 Nov 2026, 57 of 57 people in scope meet the legal test; nobody is in breach.");
    expect(executiveNarrative(base)[1]).toContain("14 are not yet due");
    const text = executiveNarrative(base).join(" ");
    expect(text.indexOf("legal test")).toBeLessThan(text.indexOf("internal targets"));
  });

  test("the worst case counts undecided titles as not enrolled", () => {
    const text = executiveNarrative({ ...base, asOf: "2029-10-02", statutory: { compliant: 50, notYetDue: 0, inBreach: 7 }, worstCase: { inScope: 60, meeting: 50, inBreach: 10 } }).join(" ");
    expect(text).toContain("At worst, counting the 3 people whose job title is still undecided as not enrolled, 50 of 60 meet the legal test and 10 are in breach.");
  });

  test("below target and nobody in scope read differently", () => {
    expect(executiveNarrative({ ...base, pctQualifiedOrEnrolled: 40 }).join(" ")).toContain("below the 50% target");
    expect(executiveNarrative({ ...base, inScope: 0, decisionsNeeded: 3 })).toEqual([
      "On 23 Nov 2026 nobody is in scope for the qualification requirement; 3 people hold job titles that still need a scope decision.",
    ]);
  });
});
