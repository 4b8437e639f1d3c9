// The conduct reminder rules as tables: which supervisions, appraisals and courses someone is chased for, and the
// item (reason in plain words, overdue or coming) each gives once the lead time is applied.
import { describe, expect, it } from "vitest";
import { DEFAULT_INTERVALS, intervalsWith, type MeetingKind, type TrainingCompletion, type TrainingCourse, type TrainingRequirement } from "../../../app/conduct";
import { conductObligationItems } from "../../../app/reminders/action-items";
import { meetingObligations, trainingObligations } from "../../../app/reminders/conduct-obligations";
import type { ReminderSettings } from "../../../app/reminders/types";
import { person } from "../conduct/fixtures";

const SETTINGS: ReminderSettings = { enrolLeadDays: 60, dueLeadDays: 30, startChaseMonths: 3 };
const AS_OF = "2026-12-01";

describe("supervision and appraisal reminders", () => {
  const manager = person({ staffId: 1, name: "Asha Patel", jobTitle: "Housing Manager", category: "senior_manager", startDate: "2020-01-06" });
  type Row = [name: string, held: Partial<Record<MeetingKind, string[]>>, startDate: string | null, expected: string[]];
  const rows: Row[] = [
    ["nothing recorded since starting long ago: both overdue from the start", {}, "2020-01-06", ["appraisal_due:Appraisal overdue since 6 Jan 2021:true", "supervision_due:Supervision overdue since 6 Apr 2020:true"]],
    ["appraised 10½ months ago, supervised last week: nothing within the lead time", { appraisal: ["2026-01-15"], supervision: ["2026-11-24"] }, "2020-01-06", []],
    ["appraised 11½ months ago: due within 30 days", { appraisal: ["2025-12-20"], supervision: ["2026-11-24"] }, "2020-01-06", ["appraisal_due:Appraisal due by 20 Dec 2026 (in 19 days):false"]],
    ["supervised 3 months ago to the day: due today", { appraisal: ["2026-06-01"], supervision: ["2026-09-01"] }, "2020-01-06", ["supervision_due:Supervision due by 1 Dec 2026 (today):false"]],
    ["start unknown and nothing recorded: none recorded", {}, null, ["appraisal_due:Appraisal: none recorded:true", "supervision_due:Supervision: none recorded:true"]],
    ["a meeting after the date does not count", { appraisal: ["2026-12-05"], supervision: ["2026-11-30"] }, "2020-01-06", ["appraisal_due:Appraisal overdue since 6 Jan 2021:true"]],
  ];
  it.each(rows)("%s", (_name, held, startDate, expected) => {
    const owed = meetingObligations({ people: [{ ...manager, startDate }], intervals: DEFAULT_INTERVALS, held: new Map([[1, held]]), tracked: true }, AS_OF);
    const items = conductObligationItems(owed, AS_OF, SETTINGS);
    expect(items.map((i) => `${i.kind}:${i.reason}:${i.overdue}`).sort()).toEqual([...expected].sort());
  });

  it("is silent until the organisation tracks meetings (decision 0041)", () => {
    expect(meetingObligations({ people: [manager], intervals: DEFAULT_INTERVALS, held: new Map(), tracked: false }, AS_OF)).toEqual([]);
  });

  it("follows the organisation's intervals: frontline staff owe one-to-ones monthly once set; leavers and kinds not expected owe nothing", () => {
    const officer = person({ staffId: 2, name: "Dev Shah", category: "frontline", startDate: "2026-10-15" });
    const leaver = person({ staffId: 3, category: "frontline", startDate: "2020-01-06", endDate: "2026-06-30" });
    const intervals = intervalsWith([{ kind: "one_to_one", category: "frontline", months: 1 }]);
    const owed = meetingObligations({ people: [officer, leaver], intervals, held: new Map(), tracked: true }, AS_OF);
    expect(owed.map((o) => [o.staffId, o.kind, o.what, o.dueOn])).toEqual([
      [2, "supervision_due", "One-to-one", "2026-11-15"],
      [2, "appraisal_due", "Appraisal", "2027-10-15"],
    ]);
    expect(conductObligationItems(owed, AS_OF, SETTINGS).map((i) => i.reason)).toEqual(["One-to-one overdue since 15 Nov 2026"]);
  });
});

describe("training reminders", () => {
  const damp: TrainingCourse = { id: 10, title: "Damp and mould", code: "DM", refreshMonths: 24 };
  const safeguarding: TrainingCourse = { id: 11, title: "Safeguarding", code: "SG", refreshMonths: null };
  const everyone = (courseId: number): TrainingRequirement => ({ courseId, appliesTo: "everyone", value: null });
  const officer = person({ staffId: 5, name: "Cara Jones", category: "frontline", department: "Repairs" });
  const done = (courseId: number, completedOn: string, expiresOn: string | null = null): TrainingCompletion => ({ staffId: 5, courseId, completedOn, expiresOn });
  type Row = [name: string, completions: TrainingCompletion[], expected: string[]];
  const rows: Row[] = [
    ["never completed: owed now", [], ["Damp and mould training: none recorded:true"]],
    ["expired: overdue since the expiry", [done(10, "2024-10-01")], ["Damp and mould training overdue since 1 Oct 2026:true"]],
    ["expires within the lead time: coming", [done(10, "2024-12-20")], ["Damp and mould training due by 20 Dec 2026 (in 19 days):false"]],
    ["current for a year yet: nothing", [done(10, "2025-12-01")], []],
    ["the certificate's own expiry wins", [done(10, "2025-12-01", "2026-11-30")], ["Damp and mould training overdue since 30 Nov 2026:true"]],
    ["a refreshed completion replaces the expired one", [done(10, "2024-10-01"), done(10, "2026-11-01")], []],
  ];
  it.each(rows)("%s", (_name, completions, expected) => {
    const owed = trainingObligations({ people: [officer], courses: [damp], requirements: [everyone(10)], completions }, AS_OF);
    expect(conductObligationItems(owed, AS_OF, SETTINGS).map((i) => `${i.reason}:${i.overdue}`)).toEqual(expected);
  });

  it("only required courses, and a course that never expires owes nothing once done", () => {
    const owed = trainingObligations(
      { people: [officer], courses: [damp, safeguarding], requirements: [{ courseId: 11, appliesTo: "department", value: "repairs" }], completions: [done(10, "2020-01-01"), done(11, "2021-03-01")] },
      AS_OF,
    );
    expect(owed).toEqual([]);
    const owedNew = trainingObligations({ people: [officer], courses: [safeguarding], requirements: [{ courseId: 11, appliesTo: "department", value: "repairs" }], completions: [] }, AS_OF);
    expect(owedNew).toEqual([{ staffId: 5, employeeRef: "E5", name: "Cara Jones", jobTitle: "Housing Officer", kind: "training_due", what: "Safeguarding training", dueOn: null }]);
  });
});
