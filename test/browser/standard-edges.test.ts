// The Standard's edges in a real browser (JavaScript on): the service-provider register and an equivalence
// assessment on a person's page. Each test undoes what it recorded, so the demo figures other tests read stay put.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const today = new Date().toISOString().slice(0, 10);

describe("service providers and equivalence", () => {
  test("HR records a contractor found in the staff file as not comprehensive, sees it in the register, then removes it", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside`);
    await page.click('.topbar summary:has-text("Manage")');
    await page.click('.topbar .nav-menu a:has-text("Service providers")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/providers");
    const unregistered = page.locator('[data-testid="unregistered"] li', { hasText: "Upkeep Repairs Ltd" });
    await unregistered.locator("a").click();
    await page.waitForURL((url) => url.searchParams.get("add") === "Upkeep Repairs Ltd");
    // The URL changes before the form is rendered again with the name (the register above it is longer in the demo now).
    await expect.poll(() => page.inputValue("#provider-name")).toBe("Upkeep Repairs Ltd");

    // Refused without the comprehensive answer; what was typed stays.
    await page.fill("#provider-contract", "C-2024-17");
    await page.click('button:has-text("Add to the register")');
    await page.locator("#provider-comprehensive-error").waitFor();
    expect(await page.inputValue("#provider-contract")).toBe("C-2024-17");

    await page.selectOption("#provider-comprehensive", "no");
    await page.fill("#provider-review", today);
    await page.click('button:has-text("Add to the register")');
    const row = page.locator('[data-testid="providers"] tr[data-provider="Upkeep Repairs Ltd"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("No: its staff need no qualification");
    // Upkeep may have been the last unregistered employer (the demo registers the others), so the list may be gone.
    expect(await page.locator('[data-testid="unregistered"] li', { hasText: "Upkeep Repairs Ltd" }).count()).toBe(0);
    const active = Number(await row.locator("td").nth(3).textContent());
    expect(active).toBeGreaterThan(0);

    await row.locator('button:has-text("Remove")').click();
    await page.locator('[data-testid="unregistered"] li', { hasText: "Upkeep Repairs Ltd" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("an executive reads the register without any form", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "exec@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/providers`);
    await page.locator("h1", { hasText: "Service providers" }).waitFor();
    expect(await page.locator("main form").count()).toBe(0);
    await page.close();
  });

  test("HR records a partly met equivalence for a manager not enrolled: working towards; completing the top-up makes them qualified", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/people?status=not_enrolled`);
    await page.locator('[data-testid="people-table"] tbody tr a').first().click();
    await page.waitForURL(/\/orgs\/riverside\/people\/[^/?]+$/);
    expect(await page.locator('[data-testid="status"]').textContent()).toBe("Not enrolled");

    const panel = page.locator('[data-testid="equivalence-panel"]');
    await panel.locator("summary", { hasText: "Record an equivalence assessment" }).click();
    await page.selectOption("#eq-qualification", { label: "Level 5 Diploma in Leadership and Management (Level 5)" });
    await page.fill("#eq-by", "Jo Smith, HR");
    await page.fill("#eq-on", today);
    await page.fill("#eq-evidence", "HR/EQ/77");
    await page.fill("#eq-tqt", "90");
    await page.selectOption("#eq-outcome", "met");
    await page.click('button:has-text("Record assessment")');
    await page.locator("#eq-tqt-error", { hasText: "at least 120 hours" }).waitFor();

    await page.selectOption("#eq-outcome", "partly_met");
    await page.fill("#eq-top-ups", "Housing law and regulation");
    await page.click('button:has-text("Record assessment")');
    await page.locator('[role="status"]', { hasText: "Equivalence assessment recorded" }).waitFor();
    await page.locator('[data-testid="status"]', { hasText: "Working towards" }).waitFor();
    expect(await page.locator('[data-testid="reasons"]').textContent()).toContain("top-up units outstanding: Housing law and regulation");

    await panel.locator('input[name="completed_on"]').fill(today);
    await panel.locator('button:has-text("Mark completed")').click();
    await page.locator('[data-testid="status"]', { hasText: "Qualified" }).waitFor();

    await panel.locator('button:has-text("Remove this assessment")').click();
    await page.locator('[data-testid="status"]', { hasText: "Not enrolled" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
