// The web import pages with the conduct kinds: offered to HR, applied without a compliance snapshot, listed, undone.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie, TEST_ORIGIN } from "../../helpers/requests";
import { action as uploadAction, loader as importsLoader } from "../../../app/routes/orgs.$slug.imports._index";
import { action as stagedAction, loader as stagedLoader } from "../../../app/routes/orgs.$slug.imports.$token";
import { addDays } from "../../../app/compliance/dates";
import { todayIso } from "../../../app/models/compliance.server";
import { seedPeople } from "../conduct/helpers";

let t: TestDatabase;
let hr: string;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params: { slug: "riverside", ...params }, context: {} });

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside");
  await seedPeople(t.db, riverside);
  await t.db.insertInto("policy_versions").values({ organisation_id: riverside, kind: "code_of_conduct", version: "2026", approved_on: addDays(todayIso(), -40), recorded_by: "t" }).execute();
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
});
afterEach(async () => t.close());

describe("web import of conduct evidence", () => {
  test("HR is offered the conduct kinds; an acknowledgement file previews, applies without a snapshot, is listed and undone", async () => {
    const page = await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr))));
    expect(page.data!.canRecord).toBe(true);

    const form = new FormData();
    form.set("kind", "acknowledgements");
    form.set("file", new File([`Employee Number,Code Version,Date Signed\nE001,2026,${addDays(todayIso(), -2)}\nE002,2026,${addDays(todayIso(), -1)}\n`], "acks.csv", { type: "text/csv" }));
    const uploaded = await call(() => uploadAction(args(new Request(`${TEST_ORIGIN}/orgs/riverside/imports`, { method: "POST", body: form, headers: { Cookie: hr, Origin: TEST_ORIGIN } }))));
    expect(uploaded.response?.status).toBe(302);
    const token = uploaded.response!.headers.get("Location")!.split("/").pop()!;

    const preview = (await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { token })))).data!.view!;
    expect(preview.staged.kind).toBe("acknowledgements");
    expect(preview.counts).toMatchObject({ added: 2, errors: 0 });
    expect(await t.db.selectFrom("conduct_acknowledgements").selectAll().execute()).toEqual([]);

    const applied = await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "apply" }, hr), { token })));
    expect(decodeURIComponent(applied.response!.headers.get("Location")!)).toMatch(/Imported acks.csv: 2 added, 0 changed, 0 unchanged\.(&|$)/);
    expect(await t.db.selectFrom("conduct_acknowledgements").selectAll().execute()).toHaveLength(2);
    expect(await t.db.selectFrom("snapshots").selectAll().execute()).toEqual([]);

    const history = (await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr))))).data!;
    expect(history.runs[0]).toMatchObject({ kind: "acknowledgements", status: "applied", counts: { added: 2 } });
    const undone = await call(() => uploadAction(args(postRequest("/orgs/riverside/imports", { intent: "undo", importRunId: String(history.runs[0].id) }, hr))));
    expect(decodeURIComponent(undone.response!.headers.get("Location")!)).toMatch(/2 added rows removed/);
    expect(await t.db.selectFrom("conduct_acknowledgements").selectAll().execute()).toEqual([]);
  });
});
