import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
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

async function projection(page: Page): Promise<string> {
  const cells = await page.locator('[data-testid="projection-table"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => `${r.getAttribute("data-date")}:${r.querySelector('[data-with-plan="qualified"]')?.textContent}:${r.querySelector('[data-with-plan="engaged"]')?.textContent}`),
  );
  return cells.join("|");
}

describe("workforce development plan in a real browser", () => {
  test("an HR lead opens the plan, pins one person to a later intake, re-plans and sees the projection move", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/plan`);
    await page.locator('[data-chart="plan-projection"] .recharts-surface').first().waitFor({ state: "visible", timeout: 20_000 });
    expect(Number(await page.locator('[data-measure="to-plan"] .value').textContent())).toBeGreaterThan(10);
    expect(await page.locator('[data-measure="cost"] .value').textContent()).toMatch(/^£[\d,]+/);
    const before = await projection(page);
    expect(before.length).toBeGreaterThan(0);

    // A person the planner placed (not pinned) and the latest intake they could be pinned to instead.
    const rows = page.locator('[data-testid="plan-table"] tbody tr[data-state="planned"][data-pinned="0"]');
    expect(await rows.count()).toBeGreaterThan(0);
    let staffId = "";
    let target = "";
    for (let i = 0; i < (await rows.count()) && !target; i++) {
      const row = rows.nth(i);
      const id = (await row.getAttribute("data-staff-id"))!;
      const current = (await row.getAttribute("data-intake-id"))!;
      const options = await row.locator(`[data-testid="pin-intake-${id}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const last = options[options.length - 1];
      if (last && last !== current) {
        staffId = id;
        target = last;
      }
    }
    expect(target).not.toBe("");
    const row = page.locator(`[data-testid="plan-table"] tbody tr[data-staff-id="${staffId}"]`);
    await row.locator(`[data-testid="pin-open-${staffId}"]`).click();
    await row.locator(`[data-testid="pin-intake-${staffId}"]`).selectOption(target);
    await row.locator('.pin-form button[type="submit"]').first().click();
    await page.locator(".notice.success").filter({ hasText: "Pinned" }).waitFor({ state: "visible", timeout: 20_000 });

    await page.click('[data-testid="replan"]');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/plan" && url.searchParams.has("asOf"));
    await page.locator('[data-chart="plan-projection"] .recharts-surface').first().waitFor({ state: "visible", timeout: 20_000 });
    const pinned = page.locator(`[data-testid="plan-table"] tbody tr[data-staff-id="${staffId}"]`);
    await expect.poll(() => pinned.getAttribute("data-pinned"), { timeout: 20_000 }).toBe("1");
    await expect(pinned.getAttribute("data-intake-id")).resolves.toBe(target);
    await expect.poll(() => projection(page), { timeout: 20_000 }).not.toBe(before);
    expect(await page.locator('[data-measure="placed"] .sub').textContent()).toContain("1 pinned");
    await screenshot(page, "plan");

    // Leave the demo as it was for the other tests.
    await pinned.locator('button[type="submit"]:has-text("Unpin")').click();
    await page.locator(".notice.success").filter({ hasText: "Removed the pin" }).waitFor({ state: "visible", timeout: 20_000 });
    // The page revalidates after the action: wait for the re-planned figures.
    await expect.poll(() => projection(page), { timeout: 20_000 }).toBe(before);
    await page.close();
  });

  test("an executive sees the plan read-only, and the board paper renders its chart and downloads as a PDF", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "exec@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/plan`);
    await page.locator('[data-testid="plan-table"]').waitFor();
    expect(await page.locator(".pin-form").count()).toBe(0);
    expect(await page.locator('[data-testid="accept-plan"]').count()).toBe(0);
    await page.goto(`${baseUrl()}/orgs/riverside/plan/board`);
    await page.locator('[data-chart="plan-board-projection"] .recharts-surface').first().waitFor({ state: "visible", timeout: 20_000 });
    const cost = (await page.locator('[data-testid="plan-board"] .tile .value').nth(3).textContent())!.trim();
    const boardNarrative = await page.locator('[data-testid="plan-board"] .narrative').allTextContents();
    expect(boardNarrative[0]).toMatch(/meet the legal test/);
    expect(boardNarrative.join(" ")).toMatch(/people must still qualify/);

    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("text=Download PDF")]);
    const bytes = new Uint8Array(await (await import("node:fs/promises")).readFile((await download.path())!));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Riverside Homes (demo): workforce development plan");
    expect(text).toContain(cost);
    expect(text).toContain("Transition end (statutory)"); // (the PDF writes "fi" as a ligature, so no "Qualified")
    expect(text).toContain("Cost by quarter");
    const noPicture = await expectPdfChartsDrawn(
      bytes,
      [{ title: "Projected % qualified and % qualified or enrolled", axis: "Month end", colours: { "qualified lines": ["#1f7a3a", 150], "qualified-or-enrolled lines": ["#0b6e99", 150] } }],
      "plan-board-pdf",
    );
    if (noPicture) console.warn(`The board paper's chart was checked by its text only: ${noPicture}`);
    await context.close();
  });
});
