/** axe-core in real Chromium on the main pages: no serious or critical accessibility violations. */
import fs from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, signIn } from "../helpers/browser";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  // The app's CSP rightly refuses injected scripts; this context lets the test inject axe.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
  await signIn(page, "consultant@demo.example");
});
afterAll(async () => browser?.close());

async function seriousViolations(path: string): Promise<string[]> {
  await page.goto(path.startsWith("data:") ? path : `${baseUrl()}${path}`);
  await page.waitForLoadState("networkidle");
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

describe("accessibility", () => {
  test("the check finds a real violation (an unlabelled field on low-contrast text)", async () => {
    const found = await seriousViolations('data:text/html,<html lang="en"><title>x</title><main><input type="text"><p style="color:%23ccc;background:%23fff">faint</p></main></html>');
    expect(found.some((v) => v.startsWith("label"))).toBe(true);
  });

  test.each([
    "/portfolio",
    "/orgs/riverside",
    "/orgs/riverside/people",
    "/orgs/riverside/people/R00010",
    "/orgs/riverside/roles",
    "/orgs/riverside/imports",
    "/orgs/riverside/settings",
    "/orgs/riverside/reports/executive",
    "/orgs/riverside/audits",
    "/orgs/riverside/plan",
  ])("%s has no serious or critical violations", async (path) => {
    expect(await seriousViolations(path)).toEqual([]);
  });
});
