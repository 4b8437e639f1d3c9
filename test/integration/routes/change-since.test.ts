import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { bumpRevision } from "../../helpers/revision";
import { call, createTestOrganisation, createTestUser, getRequest, sessionCookie } from "../../helpers/requests";
import { loader as dashboardLoader } from "../../../app/routes/orgs.$slug._index";
import { takeSnapshot } from "../../../app/models/snapshots.server";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let organisationId: number;
let hr: string;
const actor = { userId: null, name: "test" };
const dashboard = async (query = "") =>
  (await call(() => dashboardLoader({ request: getRequest(`/orgs/since${query}`, hr), params: { slug: "since" }, context: {} }))).data!;
const snap = async (label: string, trigger: "import" | "manual" | "cli") => (await takeSnapshot(await organisationScope(t.db, organisationId, { actor: actor }), { label, trigger })).id;
const addStaff = async (ref: string) => {
  await t.db.insertInto("staff").values({ organisation_id: organisationId, employee_ref: ref, job_title: "Housing Officer", job_title_normalised: "housing officer", start_date: "2020-01-01" }).execute();
  await t.db.insertInto("scope_decisions").values({ organisation_id: organisationId, job_title: "Housing Officer", job_title_normalised: "housing officer", category: "senior_manager", rationale: "Manages housing" }).onConflict((oc) => oc.doNothing()).execute();
  await bumpRevision(t.db, organisationId);
};

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  organisationId = await createTestOrganisation(t.db, "since", 5000);
  hr = await sessionCookie(await createTestUser(t.db, "hr@since.example", "hr", [organisationId]));
});
afterEach(async () => t.close());

describe("change since on the dashboard", () => {
  test("compares with the previous import's snapshot, not the one the latest import just took", async () => {
    await addStaff("S1");
    const first = await snap("After staff import 1", "import");
    await snap("Board pack", "manual");
    await addStaff("S2");
    await addStaff("S3");
    const latest = await snap("After staff import 2", "import");
    const d = await dashboard();
    expect(d.previous?.id).toBe(first);
    expect(d.previous?.id).not.toBe(latest);
    expect(d.previous?.chosen).toBe(false);
    expect(d.headline.inScope).toBe(3);
    expect(d.previous?.inScope).toBe(1); // so the tile shows +2, not "no change"
    expect(d.snapshots.map((s) => s.label)).toEqual(["After staff import 2", "Board pack", "After staff import 1"]);
    expect(d.snapshots[0].takenAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  test("the user can choose the snapshot to compare with; an unknown choice falls back to the default", async () => {
    await addStaff("S1");
    await snap("After staff import 1", "import");
    await addStaff("S2");
    const board = await snap("Board pack", "manual");
    await snap("After staff import 2", "import");
    const d = await dashboard(`?since=${board}`);
    expect(d.previous).toMatchObject({ id: board, chosen: true, label: "Board pack", inScope: 2 });
    const unknown = await dashboard("?since=99999");
    expect(unknown.previous?.chosen).toBe(false);
    expect(unknown.previous?.label).toBe("After staff import 1");
  });

  test("with one import only, the snapshot before it; with no import snapshots, the latest one; with none, nothing", async () => {
    expect((await dashboard()).previous).toBeNull();
    await addStaff("S1");
    const manual = await snap("Baseline", "cli");
    expect((await dashboard()).previous?.id).toBe(manual);
    await addStaff("S2");
    await snap("After staff import 1", "import");
    expect((await dashboard()).previous?.id).toBe(manual);
  });
});
