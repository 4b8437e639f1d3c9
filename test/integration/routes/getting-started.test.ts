import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { bumpRevision } from "../../helpers/revision";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { loader as dashboardLoader } from "../../../app/routes/orgs.$slug._index";
import { action as settingsAction } from "../../../app/routes/orgs.$slug.settings";

let t: TestDatabase;
let organisationId: number;
let hr: string;
const args = (request: Request) => ({ request, params: { slug: "newco" }, context: {} });
const dashboard = async (cookie = hr) => (await call(() => dashboardLoader(args(getRequest("/orgs/newco", cookie))))).data!;
const done = (d: Awaited<ReturnType<typeof dashboard>>) => Object.fromEntries(d.gettingStarted!.steps.map((s) => [s.key, s.done]));

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  organisationId = await createTestOrganisation(t.db, "newco", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@newco.example", "hr", [organisationId]));
});
afterEach(async () => t.close());

describe("a new organisation's getting-started checklist", () => {
  test("an empty organisation shows the four steps, none done, and no charts", async () => {
    const d = await dashboard();
    expect(d.gettingStarted).not.toBeNull();
    expect(d.gettingStarted!.nothingToChart).toBe(true);
    expect(d.gettingStarted!.canAct).toBe(true);
    expect(done(d)).toEqual({ staff: false, titles: false, qualifications: false, settings: false });
  });

  test("each step is ticked when done, and the checklist goes once all are", async () => {
    await t.db
      .insertInto("staff")
      .values([
        { organisation_id: organisationId, employee_ref: "N1", job_title: "Housing Officer", job_title_normalised: "housing officer", start_date: "2020-01-01" },
        { organisation_id: organisationId, employee_ref: "N2", job_title: "Widget Wrangler", job_title_normalised: "widget wrangler", start_date: "2020-01-01" },
      ])
      .execute();
    await bumpRevision(t.db, organisationId); // written behind the app's back
    let d = await dashboard();
    expect(done(d)).toMatchObject({ staff: true, titles: false });
    expect(d.gettingStarted!.steps.find((s) => s.key === "staff")!.detail).toBe("2 people on record");

    await t.db
      .insertInto("scope_decisions")
      .values([
        { organisation_id: organisationId, job_title: "Widget Wrangler", job_title_normalised: "widget wrangler", category: "out_of_scope", rationale: "No housing management" },
        { organisation_id: organisationId, job_title: "Housing Officer", job_title_normalised: "housing officer", category: "frontline", rationale: "Manages tenancies" },
      ])
      .execute();
    await bumpRevision(t.db, organisationId);
    d = await dashboard();
    expect(done(d)).toMatchObject({ titles: true, qualifications: false, settings: false });

    const staffId = (await t.db.selectFrom("staff").select("id").where("employee_ref", "=", "N1").executeTakeFirstOrThrow()).id;
    const qualification = (await t.db.selectFrom("qualifications").select("id").where("level", "=", 4).executeTakeFirstOrThrow()).id;
    await t.db.insertInto("qualification_records").values({ organisation_id: organisationId, staff_id: staffId, qualification_id: qualification, status: "enrolled", enrolled_on: "2026-01-10" }).execute();
    await bumpRevision(t.db, organisationId);
    d = await dashboard();
    expect(done(d)).toMatchObject({ qualifications: true, settings: false });

    const confirmed = await call(() => settingsAction(args(postRequest("/orgs/newco/settings", { intent: "confirm" }, hr))));
    expect(confirmed.status).toBe(200);
    d = await dashboard();
    expect(d.gettingStarted).toBeNull();
  });

  test("an executive sees the progress without links to act", async () => {
    const exec = await sessionCookie(await createTestUser(t.db, "exec@newco.example", "executive", [organisationId]));
    const d = await dashboard(exec);
    expect(d.gettingStarted!.canAct).toBe(false);
  });
});
