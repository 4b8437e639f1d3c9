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

describe("dashboard in a real browser", () => {
  test("an HR lead signs in, reads the headline numbers and sees every chart render", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    expect(new URL(page.url()).pathname).toBe("/orgs/riverside");
    const inScope = await page.locator('[data-measure="in-scope"] .value').textContent();
    expect(Number(inScope)).toBeGreaterThan(50);
    const pctQualified = await page.locator('[data-measure="pct-qualified"] .value').textContent();
    expect(pctQualified).toMatch(/^\d+(\.\d)?%$/);
    for (const chart of ["enrolment-chart", "qualified-chart", "status-chart", "rag-chart"]) {
      await page.locator(`[data-chart="${chart}"] .recharts-surface`).first().waitFor({ state: "visible", timeout: 20_000 });
    }
    await screenshot(page, "dashboard");
    // The conduct section: each figure links to the people behind it.
    const appraisal = page.locator('[data-testid="conduct"] [data-measure="appraisal-overdue"]');
    expect(await appraisal.locator(".value").textContent()).toMatch(/^\d+$/);
    expect(await page.locator('[data-testid="conduct"] [data-measure="training-compliance"] .value').textContent()).toMatch(/^(\d+(\.\d)?%|–)$/);
    await Promise.all([page.waitForURL(/\/conduct\/supervision\?kind=appraisal/), appraisal.locator("a").click()]);
    await page.locator("#overdue-title", { hasText: "appraisal" }).waitFor();
    await page.close();
  });

  test("clicking a bar of the status-by-department chart lists the people behind it", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    const bar = page.locator('[data-chart="status-chart"] .recharts-bar-rectangle path, [data-chart="status-chart"] .recharts-bar-rectangle').first();
    await bar.waitFor({ state: "visible", timeout: 20_000 });
    await Promise.all([page.waitForURL(/\/orgs\/riverside\/people\?/), bar.click()]);
    const url = new URL(page.url());
    const department = url.searchParams.get("department");
    expect(department).toBeTruthy();
    expect(url.searchParams.get("status")).toMatch(/^(qualified|working_towards|not_enrolled)$/);
    const rows = page.locator("tbody tr[data-department]");
    await rows.first().waitFor({ state: "visible" });
    expect(await rows.count()).toBeGreaterThan(0);
    for (const value of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-department")))) expect(value).toBe(department);
    await page.close();
  });

  test("changing the as-of date recomputes the figures", async () => {
    const page = await browser.newPage();
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside?asOf=2024-01-31`);
    const earlier = await page.locator('[data-measure="pct-qualified-or-enrolled"] .value').textContent();
    await page.fill("#asOf", "2026-11-23");
    await Promise.all([page.waitForURL(/asOf=2026-11-23/), page.click("text=Recalculate")]);
    await expect.poll(async () => parseFloat((await page.locator('[data-measure="pct-qualified-or-enrolled"] .value').textContent())!), { timeout: 10_000 }).toBeGreaterThan(parseFloat(earlier!));
    await page.close();
  });
});
