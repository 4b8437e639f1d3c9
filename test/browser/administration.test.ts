/** An administrator sets up a new organisation in the browser; its dashboard starts with the getting-started checklist. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("administration in a real browser", () => {
  test("an admin creates an organisation with an HR lead; the HR lead's link works and the dashboard shows the checklist", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "admin@demo.example");
    await page.click('nav[aria-label="Main"] a:has-text("Organisations")');
    await page.waitForURL((url) => url.pathname === "/organisations");
    await page.fill("#org-name", "Northgate Housing");
    await page.fill("#org-slug", "northgate");
    await page.fill("#org-homes", "lots");
    await page.fill("#user0-email", "nia@northgate.example");
    await page.fill("#user0-name", "Nia Lead");
    await page.click('button:has-text("Create organisation")');
    await page.locator("#homesOwned-error").waitFor();
    expect(await page.inputValue("#org-name")).toBe("Northgate Housing");
    await page.fill("#org-homes", "2400");
    await page.click('button:has-text("Create organisation")');
    const created = page.locator('[data-testid="organisation-created"]');
    await created.waitFor();
    const link = (await created.locator('[data-testid="set-password-link"]').textContent())!;
    expect(link).toMatch(/\/set-password\//);
    await page.locator('[data-testid="organisations"] tr[data-slug="northgate"]').waitFor();
    await screenshot(page, "organisation-created");

    // The new HR lead sets a password from the link and lands on the checklist.
    const lead = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    lead.on("pageerror", (e) => errors.push(e.message));
    await lead.goto(link);
    await lead.fill("#password", "a long enough password");
    await lead.fill("#confirm", "a long enough password");
    await Promise.all([lead.waitForURL((url) => url.pathname === "/orgs/northgate"), lead.click("button[type=submit]")]);
    const checklist = lead.locator('[data-testid="getting-started"]');
    await checklist.waitFor();
    expect(await checklist.locator("h2").textContent()).toBe("Getting started: 0 of 4 done");
    expect(await lead.locator('[data-testid="headline"]').count()).toBe(0);
    expect(await lead.locator("#milestones-title").count()).toBe(0);
    await checklist.locator('li[data-step="settings"] a').click();
    await lead.waitForURL((url) => url.pathname === "/orgs/northgate/settings");
    await lead.click('button:has-text("These settings are right")');
    await lead.locator('[data-testid="settings-notice"]').waitFor();
    await lead.goto(`${baseUrl()}/orgs/northgate`);
    expect(await lead.locator('li[data-step="settings"]').getAttribute("data-done")).toBe("true");
    expect(await checklist.locator("h2").textContent()).toBe("Getting started: 1 of 4 done");
    await screenshot(lead, "getting-started");
    expect(errors).toEqual([]);
    await lead.close();
    await page.close();
  });
});
