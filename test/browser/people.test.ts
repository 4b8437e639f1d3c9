import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("people and person pages in a real browser", () => {
  test("from the dashboard's department table to the filtered people list, then a record added on a person's page", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    expect(new URL(page.url()).pathname).toBe("/orgs/riverside");

    // The status-by-department chart's table alternative links each department to the people list.
    const statusSection = page.locator('section:has([data-chart="status-chart"])');
    await statusSection.locator("details.chart-table > summary").click();
    const departmentLink = statusSection.locator("details.chart-table tbody tr td a").first();
    const department = (await departmentLink.textContent())!.trim();
    await Promise.all([page.waitForURL((url) => url.pathname === "/orgs/riverside/people", { waitUntil: "commit" }), departmentLink.click()]);
    expect(new URL(page.url()).searchParams.get("department")).toBe(department);
    const rows = page.locator('[data-testid="people-table"] tbody tr');
    await rows.first().waitFor();
    const departments = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-department")));
    expect(departments.length).toBeGreaterThan(0);
    expect(new Set(departments)).toEqual(new Set([department]));
    await expect.poll(() => page.locator("#filter-department").inputValue()).toBe(department);
    await expect.poll(() => page.locator('[data-testid="people-table"] tbody tr .rag').first().textContent()).toMatch(/Green|Amber|Red|Grey/);
    await screenshot(page, "people");

    // Narrow to people not yet enrolled with the GET filter form (works without JavaScript too).
    await page.selectOption("#filter-status", "not_enrolled");
    await Promise.all([page.waitForURL((url) => url.searchParams.get("status") === "not_enrolled", { waitUntil: "commit" }), page.click('form[aria-label="Filter people"] button[type=submit]')]);
    await expect
      .poll(async () => {
        const cells = await page.locator('[data-testid="people-table"] tbody tr td:nth-child(7)').allTextContents();
        return cells.length > 0 && cells.every((cell) => cell.startsWith("Not enrolled"));
      })
      .toBe(true);
    expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-department"))))).toEqual(new Set([department]));
    const firstPerson = page.locator('[data-testid="people-table"] tbody tr td:nth-child(3) a').first();
    const name = (await firstPerson.textContent())!.trim();
    await Promise.all([page.waitForURL((url) => /\/orgs\/riverside\/people\/[^/]+$/.test(url.pathname), { waitUntil: "commit" }), firstPerson.click()]);
    await expect.poll(() => page.locator("h1").textContent()).toBe(name);
    expect(await page.locator('[data-testid="status"]').textContent()).toBe("Not enrolled");

    // Add a qualification record through the form: the status changes to working towards.
    await page.getByText("Add a qualification record", { exact: true }).click();
    await page.selectOption("#new-qualification_id", { label: "CIH Level 5 Diploma in Housing (Level 5)" });
    await page.selectOption("#new-status", "enrolled");
    await page.fill("#new-provider", "Browser Test College");
    await page.fill("#new-enrolled_on", "2026-01-15");
    await page.fill("#new-started_on", "2026-02-02");
    await page.fill("#new-expected_completion", "2027-07-31");
    await page.click('form[aria-label="Add a qualification record"] button[type=submit]');
    await expect.poll(() => page.locator('[data-testid="status"]').textContent(), { timeout: 15_000 }).toBe("Working towards");
    await expect.poll(() => page.locator(".notice.success").textContent()).toContain("Record added");
    expect(await page.locator(".record-card h3").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("CIH Level 5 Diploma in Housing")]));
    expect(await page.locator('[data-testid="history"]').textContent()).toContain("CIH Level 5 Diploma in Housing");
    await screenshot(page, "person");
    await page.close();
  });
});
