/** At 1366 px wide (a common office laptop) the header stays on one line and the people list shows its "Why" column. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function headerIsOneLine(page: Page): Promise<void> {
  const boxes = await page.$$eval(".topbar > *", (els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  const navMiddles = await page.$$eval(".topbar nav > a, .topbar nav > details > summary", (els) => els.map((el) => el.getBoundingClientRect()).map((r) => (r.top + r.bottom) / 2));
  expect(Math.max(...navMiddles) - Math.min(...navMiddles), `navigation items on one line: ${navMiddles.join(", ")}`).toBeLessThan(4);
  // Brand, navigation and who-is-signed-in sit side by side: they overlap vertically.
  const maxTop = Math.max(...boxes.map((b) => b.top));
  const minBottom = Math.min(...boxes.map((b) => b.bottom));
  expect(maxTop, "header items side by side").toBeLessThan(minBottom);
}

describe("layout at 1366 px", () => {
  test.each([
    ["consultant@demo.example", "/orgs/oakfield"],
    ["admin@demo.example", "/orgs/riverside/people"],
    ["hr@demo.example", "/orgs/riverside/settings"],
  ])("%s: the header of %s is on one line", async (email, path) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, email);
    await page.goto(`${baseUrl()}${path}`, { waitUntil: "networkidle" });
    await screenshot(page, `header-${email.split("@")[0]}`);
    await headerIsOneLine(page);
    await page.close();
  });

  test("the grouped menu opens and leads to its pages", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside`, { waitUntil: "networkidle" });
    await page.click('.topbar summary:has-text("Manage")');
    await page.click('.topbar .nav-menu a:has-text("Imports")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/imports");
    // The menu closes after the navigation and its name is marked as the current section.
    await page.locator(".topbar .nav-group summary.active").waitFor();
    expect(await page.locator(".topbar .nav-group[open]").count()).toBe(0);
    await page.close();
  });

  test("the people list shows the Why column inside the window", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/people`, { waitUntil: "networkidle" });
    const why = page.locator("table thead th", { hasText: /^Why/ });
    await why.waitFor();
    const box = (await why.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    const scroll = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, wrap: Array.from(document.querySelectorAll(".table-wrap")).map((w) => w.scrollWidth - w.clientWidth) }));
    expect(scroll.page).toBeLessThanOrEqual(1366);
    expect(Math.max(0, ...scroll.wrap)).toBe(0);
    await screenshot(page, "people-1366");
    await page.close();
  });
});
