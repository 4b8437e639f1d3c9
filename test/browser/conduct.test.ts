// The conduct pages in a real browser (JavaScript on): an HR lead records and sees; an executive only reads.
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

const today = new Date().toISOString().slice(0, 10);

describe("conduct pages", () => {
  test("HR records a new code of conduct version and an acknowledgement; the figures move", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside`);
    await page.click('.topbar summary:has-text("Manage")');
    await page.click('.topbar .nav-menu a:has-text("Conduct")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/conduct");

    await page.click('nav[aria-label="Conduct"] a:has-text("Policies")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/conduct/policies");
    const version = `Browser ${Date.now()}`;
    await page.selectOption("#policy-kind", "code_of_conduct");
    await page.fill("#policy-version", version);
    await page.fill("#policy-approved-by", "Board");
    await page.fill("#policy-approved-on", today);
    await page.click('button:has-text("Record version")');
    await page.locator(`[data-testid="policy-code_of_conduct"] tr[data-version="${version}"]`).waitFor();

    await page.click('nav[aria-label="Conduct"] a:has-text("Code of conduct")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/conduct/code");
    await page.locator('[data-testid="ack-tiles"]').waitFor();
    expect(await page.locator("main").textContent()).toContain(`version ${version}`);
    const owing = page.locator('[data-testid="ack-people"] tbody tr');
    const before = await owing.count();
    expect(before).toBeGreaterThan(0);
    const ref = (await owing.first().getAttribute("data-ref"))!;
    await page.fill("#ack-ref", ref);
    await page.click('button:has-text("Record acknowledgement")');
    await page.locator('.notice.success:has-text("Recorded the acknowledgement")').waitFor();
    await page.locator(`[data-testid="ack-people"] tbody tr[data-ref="${ref}"]`).waitFor({ state: "detached" });
    expect(await page.locator('[data-measure="pct-acknowledged"] .sub').textContent()).toMatch(/^1 of \d+ active people/);

    // A wrong reference is named in the form, not a crash.
    await page.fill("#ack-ref", "NOBODY-999");
    await page.click('button:has-text("Record acknowledgement")');
    await page.locator("#ack-ref-error").waitFor();
    expect(await page.locator("#ack-ref-error").textContent()).toContain("NOBODY-999");
    await screenshot(page, "conduct-code-hr");
    await page.close();
  });

  test("HR records an appraisal; the overdue figure moves", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/conduct`);
    await page.click('nav[aria-label="Conduct"] a:has-text("Supervision and appraisal")');
    await page.waitForURL((url) => url.pathname === "/orgs/riverside/conduct/supervision");
    const tile = page.locator('[data-measure="appraisal-overdue"] .value');
    const before = Number(await tile.textContent());
    expect(before).toBeGreaterThan(0);
    const row = page.locator('[data-testid="meetings-overdue"] tbody tr', { hasText: "Appraisal" }).first();
    const ref = (await row.getAttribute("data-ref"))!;
    await page.fill("#meeting-ref", ref);
    await page.selectOption("#meeting-kind", "appraisal");
    await page.fill("#meeting-held-on", today);
    await page.click('button:has-text("Record meeting")');
    await page.locator('.notice.success:has-text("Recorded the appraisal")').waitFor();
    await expect.poll(async () => Number(await tile.textContent())).toBe(before - 1);
    await screenshot(page, "conduct-supervision-hr");
    await page.close();
  });

  test("HR adds a course everyone needs and records a completion; the course's figure moves", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/conduct/training`);
    const title = `Browser course ${Date.now()}`;
    await page.fill("#course-title", title);
    await page.fill("#course-refresh", "12");
    await page.click('button:has-text("Add course")');
    await page.locator(`[data-testid="training-courses"] tr[data-course="${title}"]`).waitFor();
    await page.selectOption("#req-course", { label: title });
    await page.selectOption("#req-basis", "everyone");
    await page.click('button:has-text("Add requirement")');
    const course = page.locator(`[data-testid="training-courses"] tr[data-course="${title}"]`);
    await expect.poll(async () => await course.locator("td").nth(2).textContent()).toMatch(/^0 of [1-9]\d*$/);
    // the "not done" figure links to the people behind it
    await course.locator("td").nth(4).locator("a").click();
    await page.waitForURL((url) => url.searchParams.has("course"));
    const ref = (await page.locator('[data-testid="training-matrix"] tbody tr').first().getAttribute("data-ref"))!;
    await page.fill("#completion-ref", ref);
    await page.selectOption("#completion-course", { label: title });
    await page.fill("#completion-on", today);
    await page.click('button:has-text("Record completion")');
    await page.locator('.notice.success:has-text("Recorded the completion")').waitFor();
    await expect.poll(async () => await course.locator("td").nth(2).textContent()).toMatch(/^1 of [1-9]\d*$/);
    await screenshot(page, "conduct-training-hr");
    await page.close();
  });

  test("HR records a supervision on the person page's conduct panel; the panel shows it without leaving the page", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/conduct/supervision`);
    const ref = (await page.locator('[data-testid="meetings-overdue"] tbody tr').first().getAttribute("data-ref"))!;
    await page.goto(`${baseUrl()}/orgs/riverside/people/${encodeURIComponent(ref)}`);
    const panel = page.locator('[data-testid="person-conduct"]');
    await panel.waitFor();
    await panel.locator('summary:has-text("Record a supervision or appraisal")').click();
    await page.selectOption("#person-meeting-kind", "supervision");
    await page.fill("#person-meeting-on", today);
    await panel.locator('button:has-text("Record meeting")').click();
    await panel.locator('.notice.success:has-text("Recorded the supervision")').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/riverside/people/${encodeURIComponent(ref)}`);
    const lastHeld = panel.locator('[data-testid="person-meetings"] tr[data-kind="supervision"] td').nth(1);
    await expect.poll(async () => await lastHeld.textContent()).not.toBe("–");
    // A date in the future is refused beside the field (once the page has finished reloading after the first).
    await expect.poll(() => panel.locator('button:has-text("Record meeting")').isEnabled()).toBe(true);
    await page.fill("#person-meeting-on", "2999-01-01");
    await panel.locator('button:has-text("Record meeting")').click();
    await page.locator("#person-meeting-on-error").waitFor();
    await screenshot(page, "conduct-person-panel-hr");
    await page.close();
  });

  test("HR records a tenant engagement entry and a contractor's assurance return, then removes both", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/conduct`);
    await page.click('nav[aria-label="Conduct"] a:has-text("Tenant engagement")');
    await page.locator("main h1", { hasText: "Tenant engagement" }).waitFor();
    const title = `Browser panel ${Date.now()}`;
    await page.fill("#engagement-title", title);
    await page.selectOption("#engagement-kind", "scrutiny_meeting");
    await page.selectOption("#engagement-policy", { index: 1 });
    await page.fill("#engagement-outcome", "Wording changed");
    await page.click('button:has-text("Record engagement")');
    const entry = page.locator(`[data-testid="engagement-log"] tr[data-engagement="${title}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain("Scrutiny meeting");
    await entry.locator('button:has-text("Remove")').click();
    await entry.waitFor({ state: "detached" });

    await page.click('nav[aria-label="Conduct"] a:has-text("Contractor assurance")');
    const provider = page.locator('[data-testid="assurance"] tr[data-provider="Greenway Grounds Maintenance"]');
    await provider.waitFor();
    expect(await provider.getAttribute("data-state")).toBe("none_received");
    await page.selectOption("#return-provider", { label: "Greenway Grounds Maintenance" });
    await page.fill("#return-received-on", today);
    await page.click('button:has-text("Record return")');
    await page.locator('.notice.success:has-text("Recorded the assurance return from Greenway Grounds Maintenance")').waitFor();
    await expect.poll(async () => provider.getAttribute("data-state")).toBe("current");
    await screenshot(page, "conduct-providers-hr");
    await provider.locator("summary").click();
    await provider.locator(`button[aria-label="Remove the return of ${today} from Greenway Grounds Maintenance"]`).click();
    await expect.poll(async () => provider.getAttribute("data-state")).toBe("none_received");
    await page.close();
  });

  test("an executive reads the conduct pages without any forms", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, "exec@demo.example");
    for (const path of ["conduct", "conduct/policies", "conduct/code", "conduct/supervision", "conduct/training", "conduct/engagement", "conduct/providers"]) {
      await page.goto(`${baseUrl()}/orgs/riverside/${path}`);
      await page.locator("main h1").waitFor();
      expect(await page.locator('main form[method="post"]').count(), path).toBe(0);
    }
    await page.goto(`${baseUrl()}/orgs/riverside/people`);
    await page.locator('main a[href*="/people/"]').first().click();
    await page.locator('[data-testid="person-conduct"]').waitFor();
    expect(await page.locator('[data-testid="person-conduct"] form').count()).toBe(0);
    await page.goto(`${baseUrl()}/orgs/riverside/conduct`);
    await page.locator('[data-measure="code-acknowledged"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="evidence-pack"]')]);
    expect(download.suggestedFilename()).toMatch(/^riverside-conduct-evidence-\d{4}-\d{2}-\d{2}\.zip$/);
    await screenshot(page, "conduct-overview-executive");
    await page.close();
  });
});
