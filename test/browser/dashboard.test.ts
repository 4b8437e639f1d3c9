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
    await page.close();
  });
});
