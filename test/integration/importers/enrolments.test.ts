import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, undoLastImport, type RunImportOptions } from "../../../importers/index";
import { csv, dumpData, fixture, openTestDb, type TestDb } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
  await runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: "2026-03-01" }), { kind: "staff", fileName: "staff.csv", bytes: csv(["employee_ref,first_name,job_title", "E1,Zoë,Housing Manager", "E2,Rhys,Income Manager", "E3,Ewa,Repairs Manager"]) });
});
afterEach(async () => {
  await t.close();
});

const HEADER = "employee_ref,qualification,provider,status,enrolled_on,expected_completion,achieved_on,units_achieved";
async function imp(lines: string[], extra: Partial<RunImportOptions> = {}) {
  return runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: "2026-03-01" }), { kind: "enrolments", fileName: "enrolments.csv", bytes: csv(lines), ...extra });
}
async function records() {
  return t.db
    .selectFrom("qualification_records as r")
    .innerJoin("staff as s", "s.id", "r.staff_id")
    .innerJoin("qualifications as q", "q.id", "r.qualification_id")
    .select(["r.id", "s.employee_ref", "q.code", "r.provider", "r.status", "r.enrolled_on", "r.expected_completion", "r.achieved_on"])
    .orderBy("r.id")
    .execute();
}
async function units(recordId: number) {
  return (await t.db.selectFrom("unit_results").selectAll().where("record_id", "=", recordId).orderBy("id").execute()).map((u) => [u.unit_ref, u.result]);
}

describe("enrolment import", () => {
  it("matches qualifications by title, code or Ofqual number in any case, and status words by synonym", async () => {
    const r = await imp([
      `${HEADER},certificate_ref`,
      "E1,cih level 4 certificate in housing,Leeds College,Studying,01/09/2025,31/08/2026,,,",
      "E2,CIH-L5-DH,CIH Housing Academy,Completed,2023-01-10,2024-06-30,2024-06-30,,CERT-1",
      "E3,603/1433/3,Upkeep Training,Registered,2026-01-15,,,,",
    ]);
    expect(r).toMatchObject({ ok: true, status: "applied", counts: { rows: 3, added: 3, changed: 0, unchanged: 0 } });
    expect(await records()).toEqual([
      expect.objectContaining({ employee_ref: "E1", code: "CIH-L4-CH", status: "in_progress", enrolled_on: "2025-09-01", expected_completion: "2026-08-31" }),
      expect.objectContaining({ employee_ref: "E2", code: "CIH-L5-DH", status: "achieved", achieved_on: "2024-06-30" }),
      expect.objectContaining({ employee_ref: "E3", code: "CIH-L4-MHM", status: "enrolled", provider: "Upkeep Training" }),
    ]);
  });

  it("updates the existing record for the same person and qualification instead of adding a duplicate", async () => {
    await imp([HEADER, "E1,CIH Level 4 Certificate in Housing,Leeds College,enrolled,2025-09-01,2026-08-31,,"]);
    const achieved = [`${HEADER},certificate_ref`, "E1,CIH-L4-CH,Leeds College,Achieved,2025-09-01,2026-08-31,2026-02-20,,C-1"];
    const r = await imp(achieved, { dryRun: true });
    expect(r.counts).toMatchObject({ added: 0, changed: 1 });
    expect(r.changes).toEqual([
      {
        action: "update",
        entity: "qualification_record",
        key: "E1 · CIH Level 4 Certificate in Housing",
        employeeRef: "E1",
        qualification: "CIH Level 4 Certificate in Housing",
        row: 2,
        fields: [
          { field: "status", before: "enrolled", after: "achieved" },
          { field: "achieved_on", before: null, after: "2026-02-20" },
          { field: "certificate_ref", before: null, after: "C-1" },
        ],
      },
    ]);
    await imp(achieved);
    const rows = await records();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "achieved", achieved_on: "2026-02-20" });
    const again = await imp(achieved);
    expect(again.counts).toMatchObject({ added: 0, changed: 0, unchanged: 1 });
  });

  it("units_achieved replaces the record's unit results, and undo restores the previous ones", async () => {
    await imp([HEADER, "E3,CIH-L4-MHM,CIH,in progress,2025-09-01,2026-08-31,,A/1;B/2"]);
    const [rec] = await records();
    expect(await units(rec.id)).toEqual([
      ["A/1", "pass"],
      ["B/2", "pass"],
    ]);
    const before = await dumpData(t.db);
    const r = await imp([HEADER, "E3,CIH-L4-MHM,CIH,in progress,2025-09-01,2026-08-31,,B/2; C/3 ;D/4"]);
    expect(r.counts).toMatchObject({ changed: 1 });
    expect(r.changes[0].fields).toEqual([{ field: "units_achieved", before: "A/1;B/2", after: "B/2;C/3;D/4" }]);
    expect(await units(rec.id)).toEqual([
      ["B/2", "pass"],
      ["C/3", "pass"],
      ["D/4", "pass"],
    ]);
    const change = await t.db.selectFrom("import_changes").selectAll().where("import_run_id", "=", r.importRunId!).executeTakeFirstOrThrow();
    expect(JSON.parse(change.before_json!).units.map((u: { unit_ref: string }) => u.unit_ref)).toEqual(["A/1", "B/2"]);
    expect((await undoLastImport(await organisationScope(t.db, t.organisationId, { actor: "hr" }), r.importRunId!)).ok).toBe(true);
    expect(await dumpData(t.db)).toEqual(before);
  });

  it("a file without a units column leaves unit results alone", async () => {
    await imp([HEADER, "E3,CIH-L4-MHM,CIH,in progress,2025-09-01,2026-08-31,,A/1"]);
    const r = await imp(["employee_ref,qualification,status", "E3,CIH-L4-MHM,referred"]);
    expect(r.counts).toMatchObject({ changed: 1 });
    const [rec] = await records();
    expect(rec.status).toBe("referred");
    expect(await units(rec.id)).toEqual([["A/1", "pass"]]);
  });

  it("unknown people, unknown qualifications and repeated person+qualification are row errors; nothing is written", async () => {
    const before = await dumpData(t.db);
    const r = await imp([
      HEADER,
      "E1,CIH Level 4 Certificate in Housing,Leeds,enrolled,2025-09-01,,,",
      "E404,CIH Level 4 Certificate in Housing,Leeds,enrolled,2025-09-01,,,",
      "E2,Diploma in Basket Weaving,Leeds,enrolled,2025-09-01,,,",
      "E1,CIH-L4-CH,Leeds,in progress,2025-09-01,,,",
      "E3,CIH-L4-CH,Leeds,Pending,2025-09-01,,,",
    ]);
    expect(r.status).toBe("rejected");
    expect(r.errors).toEqual([
      { row: 3, column: "employee_ref", value: "E404", message: expect.stringContaining("No staff member has employee reference E404") },
      { row: 4, column: "qualification", value: "Diploma in Basket Weaving", message: expect.stringContaining("is not in the qualification catalogue") },
      { row: 5, column: "qualification", value: "CIH-L4-CH", message: expect.stringContaining("E1 already has a row for CIH Level 4 Certificate in Housing in this file (row 2)") },
      { row: 6, column: "status", value: "Pending", message: expect.stringContaining("is not a status") },
    ]);
    expect(await dumpData(t.db)).toEqual(before);
    const stored = await t.db.selectFrom("import_row_errors").select("row_number").where("import_run_id", "=", r.importRunId!).execute();
    expect(stored.map((e) => e.row_number)).toEqual([3, 4, 5, 6]);
  });

  it("refuses what the person page's form refuses, each broken rule with its row, column and value; nothing is written", async () => {
    const before = await dumpData(t.db);
    const r = await imp([
      "Employee No,Qualification,Status,Enrolment Date,Start Date,Completion Date,Certificate No,Pathway",
      "E1,CIH-L4-CH,achieved,2025-09-01,,,,", // achieved: no date, no certificate
      "E2,CIH-L4-CH,achieved,2025-09-01,,2026-04-01,CERT-9,", // achieved in the future (today is 2026-03-01)
      "E3,CIH-L4-CH,in progress,2025-09-01,2025-08-01,,,", // started before enrolment
      "E1,CIH-L4-MHM,enrolled,,,,,", // a running record needs its enrolment date
      "E2,CIH-L4-MHM,enrolled,2025-09-01,,,,Basket weaving", // not a pathway of the qualification
      "E3,CIH-L4-MHM,in progress,2025-09-01,,2025-06-30,,", // only an achieved record has an achieved date
    ]);
    expect(r.status).toBe("rejected");
    expect(r.errors.map(({ row, column, value, message }) => ({ row, column, value, message }))).toEqual([
      { row: 2, column: "Completion Date", value: "", message: expect.stringContaining("Enter the date it was achieved") },
      { row: 2, column: "Certificate No", value: "", message: expect.stringContaining("Enter the certificate reference") },
      { row: 3, column: "Completion Date", value: "2026-04-01", message: expect.stringContaining("cannot be in the future") },
      { row: 4, column: "Start Date", value: "2025-08-01", message: expect.stringContaining("cannot be before the enrolment date") },
      { row: 5, column: "Enrolment Date", value: "", message: expect.stringContaining("Enter the date they enrolled") },
      { row: 6, column: "Pathway", value: "Basket weaving", message: expect.stringContaining("Choose one of the pathways of CIH Level 4 Certificate in Managing Housing Maintenance") },
      { row: 7, column: "Completion Date", value: "2025-06-30", message: expect.stringContaining("Only an achieved record has an achieved date") },
    ]);
    expect(r.errors[0].message).toMatch(/^E1 · CIH Level 4 Certificate in Housing: /);
    expect(await dumpData(t.db)).toEqual(before);
  });

  it("a file without the certificate column: an achieved row is refused on the field's name; the stored values stand in on an update", async () => {
    const noCertificate = await imp(["employee_ref,qualification,status,achieved_on", "E1,CIH-L4-CH,achieved,2025-06-30"]);
    expect(noCertificate.errors).toEqual([{ row: 2, column: "certificate_ref", value: "", message: expect.stringContaining("Enter the certificate reference") }]);
    expect((await imp(["employee_ref,qualification,status,achieved_on,certificate_ref,pathway", "E1,CIH-L4-MHM,achieved,2025-06-30,C-7,responsive REPAIRS"])).ok).toBe(true);
    // A later file without the certificate or pathway columns keeps the stored ones, which satisfy the rules.
    expect((await imp(["employee_ref,qualification,provider,status", "E1,CIH-L4-MHM,Leeds,achieved"])).counts).toMatchObject({ changed: 1, errors: 0 });
    const stored = await t.db.selectFrom("qualification_records").select(["certificate_ref", "pathway", "provider"]).executeTakeFirstOrThrow();
    expect(stored).toEqual({ certificate_ref: "C-7", pathway: "Responsive repairs", provider: "Leeds" });
  });

  it("uses this organisation's own catalogue entries as well as the shared ones, never another organisation's", async () => {
    const other = await t.addOrganisation("other");
    await t.db.insertInto("qualifications").values({ organisation_id: other, code: "SECRET", title: "Other Org Course", level: 4, recognised: 1 }).execute();
    await t.db.insertInto("qualifications").values({ organisation_id: t.organisationId, code: "OWN-1", title: "Our In-House Diploma", level: 5, recognised: 1 }).execute();
    const r = await imp([HEADER, "E1,our in-house diploma,Us,enrolled,2026-01-01,,,", "E2,SECRET,Them,enrolled,2026-01-01,,,"]);
    expect(r.errors.map((e) => [e.row, e.value])).toEqual([[3, "SECRET"]]);
  });

  it("imports the sample enrolments after the sample staff", async () => {
    const staff = await runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: "2026-03-01" }), { kind: "staff", fileName: "s.csv", bytes: fixture("itrent-style/staff.csv"), mode: "partial" });
    expect(staff.ok).toBe(true);
    const r = await runImport(await organisationScope(t.db, t.organisationId, { actor: "hr", today: "2026-03-01" }), { kind: "enrolments", fileName: "e.csv", bytes: fixture("itrent-style/enrolments.csv") });
    expect(r).toMatchObject({ ok: true, counts: { rows: 18, added: 18, errors: 0 } });
    const withUnits = await t.db.selectFrom("unit_results").select("unit_ref").execute();
    expect(withUnits).toEqual([{ unit_ref: "F/507/9169" }]);
  });
});
