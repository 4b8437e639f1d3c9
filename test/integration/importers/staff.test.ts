import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorsToCsv, runImport, sha256, undoLastImport, type RunImportOptions } from "../../../importers/index";
import { csv, dumpAll, dumpData, fixture, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => {
  await t.close();
});

const HEADER = "employee_ref,first_name,last_name,job_title,department,fte,start_date,end_date,on_probation";
const base = ["E1,Zoë,O'Brien,Housing Officer,Lettings,1,2020-01-06,,no", "E2,Siobhán,Khan,Income Manager,Income,0.8,2019-05-01,,no", "E3,Jürgen,Müller,Gas Engineer,Repairs,1,2018-02-01,,yes"];

/** A staff import as hr@acme.test on 2026-03-01 (or the organisation, actor and date given). */
async function imp(bytes: Buffer, extra: Partial<RunImportOptions> & { organisationId?: number; actor?: string; today?: string } = {}) {
  const { organisationId = t.organisationId, actor = "hr@acme.test", today = "2026-03-01", ...options } = extra;
  return runImport(await organisationScope(t.db, organisationId, { actor, today }), { kind: "staff", fileName: "staff.csv", bytes, ...options });
}

describe("staff import", () => {
  it("adds everyone on the first import and records the run, the change set and an audit event", async () => {
    const bytes = csv([HEADER, ...base]);
    const r = await imp(bytes);
    expect(r).toMatchObject({ ok: true, status: "applied", dryRun: false, mode: "full", counts: { rows: 3, added: 3, changed: 0, unchanged: 0, leavers: 0, errors: 0 } });
    const staff = await t.db.selectFrom("staff").selectAll().orderBy("employee_ref").execute();
    expect(staff.map((s) => [s.employee_ref, s.first_name, s.last_name, s.job_title, s.job_title_normalised, s.fte, s.on_probation])).toEqual([
      ["E1", "Zoë", "O'Brien", "Housing Officer", "housing officer", 1, 0],
      ["E2", "Siobhán", "Khan", "Income Manager", "income manager", 0.8, 0],
      ["E3", "Jürgen", "Müller", "Gas Engineer", "gas engineer", 1, 1],
    ]);
    const run = await t.db.selectFrom("import_runs").selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      id: r.importRunId,
      organisation_id: t.organisationId,
      actor: "hr@acme.test",
      kind: "staff",
      mode: "full",
      file_name: "staff.csv",
      file_sha256: sha256(bytes),
      status: "applied",
    });
    expect(JSON.parse(run.counts_json)).toEqual(r.counts);
    expect(JSON.parse(run.mapping_json)).toMatchObject({ employee_ref: "employee_ref", job_title: "job_title" });
    const changes = await t.db.selectFrom("import_changes").selectAll().where("import_run_id", "=", r.importRunId!).execute();
    expect(changes).toHaveLength(3);
    // An insert's record is the new row's id alone (decision 0071); the time the import wrote it is the run's.
    expect(changes.map((c) => ({ ...c, id: 0 })).sort((a, b) => a.entity_id - b.entity_id)).toEqual(
      staff.map((row) => ({ id: 0, import_run_id: r.importRunId, entity: "staff", entity_id: row.id, action: "insert", before_json: null, after_json: null })).sort((a, b) => a.entity_id - b.entity_id),
    );
    for (const row of staff) expect(row.updated_at).toBe(run.created_at);
    const audit = await t.db.selectFrom("audit_events").selectAll().execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: "import.apply", entity: "import_run", entity_id: String(r.importRunId), actor: "hr@acme.test", organisation_id: t.organisationId }),
    ]);
    expect(audit[0].summary).toBe("Imported staff file 'staff.csv' (full): 3 added, 0 changed, 0 unchanged, 0 leavers.");
  });

  it("re-importing the same file changes nothing", async () => {
    await imp(csv([HEADER, ...base]));
    const before = await dumpData(t.db);
    const r = await imp(csv([HEADER, ...base]));
    expect(r.counts).toEqual({ rows: 3, added: 0, changed: 0, unchanged: 3, leavers: 0, errors: 0 });
    expect(r.changes).toEqual([]);
    expect(await dumpData(t.db)).toEqual(before);
  });

  it("previews changes field by field, before → after, and keeps job_title_normalised in step", async () => {
    await imp(csv([HEADER, ...base]));
    const next = ["E1,Zoë,O'Brien,Senior  Housing Officer,Lettings,0.6,2020-01-06,,no", base[1], base[2], "E4,Ewa,Nowak,Asset Manager,Assets,1,2026-02-01,,yes"];
    const dry = await imp(csv([HEADER, ...next]), { dryRun: true });
    expect(dry).toMatchObject({ ok: true, status: "dry_run", importRunId: null, counts: { added: 1, changed: 1, unchanged: 2, leavers: 0 } });
    expect(dry.changes).toEqual([
      {
        action: "update",
        entity: "staff",
        key: "E1",
        employeeRef: "E1",
        jobTitle: "Senior  Housing Officer",
        row: 2,
        fields: [
          { field: "job_title", before: "Housing Officer", after: "Senior  Housing Officer" },
          { field: "fte", before: 1, after: 0.6 },
        ],
      },
      expect.objectContaining({ action: "insert", key: "E4", row: 5, fields: expect.arrayContaining([{ field: "first_name", before: null, after: "Ewa" }]) }),
    ]);
    const applied = await imp(csv([HEADER, ...next]));
    expect(applied.counts).toEqual(dry.counts);
    const e1 = await t.db.selectFrom("staff").selectAll().where("employee_ref", "=", "E1").executeTakeFirstOrThrow();
    expect(e1).toMatchObject({ job_title: "Senior  Housing Officer", job_title_normalised: "senior housing officer", fte: 0.6 });
    const change = await t.db.selectFrom("import_changes").selectAll().where("import_run_id", "=", applied.importRunId!).where("action", "=", "update").executeTakeFirstOrThrow();
    expect(JSON.parse(change.before_json!)).toMatchObject({ employee_ref: "E1", job_title: "Housing Officer", job_title_normalised: "housing officer", fte: 1 });
    expect(JSON.parse(change.after_json!)).toEqual(e1);
  });

  it("full mode: active people missing from the file become leavers on the import date, never deleted", async () => {
    await imp(csv([HEADER, ...base, "E9,Old,Leaver,Clerk,Admin,1,2001-01-01,2020-12-31,no", "E8,Future,Leaver,Clerk,Admin,1,2001-01-01,2026-12-31,no"]));
    const r = await imp(csv([HEADER, base[0]]));
    expect(r.counts).toMatchObject({ added: 0, changed: 0, unchanged: 1, leavers: 3 });
    expect(r.changes.filter((c) => c.action === "leaver").map((c) => [c.key, c.fields])).toEqual([
      ["E2", [{ field: "end_date", before: null, after: "2026-03-01" }]],
      ["E3", [{ field: "end_date", before: null, after: "2026-03-01" }]],
      ["E8", [{ field: "end_date", before: "2026-12-31", after: "2026-03-01" }]],
    ]);
    expect(r.warnings[0]).toContain("would mark 3 of 4 active people as leavers");
    const rows = await t.db.selectFrom("staff").select(["employee_ref", "end_date"]).orderBy("employee_ref").execute();
    expect(rows).toEqual([
      { employee_ref: "E1", end_date: null },
      { employee_ref: "E2", end_date: "2026-03-01" },
      { employee_ref: "E3", end_date: "2026-03-01" },
      { employee_ref: "E8", end_date: "2026-03-01" },
      { employee_ref: "E9", end_date: "2020-12-31" },
    ]);
    const leaverChanges = await t.db.selectFrom("import_changes").select(["action", "entity_id"]).where("import_run_id", "=", r.importRunId!).execute();
    expect(leaverChanges.every((c) => c.action === "leaver")).toBe(true);
    // Importing again marks nobody new.
    expect((await imp(csv([HEADER, base[0]]))).counts.leavers).toBe(0);
  });

  it("partial mode touches only the rows given", async () => {
    await imp(csv([HEADER, ...base]));
    const r = await imp(csv([HEADER, "E2,Siobhán,Khan,Income Manager,Income,1,2019-05-01,,no"]), { mode: "partial" });
    expect(r.counts).toEqual({ rows: 1, added: 0, changed: 1, unchanged: 0, leavers: 0, errors: 0 });
    expect(await t.db.selectFrom("staff").select("employee_ref").where("end_date", "is not", null).execute()).toEqual([]);
    const run = await t.db.selectFrom("import_runs").select("mode").where("id", "=", r.importRunId!).executeTakeFirstOrThrow();
    expect(run.mode).toBe("partial");
  });

  it("columns the file does not have are left as they are", async () => {
    await imp(csv([HEADER, ...base]));
    const r = await imp(csv(["employee_ref,job_title", "E1,Housing Officer", "E2,Income Manager", "E3,Gas Engineer"]));
    expect(r.counts).toMatchObject({ unchanged: 3, changed: 0 });
    const e3 = await t.db.selectFrom("staff").selectAll().where("employee_ref", "=", "E3").executeTakeFirstOrThrow();
    expect(e3).toMatchObject({ first_name: "Jürgen", department: "Repairs", on_probation: 1, start_date: "2018-02-01" });
  });

  it("an invalid file is rejected whole: nothing changes but the rejected run and its errors", async () => {
    await imp(csv([HEADER, ...base]));
    const before = await dumpData(t.db);
    const bad = csv([HEADER, "E1,Zoë,O'Brien,Housing Officer,Lettings,1,2020-01-06,,no", "E2,Siobhán,Khan,Income Manager,Income,3,31/02/2024,,maybe", "E5,New,Person,,Income,1,2020-01-01,,no", "E1,Dup,Row,Clerk,,,,,"]);
    const r = await imp(bad);
    expect(r).toMatchObject({ ok: false, status: "rejected", counts: { rows: 4, errors: 5 } });
    expect(r.errors).toEqual([
      { row: 3, column: "fte", value: "3", message: expect.stringContaining("FTE must be from 0 to 1.5") },
      { row: 3, column: "start_date", value: "31/02/2024", message: expect.stringContaining("is not a real date") },
      { row: 3, column: "on_probation", value: "maybe", message: expect.stringContaining("must be yes or no") },
      { row: 4, column: "job_title", value: "", message: "Job title is required." },
      { row: 5, column: "employee_ref", value: "E1", message: "Employee reference E1 appears more than once in the file (first on row 2)." },
    ]);
    expect(await dumpData(t.db)).toEqual(before);
    const run = await t.db.selectFrom("import_runs").selectAll().where("id", "=", r.importRunId!).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "rejected", kind: "staff", file_sha256: sha256(bad) });
    const stored = await t.db.selectFrom("import_row_errors").selectAll().where("import_run_id", "=", r.importRunId!).orderBy("id").execute();
    expect(stored.map((e) => ({ row: e.row_number, column: e.column_name, value: e.value, message: e.message }))).toEqual(r.errors);
    expect(errorsToCsv(r.errors).split("\r\n")).toHaveLength(r.errors.length + 2);
    expect(await t.db.selectFrom("import_changes").selectAll().where("import_run_id", "=", r.importRunId!).execute()).toEqual([]);
    expect(await t.db.selectFrom("audit_events").selectAll().where("action", "!=", "import.apply").execute()).toEqual([]);
  });

  it("a dry run with errors writes nothing at all and still previews the valid rows", async () => {
    await imp(csv([HEADER, ...base]));
    const before = await dumpAll(t.db);
    const r = await imp(csv([HEADER, base[0], "E2,Siobhán,Khan,Income Manager,Income,9,2019-05-01,,no", "E7,New,Person,Clerk,Admin,1,2026-01-01,,no"]), { dryRun: true });
    expect(r).toMatchObject({ ok: false, status: "dry_run", importRunId: null, counts: { rows: 3, added: 1, unchanged: 1, leavers: 1, errors: 1 } });
    // E2's row is invalid, so E2 is not counted as a leaver; E3 is.
    expect(r.changes.filter((c) => c.action === "leaver").map((c) => c.key)).toEqual(["E3"]);
    expect(await dumpAll(t.db)).toEqual(before);
  });

  it("takes the iTrent-style sample as exported (BOM, CRLF, UK dates, synonyms)", async () => {
    const r = await imp(fixture("itrent-style/staff.csv"));
    expect(r.ok).toBe(true);
    expect(r.detected).toMatchObject({ encoding: "utf-8-bom", delimiter: ",", dateOrder: "day_first", unmappedHeaders: [] });
    expect(r.counts).toMatchObject({ rows: 60, added: 60 });
    const zoe = await t.db.selectFrom("staff").selectAll().where("employee_ref", "=", "E010037").executeTakeFirstOrThrow();
    expect(zoe).toMatchObject({ first_name: "Zoë", last_name: "O'Brien", start_date: "2024-06-24", job_title_normalised: "resident engagement manager" });
  });

  it("follows a CLI-style mapping (canonical field → header); other fields are auto-mapped", async () => {
    const bytes = csv(["Payroll No,Post,Role,Surname", "P1,Housing Officer,ignored,Khan", "P2,Income Officer,ignored,Ali"]);
    const r = await imp(bytes, { mapping: { employee_ref: "Payroll No", job_title: "Post" } });
    expect(r.ok).toBe(true);
    expect(r.detected.mapping).toEqual({ employee_ref: "Payroll No", job_title: "Post", last_name: "Surname" });
    expect(r.detected.unmappedHeaders).toEqual(["Role"]);
    const rows = await t.db.selectFrom("staff").select(["employee_ref", "job_title", "last_name"]).orderBy("employee_ref").execute();
    expect(rows).toEqual([
      { employee_ref: "P1", job_title: "Housing Officer", last_name: "Khan" },
      { employee_ref: "P2", job_title: "Income Officer", last_name: "Ali" },
    ]);
  });

  it("a mapping naming a missing column rejects the file with a clear message", async () => {
    const r = await imp(csv(["Payroll No,Post", "P1,Officer"]), { mapping: { job_title: "Job Name" } });
    expect(r.status).toBe("rejected");
    expect(r.errors[0].message).toContain("The mapping takes job_title from the column 'Job Name', but the file has no such column");
  });

  it("imports are scoped to the organisation: another organisation's people are neither matched nor made leavers", async () => {
    const other = await t.addOrganisation("other");
    await runImport(await organisationScope(t.db, other, { actor: "x", today: "2026-03-01" }), { kind: "staff", fileName: "o.csv", bytes: csv([HEADER, base[0]]) });
    const r = await imp(csv([HEADER, base[1]]));
    expect(r.counts).toMatchObject({ added: 1, leavers: 0 });
    const otherRows = await t.db.selectFrom("staff").selectAll().where("organisation_id", "=", other).execute();
    expect(otherRows.map((s) => [s.employee_ref, s.end_date])).toEqual([["E1", null]]);
  });

  it("follows the organisation's date order for ambiguous columns", async () => {
    const us = await t.addOrganisation("us", "month_first");
    await runImport(await organisationScope(t.db, us, { actor: "x", today: "2026-03-01" }), { kind: "staff", fileName: "s.csv", bytes: csv(["employee_ref,job_title,start_date", "U1,Officer,03/04/2024"]) });
    await imp(csv(["employee_ref,job_title,start_date", "U1,Officer,03/04/2024"]));
    const rows = await t.db.selectFrom("staff").select(["organisation_id", "start_date"]).orderBy("organisation_id").execute();
    expect(rows).toEqual([
      { organisation_id: t.organisationId, start_date: "2024-04-03" },
      { organisation_id: us, start_date: "2024-03-04" },
    ]);
  });

  it("a file over a limit is rejected with a message naming the limit and the actual size", async () => {
    const r = await imp(csv([HEADER, ...base]), { limits: { maxRows: 2 } });
    expect(r).toMatchObject({ ok: false, status: "rejected", counts: { rows: 3 } });
    expect(r.errors.map((e) => e.message)).toContain("The file has 3 rows; the limit is 2. Split it into smaller files (partial mode).");
    expect(await t.db.selectFrom("staff").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("import_row_errors").select("message").execute()).toEqual([{ message: "The file has 3 rows; the limit is 2. Split it into smaller files (partial mode)." }]);
  });

  it("caps the preview list at 500 changes but keeps exact counts", async () => {
    const rows = Array.from({ length: 620 }, (_, i) => `N${i},A,B,Officer,Dept,1,2020-01-01,,no`);
    const r = await imp(csv([HEADER, ...rows]), { dryRun: true });
    expect(r.counts.added).toBe(620);
    expect(r.changes).toHaveLength(500);
  });

  it("reports progress", async () => {
    const calls: [number, number | null][] = [];
    await imp(csv([HEADER, ...base]), { onProgress: (d, n) => calls.push([d, n]) });
    expect(calls[0]).toEqual([0, 3]);
    expect(calls.at(-1)).toEqual([3, 3]);
  });

  it("refuses usage mistakes with ImportUsageError", async () => {
    await expect(imp(csv([HEADER, ...base]), { today: "01/03/2026" })).rejects.toThrow(/today must be an ISO date/);
    await expect(runImport(await organisationScope(t.db, t.organisationId, { actor: "x", today: "2026-03-01" }), { kind: "roles", fileName: "r.csv", bytes: csv(["job_title,category", "A,frontline"]), mode: "full" })).rejects.toThrow(/Full mode applies to staff imports only/);
  });
});

describe("undo", () => {
  it("restores exactly the rows before the import (inserts removed, updates and leavers put back)", async () => {
    await imp(csv([HEADER, ...base]));
    const before = await dumpData(t.db);
    const r = await imp(csv([HEADER, "E1,Zoë,O'Brien,Lead Housing Officer,Lettings,0.5,2020-01-06,,no", "E4,New,Person,Clerk,Admin,1,2026-01-01,,no"]));
    expect(r.counts).toMatchObject({ added: 1, changed: 1, leavers: 2 });
    expect(await dumpData(t.db)).not.toEqual(before);
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "boss@acme.test" }), r.importRunId!);
    expect(u).toMatchObject({ ok: true, deleted: 1, restored: 3 });
    expect(await dumpData(t.db)).toEqual(before);
    const run = await t.db.selectFrom("import_runs").selectAll().where("id", "=", r.importRunId!).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "undone", undone_by: "boss@acme.test" });
    expect(run.undone_at).not.toBeNull();
    const audit = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "import.undo").execute();
    expect(audit).toEqual([expect.objectContaining({ entity_id: String(r.importRunId), actor: "boss@acme.test" })]);
    // Now the earlier import is the most recent applied one, and undoing it empties the table.
    const first = await t.db.selectFrom("import_runs").select("id").where("status", "=", "applied").executeTakeFirstOrThrow();
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), first.id)).ok).toBe(true);
    expect(await t.db.selectFrom("staff").selectAll().execute()).toEqual([]);
  });

  it("only the most recent applied import can be undone", async () => {
    const a = await imp(csv([HEADER, ...base]));
    const b = await imp(csv([HEADER, ...base.slice(0, 2)]));
    await imp(csv([HEADER, "oops"])); // rejected: does not count
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), a.importRunId!);
    expect(u.ok).toBe(false);
    expect(u.message).toContain(`import ${b.importRunId} (staff, 'staff.csv'`);
    expect(u.message).toContain("Undo that one first");
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), b.importRunId!)).ok).toBe(true);
    const again = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), b.importRunId!);
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining("already undone") });
  });

  it("refuses when a row the import wrote was changed since, and changes nothing", async () => {
    await imp(csv([HEADER, ...base]));
    const r = await imp(csv([HEADER, "E1,Zoë,O'Brien,Lead Housing Officer,Lettings,0.5,2020-01-06,,no", base[1], base[2]]));
    await t.db.updateTable("staff").set({ department: "Neighbourhoods" }).where("employee_ref", "=", "E1").execute();
    const before = await dumpAll(t.db);
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), r.importRunId!);
    expect(u).toMatchObject({ ok: false, message: expect.stringContaining("staff E1 has been changed since (department)") });
    expect(await dumpAll(t.db)).toEqual(before);
  });

  it("refuses when a person the import added was rewritten since, and changes nothing", async () => {
    const r = await imp(csv([HEADER, ...base]));
    await t.db.updateTable("staff").set({ department: "Neighbourhoods", updated_at: "2026-03-02T09:00:00.000Z" }).where("employee_ref", "=", "E2").execute();
    const before = await dumpAll(t.db);
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), r.importRunId!);
    expect(u).toMatchObject({ ok: false, message: expect.stringContaining("staff E2 has been changed since (updated_at)") });
    expect(await dumpAll(t.db)).toEqual(before);
  });

  it("still checks the people an import added when its change set was written before decision 0071 (reference and time)", async () => {
    const r = await imp(csv([HEADER, ...base]));
    for (const row of await t.db.selectFrom("staff").select(["id", "employee_ref", "updated_at"]).execute()) {
      await t.db.updateTable("import_changes").set({ after_json: JSON.stringify({ employee_ref: row.employee_ref, updated_at: row.updated_at }) }).where("entity_id", "=", row.id).execute();
    }
    // The run's time no longer matches the rows: only the stored record can say the rows are untouched.
    await t.db.updateTable("import_runs").set({ created_at: "2026-01-01T00:00:00.000Z" }).where("id", "=", r.importRunId!).execute();
    await t.db.updateTable("staff").set({ updated_at: "2026-03-02T09:00:00.000Z" }).where("employee_ref", "=", "E3").execute();
    const refused = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), r.importRunId!);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("staff E3 has been changed since (updated_at)") });
    expect(refused.message).not.toContain("E1");
    const e3 = await t.db.selectFrom("import_changes").select("after_json").where("entity_id", "=", (await t.db.selectFrom("staff").select("id").where("employee_ref", "=", "E3").executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow();
    await t.db.updateTable("staff").set({ updated_at: JSON.parse(e3.after_json!).updated_at }).where("employee_ref", "=", "E3").execute();
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), r.importRunId!);
    expect(u).toMatchObject({ ok: true, deleted: 3 });
    expect(await t.db.selectFrom("staff").selectAll().execute()).toEqual([]);
  });

  it("refuses when a person the import added has since been given a qualification record", async () => {
    const r = await imp(csv([HEADER, ...base]));
    const e1 = await t.db.selectFrom("staff").select("id").where("employee_ref", "=", "E1").executeTakeFirstOrThrow();
    const q = await t.db.selectFrom("qualifications").select("id").executeTakeFirstOrThrow();
    await t.db.insertInto("qualification_records").values({ organisation_id: t.organisationId, staff_id: e1.id, qualification_id: q.id, status: "enrolled" }).execute();
    const u = await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), r.importRunId!);
    expect(u).toMatchObject({ ok: false, message: expect.stringContaining("staff E1, added by this import, now has qualification records") });
  });

  it("refuses runs of another organisation and rejected runs", async () => {
    const r = await imp(csv([HEADER, ...base]));
    const other = await t.addOrganisation("other");
    expect((await undoLastImport(await organisationScope(t.db, other, { actor: "x" }), r.importRunId!)).message).toContain("There is no import");
    const rejected = await imp(csv([HEADER, "x"]));
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "x" }), rejected.importRunId!)).message).toContain("was rejected");
  });
});
