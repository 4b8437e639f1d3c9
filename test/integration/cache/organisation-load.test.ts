/**
 * The organisation load reads people and qualification records as one JSON value per query (tuplesOf, decision
 * 0062) instead of one row object per row. It must give exactly what the rows say: the same people and records as a
 * plain `selectAll()` read mapped field by field, for awkward values too (nulls, quotes, backslashes, line breaks,
 * non-ASCII names, references that look like numbers, probation flags), and nothing for an organisation without
 * any. The evaluation from it must equal the rules run over the plain rows. Runs on SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { buildComplianceContext } from "../../../app/compliance/context";
import { measureOrganisation } from "../../../app/compliance/measures";
import type { QualificationRecord, UnitResult } from "../../../app/compliance/types";
import { loadOrganisationData, staffFromRow } from "../../../app/models/organisation-data.server";
import { todayIso } from "../../../app/models/compliance.server";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

let t: TestDatabase;
let a: number;
let empty: number;
const now = new Date().toISOString();
const today = todayIso();

const names: Array<[string, string | null, string | null]> = [
  ["007", "Zoë", "O'Brien"],
  ["1e3", 'Say "hi"', "Back\\slash"],
  ["A-3", "Line\nbreak", null],
  ["A-4", null, "Ñúñez 🏠"],
  ["A-5", "\u0001tab\t", "Smith"],
  ["A-6", "Pat", "Jones"],
];

beforeEach(async () => {
  t = freshDatabase();
  a = await createTestOrganisation(t.db, "alpha");
  empty = await createTestOrganisation(t.db, "empty");
  const ids: number[] = [];
  for (const [i, [ref, first, last]] of names.entries()) {
    const row = await t.db
      .insertInto("staff")
      .values({
        organisation_id: a,
        employee_ref: ref,
        first_name: first,
        last_name: last,
        email: i % 2 === 0 ? `${ref}@example.org` : null,
        job_title: i % 2 === 0 ? "Head of Income" : "Housing Officer",
        job_title_normalised: i % 2 === 0 ? "head of income" : "housing officer",
        department: i === 3 ? null : "Income & Rents",
        manager_ref: i === 2 ? "007" : null,
        employer: i === 4 ? "Upkeep Repairs Ltd" : null,
        start_date: "2019-04-01",
        role_start_date: i === 1 ? null : "2021-10-11",
        end_date: i === 5 ? "2026-01-31" : null,
        on_probation: i === 2 ? 1 : 0,
        probation_end_date: i === 2 ? "2026-12-31" : null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  await t.db.insertInto("scope_decisions").values({ organisation_id: a, job_title: "Head of Income", job_title_normalised: "head of income", category: "senior_manager", rationale: "Leads a service", decided_by: "test", decided_on: "2026-01-01", review_date: null }).execute();
  const qualificationId = (await t.db.selectFrom("qualifications").select("id").where("organisation_id", "is", null).where("level", "=", 5).orderBy("id").executeTakeFirstOrThrow()).id;
  const records = [
    { staff_id: ids[0], provider: "CIH \"Academy\"", status: "in_progress", enrolled_on: "2025-09-01", started_on: "2025-09-08", expected_completion: "2027-03-01", achieved_on: null, pathway: "Housing\\Management" },
    { staff_id: ids[2], provider: null, status: "achieved", enrolled_on: "2020-01-01", started_on: null, expected_completion: null, achieved_on: "2021-06-30", pathway: null },
    { staff_id: ids[2], provider: "Leeds College", status: "withdrawn", enrolled_on: "2018-01-01", started_on: "2018-01-01", expected_completion: "2019-01-01", achieved_on: null, pathway: null },
  ] as const;
  for (const [i, r] of records.entries()) {
    const rec = await t.db
      .insertInto("qualification_records")
      .values({ organisation_id: a, qualification_id: qualificationId, certificate_ref: null, evidence_verified_by: null, evidence_verified_on: null, created_at: now, updated_at: now, ...r })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (i === 0) {
      await t.db.insertInto("unit_results").values([
        { organisation_id: a, record_id: rec.id, unit_ref: "U/1", result: "pass", achieved_on: "2026-01-10" },
        { organisation_id: a, record_id: rec.id, unit_ref: "U\"2", result: "fail", achieved_on: null },
      ]).execute();
    }
  }
});
afterEach(async () => {
  await t.close();
});

/** The people and records as the rows say, read the plain way (every column, one object per row). */
async function fromRows(organisationId: number) {
  const staff = (await t.db.selectFrom("staff").selectAll().where("organisation_id", "=", organisationId).execute()).map(staffFromRow);
  const units = await t.db.selectFrom("unit_results").selectAll().where("organisation_id", "=", organisationId).orderBy("id").execute();
  const records: QualificationRecord[] = (await t.db.selectFrom("qualification_records").selectAll().where("organisation_id", "=", organisationId).execute()).map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    qualificationId: r.qualification_id,
    provider: r.provider,
    status: r.status,
    enrolledOn: r.enrolled_on,
    startedOn: r.started_on,
    expectedCompletion: r.expected_completion,
    achievedOn: r.achieved_on,
    pathway: r.pathway,
    unitResults: units.filter((u) => u.record_id === r.id).map((u): UnitResult => ({ unitRef: u.unit_ref, result: u.result })),
  }));
  return { staff, records };
}

const byId = <T extends { id: number }>(list: readonly T[]) => [...list].sort((x, y) => x.id - y.id);

it("reads the same people and records as the rows hold, awkward values included", async () => {
  const data = await loadOrganisationData(new OrganisationReader(t.db, a));
  const rows = await fromRows(a);
  expect(data.staff).toHaveLength(names.length);
  expect(byId(data.staff)).toStrictEqual(byId(rows.staff));
  expect(byId(data.records)).toStrictEqual(byId(rows.records));
  expect(data.records.find((r) => r.unitResults.length > 0)?.unitResults).toEqual([
    { unitRef: "U/1", result: "pass" },
    { unitRef: 'U"2', result: "fail" },
  ]);
  expect(data.staff.map((s) => s.employeeRef).sort()).toEqual(["007", "1e3", "A-3", "A-4", "A-5", "A-6"]);
  expect(data.staff.filter((s) => s.onProbation).map((s) => s.employeeRef)).toEqual(["A-3"]);
  for (const s of data.staff) expect(data.staffById.get(s.id)).toBe(s);
});

it("evaluates the organisation as the rules do over the plain rows", async () => {
  const data = await loadOrganisationData(new OrganisationReader(t.db, a));
  const rows = await fromRows(a);
  const plain = { ...data, staff: rows.staff, staffById: new Map(rows.staff.map((s) => [s.id, s])), records: rows.records };
  expect(measureOrganisation(buildComplianceContext(data), data.staff, today)).toEqual(measureOrganisation(buildComplianceContext(plain), plain.staff, today));
});

it("reads no people and no records for an organisation without any", async () => {
  const data = await loadOrganisationData(new OrganisationReader(t.db, empty));
  expect(data.staff).toEqual([]);
  expect(data.records).toEqual([]);
  expect(data.staffById.size).toBe(0);
});
