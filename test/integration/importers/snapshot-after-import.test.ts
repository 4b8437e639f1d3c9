/**
 * The snapshot an import takes in its own transaction (importers/snapshot.ts: from the people the import holds, not
 * read back) is the snapshot a fresh full evaluation of the database would take: the same measures and milestones,
 * and the same row for every person. Checked after each kind of change a staff import makes (adds, updates, job
 * titles moved, leavers, probation ended) and after imports that change other parts (roles, enrolments). On SQLite
 * and, in the integration-pg project, on PostgreSQL.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildComplianceContext } from "../../../app/compliance/context";
import { measureOrganisation } from "../../../app/compliance/measures";
import { organisationMilestoneChecks } from "../../../app/compliance/milestones";
import { loadOrganisationData } from "../../../app/models/organisation-data.server";
import { snapshotMeasuresOf, snapshotPeople } from "../../../app/models/snapshots.server";
import { fullName } from "../../../app/utils/person-name";
import { runImport, type ImportKind } from "../../../importers/index";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { organisationScope } from "../../helpers/scope";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

const TODAY = "2026-11-23";
const fixtures = path.resolve(import.meta.dirname, "../../fixtures/itrent-style");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

let t: TestDatabase;
let organisationId: number;
beforeEach(async () => {
  t = freshDatabase();
  organisationId = (await t.db.insertInto("organisations").values({ slug: "riverside", name: "Riverside Homes", homes_owned: 5000 }).returning("id").executeTakeFirstOrThrow()).id;
});
afterEach(async () => t.close());

async function importWithSnapshot(kind: ImportKind, bytes: Buffer, mode?: "full" | "partial") {
  const result = await runImport(await organisationScope(t.db, organisationId, { actor: "cli", today: TODAY }), { kind, fileName: `${kind}.csv`, bytes, mode, snapshot: true });
  expect(result.errors).toEqual([]);
  expect(result.status).toBe("applied");
  return result;
}

/** What the import wrote: the snapshot row's measures and every person's frozen row, by staff id. */
async function written(snapshotId: number) {
  const row = await t.db.selectFrom("snapshots").selectAll().where("id", "=", snapshotId).executeTakeFirstOrThrow();
  const people = (await snapshotPeople(new OrganisationReader(t.db, organisationId), snapshotId)).sort((a, b) => a.staff_id - b.staff_id);
  return {
    asOf: row.as_of,
    trigger: row.trigger,
    measures: JSON.parse(row.measures_json),
    people: people.map(({ snapshot_id: _id, reasons_json, ...p }) => ({ ...p, reasons: JSON.parse(reasons_json) as string[] })),
  };
}

/** A fresh full evaluation: every row read from the database now, the rules run over them. */
async function freshEvaluation(asOf: string) {
  const data = await loadOrganisationData(new OrganisationReader(t.db, organisationId));
  const ctx = buildComplianceContext(data);
  const measures = measureOrganisation(ctx, data.staff, asOf);
  const people = measures.people
    .map((p) => ({
      staff_id: p.staffId,
      employee_ref: p.employeeRef,
      name: fullName(data.staffById.get(p.staffId)),
      category: p.category,
      status: p.status,
      rag: p.rag,
      enrol_by: p.enrolBy,
      qualify_by: p.qualifyBy,
      reasons: p.reasons,
    }))
    .sort((a, b) => a.staff_id - b.staff_id);
  // Through JSON, as the snapshot row stores them.
  return { asOf, trigger: "import", measures: JSON.parse(JSON.stringify(snapshotMeasuresOf(measures, organisationMilestoneChecks(ctx, data.staff, measures)))), people };
}

async function expectSnapshotOfFreshEvaluation(snapshotId: number | null) {
  expect(snapshotId).not.toBeNull();
  const got = await written(snapshotId!);
  const fresh = await freshEvaluation(TODAY);
  expect(got.people.length).toBe(fresh.people.length);
  expect(got).toEqual(fresh);
}

/** The fixture's staff file with a few people gone (leavers), job titles moved, a probation ended, two people added. */
function changedStaffFile(): Buffer {
  const lines = fixture("staff.csv").toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  const [header, ...rows] = lines;
  const cells = rows.map((r) => r.split(","));
  const titles = [...new Set(cells.map((c) => c[4]))];
  const kept = cells.slice(0, -4); // the last four leave
  kept[0][4] = titles[(titles.indexOf(kept[0][4]) + 1) % titles.length];
  kept[1][4] = titles[(titles.indexOf(kept[1][4]) + 2) % titles.length];
  const onProbation = kept.find((c) => c[12] === "yes");
  if (onProbation) onProbation[12] = "no";
  kept.push(["E099001", "Nowak", "Ewa", "ewa.nowak@example.org", titles[0], "Income", "Leeds", "", "1", "01/02/2026", "01/02/2026", "", "yes"]);
  kept.push(["E099002", "Chen", "Wei", "", titles[1], "Lettings", "Bradford", "", "0.5", "15/03/2024", "15/03/2024", "", "no"]);
  return Buffer.from([header, ...kept.map((c) => c.join(","))].join("\r\n") + "\r\n", "utf8");
}

describe("the snapshot an import takes in its transaction", () => {
  it("equals a fresh full evaluation after staff, role, enrolment imports and a full staff import with changes and leavers", async () => {
    const first = await importWithSnapshot("staff", fixture("staff.csv"));
    await expectSnapshotOfFreshEvaluation(first.snapshotId);

    // Other parts change: the snapshot reads them in the transaction.
    await expectSnapshotOfFreshEvaluation((await importWithSnapshot("roles", fixture("roles.csv"))).snapshotId);
    await expectSnapshotOfFreshEvaluation((await importWithSnapshot("enrolments", fixture("enrolments.csv"))).snapshotId);

    // Now the people change under scope decisions and records that are in place.
    const second = await importWithSnapshot("staff", changedStaffFile(), "full");
    expect(second.counts).toMatchObject({ added: 2, leavers: 4 });
    expect(second.counts.changed).toBeGreaterThanOrEqual(2);
    await expectSnapshotOfFreshEvaluation(second.snapshotId);

    // The same file again: every row unchanged, the snapshot still the whole organisation.
    const third = await importWithSnapshot("staff", changedStaffFile(), "partial");
    expect(third.counts.unchanged).toBe(third.counts.rows);
    await expectSnapshotOfFreshEvaluation(third.snapshotId);

    const snapshots = await t.db.selectFrom("snapshots").select(["label", "import_run_id", "taken_by"]).orderBy("id").execute();
    expect(snapshots.map((s) => s.label)).toEqual([1, 2, 3, 4, 5].map((n, i) => `After ${["staff", "roles", "enrolments", "staff", "staff"][i]} import ${n}`));
    expect(snapshots.every((s) => s.taken_by === "cli")).toBe(true);
  });

  it("a dry run, a rejected file and an import asked for no snapshot take none", async () => {
    const dry = await runImport(await organisationScope(t.db, organisationId, { actor: "cli", today: TODAY }), { kind: "staff", fileName: "s.csv", bytes: fixture("staff.csv"), dryRun: true, snapshot: true });
    expect(dry.snapshotId).toBeNull();
    const rejected = await runImport(await organisationScope(t.db, organisationId, { actor: "cli", today: TODAY }), { kind: "staff", fileName: "s.csv", bytes: Buffer.from("employee_ref,job_title\nE1,\n"), snapshot: true });
    expect(rejected.status).toBe("rejected");
    expect(rejected.snapshotId).toBeNull();
    const plain = await runImport(await organisationScope(t.db, organisationId, { actor: "cli", today: TODAY }), { kind: "staff", fileName: "s.csv", bytes: fixture("staff.csv") });
    expect(plain.snapshotId).toBeNull();
    expect(await t.db.selectFrom("snapshots").selectAll().execute()).toEqual([]);
  });
});
