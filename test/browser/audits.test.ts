import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { pdfText } from "../helpers/pdf-text";
import { expectPdfChartsDrawn } from "../helpers/pdf-image";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("skills audits in a real browser", () => {
  test("HR fills part of a person's grid by keyboard, the heat map changes, and a recommendation opens", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/audits`);
    const open = page.locator('[data-testid="campaigns"] a', { hasText: "Skills audit 2026" });
    await Promise.all([page.waitForURL((url) => /\/audits\/\d+$/.test(url.pathname), { waitUntil: "commit" }), open.click()]);
    const campaignPath = new URL(page.url()).pathname;
    await expect.poll(() => page.locator('[data-testid="campaign-state"]').textContent()).toBe("Open");

    // Someone not started yet, and their department's Legislation and regulation cell before.
    await page.goto(`${baseUrl()}${campaignPath}/people?progress=not_started`);
    const row = page.locator('[data-testid="audit-people"] tbody tr').first();
    await row.waitFor();
    const department = (await row.getAttribute("data-department"))!;
    const ref = (await row.getAttribute("data-ref"))!;
    await page.goto(`${baseUrl()}${campaignPath}`);
    const cell = page.locator(`[data-testid="heat-department"] td[data-area="K1"][data-column="${department}"]`);
    const before = (await cell.textContent())!.trim();
    await screenshot(page, "audit-heat-map-before");

    // The grid: tab order runs along the row (self, manager, agreed, note) and on to the next area.
    await page.goto(`${baseUrl()}${campaignPath}/people/${encodeURIComponent(ref)}`);
    await page.locator('[data-testid="rating-grid"]').waitFor();
    await page.focus("#self-K1");
    await page.keyboard.type("2");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("manager-K1");
    await page.keyboard.type("1");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("agreed-K1");
    await page.keyboard.type("0");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note-K1");
    await page.keyboard.type("Browser test: needs the legal framework");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("self-K2");
    await page.fill("#agreed-S9", "0");
    await page.click('button:has-text("Save ratings")');
    await expect.poll(() => page.locator('[data-testid="ratings-notice"]').textContent()).toMatch(/Saved 2 areas/);
    await expect.poll(() => page.locator('#agreed-K1').inputValue()).toBe("0");
    await expect.poll(() => page.locator('[data-testid="person-gaps"] tbody tr').count()).toBe(2);
    await page.locator('[data-chart="audit-profile-chart"] .recharts-surface').first().waitFor({ state: "visible", timeout: 20_000 });

    // A recommendation: the unit that closes the most gaps, opened to see which.
    const first = page.locator('[data-testid="recommendations"] details.recommendation[data-unit]').first();
    await first.locator("summary").click();
    await expect.poll(() => first.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => first.locator(".recommendation-body").textContent()).toMatch(/Closes these gaps:[\s\S]*(Legislation and regulation|People management)/);
    await screenshot(page, "audit-person");

    // The heat map cell for that department now counts this person.
    await page.goto(`${baseUrl()}${campaignPath}`);
    await expect.poll(async () => (await cell.textContent())!.trim()).not.toBe(before);
    const link = cell.locator("a");
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith("/people") && url.searchParams.get("area") === "K1", { waitUntil: "commit" }), link.click()]);
    await expect.poll(() => page.locator(`[data-testid="audit-people"] tbody tr[data-ref="${ref}"]`).count()).toBe(1);
    await screenshot(page, "audit-heat-map-people");

    // The printable report waits for its chart; the PDF has the campaign in it.
    await page.goto(`${baseUrl()}${campaignPath}/report`);
    await page.locator('[data-chart="audit-report-chart"] .recharts-surface').first().waitFor({ state: "visible", timeout: 20_000 });
    const people = (await page.locator('[data-figure="people"]').textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("text=Download PDF")]);
    const bytes = new Uint8Array(await (await import("node:fs/promises")).readFile((await download.path())!));
    const text = await pdfText(bytes);
    expect(text).toContain("Skills audit 2026");
    expect(text).toContain(people);
    const noPicture = await expectPdfChartsDrawn(
      bytes,
      [{ title: "Mean agreed rating against mean target", axis: "Level (0 none – 4 expert)", colours: { "target bars": ["#9aa7b8", 1000], "agreed bars": ["#1d4f5c", 300] } }],
      "audit-report-pdf",
    );
    if (noPicture) console.warn(`The skills-audit report's chart was checked by its text only: ${noPicture}`);
    await context.close();
  });
});
