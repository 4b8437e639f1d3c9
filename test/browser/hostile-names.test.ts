/** HTML and script in names and titles are shown as text on every page and report, never run. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";
import type { Browser } from "playwright-core";
import { createDatabase } from "../../db/connection";
import { baseUrl, launchBrowser, signIn } from "../helpers/browser";
import { bumpRevision } from "../helpers/revision";

const SCRIPT_NAME = '<script>window.__pwned=1</script>Zoë';
const IMG_TITLE = '<img src=x onerror="window.__pwned=2">Manager';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  const { db } = createDatabase(inject("browserDatabase"));
  const org = await db.selectFrom("organisations").select("id").where("slug", "=", "riverside").executeTakeFirstOrThrow();
  await db
    .insertInto("staff")
    .values({ organisation_id: org.id, employee_ref: "XSS001", first_name: SCRIPT_NAME, last_name: "O'Brien & Sons", job_title: IMG_TITLE, job_title_normalised: IMG_TITLE.toLowerCase(), department: "<b>Dept</b>", start_date: "2020-01-01" })
    .execute();
  await db.insertInto("scope_decisions").values({ organisation_id: org.id, job_title: IMG_TITLE, job_title_normalised: IMG_TITLE.toLowerCase(), category: "senior_manager", rationale: "<script>window.__pwned=3</script>", decided_on: "2026-01-01" }).execute();
  // Written behind the server's back: move the revision so its workers' caches see the rows.
  await bumpRevision(db, org.id);
  await db.destroy();
});
afterAll(async () => browser?.close());

describe("hostile names", () => {
  test.each([
    ["/orgs/riverside/people?q=XSS001", true],
    ["/orgs/riverside/people/XSS001", true],
    ["/orgs/riverside/reports/executive?annex=1", true],
    ["/orgs/riverside", false],
    ["/orgs/riverside/roles", false],
  ])("%s shows them as text and runs nothing", async (path, mustShowName) => {
    const page = await browser.newPage();
    await signIn(page, "hr@demo.example");
    const response = await page.goto(`${baseUrl()}${path}`);
    expect(response?.status()).toBe(200);
    const html = await response!.text();
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain("<img src=x");
    if (mustShowName) expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;Zoë");
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
