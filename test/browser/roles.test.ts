import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function tile(page: Page, measure: string): Promise<number> {
  const text = await page.locator(`[data-measure="${measure}"] .value`).textContent();
  return Number(text?.trim());
}

describe("role mapping in a real browser", () => {
  test("an HR lead decides an unmapped title and the dashboard's decisions needed go down and people in scope go up", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside`);
    const decisionsBefore = await tile(page, "decisions-needed");
    const inScopeBefore = await tile(page, "in-scope");
    expect(decisionsBefore).toBeGreaterThan(0);

    await page.click('[data-measure="decisions-needed"] a');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/roles");
    await page.locator('[data-testid="unmapped-titles"]').waitFor();
    // Prefer the demo's "Compliance Manager"; if another test has already decided it, take the first unmapped title.
    const preferred = page.locator('[data-testid="unmapped-titles"] tbody tr[data-title="Compliance Manager"]');
    const row = (await preferred.count()) > 0 ? preferred : page.locator('[data-testid="unmapped-titles"] tbody tr').first();
    const title = (await row.getAttribute("data-title"))!;
    if (title === "Compliance Manager") await expect(row.textContent()).resolves.toContain("Suggested: Senior housing manager");

    await row.locator('input[type="checkbox"][name="title"]').check();
    await page.selectOption("#category", "senior_manager");
    await page.fill("#timeManagingPct", "60");
    await page.fill("#rationale", "Manages gas, electrical and fire safety compliance for tenants' homes: most of the time on housing services.");
    await page.click('button[type="submit"]:has-text("Save decision")');

    const notice = page.locator('[data-testid="decision-notice"]');
    await notice.waitFor({ state: "visible", timeout: 20_000 });
    const noticeText = (await notice.textContent()) ?? "";
    expect(noticeText).toMatch(/^1 title decided; \d+ (person|people) now need Level 4\./);
    const people = Number(/; (\d+) /.exec(noticeText)![1]);
    expect(people).toBeGreaterThan(0);
    await page.locator(`[data-testid="decided-titles"] tbody tr[data-title="${title}"]`).waitFor();
    expect(await page.locator(`[data-testid="unmapped-titles"] tbody tr[data-title="${title}"]`).count()).toBe(0);
    // The form was cleared for the next decision.
    expect(await page.inputValue("#rationale")).toBe("");
    await screenshot(page, "roles-after-decision");

    await page.goto(`${baseUrl()}/orgs/riverside`);
    const decisionsAfter = await tile(page, "decisions-needed");
    const inScopeAfter = await tile(page, "in-scope");
    expect(decisionsAfter).toBe(decisionsBefore - people);
    expect(inScopeAfter).toBe(inScopeBefore + people);
    await page.close();
  });
});
