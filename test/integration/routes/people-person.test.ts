// The person page /orgs/:slug/people/:employeeRef (loader and actions).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action as personAction, loader as personLoader } from "../../../app/routes/orgs.$slug.people.$employeeRef";
import type { DB } from "../../../db/connection";
import type { CategoryValue } from "../../../db/schema";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let hr: string;
let ids: Record<string, number>;
let cih: number;
let mhm: number;

const AS_OF = "2026-06-01";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function qualificationId(db: DB, code: string): Promise<number> {
  return (await db.selectFrom("qualifications").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function decide(db: DB, organisationId: number, jobTitle: string, category: CategoryValue) {
  await db
    .insertInto("scope_decisions")
    .values({ organisation_id: organisationId, job_title: jobTitle, job_title_normalised: jobTitle.toLowerCase(), category, rationale: `${jobTitle} rationale`, decided_by: "hr", decided_on: "2026-01-05" })
    .execute();
}

async function person(db: DB, organisationId: number, ref: string, first: string, last: string, jobTitle: string, endDate: string | null = null): Promise<number> {
  const row = await db
    .insertInto("staff")
    .values({
      organisation_id: organisationId,
      employee_ref: ref,
      first_name: first,
      last_name: last,
      job_title: jobTitle,
      job_title_normalised: jobTitle.toLowerCase(),
      department: "Neighbourhoods",
      start_date: "2020-01-06",
      end_date: endDate,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 5000);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  cih = await qualificationId(t.db, "CIH-L4-CH");
  mhm = await qualificationId(t.db, "CIH-L4-MHM");
  await decide(t.db, riverside, "Neighbourhood Manager", "senior_manager");
  await decide(t.db, riverside, "Housing Officer", "frontline");
  ids = {
    R001: await person(t.db, riverside, "R001", "Alice", "Able", "Neighbourhood Manager"),
    R002: await person(t.db, riverside, "R002", "Bob", "Brown", "Neighbourhood Manager"),
    R003: await person(t.db, riverside, "R003", "Cara", "Clark", "Housing Officer"),
    R004: await person(t.db, riverside, "R004", "Dan", "Dunn", "Mystery Role"),
    R005: await person(t.db, riverside, "R005", "Eve", "Evans", "Neighbourhood Manager", "2025-03-31"),
    O001: await person(t.db, oakfield, "O001", "Olive", "Oak", "Neighbourhood Manager"),
  };
  await t.db
    .insertInto("qualification_records")
    .values({ organisation_id: riverside, staff_id: ids.R002, qualification_id: cih, provider: "Acme Training", status: "in_progress", enrolled_on: "2025-01-10", expected_completion: "2026-12-31" })
    .execute();
});
afterEach(async () => t.close());

async function view(ref: string, cookie = hr, slug = "riverside", asOf = AS_OF) {
  return call(() => personLoader(args(getRequest(`/orgs/${slug}/people/${encodeURIComponent(ref)}?asOf=${asOf}`, cookie), { slug, employeeRef: ref })));
}

async function post(ref: string, form: Record<string, string>, cookie = hr, slug = "riverside") {
  return call(() => personAction(args(postRequest(`/orgs/${slug}/people/${encodeURIComponent(ref)}?asOf=${AS_OF}`, form, cookie), { slug, employeeRef: ref })));
}

async function counts() {
  const one = async (table: "audit_events" | "qualification_records" | "person_overrides" | "absences" | "unit_results") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return { audit: await one("audit_events"), records: await one("qualification_records"), overrides: await one("person_overrides"), absences: await one("absences"), units: await one("unit_results") };
}

async function lastAudit() {
  return t.db.selectFrom("audit_events").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe("person page", () => {
  test("the line manager is linked only when they are a person on record here", async () => {
    await t.db.updateTable("staff").set({ manager_ref: "R001" }).where("employee_ref", "=", "R002").execute();
    await t.db.updateTable("staff").set({ manager_ref: "EXT-99" }).where("employee_ref", "=", "R003").execute();
    expect((await view("R002")).data!.person).toMatchObject({ managerRef: "R001", managerName: "Alice Able" });
    expect((await view("R003")).data!.person).toMatchObject({ managerRef: "EXT-99", managerName: null });
    expect((await view("R004")).data!.person).toMatchObject({ managerRef: null, managerName: null });
  });

  test("shows scope, status, personal dates, reasons and records", async () => {
    const bob = await view("R002");
    expect(bob.status).toBe(200);
    const d = bob.data!;
    expect(d.person).toMatchObject({ employeeRef: "R002", name: "Bob Brown", jobTitle: "Neighbourhood Manager" });
    expect(d.scope).toMatchObject({ category: "senior_manager", source: "job_title" });
    expect(d.scope.decision?.rationale).toBe("Neighbourhood Manager rationale");
    expect(d.compliance).toMatchObject({ status: "working_towards", rag: "amber", enrolBy: "2029-10-01", qualifyBy: "2029-10-01", latestStart: "2028-10-01", pausedDays: 0 });
    expect(d.compliance.reasons[0]).toContain("Level 4 required");
    expect(d.records).toHaveLength(1);
    expect(d.records[0]).toMatchObject({ qualificationTitle: "CIH Level 4 Certificate in Housing", deciding: true, progress: null });
    expect(d.canDecide && d.canRecords).toBe(true);
    expect(d.catalogue.map((q) => q.title)).toContain("CIH Level 4 Certificate in Managing Housing Maintenance");

    const dan = await view("R004");
    expect(dan.data!.scope.source).toBe("none");
    expect(dan.data!.compliance.status).toBe("decision_needed");

    const leaver = await view("R005");
    expect(leaver.status).toBe(200);
    expect(leaver.data!.compliance.status).toBe("left");
  });

  test("404 for an unknown reference, another organisation's person and a non-member", async () => {
    expect((await view("NOPE")).status).toBe(404);
    expect((await view("O001")).status).toBe(404);
    const outsider = await sessionCookie(await createTestUser(t.db, "other@example.org", "hr", [oakfield]));
    expect((await view("R001", outsider)).status).toBe(404);
    expect((await post("R001", { intent: "add-absence", kind: "other", from_date: "2026-01-01" }, outsider)).status).toBe(404);
    expect((await post("O001", { intent: "add-absence", kind: "other", from_date: "2026-01-01" })).status).toBe(404);
    expect((await view("O001", outsider, "oakfield")).status).toBe(200);
  });

});

describe("person override (org.decide)", () => {
  test("setting an override changes the category and status and writes an audit event; clearing restores it", async () => {
    expect((await view("R003")).data!.compliance.status).toBe("not_required");
    const before = await counts();
    const saved = await post("R003", { intent: "set-override", category: "senior_manager", rationale: "Acts up as the area manager two days a week" });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true });
    const after = await view("R003");
    expect(after.data!.scope).toMatchObject({ category: "senior_manager", source: "override" });
    expect(after.data!.scope.override?.rationale).toBe("Acts up as the area manager two days a week");
    expect(after.data!.compliance).toMatchObject({ category: "senior_manager", status: "not_enrolled", requiredLevel: 4 });
    expect(await counts()).toMatchObject({ audit: before.audit + 1, overrides: before.overrides + 1 });
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "person_override.set", entity: "person_override", entity_id: String(ids.R003), actor: "hr@example.org", organisation_id: riverside });
    expect(event.before_json).toBe("null");
    expect(JSON.parse(event.after_json!)).toMatchObject({ category: "senior_manager", rationale: "Acts up as the area manager two days a week" });
    expect(after.data!.history[0].summary).toContain("Senior housing manager");

    const missingReason = await post("R003", { intent: "clear-override", reason: "" });
    expect(missingReason.status).toBe(400);
    expect(missingReason.data).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });

    const cleared = await post("R003", { intent: "clear-override", reason: "No longer acting up from June" });
    expect(cleared.status).toBe(200);
    const restored = await view("R003");
    expect(restored.data!.compliance.status).toBe("not_required");
    expect(restored.data!.scope.source).toBe("job_title");
    const clearEvent = await lastAudit();
    expect(clearEvent).toMatchObject({ action: "person_override.clear", entity_id: String(ids.R003) });
    expect(JSON.parse(clearEvent.before_json!)).toMatchObject({ category: "senior_manager" });
    expect(clearEvent.summary).toContain("No longer acting up from June");
  });

  test("an override needs a category and a reason; nothing is written otherwise", async () => {
    const before = await counts();
    const bad = await post("R003", { intent: "set-override", category: "chief", rationale: "" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ ok: false, intent: "set-override", errors: { category: expect.any(String), rationale: expect.any(String) }, values: { category: "chief", rationale: "" } });
    expect(await counts()).toEqual(before);
  });
});

describe("qualification records (org.records)", () => {
  test("adding a record makes a not-enrolled person working towards, with an audit event", async () => {
    expect((await view("R001")).data!.compliance.status).toBe("not_enrolled");
    const before = await counts();
    const saved = await post("R001", {
      intent: "add-record",
      qualification_id: String(cih),
      status: "enrolled",
      provider: "Northern College",
      enrolled_on: "2026-02-01",
      started_on: "",
      expected_completion: "2027-02-01",
      achieved_on: "",
      certificate_ref: "",
      evidence_verified_by: "",
      evidence_verified_on: "",
      pathway: "",
    });
    expect(saved.status).toBe(200);
    const after = await view("R001");
    expect(after.data!.compliance.status).toBe("working_towards");
    expect(after.data!.compliance.decidingRecord?.provider).toBe("Northern College");
    expect(await counts()).toMatchObject({ audit: before.audit + 1, records: before.records + 1 });
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "qualification_record.create", entity: "qualification_record", entity_id: String(after.data!.records[0].id) });
    expect(JSON.parse(event.after_json!)).toMatchObject({ status: "enrolled", enrolled_on: "2026-02-01", staff_id: ids.R001 });
    expect(after.data!.history.map((h) => h.summary).join(" ")).toContain("CIH Level 4 Certificate in Housing");
  });

  test("marking achieved makes the person qualified and records the evidence", async () => {
    const recordId = (await view("R002")).data!.records[0].id;
    const saved = await post("R002", {
      intent: "mark-achieved",
      record_id: String(recordId),
      achieved_on: "2026-05-01",
      certificate_ref: "CIH-123456",
      evidence_verified_by: "Hannah Reid",
      evidence_verified_on: "2026-05-10",
    });
    expect(saved.status).toBe(200);
    const after = await view("R002");
    expect(after.data!.compliance).toMatchObject({ status: "qualified", rag: "green" });
    expect(after.data!.records[0]).toMatchObject({ status: "achieved", achievedOn: "2026-05-01", certificateRef: "CIH-123456", evidenceVerifiedBy: "Hannah Reid", evidenceVerifiedOn: "2026-05-10" });
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "qualification_record.achieve", entity: "qualification_record", entity_id: String(recordId) });
    expect(JSON.parse(event.before_json!)).toMatchObject({ status: "in_progress" });
    expect(JSON.parse(event.after_json!)).toMatchObject({ status: "achieved", certificate_ref: "CIH-123456" });
  });

  test("validation errors return 400 with field errors and the typed values, and write nothing", async () => {
    const before = await counts();
    const future = "2999-01-01";
    const achieved = await post("R001", {
      intent: "add-record",
      qualification_id: String(cih),
      status: "achieved",
      enrolled_on: "2026-02-01",
      expected_completion: "2026-01-01",
      achieved_on: future,
      certificate_ref: "",
      provider: "Typed provider",
    });
    expect(achieved.status).toBe(400);
    expect(achieved.data).toMatchObject({
      ok: false,
      intent: "add-record",
      errors: { achieved_on: expect.stringContaining("future"), certificate_ref: expect.any(String), expected_completion: expect.stringContaining("after") },
      values: { provider: "Typed provider", achieved_on: future },
    });
    const badDate = await post("R001", { intent: "add-record", qualification_id: String(cih), status: "enrolled", enrolled_on: "2026-02-30" });
    expect(badDate.status).toBe(400);
    expect(badDate.data).toMatchObject({ errors: { enrolled_on: expect.stringContaining("real date") } });
    const noQualification = await post("R001", { intent: "add-record", qualification_id: "99999", status: "enrolled", enrolled_on: "2026-02-01" });
    expect(noQualification.status).toBe(400);
    expect(noQualification.data).toMatchObject({ errors: { qualification_id: expect.any(String) } });
    const recordId = (await view("R002")).data!.records[0].id;
    const achieve = await post("R002", { intent: "mark-achieved", record_id: String(recordId), achieved_on: future, certificate_ref: "", evidence_verified_by: "", evidence_verified_on: "" });
    expect(achieve.status).toBe(400);
    expect(achieve.data).toMatchObject({ targetId: String(recordId), errors: { achieved_on: expect.any(String), certificate_ref: expect.any(String), evidence_verified_by: expect.any(String) } });
    const wrongPathway = await post("R001", { intent: "add-record", qualification_id: String(cih), status: "enrolled", enrolled_on: "2026-02-01", pathway: "Planned maintenance" });
    expect(wrongPathway.status).toBe(400);
    expect(wrongPathway.data).toMatchObject({ errors: { pathway: expect.any(String) } });
    expect(await counts()).toEqual(before);
    expect((await view("R002")).data!.compliance.status).toBe("working_towards");
  });

  test("editing a record is audited with before and after", async () => {
    const recordId = (await view("R002")).data!.records[0].id;
    const saved = await post("R002", {
      intent: "edit-record",
      record_id: String(recordId),
      qualification_id: String(cih),
      status: "in_progress",
      provider: "Acme Training",
      enrolled_on: "2025-01-10",
      started_on: "2025-02-01",
      expected_completion: "2027-03-31",
    });
    expect(saved.status).toBe(200);
    const after = await view("R002");
    expect(after.data!.records[0]).toMatchObject({ startedOn: "2025-02-01", expectedCompletion: "2027-03-31" });
    const event = await lastAudit();
    expect(event.action).toBe("qualification_record.update");
    expect(JSON.parse(event.before_json!).expected_completion).toBe("2026-12-31");
    expect(JSON.parse(event.after_json!).expected_completion).toBe("2027-03-31");
  });

  test("unit results show progress against the rules of combination", async () => {
    const added = await post("R001", { intent: "add-record", qualification_id: String(mhm), status: "in_progress", enrolled_on: "2026-01-10", expected_completion: "2027-01-10", pathway: "responsive repairs" });
    expect(added.status).toBe(200);
    let record = (await view("R001")).data!.records[0];
    expect(record.pathway).toBe("Responsive repairs");
    expect(record.progress?.summary).toContain("Y/504/4184");
    expect(record.progress?.summary).toContain("F/507/9169");
    const pass = await post("R001", { intent: "add-unit-result", record_id: String(record.id), unit_ref: "F/507/9169", result: "pass", achieved_on: "2026-03-01" });
    expect(pass.status).toBe(200);
    record = (await view("R001")).data!.records[0];
    expect(record.unitResults).toHaveLength(1);
    expect(record.progress?.summary).toMatch(/^Needs 18 more optional credits and Y\/504\/4184/);
    expect(record.progress?.summary).not.toContain("F/507/9169");
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "unit_result.create", entity: "qualification_record", entity_id: String(record.id) });
    const before = await counts();
    const unknown = await post("R001", { intent: "add-unit-result", record_id: String(record.id), unit_ref: "Z/999/9999", result: "pass" });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({ errors: { unit_ref: expect.any(String) } });
    expect(await counts()).toEqual(before);
    // A record of another person is not reachable through this person's page.
    const bobRecord = (await view("R002")).data!.records[0].id;
    expect((await post("R001", { intent: "add-unit-result", record_id: String(bobRecord), unit_ref: "F/507/9169", result: "pass" })).status).toBe(404);
  });
});

describe("absences (org.records)", () => {
  test("add, validate and end an absence; each change is audited and shown in the history", async () => {
    const bad = await post("R001", { intent: "add-absence", kind: "holiday", from_date: "2026-03-01", to_date: "2026-02-01" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { kind: expect.any(String) } });
    const backwards = await post("R001", { intent: "add-absence", kind: "parental", from_date: "2026-03-01", to_date: "2026-02-01" });
    expect(backwards.data).toMatchObject({ errors: { to_date: expect.any(String) } });
    expect((await counts()).absences).toBe(0);

    expect((await post("R001", { intent: "add-absence", kind: "parental", from_date: "2026-01-05", to_date: "", note: "" })).status).toBe(200);
    let d = (await view("R001", hr, "riverside", "2026-06-01")).data!;
    expect(d.absences).toEqual([{ id: expect.any(Number), kind: "parental", from: "2026-01-05", to: null, note: null }]);
    expect((await lastAudit()).action).toBe("absence.create");
    const absenceId = d.absences[0].id;
    const early = await post("R001", { intent: "end-absence", absence_id: String(absenceId), to_date: "2025-12-31" });
    expect(early.status).toBe(400);
    expect((await post("R001", { intent: "end-absence", absence_id: String(absenceId), to_date: "2026-04-30" })).status).toBe(200);
    d = (await view("R001")).data!;
    expect(d.absences[0].to).toBe("2026-04-30");
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "absence.end", entity: "absence", entity_id: String(absenceId) });
    expect(d.history.map((h) => h.summary).join(" | ")).toMatch(/Ended the absence/);
  });
});

describe("history and permissions", () => {
  test("the history includes import changes for the person", async () => {
    const run = await t.db
      .insertInto("import_runs")
      .values({ organisation_id: riverside, actor: "hr@example.org", kind: "staff", mode: "full", file_name: "hr-export.csv", file_sha256: "x", mapping_json: "{}", status: "applied", counts_json: "{}", created_at: "2026-04-01T09:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("import_changes")
      .values([
        { import_run_id: run.id, entity: "staff", entity_id: ids.R001, action: "update", before_json: JSON.stringify({ job_title: "Officer", department: "X" }), after_json: JSON.stringify({ job_title: "Neighbourhood Manager", department: "X" }) },
        { import_run_id: run.id, entity: "staff", entity_id: ids.R002, action: "insert", before_json: null, after_json: "{}" },
      ])
      .execute();
    const history = (await view("R001")).data!.history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: "import", who: "hr@example.org", when: "1 Apr 2026 09:00 UTC" });
    expect(history[0].summary).toContain("hr-export.csv");
    expect(history[0].summary).toContain("job_title");
  });

  test("an executive sees the page without the forms and cannot post (403, nothing written)", async () => {
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const page = await view("R001", exec);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ canDecide: false, canRecords: false });
    const before = await counts();
    const forms: Array<Record<string, string>> = [
      { intent: "set-override", category: "senior_manager", rationale: "Executive trying to decide" },
      { intent: "add-record", qualification_id: String(cih), status: "enrolled", enrolled_on: "2026-02-01" },
      { intent: "add-absence", kind: "other", from_date: "2026-01-01" },
    ];
    for (const form of forms) expect((await post("R001", form, exec)).status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await post("R001", { intent: "nonsense" })).status).toBe(400);
  });
});
