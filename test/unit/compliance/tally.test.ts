// Counting a few people out and back in gives the measures counting everyone gives (decision 0058), and the
// staff timelines count what the required-people timelines count.
import { describe, expect, it } from "vitest";
import { copyTally, countPerson, measuresFromTally, summariseCompliance, tallyCompliance } from "../../../app/compliance/measures";
import { evaluateAll } from "../../../app/compliance/status";
import { buildStaffTimelines, buildStatusTimelines, copyCounts, countTimelines, countsAtDates, patchStaffTimelines, pointsAt, recountSlots } from "../../../app/compliance/trend";
import { affectedPeople } from "../../../app/compliance/affected-people";
import { contextFor, person, record, DECISIONS, QUALIFICATIONS, settings } from "./fixtures";
import type { StaffMember } from "../../../app/compliance/types";

const asOf = "2027-03-31";
const TITLES = ["Neighbourhood Manager", "Housing Officer", "Compliance lead", "compliance  Lead", "Voids Manager", "Director of Housing", "Finance Officer"];
const staff: StaffMember[] = Array.from({ length: 40 }, (_, i) =>
  person({ id: i + 1, employeeRef: `E${i}`, jobTitle: TITLES[i % TITLES.length], department: i % 3 ? "Neighbourhoods" : null, employer: i % 5 === 0 ? "Fix-it Ltd" : null, startDate: i % 4 === 0 ? "2027-06-01" : "2015-04-01", endDate: i % 9 === 0 ? "2026-12-31" : null }),
);
const records = staff.filter((s) => s.id % 2 === 0).map((s) => record({ staffId: s.id, status: s.id % 4 === 0 ? "achieved" : "in_progress", achievedOn: s.id % 4 === 0 ? "2026-06-01" : null }));

describe("patching the counts", () => {
  it("counting changed people out and in equals counting everyone", () => {
    const ctx = contextFor({ records });
    const before = evaluateAll(staff, ctx, asOf);
    // A decision for the undecided "Compliance lead" (two spellings) and a record achieved.
    const decisions = [...DECISIONS, { jobTitle: "Compliance Lead", category: "senior_manager" as const, timeManagingPct: null, rationale: null, decidedBy: null, decidedOn: null, reviewDate: null }];
    const changedRecords = records.map((r) => (r.staffId === 2 ? { ...r, status: "achieved" as const, achievedOn: "2027-01-10" } : r));
    const inputs = { settings: settings(), decisions: DECISIONS, overrides: [], qualifications: QUALIFICATIONS, records, absences: [], staff };
    const affected = affectedPeople(inputs, { ...inputs, decisions, records: changedRecords })!;
    expect([...affected].sort((a, b) => a - b)).toEqual(staff.filter((s) => s.id === 2 || s.jobTitle.toLowerCase().includes("compliance")).map((s) => s.id));

    const after = contextFor({ records: changedRecords, decisions });
    const tally = copyTally(tallyCompliance(before, staff));
    const people = before.slice();
    staff.forEach((s, i) => {
      if (!affected.has(s.id)) return;
      countPerson(tally, before[i], s, -1);
      people[i] = evaluateAll([s], after, asOf)[0];
      countPerson(tally, people[i], s, 1);
    });
    expect(measuresFromTally(tally, people, staff, asOf)).toEqual(summariseCompliance(evaluateAll(staff, after, asOf), staff, asOf));
  });

  it("an undecided title spelt two ways shows the first person's spelling, as counting in order does", () => {
    const ctx = contextFor({ records });
    const people = evaluateAll(staff, ctx, asOf);
    const fresh = summariseCompliance(people, staff, asOf);
    expect(fresh.unmappedTitles.find((t) => t.jobTitle.toLowerCase() === "compliance lead")?.n).toBeGreaterThan(1);
    const tally = tallyCompliance(people, staff);
    expect(measuresFromTally(tally, people, staff, asOf)).toEqual(fresh);
  });

  it("staff timelines (patched or not) count what the required-people timelines count", () => {
    const ctx = contextFor({ records });
    const dates = ["2025-12-31", "2026-06-30", "2026-12-31", "2027-06-30", "2029-10-01"];
    const expected = countsAtDates(buildStatusTimelines(ctx, staff), dates);
    const slots = buildStaffTimelines(ctx, staff);
    expect(countsAtDates(slots, dates)).toEqual(expected);
    const later = contextFor({ records: records.filter((r) => r.staffId !== 4) });
    const redo = [3]; // staff id 4
    const patched = patchStaffTimelines(slots, null, redo, later, staff);
    expect(countsAtDates(patched, dates)).toEqual(countsAtDates(buildStatusTimelines(later, staff), dates));
    expect(countsAtDates(slots, dates)).toEqual(expected); // the previous timelines are untouched
    // The counts patched slot by slot (the changed slot counted out as it was, in as it is) equal a fresh count.
    const counts = copyCounts(countTimelines(slots, dates));
    recountSlots(counts, slots, redo, -1);
    recountSlots(counts, patched, redo, 1);
    expect(pointsAt(counts, dates)).toEqual(countsAtDates(patched, dates));
    expect(pointsAt(countTimelines(slots, dates), dates)).toEqual(expected);
  });
});
