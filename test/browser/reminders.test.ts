// The reminders page in a real browser: the action list, a digest preview, "Send now" (the test server has no
// SMTP_URL, so digests go to the outbox and the send log lists them), and an executive's read-only view.
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

/** Uncaught errors and console errors; `allow400` lets a deliberate refused form (400) through. */
function watchErrors(page: Page, allow400 = false): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (allow400 && m.text().includes("status of 400")) return;
    errors.push(`console: ${m.text()}`);
  });
  return errors;
}

describe("reminders in a real browser", () => {
  test("HR previews a digest, sends now, and a second send sends nothing again", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside`);
    await page.goto(`${baseUrl()}/orgs/riverside/reminders`);
    const rows = page.locator('[data-testid="action-list"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const overdue = Number((await page.locator('[data-measure="actions-overdue"] .value').textContent())?.replace(/,/g, ""));
    expect(overdue).toBeGreaterThan(0);

    // Filter to one kind: every row shown is of that kind.
    const option = page.locator("#kind option").nth(1);
    const kind = (await option.getAttribute("value"))!;
    await page.selectOption("#kind", kind);
    await page.click('button:has-text("Show")');
    await page.waitForURL((url) => url.searchParams.get("kind") === kind);
    // The URL changes before the filtered rows render: wait until the list shows only that kind (or fail on time).
    await page.waitForFunction(
      (k) => {
        const trs = [...document.querySelectorAll('[data-testid="action-list"] tbody tr')];
        return trs.length > 0 && trs.every((tr) => tr.getAttribute("data-kind") === k);
      },
      kind,
      { timeout: 15_000 },
    );
    const kinds = await page.locator('[data-testid="action-list"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-kind")));
    expect(new Set(kinds)).toEqual(new Set([kind]));

    // Preview the HR lead's own digest: the email's words, with links to people pages.
    const hrRow = page.locator('[data-testid="digests"] tbody tr', { hasText: "hr@demo.example" });
    await hrRow.locator('a:has-text("Preview")').click();
    const preview = page.locator('[data-testid="digest-preview"]');
    await preview.waitFor();
    await expect(preview.locator("h2").textContent()).resolves.toMatch(/^Preview: Riverside Homes \(demo\): [\d,]+ actions? to follow up/);
    const email = page.locator('[data-testid="digest-html"]');
    await expect(email.textContent()).resolves.toContain("Dear Hannah Reid,");
    expect(await email.locator('a[href*="/orgs/riverside/people/"]').count()).toBeGreaterThan(0);
    await screenshot(page, "reminders-preview");

    await page.click('button:has-text("Send now")');
    const notice = page.locator('p.notice[role="status"]');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/[\d,]+ digests? written to the outbox/);
    // The page reloads its data after the send (a second request): wait for the log.
    await page.locator('[data-testid="send-log"] tbody tr').first().waitFor();
    await expect(page.locator('[data-testid="send-log"]').textContent()).resolves.toContain("Written to the outbox");

    await page.click('button:has-text("Send now")');
    await page.waitForFunction(() => document.querySelector('p.notice[role="status"]')?.textContent?.includes("skipped"));
    await expect(notice.textContent()).resolves.toMatch(/^0 digests written to the outbox; [\d,]+ skipped/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("HR's settings refuse a bad copy-to address next to the field and keep what was typed", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page, true);
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/reminders`);
    await page.fill("#copyTo", "hr-team@riverside.example, not-an-address");
    await page.fill("#enrolLeadDays", "90");
    await page.click('button:has-text("Save settings")');
    await page.locator(".field-error", { hasText: '"not-an-address" is not an email address' }).waitFor();
    await expect(page.inputValue("#enrolLeadDays")).resolves.toBe("90");
    await page.fill("#copyTo", "hr-team@riverside.example");
    await page.click('button:has-text("Save settings")');
    await page.locator('p.notice[role="status"]', { hasText: "Reminder settings saved" }).waitFor();
    // The page reloads its data after the save (a second request): wait for it.
    await page.locator('[data-measure="actions-due-soon"] .sub', { hasText: "within 90 days" }).waitFor();
    // Put the default back for other tests.
    await page.fill("#enrolLeadDays", "60");
    await page.fill("#copyTo", "");
    await page.click('button:has-text("Save settings")');
    await page.locator('p.notice[role="status"]', { hasText: "Reminder settings saved" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("an executive reads the action list and previews, with no settings or send button", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, "exec@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/reminders`);
    expect(await page.locator('[data-testid="action-list"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('button:has-text("Send now")').count()).toBe(0);
    expect(await page.locator("#copyTo").count()).toBe(0);
    const response = await page.request.post(`${baseUrl()}/orgs/riverside/reminders`, { form: { intent: "send" } });
    expect(response.status()).toBe(403);
    expect(errors).toEqual([]);
    await page.close();
  });
});
