// The record rules shared by the person page and the importers (app/compliance/record-rules.ts), as tables:
// each row is a record someone tries to store and the field errors it gets (none: it is accepted).

import { describe, expect, it } from "vitest";
import { parseFields } from "../../../app/utils/zod-field-errors";
import {
  absenceForm,
  achievementForm,
  checkAchievement,
  checkEndAbsence,
  checkPathway,
  checkQualificationRecord,
  checkScopeDecision,
  clearPersonOverrideForm,
  endAbsenceForm,
  personOverrideForm,
  qualificationRecordErrors,
  qualificationRecordForm,
  scopeDecisionForm,
  unitResultForm,
  type FieldErrors,
  type QualificationRecordValues,
} from "../../../app/compliance/record-rules";

const today = "2026-06-15";
const base: QualificationRecordValues = {
  status: "enrolled",
  enrolled_on: "2026-01-10",
  started_on: null,
  expected_completion: null,
  achieved_on: null,
  certificate_ref: null,
};
const achieved: QualificationRecordValues = { ...base, status: "achieved", achieved_on: "2026-05-01", certificate_ref: "CERT-1" };

describe("a qualification record", () => {
  const rows: Array<{ situation: string; record: Partial<QualificationRecordValues>; errors: FieldErrors }> = [
    { situation: "an enrolment with its date", record: {}, errors: {} },
    { situation: "a running record without an enrolment date", record: { enrolled_on: null }, errors: { enrolled_on: "Enter the date they enrolled" } },
    { situation: "an in-progress record without an enrolment date", record: { status: "in_progress", enrolled_on: null }, errors: { enrolled_on: "Enter the date they enrolled" } },
    { situation: "a referred record without an enrolment date", record: { status: "referred", enrolled_on: null }, errors: { enrolled_on: "Enter the date they enrolled" } },
    { situation: "a withdrawn record without dates", record: { status: "withdrawn", enrolled_on: null }, errors: {} },
    { situation: "started on the enrolment day", record: { started_on: "2026-01-10" }, errors: {} },
    { situation: "started before enrolment", record: { started_on: "2026-01-09" }, errors: { started_on: "The start date cannot be before the enrolment date" } },
    { situation: "expected to complete on the enrolment day", record: { expected_completion: "2026-01-10" }, errors: { expected_completion: "The expected completion must be after the enrolment date" } },
    { situation: "expected to complete after enrolment", record: { expected_completion: "2027-01-10" }, errors: {} },
    { situation: "achieved with a date and certificate", record: achieved, errors: {} },
    { situation: "achieved today", record: { ...achieved, achieved_on: today }, errors: {} },
    { situation: "achieved without a date", record: { ...achieved, achieved_on: null }, errors: { achieved_on: "Enter the date it was achieved" } },
    { situation: "achieved without a certificate", record: { ...achieved, certificate_ref: null }, errors: { certificate_ref: "Enter the certificate reference" } },
    { situation: "achieved tomorrow", record: { ...achieved, achieved_on: "2026-06-16" }, errors: { achieved_on: "The achieved date cannot be in the future" } },
    { situation: "achieved before enrolment", record: { ...achieved, achieved_on: "2025-12-01" }, errors: { achieved_on: "The achieved date cannot be before the enrolment date" } },
    { situation: "achieved with no enrolment date (historic record)", record: { ...achieved, enrolled_on: null }, errors: {} },
    { situation: "an achieved date on a running record", record: { achieved_on: "2026-05-01" }, errors: { achieved_on: "Only an achieved record has an achieved date (or choose the status Achieved)" } },
    { situation: "evidence verified with who and when", record: { ...achieved, evidence_verified_by: "HR", evidence_verified_on: "2026-05-02" }, errors: {} },
    { situation: "evidence verified in the future", record: { ...achieved, evidence_verified_by: "HR", evidence_verified_on: "2026-07-01" }, errors: { evidence_verified_on: "The verification date cannot be in the future" } },
    { situation: "evidence verified on a date by nobody", record: { ...achieved, evidence_verified_on: "2026-05-02" }, errors: { evidence_verified_by: "Say who verified the evidence" } },
    { situation: "evidence verified by someone on no date", record: { ...achieved, evidence_verified_by: "HR" }, errors: { evidence_verified_on: "Enter the date the evidence was verified" } },
    {
      situation: "several rules broken at once",
      record: { status: "achieved", enrolled_on: "2026-02-01", started_on: "2026-01-01", achieved_on: null, certificate_ref: null },
      errors: { started_on: "The start date cannot be before the enrolment date", achieved_on: "Enter the date it was achieved", certificate_ref: "Enter the certificate reference" },
    },
  ];
  it.each(rows)("$situation", ({ record, errors }) => {
    expect(checkQualificationRecord({ ...base, ...record }, { today })).toEqual(errors);
  });
});

describe("a record's pathway", () => {
  const q = { title: "Level 4 Certificate in Housing", pathways: ["Housing Management", "Tenancy Services"] };
  const rows = [
    { situation: "no pathway", qualification: q, pathway: null, result: { pathway: null } },
    { situation: "one of the qualification's pathways, in another case", qualification: q, pathway: "housing management", result: { pathway: "Housing Management" } },
    { situation: "a pathway of another qualification", qualification: q, pathway: "Asset Management", result: { error: "Choose one of the pathways of Level 4 Certificate in Housing: Housing Management, Tenancy Services" } },
    { situation: "a pathway on a qualification without pathways", qualification: { title: "Level 5 Diploma", pathways: [] }, pathway: "Any", result: { error: "Level 5 Diploma has no pathways: leave this blank" } },
  ];
  it.each(rows)("$situation", ({ qualification, pathway, result }) => {
    expect(checkPathway(qualification, pathway)).toEqual(result);
  });

  it("is one of the record's errors when the qualification is known, and a missing qualification is named", () => {
    expect(qualificationRecordErrors({ ...base, pathway: "Asset Management" }, { today, qualification: q })).toEqual({ pathway: expect.stringContaining("Choose one of the pathways") });
    expect(qualificationRecordErrors({ ...base }, { today, qualification: null })).toEqual({ qualification_id: "Choose a qualification from the catalogue" });
    expect(qualificationRecordErrors({ ...base, pathway: "Anything" }, { today })).toEqual({});
  });
});

describe("the qualification record form", () => {
  const form = qualificationRecordForm({ today });
  const posted = { qualification_id: "3", provider: "", status: "enrolled", enrolled_on: "2026-01-10", started_on: "", expected_completion: "", achieved_on: "", certificate_ref: "", evidence_verified_by: "", evidence_verified_on: "", pathway: "" };
  it("turns blanks into nulls and the id into a number", () => {
    expect(parseFields(form, posted)).toEqual({
      ok: true,
      value: { qualification_id: 3, provider: null, status: "enrolled", enrolled_on: "2026-01-10", started_on: null, expected_completion: null, achieved_on: null, certificate_ref: null, evidence_verified_by: null, evidence_verified_on: null, pathway: null },
    });
  });
  it("accepts blank fields left out altogether (as Conform posts them)", () => {
    expect(parseFields(form, { qualification_id: "3", status: "enrolled", enrolled_on: "2026-01-10" }).ok).toBe(true);
  });
  const rows: Array<{ situation: string; change: Record<string, string | undefined>; errors: FieldErrors }> = [
    { situation: "no qualification chosen", change: { qualification_id: "" }, errors: { qualification_id: "Choose one" } },
    { situation: "an unknown status", change: { status: "lost" }, errors: { status: "Choose a status" } },
    { situation: "a date that does not exist", change: { enrolled_on: "2026-02-30" }, errors: { enrolled_on: "Enter a real date as YYYY-MM-DD" } },
    { situation: "a provider name too long", change: { provider: "x".repeat(201) }, errors: { provider: "Keep this under 200 characters" } },
    { situation: "achieved without date or certificate", change: { status: "achieved" }, errors: { achieved_on: "Enter the date it was achieved", certificate_ref: "Enter the certificate reference" } },
    { situation: "started before enrolment", change: { started_on: "2025-01-01" }, errors: { started_on: "The start date cannot be before the enrolment date" } },
  ];
  it.each(rows)("refuses $situation", ({ change, errors }) => {
    expect(parseFields(form, { ...posted, ...change })).toEqual({ ok: false, fieldErrors: errors });
  });
});

describe("marking a record achieved", () => {
  const form = achievementForm({ today });
  const posted = { record_id: "7", achieved_on: "2026-05-01", certificate_ref: "C-1", evidence_verified_by: "HR", evidence_verified_on: "2026-05-02" };
  const rows: Array<{ situation: string; change: Record<string, string>; errors: FieldErrors | null }> = [
    { situation: "with all the evidence", change: {}, errors: null },
    { situation: "without a date", change: { achieved_on: "" }, errors: { achieved_on: "Enter the date it was achieved" } },
    { situation: "without a certificate", change: { certificate_ref: " " }, errors: { certificate_ref: "Enter the certificate reference" } },
    { situation: "without who verified", change: { evidence_verified_by: "" }, errors: { evidence_verified_by: "Say who verified the evidence" } },
    { situation: "achieved in the future", change: { achieved_on: "2026-06-16", evidence_verified_on: "2026-06-15" }, errors: { achieved_on: "The achieved date cannot be in the future", evidence_verified_on: "The evidence cannot be verified before the achieved date" } },
    { situation: "verified before achieved", change: { evidence_verified_on: "2026-04-30" }, errors: { evidence_verified_on: "The evidence cannot be verified before the achieved date" } },
  ];
  it.each(rows)("$situation", ({ change, errors }) => {
    const parsed = parseFields(form, { ...posted, ...change });
    expect(parsed.ok ? null : parsed.fieldErrors).toEqual(errors);
  });
  it("cannot be before the record's enrolment", () => {
    const a = { achieved_on: "2026-05-01", certificate_ref: "C", evidence_verified_by: "HR", evidence_verified_on: "2026-05-02" };
    expect(checkAchievement(a, { today, enrolledOn: "2026-05-02" })).toEqual({ achieved_on: "The achieved date cannot be before the enrolment date" });
    expect(checkAchievement(a, { today, enrolledOn: "2026-05-01" })).toEqual({});
  });
});

describe("a unit result", () => {
  const rows = [
    { situation: "a pass with no date", posted: { record_id: "1", unit_ref: "U1", result: "pass", achieved_on: "" }, errors: null },
    { situation: "a pass dated today", posted: { record_id: "1", unit_ref: "U1", result: "pass", achieved_on: today }, errors: null },
    { situation: "a date in the future", posted: { record_id: "1", unit_ref: "U1", result: "pass", achieved_on: "2026-06-16" }, errors: { achieved_on: "The date cannot be in the future" } },
    { situation: "no unit", posted: { record_id: "1", unit_ref: "", result: "pass", achieved_on: "" }, errors: { unit_ref: "Choose a unit" } },
    { situation: "an unknown result", posted: { record_id: "1", unit_ref: "U1", result: "merit", achieved_on: "" }, errors: { result: "Choose a result" } },
  ];
  it.each(rows)("$situation", ({ posted, errors }) => {
    const parsed = parseFields(unitResultForm({ today }), posted);
    expect(parsed.ok ? null : parsed.fieldErrors).toEqual(errors);
  });
});

describe("an absence", () => {
  const rows = [
    { situation: "an open absence", posted: { kind: "parental", from_date: "2026-01-01", to_date: "", note: "" }, errors: null },
    { situation: "a one-day absence", posted: { kind: "other", from_date: "2026-01-01", to_date: "2026-01-01", note: "" }, errors: null },
    { situation: "ending before it starts", posted: { kind: "other", from_date: "2026-01-02", to_date: "2026-01-01", note: "" }, errors: { to_date: "The last day cannot be before the first day" } },
    { situation: "no kind", posted: { kind: "", from_date: "2026-01-01", to_date: "", note: "" }, errors: { kind: "Choose the kind of absence" } },
    { situation: "no first day", posted: { kind: "other", from_date: "", to_date: "", note: "" }, errors: { from_date: "Enter the first day of absence" } },
  ];
  it.each(rows)("$situation", ({ posted, errors }) => {
    const parsed = parseFields(absenceForm, posted);
    expect(parsed.ok ? null : parsed.fieldErrors).toEqual(errors);
  });

  const endRows = [
    { situation: "an open absence ended later", absence: { from_date: "2026-01-01", to_date: null }, toDate: "2026-02-01", errors: {} },
    { situation: "an open absence ended on its first day", absence: { from_date: "2026-01-01", to_date: null }, toDate: "2026-01-01", errors: {} },
    { situation: "an ended absence ended again", absence: { from_date: "2026-01-01", to_date: "2026-01-05" }, toDate: "2026-02-01", errors: { to_date: "This absence has already ended" } },
    { situation: "ended before its first day", absence: { from_date: "2026-01-10", to_date: null }, toDate: "2026-01-09", errors: { to_date: "The last day cannot be before the first day" } },
  ];
  it.each(endRows)("ending: $situation", ({ absence, toDate, errors }) => {
    expect(checkEndAbsence(absence, toDate)).toEqual(errors);
  });
  it("ending needs the last day", () => {
    expect(parseFields(endAbsenceForm, { absence_id: "4", to_date: "" })).toEqual({ ok: false, fieldErrors: { to_date: "Enter the last day of absence" } });
  });
});

describe("scope decisions", () => {
  const overrides = [
    { situation: "a category and a reason", posted: { category: "frontline", rationale: "Covers the housing team" }, errors: null },
    { situation: "no reason", posted: { category: "frontline", rationale: "  " }, errors: { rationale: "Give the reason for this individual decision" } },
    { situation: "a reason of one word", posted: { category: "frontline", rationale: "ok" }, errors: { rationale: "Give the reason in a few words" } },
    { situation: "no category", posted: { category: "", rationale: "Covers the housing team" }, errors: { category: "Choose a category" } },
  ];
  it.each(overrides)("an individual decision: $situation", ({ posted, errors }) => {
    const parsed = parseFields(personOverrideForm, posted);
    expect(parsed.ok ? null : parsed.fieldErrors).toEqual(errors);
  });
  it("clearing an individual decision needs a reason", () => {
    expect(parseFields(clearPersonOverrideForm, { reason: "" })).toEqual({ ok: false, fieldErrors: { reason: "Give the reason for clearing the individual decision" } });
    expect(parseFields(clearPersonOverrideForm, { reason: "Back to the job-title decision" }).ok).toBe(true);
  });

  const decisions = [
    { situation: "a complete decision", posted: { titles: ["Housing Officer"], category: "frontline", timeManagingPct: "", rationale: "Front-line role", reviewDate: "" }, errors: null },
    { situation: "no title ticked", posted: { titles: [], category: "frontline", timeManagingPct: "", rationale: "Front-line role", reviewDate: "" }, errors: { titles: "Tick at least one job title" } },
    { situation: "no title field at all", posted: { category: "frontline", rationale: "Front-line role" }, errors: { titles: "Tick at least one job title" } },
    { situation: "a percentage over 100", posted: { titles: ["A"], category: "senior_manager", timeManagingPct: "120", rationale: "Manages", reviewDate: "" }, errors: { timeManagingPct: "Enter a whole number from 0 to 100, or leave it blank" } },
    { situation: "no rationale", posted: { titles: ["A"], category: "frontline", timeManagingPct: "", rationale: "", reviewDate: "" }, errors: { rationale: "Give the rationale: the regulator may ask you to justify who is in scope" } },
    { situation: "an impossible review date", posted: { titles: ["A"], category: "frontline", timeManagingPct: "", rationale: "Role", reviewDate: "2026-13-01" }, errors: { reviewDate: "Enter a real date (or leave it blank)" } },
  ];
  it.each(decisions)("a job-title decision: $situation", ({ posted, errors }) => {
    const parsed = parseFields(scopeDecisionForm, posted);
    expect(parsed.ok ? null : parsed.fieldErrors).toEqual(errors);
  });

  const typed = [
    { situation: "a valid decision", d: { category: "frontline" as const, time_managing_pct: 20, rationale: null, review_date: null }, errors: {} },
    { situation: "a fractional percentage", d: { category: "frontline" as const, time_managing_pct: 20.5, rationale: null, review_date: null }, errors: { time_managing_pct: "Enter a whole number from 0 to 100, or leave it blank" } },
    { situation: "a rationale too long", d: { category: "frontline" as const, time_managing_pct: null, rationale: "x".repeat(2001), review_date: null }, errors: { rationale: "Keep the rationale under 2,000 characters" } },
  ];
  it.each(typed)("a decision's values (as an import row has them): $situation", ({ d, errors }) => {
    expect(checkScopeDecision(d)).toEqual(errors);
  });
});
