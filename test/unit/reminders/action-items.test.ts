// The reminder rules as tables: which action items a person, a decision or a title gives at a date.
import { describe, expect, it } from "vitest";
import type { DecidingRecord, PersonCompliance } from "../../../app/compliance/types";
import {
  compareActionItems,
  conductObligationItems,
  decisionReviewItems,
  organisationActionItems,
  personActionItems,
  undecidedTitleItems,
  unverifiedEvidenceItems,
  type PersonForReminders,
} from "../../../app/reminders/action-items";
import type { ActionKind, ReminderSettings } from "../../../app/reminders/types";

const SETTINGS: ReminderSettings = { enrolLeadDays: 60, dueLeadDays: 30, startChaseMonths: 3 };

function record(over: Partial<DecidingRecord> = {}): DecidingRecord {
  return {
    id: 1,
    qualificationId: 1,
    qualificationTitle: "CIH Level 4 Certificate in Housing",
    level: 4,
    status: "in_progress",
    provider: "Acme Training",
    enrolledOn: "2026-01-10",
    startedOn: "2026-02-01",
    expectedCompletion: "2027-02-01",
    achievedOn: null,
    ...over,
  };
}

function person(compliance: Partial<PersonCompliance>): PersonForReminders {
  return {
    staffId: 7,
    employeeRef: "E7",
    name: "Asha Patel",
    jobTitle: "Housing Manager",
    compliance: { status: "not_enrolled", enrolBy: "2029-10-01", latestStart: "2028-10-01", qualifyBy: "2029-10-01", decidingRecord: null, ...compliance },
  };
}

describe("personActionItems", () => {
  const rows: Array<[string, Partial<PersonCompliance>, string, ActionKind[], boolean[]]> = [
    ["not enrolled, enrol-by far away", {}, "2026-12-01", [], []],
    ["not enrolled, enrol-by in 60 days", { enrolBy: "2027-01-30" }, "2026-12-01", ["enrol_by_soon"], [false]],
    ["not enrolled, enrol-by in 61 days", { enrolBy: "2027-01-31" }, "2026-12-01", [], []],
    ["not enrolled, enrol-by today", { enrolBy: "2026-12-01", latestStart: "2026-12-01" }, "2026-12-01", ["enrol_by_soon"], [false]],
    ["not enrolled, enrol-by passed (and latest start)", { enrolBy: "2026-11-30", latestStart: "2026-11-30" }, "2026-12-01", ["enrol_by_passed", "latest_start_passed"], [true, true]],
    ["not enrolled, only the latest start passed", { enrolBy: "2029-10-01", latestStart: "2026-06-01" }, "2026-12-01", ["latest_start_passed"], [true]],
    ["working towards, all dates recorded and ahead", { status: "working_towards", decidingRecord: record() }, "2026-12-01", [], []],
    ["working towards, expected completion missing", { status: "working_towards", decidingRecord: record({ expectedCompletion: null }) }, "2026-12-01", ["completion_missing"], [true]],
    ["working towards, expected completion passed", { status: "working_towards", decidingRecord: record({ expectedCompletion: "2026-11-30" }) }, "2026-12-01", ["completion_passed"], [true]],
    [
      "enrolled 4 months ago without a start",
      { status: "working_towards", decidingRecord: record({ status: "enrolled", startedOn: null, enrolledOn: "2026-08-01" }) },
      "2026-12-01",
      ["enrolled_without_start"],
      [true],
    ],
    [
      "enrolled 2 weeks ago without a start: not chased yet",
      { status: "working_towards", decidingRecord: record({ status: "enrolled", startedOn: null, enrolledOn: "2026-11-18" }) },
      "2026-12-01",
      [],
      [],
    ],
    [
      "enrolled without a start after the latest start",
      { status: "working_towards", latestStart: "2026-10-01", decidingRecord: record({ status: "enrolled", startedOn: null, enrolledOn: "2026-08-01" }) },
      "2026-12-01",
      ["enrolled_without_start", "latest_start_passed"],
      [true, true],
    ],
    ["working towards who has started: the latest start does not matter", { status: "working_towards", latestStart: "2026-10-01", decidingRecord: record() }, "2026-12-01", [], []],
    ["qualified: nothing", { status: "qualified", enrolBy: "2026-01-01", latestStart: "2026-01-01", decidingRecord: record({ status: "achieved", achievedOn: "2026-06-01" }) }, "2026-12-01", [], []],
  ];
  it.each(rows)("%s", (_name, compliance, asOf, kinds, overdue) => {
    const items = personActionItems(person(compliance), asOf, SETTINGS);
    expect(items.map((i) => i.kind)).toEqual(kinds);
    expect(items.map((i) => i.overdue)).toEqual(overdue);
    for (const i of items) expect(i).toMatchObject({ staffId: 7, employeeRef: "E7", personName: "Asha Patel" });
  });

  it("says why in plain words, with the date that matters", () => {
    const [soon] = personActionItems(person({ enrolBy: "2027-01-12" }), "2026-12-01", SETTINGS);
    expect(soon.reason).toBe("Not enrolled: must enrol by 12 Jan 2027 (in 42 days)");
    expect(soon.date).toBe("2027-01-12");
    const [passed] = personActionItems(person({ status: "working_towards", decidingRecord: record({ expectedCompletion: "2026-09-21" }) }), "2026-12-01", SETTINGS);
    expect(passed.reason).toBe("Expected to complete CIH Level 4 Certificate in Housing by 21 Sep 2026: that date has passed with no achievement recorded");
  });

  it("reads the lead time from the settings", () => {
    expect(personActionItems(person({ enrolBy: "2027-01-30" }), "2026-12-01", { ...SETTINGS, enrolLeadDays: 30 })).toEqual([]);
  });
});

describe("conductObligationItems", () => {
  const who = { staffId: 7, employeeRef: "E7", name: "Asha Patel", jobTitle: "Housing Officer" };
  const rows: Array<[string, string | null, ActionKind[], boolean[], string[]]> = [
    ["never recorded", null, ["supervision_due"], [true], ["Supervision: none recorded"]],
    ["overdue", "2026-11-01", ["supervision_due"], [true], ["Supervision overdue since 1 Nov 2026"]],
    ["due within 30 days", "2026-12-31", ["supervision_due"], [false], ["Supervision due by 31 Dec 2026 (in 30 days)"]],
    ["due later", "2027-01-01", [], [], []],
  ];
  it.each(rows)("%s", (_name, dueOn, kinds, overdue, reasons) => {
    const items = conductObligationItems([{ ...who, kind: "supervision_due", what: "Supervision", dueOn }], "2026-12-01", SETTINGS);
    expect(items.map((i) => i.kind)).toEqual(kinds);
    expect(items.map((i) => i.overdue)).toEqual(overdue);
    expect(items.map((i) => i.reason)).toEqual(reasons);
  });
  it("names the person, whoever they are (frontline staff owe conduct too)", () => {
    const [owed] = conductObligationItems([{ ...who, kind: "training_due", what: "Damp and mould course", dueOn: null }], "2026-12-01", SETTINGS);
    expect(owed).toMatchObject({ staffId: 7, employeeRef: "E7", personName: "Asha Patel", jobTitle: "Housing Officer", reason: "Damp and mould course: none recorded" });
  });
});

describe("decisions, titles and evidence", () => {
  it("flags decisions past their review date only", () => {
    const items = decisionReviewItems(
      [
        { jobTitle: "Housing Manager", reviewDate: "2026-11-30", people: 12 },
        { jobTitle: "Repairs Manager", reviewDate: "2026-12-01", people: 3 },
        { jobTitle: "Estates Officer", reviewDate: null, people: 1 },
      ],
      "2026-12-01",
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "scope_review_overdue", jobTitle: "Housing Manager", staffId: null, overdue: true, date: "2026-11-30" });
    expect(items[0].reason).toBe('The scope decision for "Housing Manager" (12 people) was due for review on 30 Nov 2026');
  });
  it("lists undecided titles with their head count", () => {
    expect(undecidedTitleItems([{ jobTitle: "Team Leader", people: 1 }])[0].reason).toBe('No scope decision for "Team Leader" (1 person): decide whether the title needs a qualification');
  });
  it("lists achieved records without verified evidence for people in the list", () => {
    const items = unverifiedEvidenceItems(
      [
        { staffId: 7, qualificationTitle: "CIH Level 4 Certificate in Housing", achievedOn: "2026-06-01" },
        { staffId: 8, qualificationTitle: "CIH Level 5 Diploma in Housing", achievedOn: null },
      ],
      new Map([[7, person({})]]),
    );
    expect(items.map((i) => i.reason)).toEqual(["Evidence for CIH Level 4 Certificate in Housing (achieved 1 Jun 2026) has not been verified"]);
  });
});

describe("organisationActionItems", () => {
  it("puts overdue first, then the soonest date, and skips people outside scope", () => {
    const items = organisationActionItems(
      {
        people: [
          { ...person({ enrolBy: "2027-01-10" }), staffId: 1, employeeRef: "A", name: "Soon" },
          { ...person({ enrolBy: "2026-10-01", latestStart: "2028-01-01" }), staffId: 2, employeeRef: "B", name: "Late" },
          { ...person({ status: "not_required", enrolBy: "2026-01-01" }), staffId: 3, employeeRef: "C", name: "Frontline" },
        ],
        unverified: [],
        conduct: [],
        decisions: [],
        undecided: [{ jobTitle: "Team Leader", people: 2 }],
      },
      "2026-12-01",
      SETTINGS,
    );
    expect(items.map((i) => [i.kind, i.personName ?? i.jobTitle])).toEqual([
      ["job_title_undecided", "Team Leader"],
      ["enrol_by_passed", "Late"],
      ["enrol_by_soon", "Soon"],
    ]);
    expect([...items].sort(compareActionItems)).toEqual(items);
  });
});
