// Conduct evidence imports (acknowledgements, supervisions, training) through the shared import pipeline.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, undoLastImport, type ImportKind } from "../../../importers/index";
import { openOrganisationScope } from "../../../app/models/organisation-scope.server";
import { addPolicyVersion } from "../../../app/models/conduct/policies.server";
import { addTrainingCourse } from "../../../app/models/conduct/training.server";
import { addCourse } from "../../../app/models/skills-audits/courses.server";
import { seedPeople } from "../conduct/helpers";
import { csv, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

const TODAY = "2026-06-01";
let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
  await seedPeople(t.db, t.organisationId);
  const org = await t.db.selectFrom("organisations").selectAll().where("id", "=", t.organisationId).executeTakeFirstOrThrow();
  const scope = openOrganisationScope(t.db, org, { userId: null, name: "hr" }, TODAY);
  expect((await addPolicyVersion(scope, { kind: "code_of_conduct", version: "2", approvedOn: "2026-02-01" })).ok).toBe(true);
  expect((await addTrainingCourse(scope, { title: "Damp and mould", code: "DM", refreshMonths: "24" })).ok).toBe(true);
  expect((await addTrainingCourse(scope, { title: "Safeguarding" })).ok).toBe(true);
});
afterEach(async () => t.close());

const imp = async (kind: ImportKind, lines: string[], extra: { dryRun?: boolean } = {}) =>
  runImport(await organisationScope(t.db, t.organisationId, { actor: "hr@example.org", today: TODAY }), { kind, fileName: `${kind}.csv`, bytes: csv(lines), ...extra });
const rows = (table: "conduct_acknowledgements" | "supervision_meetings" | "training_completions") => t.db.selectFrom(table).selectAll().orderBy("id").execute();
const where = (r: { errors: { row: number; column: string; value: string }[] }) => r.errors.map((e) => [e.row, e.column, e.value]);

describe("acknowledgement import", () => {
  it("reads HR headers and UK dates; a dry run writes nothing; re-importing is unchanged; a changed date updates; undo puts it back", async () => {
    const file = ["Payroll No,Code Version,Date Signed", "E001,v2,3 Mar 2026", "E002,Version 2,04/03/2026", "E003,2,2026-03-05"];
    const dry = await imp("acknowledgements", file, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, status: "dry_run", counts: { rows: 3, added: 3, errors: 0 } });
    expect(dry.detected.mapping).toEqual({ employee_ref: "Payroll No", version: "Code Version", acknowledged_on: "Date Signed" });
    expect(dry.changes[0]).toMatchObject({ action: "insert", entity: "conduct_acknowledgement", key: "E001 · Code of conduct 2", fields: [{ field: "version", after: "2" }, { field: "acknowledged_on", after: "2026-03-03" }] });
    expect(await rows("conduct_acknowledgements")).toEqual([]);
    expect(await t.db.selectFrom("import_runs").selectAll().execute()).toEqual([]);

    const applied = await imp("acknowledgements", file);
    expect(applied).toMatchObject({ ok: true, status: "applied", counts: { added: 3 } });
    expect((await rows("conduct_acknowledgements")).map((r) => [r.staff_id, r.acknowledged_on, r.source, r.recorded_by])).toEqual([
      [1, "2026-03-03", "import", "hr@example.org"],
      [2, "2026-03-04", "import", "hr@example.org"],
      [3, "2026-03-05", "import", "hr@example.org"],
    ]);
    const audit = await t.db.selectFrom("audit_events").select(["action", "summary"]).where("action", "=", "import.apply").execute();
    expect(audit).toEqual([{ action: "import.apply", summary: "Imported acknowledgements file 'acknowledgements.csv' (partial): 3 added, 0 changed, 0 unchanged." }]);

    expect((await imp("acknowledgements", file)).counts).toMatchObject({ added: 0, changed: 0, unchanged: 3 });
    const corrected = await imp("acknowledgements", ["employee_ref,version,acknowledged_on", "E001,2,10/03/2026"]);
    expect(corrected.counts).toMatchObject({ changed: 1 });
    expect(corrected.changes[0].fields).toEqual([{ field: "acknowledged_on", before: "2026-03-03", after: "2026-03-10" }]);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), corrected.importRunId!)).ok).toBe(true);
    expect((await rows("conduct_acknowledgements"))[0].acknowledged_on).toBe("2026-03-03");
    // The run of three was not the last applied one (the unchanged re-import was): undo that first, then it.
    const runs = await t.db.selectFrom("import_runs").select(["id", "status"]).orderBy("id").execute();
    expect(runs.map((r) => r.status)).toEqual(["applied", "applied", "undone"]);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), runs[1].id)).ok).toBe(true);
    const undone = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), runs[0].id);
    expect(undone).toMatchObject({ ok: true, deleted: 3 });
    expect(await rows("conduct_acknowledgements")).toEqual([]);
  });

  it("rejects the whole file naming row, column and value: unknown person, unknown version, before approval, in the future, blank", async () => {
    const r = await imp("acknowledgements", [
      "Employee Number,Version,Acknowledged On",
      "E001,2,01/03/2026",
      "E999,2,01/03/2026",
      "E002,7,01/03/2026",
      "E003,2,15 Jan 2026",
      "E005,2,01/12/2026",
      "E001,,01/03/2026",
    ]);
    expect(r.status).toBe("rejected");
    expect(where(r)).toEqual([
      [3, "Employee Number", "E999"],
      [4, "Version", "7"],
      [5, "Acknowledged On", "2026-01-15"],
      [6, "Acknowledged On", "2026-12-01"],
      [7, "Version", ""],
    ]);
    expect(r.errors[1].message).toMatch(/not a version of this organisation's code of conduct \(the versions recorded are: 2\)/);
    expect(r.errors[2].message).toMatch(/approved on 2026-02-01: it cannot be acknowledged before that/);
    expect(r.errors[3].message).toMatch(/cannot be in the future/);
    expect(await rows("conduct_acknowledgements")).toEqual([]);
    const run = await t.db.selectFrom("import_runs").select(["status", "kind"]).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: "rejected", kind: "acknowledgements" });
  });
});

describe("supervision import", () => {
  it("reads kinds in HR words; rejects a bad kind, a future date and the same meeting twice; undo removes what it added", async () => {
    const bad = await imp("supervisions", ["Staff ID,Meeting Type,Meeting Date", "E001,1:1,02/05/2026", "E001,coffee,02/05/2026", "E002,Appraisal,02/07/2026", "E003,supervision,1 May 2026", "E003,Supervision,01/05/2026"]);
    expect(bad.status).toBe("rejected");
    expect(where(bad)).toEqual([
      [3, "Meeting Type", "coffee"],
      [4, "Meeting Date", "2026-07-02"],
      [6, "Staff ID", "E003"],
    ]);
    expect(bad.errors[0].message).toMatch(/not a kind of meeting: use supervision, one_to_one or appraisal/);
    expect(bad.errors[2].message).toMatch(/already has a row for supervision 2026-05-01 in this file \(row 5\)/);

    const good = await imp("supervisions", ["Staff ID,Meeting Type,Meeting Date", "E001,1:1,02/05/2026", "E002,Annual review,2026-04-20", "E003,supervision,1 May 2026"]);
    expect(good).toMatchObject({ ok: true, counts: { added: 3 } });
    expect((await rows("supervision_meetings")).map((m) => [m.staff_id, m.kind, m.held_on])).toEqual([
      [1, "one_to_one", "2026-05-02"],
      [2, "appraisal", "2026-04-20"],
      [3, "supervision", "2026-05-01"],
    ]);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), good.importRunId!)).message).toMatch(/3 added rows removed/);
    expect(await rows("supervision_meetings")).toEqual([]);
  });
});

describe("training import", () => {
  it("matches courses by title or code; rejects unknown courses and an expiry before completion; a changed expiry updates and undo restores it", async () => {
    const bad = await imp("training", ["employee_ref,course,completed_on,expires_on", "E001,Fire safety,01/04/2026,", "E002,dm,01/04/2026,01/03/2026", "E003,Safeguarding,01/07/2026,"]);
    expect(where(bad)).toEqual([
      [2, "course", "Fire safety"],
      [3, "expires_on", "2026-03-01"],
      [4, "completed_on", "2026-07-01"],
    ]);
    expect(bad.errors[0].message).toMatch(/not on this organisation's course list \(courses: Damp and mould \(DM\), Safeguarding\)/);

    const good = await imp("training", ["Payroll Number,Course Title,Completion Date,Expiry Date", "E001,damp and MOULD,01/04/2026,", "E002,DM,2 April 2026,01/04/2028", "E003,Safeguarding,03/04/2026,"]);
    expect(good).toMatchObject({ ok: true, counts: { added: 3 } });
    const [dm, sg] = await t.db.selectFrom("skill_courses").select("id").orderBy("id").execute();
    expect((await rows("training_completions")).map((c) => [c.staff_id, c.course_id, c.completed_on, c.expires_on])).toEqual([
      [1, dm.id, "2026-04-01", null],
      [2, dm.id, "2026-04-02", "2028-04-01"],
      [3, sg.id, "2026-04-03", null],
    ]);
    const extended = await imp("training", ["employee_ref,course,completed_on,expires_on", "E002,DM,2026-04-02,2028-06-01"]);
    expect(extended.counts).toMatchObject({ added: 0, changed: 1 });
    expect((await rows("training_completions"))[1].expires_on).toBe("2028-06-01");
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), extended.importRunId!)).ok).toBe(true);
    expect((await rows("training_completions"))[1].expires_on).toBe("2028-04-01");
  });

  it("a completion imported for a recommended course closes the skills-audit recommendation; undo takes the closure with it", async () => {
    const framework = (await t.db.selectFrom("skill_frameworks").select("id").where("organisation_id", "is", null).executeTakeFirstOrThrow()).id;
    const area = await t.db.selectFrom("skill_areas").select("id").where("framework_id", "=", framework).where("code", "=", "C1").executeTakeFirstOrThrow();
    const campaign = await t.db
      .insertInto("skills_audit_campaigns")
      .values({ organisation_id: t.organisationId, framework_id: framework, name: "Audit", status: "open", opens_on: "2026-04-01", closes_on: "2026-07-01", filter_json: "{}", created_by: "t" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.insertInto("skills_audit_participants").values({ campaign_id: campaign.id, organisation_id: t.organisationId, staff_id: 1, category: "frontline", department: "Housing", employer: null }).execute();
    await t.db.insertInto("skills_audit_ratings").values({ organisation_id: t.organisationId, campaign_id: campaign.id, staff_id: 1, area_id: area.id, agreed_rating: 0 }).execute();
    const org = await t.db.selectFrom("organisations").selectAll().where("id", "=", t.organisationId).executeTakeFirstOrThrow();
    const ethics = await addCourse(openOrganisationScope(t.db, org, { userId: null, name: "hr" }, TODAY), { title: "Ethics at work", provider: null, hours: 3, description: null, areaCodes: ["C1"] });
    expect(ethics.ok).toBe(true);

    const r = await imp("training", ["employee_ref,course,completed_on", "E001,Ethics at work,2026-05-01"]);
    expect(r.ok).toBe(true);
    const closures = await t.db.selectFrom("skill_recommendation_closures").select(["staff_id", "campaign_id", "closed_on"]).execute();
    expect(closures).toEqual([{ staff_id: 1, campaign_id: campaign.id, closed_on: "2026-05-01" }]);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), r.importRunId!)).ok).toBe(true);
    expect(await t.db.selectFrom("skill_recommendation_closures").selectAll().execute()).toEqual([]);
  });

  it("refuses to undo a staff import whose new people have conduct records since", async () => {
    const staff = await runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: TODAY }), { kind: "staff", mode: "partial", fileName: "s.csv", bytes: csv(["employee_ref,first_name,last_name,job_title", "E100,Fay,Ng,Housing Officer"]) });
    expect(staff.ok).toBe(true);
    const e100 = await t.db.selectFrom("staff").select("id").where("employee_ref", "=", "E100").executeTakeFirstOrThrow();
    await t.db.insertInto("supervision_meetings").values({ organisation_id: t.organisationId, staff_id: e100.id, kind: "appraisal", held_on: "2026-05-02", note: null, source: "recorded", recorded_by: "hr" }).execute();
    const refused = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), staff.importRunId!);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/staff E100, added by this import, now has supervision or appraisal records/);
  });
});
