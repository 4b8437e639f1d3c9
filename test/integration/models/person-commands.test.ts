// The person commands (app/models/person/*.server.ts) through the organisation scope: their failures, and that
// organisation A can neither read nor write organisation B's people, records, absences or decisions by id.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { type OrganisationScope } from "../../../app/models/organisation-scope.server";
import { findPerson, loadPersonDetail } from "../../../app/models/person/detail.server";
import { addAbsence, endAbsence } from "../../../app/models/person/absences.server";
import { addQualificationRecord, addUnitResult, editQualificationRecord, markRecordAchieved } from "../../../app/models/person/records.server";
import { clearPersonOverride, setPersonOverride } from "../../../app/models/person/scope-override.server";
import type { QualificationRecordInput } from "../../../app/compliance/record-rules";
import { decideScope, loadRoleMapping } from "../../../app/models/scope-decisions.server";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let riverside: OrganisationScope;
let oakfield: OrganisationScope;
let cih: number;
let oakRecord: number;
let oakAbsence: number;

const TODAY = "2026-06-01";
const record = (change: Partial<QualificationRecordInput> = {}): QualificationRecordInput => ({
  qualification_id: cih,
  provider: null,
  status: "enrolled",
  enrolled_on: "2026-01-10",
  started_on: null,
  expected_completion: null,
  achieved_on: null,
  certificate_ref: null,
  evidence_verified_by: null,
  evidence_verified_on: null,
  pathway: null,
  ...change,
});

const scopeOf = (organisationId: number) => organisationScope(t.db, organisationId, { actor: "hr@example.org", today: TODAY });

async function person(organisationId: number, ref: string): Promise<number> {
  const row = await t.db
    .insertInto("staff")
    .values({ organisation_id: organisationId, employee_ref: ref, first_name: "Pat", last_name: ref, job_title: "Housing Officer", job_title_normalised: "housing officer", start_date: "2020-01-06" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function count(table: "audit_events" | "qualification_records" | "absences" | "person_overrides" | "unit_results"): Promise<number> {
  return Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
}

beforeEach(async () => {
  t = freshDatabase();
  const r = await createTestOrganisation(t.db, "riverside");
  const o = await createTestOrganisation(t.db, "oakfield");
  riverside = await scopeOf(r);
  oakfield = await scopeOf(o);
  cih = (await t.db.selectFrom("qualifications").select("id").where("code", "=", "CIH-L4-CH").executeTakeFirstOrThrow()).id;
  await person(r, "R001");
  const olive = await person(o, "O001");
  oakRecord = (await t.db.insertInto("qualification_records").values({ organisation_id: o, staff_id: olive, qualification_id: cih, status: "in_progress", enrolled_on: "2025-01-10" }).returning("id").executeTakeFirstOrThrow()).id;
  oakAbsence = (await t.db.insertInto("absences").values({ organisation_id: o, staff_id: olive, kind: "other", from_date: "2026-01-01" }).returning("id").executeTakeFirstOrThrow()).id;
});
afterEach(async () => t.close());

describe("a person command's failures", () => {
  test("a person not in the organisation is not found", async () => {
    expect(await addAbsence(riverside, { employeeRef: "NOPE", kind: "other", from_date: "2026-01-01", to_date: null, note: null })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
  });

  test("broken record rules are invalid with field errors, and nothing is written", async () => {
    const before = { records: await count("qualification_records"), audit: await count("audit_events") };
    expect(await addQualificationRecord(riverside, { employeeRef: "R001", record: record({ status: "achieved" }) })).toEqual({
      ok: false,
      failure: { kind: "invalid", message: expect.any(String), fieldErrors: { achieved_on: "Enter the date it was achieved", certificate_ref: "Enter the certificate reference" } },
    });
    expect(await addQualificationRecord(riverside, { employeeRef: "R001", record: record({ pathway: "Nonsense" }) })).toMatchObject({
      ok: false,
      failure: { kind: "invalid", fieldErrors: { pathway: expect.stringContaining("no pathways") } },
    });
    expect(await addQualificationRecord(riverside, { employeeRef: "R001", record: record({ qualification_id: 999999 }) })).toMatchObject({
      failure: { kind: "invalid", fieldErrors: { qualification_id: "Choose a qualification from the catalogue" } },
    });
    expect({ records: await count("qualification_records"), audit: await count("audit_events") }).toEqual(before);
  });

  test("ending an absence that has already ended is a conflict; ending before it began is invalid", async () => {
    const added = await addAbsence(riverside, { employeeRef: "R001", kind: "parental", from_date: "2026-02-01", to_date: null, note: null });
    if (!added.ok) throw new Error("not added");
    const absenceId = added.value.id;
    expect(await endAbsence(riverside, { employeeRef: "R001", absenceId, to_date: "2026-01-31" })).toMatchObject({ failure: { kind: "invalid", fieldErrors: { to_date: "The last day cannot be before the first day" } } });
    expect(await endAbsence(riverside, { employeeRef: "R001", absenceId, to_date: "2026-03-01" })).toEqual({ ok: true, value: null });
    expect(await endAbsence(riverside, { employeeRef: "R001", absenceId, to_date: "2026-04-01" })).toEqual({ ok: false, failure: { kind: "conflict", message: "This absence has already ended" } });
  });

  test("clearing an individual decision that does not exist is invalid on its reason", async () => {
    expect(await clearPersonOverride(riverside, { employeeRef: "R001", reason: "No longer needed" })).toMatchObject({ failure: { kind: "invalid", fieldErrors: { reason: expect.any(String) } } });
    expect(await setPersonOverride(riverside, { employeeRef: "R001", category: "frontline", rationale: "Covers the estate team" })).toEqual({ ok: true, value: { category: "frontline" } });
    expect(await clearPersonOverride(riverside, { employeeRef: "R001", reason: "No longer needed" })).toEqual({ ok: true, value: null });
  });

  test("each successful write records its audit event and moves the organisation's revision", async () => {
    const revision = await riverside.currentRevision();
    const oakfieldRevision = await oakfield.currentRevision();
    const audit = await count("audit_events");
    expect((await addQualificationRecord(riverside, { employeeRef: "R001", record: record() })).ok).toBe(true);
    expect(await count("audit_events")).toBe(audit + 1);
    expect(await riverside.currentRevision()).toBeGreaterThan(revision);
    expect(await oakfield.currentRevision()).toBe(oakfieldRevision);
  });
});

describe("tenancy: organisation A cannot reach organisation B's people by reference or id", () => {
  test("B's person is not found from A, for reading and for writing", async () => {
    expect(await findPerson(riverside, "O001")).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await setPersonOverride(riverside, { employeeRef: "O001", category: "out_of_scope", rationale: "Not ours at all" })).toMatchObject({ failure: { kind: "not_found" } });
    expect(await addAbsence(riverside, { employeeRef: "O001", kind: "other", from_date: "2026-01-01", to_date: null, note: null })).toMatchObject({ failure: { kind: "not_found" } });
    expect(await count("person_overrides")).toBe(0);
  });

  test("B's record and absence ids are not found through A's person", async () => {
    const before = await t.db.selectFrom("qualification_records").selectAll().where("id", "=", oakRecord).executeTakeFirstOrThrow();
    expect(await editQualificationRecord(riverside, { employeeRef: "R001", recordId: oakRecord, record: record({ status: "withdrawn" }) })).toMatchObject({ failure: { kind: "not_found" } });
    expect(
      await markRecordAchieved(riverside, { employeeRef: "R001", recordId: oakRecord, achievement: { achieved_on: "2026-05-01", certificate_ref: "X", evidence_verified_by: "HR", evidence_verified_on: "2026-05-02" } }),
    ).toMatchObject({ failure: { kind: "not_found" } });
    expect(await addUnitResult(riverside, { employeeRef: "R001", recordId: oakRecord, unit: { unit_ref: "U1", result: "pass", achieved_on: null } })).toMatchObject({ failure: { kind: "not_found" } });
    expect(await endAbsence(riverside, { employeeRef: "R001", absenceId: oakAbsence, to_date: "2026-02-01" })).toMatchObject({ failure: { kind: "not_found" } });
    expect(await t.db.selectFrom("qualification_records").selectAll().where("id", "=", oakRecord).executeTakeFirstOrThrow()).toEqual(before);
    expect((await t.db.selectFrom("absences").select("to_date").where("id", "=", oakAbsence).executeTakeFirstOrThrow()).to_date).toBeNull();
  });

  test("A's page of its own person shows none of B's records, absences or history", async () => {
    await setPersonOverride(oakfield, { employeeRef: "O001", category: "frontline", rationale: "Oakfield's own decision" });
    const staff = await findPerson(riverside, "R001");
    if (!staff.ok) throw new Error("R001 missing");
    const detail = await loadPersonDetail(riverside, staff.value, TODAY);
    expect(detail.records).toEqual([]);
    expect(detail.absences).toEqual([]);
    expect(detail.history).toEqual([]);
  });
});

describe("tenancy: job-title scope decisions", () => {
  test("A cannot decide a job title only B has, and A's role mapping shows none of B's decisions", async () => {
    await t.db.updateTable("staff").set({ job_title: "Oakfield Only Manager", job_title_normalised: "oakfield only manager" }).where("employee_ref", "=", "O001").execute();
    const decided = await decideScope(oakfield, { jobTitles: ["Oakfield Only Manager"], category: "senior_manager", timeManagingPct: 80, rationale: "Runs the service", reviewDate: null });
    expect(decided).toMatchObject({ ok: true, value: [{ jobTitle: "Oakfield Only Manager", created: true }] });
    const audit = await count("audit_events");
    expect(await decideScope(riverside, { jobTitles: ["Oakfield Only Manager"], category: "out_of_scope", timeManagingPct: null, rationale: "Not ours", reviewDate: null })).toMatchObject({
      ok: false,
      failure: { kind: "invalid", fieldErrors: { titles: expect.stringContaining("Oakfield Only Manager") } },
    });
    expect(await count("audit_events")).toBe(audit);
    const mapping = await loadRoleMapping(riverside, TODAY);
    expect([...mapping.titles.map((x) => x.jobTitle), ...mapping.orphanDecisions.map((x) => x.jobTitle)]).not.toContain("Oakfield Only Manager");
    expect((await t.db.selectFrom("scope_decisions").select("category").executeTakeFirstOrThrow()).category).toBe("senior_manager");
  });
});
