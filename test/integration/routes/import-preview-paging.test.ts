// The preview of a large import is paged: a bounded number of rows per page and a next-page link that works.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, sessionCookie, TEST_ORIGIN } from "../../helpers/requests";
import { action as uploadAction } from "../../../app/routes/orgs.$slug.imports._index";
import { loader as stagedLoader } from "../../../app/routes/orgs.$slug.imports.$token";

let t: TestDatabase;
let hr: string;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const org = await createTestOrganisation(t.db, "riverside");
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [org]));
});
afterEach(async () => t.close());

describe("paged import preview", () => {
  test("1,200 staff rows: page 1 shows a bounded number of changes and page 2 carries on from there", async () => {
    const lines = ["Employee Number,First Name,Last Name,Job Title,Start Date"];
    for (let i = 1; i <= 1200; i++) lines.push(`E${String(i).padStart(4, "0")},Sam,Person${i},Housing Officer,05/01/2015`);
    const form = new FormData();
    form.set("kind", "staff");
    form.set("mode", "full");
    form.set("file", new File([lines.join("\r\n")], "big.csv", { type: "text/csv" }));
    const res = await call(() => uploadAction(args(new Request(`${TEST_ORIGIN}/orgs/riverside/imports`, { method: "POST", body: form, headers: { Cookie: hr, Origin: TEST_ORIGIN } }), { slug: "riverside" })));
    expect(res.response?.status).toBe(302);
    const token = res.response!.headers.get("Location")!.split("/").pop()!;
    const page = async (q: string) => (await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}${q}`, hr), { slug: "riverside", token })))).data!.view!;
    const first = await page("");
    expect(first.counts.added).toBe(1200);
    expect(first.changes.items.length).toBeGreaterThan(0);
    expect(first.changes.items.length).toBeLessThanOrEqual(100);
    expect(first.changes.page).toBe(1);
    expect(first.changes.pageCount).toBeGreaterThan(1);
    const second = await page("?page=2");
    expect(second.changes.page).toBe(2);
    expect(second.changes.from).toBe(first.changes.items.length);
    expect(JSON.stringify(second.changes.items[0])).not.toBe(JSON.stringify(first.changes.items[0]));
  });
});
