/**
 * Migration 0026 (decision 0072): snapshots taken before it keep every person's reasons, now as lists numbered
 * within each snapshot; the lists refuse updates as snapshots do. Down and up again, on SQLite and PostgreSQL.
 */
import { Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../../db/connection";
import { staticMigrationProvider } from "../../../db/migrations/index";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";
import { snapshotPeople } from "../../../app/models/snapshots.server";
import { freshDatabase, type TestDatabase } from "../../helpers/database";

let t: TestDatabase;
beforeEach(() => {
  t = freshDatabase();
});
afterEach(async () => t.close());

const A = JSON.stringify(["Senior housing manager: needs Level 4", "Enrol by 1 April 2027"]);
const B = JSON.stringify(['Decision needed: no scope decision for the job title "Gas Engineer"']);

describe("snapshot reasons kept once per snapshot (migration 0026)", () => {
  it("converts the people of snapshots taken before it, each keeping their reasons", async () => {
    const migrator = new Migrator({ db: t.db, provider: staticMigrationProvider, allowUnorderedMigrations: true });
    const down = await migrator.migrateTo("0025_staff_by_organisation");
    expect(down.error).toBeUndefined();

    const org = (await t.db.insertInto("organisations").values({ slug: "riverside", name: "Riverside Homes", homes_owned: 5000 }).returning("id").executeTakeFirstOrThrow()).id;
    const snapshot = async (label: string) =>
      (await t.db.insertInto("snapshots").values({ organisation_id: org, label, taken_at: "2026-11-01T09:00:00.000Z", as_of: "2026-11-01", trigger: "manual", import_run_id: null, taken_by: "hr", measures_json: "{}" }).returning("id").executeTakeFirstOrThrow()).id;
    const first = await snapshot("First");
    const second = await snapshot("Second");
    const person = (snapshotId: number, staffId: number, reasons: string) => sql`insert into snapshot_people (snapshot_id, staff_id, employee_ref, name, category, status, rag, enrol_by, qualify_by, reasons_json)
      values (${snapshotId}, ${staffId}, ${`E${staffId}`}, ${`Person ${staffId}`}, 'senior_manager', 'not_enrolled', 'amber', '2027-04-01', null, ${reasons})`.execute(t.db);
    await person(first, 1, A);
    await person(first, 2, B);
    await person(first, 3, A);
    await person(second, 1, B);

    expect(await migrateToLatest(t.db)).toEqual(["0026_snapshot_reason_lists"]);
    const reader = new OrganisationReader(t.db, org);
    expect((await snapshotPeople(reader, first)).map((p) => [p.employee_ref, p.name, p.status, p.enrol_by, p.reasons_json])).toEqual([
      ["E1", "Person 1", "not_enrolled", "2027-04-01", A],
      ["E2", "Person 2", "not_enrolled", "2027-04-01", B],
      ["E3", "Person 3", "not_enrolled", "2027-04-01", A],
    ]);
    expect((await snapshotPeople(reader, second)).map((p) => [p.employee_ref, p.reasons_json])).toEqual([["E1", B]]);
    // Each distinct list once per snapshot.
    const lists = await t.db.selectFrom("snapshot_reason_lists").select(["snapshot_id", "position", "reasons_json"]).orderBy("snapshot_id").orderBy("reasons_json").execute();
    expect(lists.map((l) => [l.snapshot_id, l.reasons_json])).toEqual([
      [first, B],
      [first, A],
      [second, B],
    ]);
    expect(lists.map((l) => l.position)).toEqual([0, 1, 0]);
    // Snapshots are evidence: the lists refuse changes, as the people and the snapshot do.
    await expect(sql`update snapshot_reason_lists set reasons_json = '[]' where snapshot_id = ${first}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`update snapshot_people set status = 'qualified' where snapshot_id = ${first}`.execute(t.db)).rejects.toThrow(/immutable/);

    // Deleting an organisation still takes its snapshots with it (the lists and the people that name them).
    await t.db.deleteFrom("organisations").where("id", "=", org).execute();
    expect(await t.db.selectFrom("snapshot_reason_lists").selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom("snapshot_people").selectAll().execute()).toEqual([]);
  });
});
