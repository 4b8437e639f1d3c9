// Staged uploads live in the database (migration 0018, decision 0052): an upload staged through one app server is
// listed, mapped, previewed and applied through another (here: a second connection pool on the same database), and
// still expires a day after it was uploaded. Runs on SQLite and on PostgreSQL (integration-pg).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, type DB } from "../../../db/connection";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation, createTestUser } from "../../helpers/requests";
import {
  applyStaged,
  discardStaged,
  getOutcome,
  getStaged,
  importProgress,
  listWaiting,
  recordOutcome,
  stagedPreview,
  stageUpload,
  updateStaged,
} from "../../../app/models/import-staging.server";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let serverB: DB;
let riverside: number;
let oakfield: number;
let hr: number;

const csv = (n: number) => `Payroll No,first_name,last_name,job_title,start_date\n${Array.from({ length: n }, (_, i) => `E${i},Ann,Lee,Housing Officer,2021-03-01`).join("\n")}\n`;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  serverB = openDatabase(t.url);
  riverside = await createTestOrganisation(t.db, "riverside");
  oakfield = await createTestOrganisation(t.db, "oakfield");
  hr = await createTestUser(t.db, "hr@example.org", "hr", [riverside]);
});
afterEach(async () => {
  await serverB.destroy();
  await t.close();
});

/** The organisation as the HR lead sees it through one server's connection pool. */
const on = (db: DB, organisationId = riverside) => organisationScope(db, organisationId, { actor: "hr@example.org", today: "2026-06-01" });

const stage = async (db: DB, organisationId = riverside, n = 3) =>
  stageUpload(await on(db, organisationId), { kind: "staff", mode: "partial", fileName: "../../weekly staff.csv", uploadedBy: "hr@example.org", bytes: new TextEncoder().encode(csv(n)) });

describe("an upload staged on one server", () => {
  test("is listed, mapped, previewed and applied on another; afterwards both say it was applied", async () => {
    const token = await stage(t.db);
    expect((await listWaiting(await on(serverB, riverside))).map((w) => [w.token, w.fileName])).toEqual([[token, "weekly staff.csv"]]);
    expect(await listWaiting(await on(serverB, oakfield))).toEqual([]);

    const onB = await getStaged(await on(serverB, riverside), token);
    expect(onB).toMatchObject({ token, kind: "staff", mode: "partial", fileName: "weekly staff.csv", organisationId: riverside, mapping: null });
    await updateStaged(await on(serverB), onB!, { mapping: { employee_ref: "Payroll No" } });
    const mapped = (await getStaged(await on(t.db, riverside), token))!;
    expect(mapped.mapping).toEqual({ employee_ref: "Payroll No" });

    const preview = await stagedPreview(await on(t.db), mapped);
    expect(preview.preview.counts).toMatchObject({ added: 3, errors: 0 });
    // The preview computed on A is served from the database on B.
    expect(await stagedPreview(await on(serverB), mapped)).toEqual(preview);

    const result = await applyStaged(await on(serverB), mapped);
    expect(result.status).toBe("applied");
    // Its compliance snapshot was taken in the apply's own transaction (decision 0061).
    const snapshot = await t.db.selectFrom("snapshots").select(["id", "import_run_id", "trigger"]).executeTakeFirstOrThrow();
    expect(snapshot).toEqual({ id: result.snapshotId, import_run_id: result.importRunId, trigger: "import" });
    expect(await importProgress(await on(t.db), token)).toMatchObject({ phase: "done", done: 3, total: 3 });
    await recordOutcome(await on(serverB), mapped, { status: "applied", by: "hr@example.org", importRunId: result.importRunId, summary: "Imported 3" });
    await discardStaged(await on(serverB), mapped);

    expect(await getStaged(await on(t.db, riverside), token)).toBeUndefined();
    expect(await listWaiting(await on(t.db, riverside))).toEqual([]);
    expect(await getOutcome(await on(t.db, riverside), token)).toMatchObject({ status: "applied", importRunId: result.importRunId, fileName: "weekly staff.csv" });
    expect(await getOutcome(await on(t.db, oakfield), token)).toBeUndefined();
    const row = await t.db.selectFrom("staged_uploads").selectAll().where("token", "=", token).executeTakeFirstOrThrow();
    expect([row.bytes, row.settings, row.preview, row.progress]).toEqual([null, null, null, null]);
    expect(await t.db.selectFrom("staff").select("employee_ref").orderBy("employee_ref").execute()).toEqual([{ employee_ref: "E0" }, { employee_ref: "E1" }, { employee_ref: "E2" }]);
  });

  test("belongs to its organisation only", async () => {
    const token = await stage(t.db);
    expect(await getStaged(await on(serverB, oakfield), token)).toBeUndefined();
    expect(await getStaged(await on(serverB, riverside), "not-a-token")).toBeUndefined();
    // A staged upload read through one organisation cannot be changed, previewed or applied through another's scope.
    const staged = (await getStaged(await on(t.db), token))!;
    await expect(updateStaged(await on(t.db, oakfield), staged, { mapping: null })).rejects.toThrow(/not organisation/);
    await expect(applyStaged(await on(t.db, oakfield), staged)).rejects.toThrow(/not organisation/);
    expect(await importProgress(await on(t.db, oakfield), token)).toBeNull();
  });

  test("a change of mapping clears the stored preview", async () => {
    const token = await stage(t.db);
    const staged = (await getStaged(await on(t.db, riverside), token))!;
    await stagedPreview(await on(t.db), staged);
    expect((await t.db.selectFrom("staged_uploads").select("preview").where("token", "=", token).executeTakeFirstOrThrow()).preview).not.toBeNull();
    await updateStaged(await on(serverB), staged, { mapping: { employee_ref: "Payroll No" } });
    expect((await t.db.selectFrom("staged_uploads").select("preview").where("token", "=", token).executeTakeFirstOrThrow()).preview).toBeNull();
  });

  test("expires a day after the upload (edits do not extend it); its outcome is kept 30 days", async () => {
    const old = await stage(t.db);
    const discarded = await stage(t.db);
    const d = (await getStaged(await on(t.db, riverside), discarded))!;
    await recordOutcome(await on(t.db), d, { status: "discarded", by: "hr@example.org", summary: "Discarded" });
    await discardStaged(await on(t.db), d);
    const fresh = await stage(t.db);
    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    await t.db.updateTable("staged_uploads").set({ uploaded_at: dayAgo }).where("token", "=", old).execute();
    await updateStaged(await on(t.db), (await getStaged(await on(t.db, riverside), fresh))!, { mapping: null });
    expect(await getStaged(await on(serverB, riverside), old)).toBeUndefined();
    expect((await listWaiting(await on(serverB, riverside))).map((w) => w.token)).toEqual([fresh]);
    expect(await t.db.selectFrom("staged_uploads").select("token").where("token", "=", old).executeTakeFirst()).toBeUndefined();

    await t.db.updateTable("staged_uploads").set({ outcome_at: new Date(Date.now() - 31 * 86_400_000).toISOString() }).where("token", "=", discarded).execute();
    expect(await getOutcome(await on(t.db, riverside), discarded)).toBeDefined();
    await stage(serverB);
    expect(await getOutcome(await on(t.db, riverside), discarded)).toBeUndefined();
  });
});
