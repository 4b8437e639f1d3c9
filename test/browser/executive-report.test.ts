import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { pdfText } from "../helpers/pdf-text";
import { ensurePdftoppm, expectPdfChartsDrawn } from "../helpers/pdf-image";
import { STATUS_COLOURS } from "~/components/labels";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("executive report", () => {
  test("an executive opens the report, sees the charts, and downloads a PDF with the organisation and headline figures", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "exec@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/reports/executive?asOf=2026-10-01`);
    for (const chart of ["report-enrolment-chart", "report-qualified-chart", "report-status-chart"]) {
      await page.locator(`[data-chart="${chart}"] .recharts-surface`).first().waitFor({ state: "visible", timeout: 20_000 });
    }
    const inScope = (await page.locator('[data-figure="in-scope"]').textContent())!.trim();
    const pctQualified = (await page.locator('[data-figure="pct-qualified"]').textContent())!.trim();
    await page.locator('[data-testid="report-conduct"] [data-measure="code-acknowledged"]').waitFor();
    await screenshot(page, "executive-report");

    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.click("text=Download PDF")]);
    const path = await download.path();
    const bytes = new Uint8Array(await (await import("node:fs/promises")).readFile(path!));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Riverside Homes (demo)");
    expect(text).toContain(inScope);
    expect(text).toContain(pctQualified);
    expect(text).toContain("October 2026 enrolment milestone");
    expect(text).toContain("Conduct: policies, code of conduct, supervision and training");
    expect(text).toContain("Training compliance");
    await context.close();
  });

  test("the PDF's charts are really drawn, each inside its own box: its chart page rendered to a picture has each chart's lines and bars", async (ctx) => {
    const tool = ensurePdftoppm();
    if (!tool.ok) ctx.skip(tool.reason);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "exec@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/reports/executive?asOf=2026-10-01`);
    const departments = (await page.locator('table:has(caption:text("By department")) tbody tr td:first-child').allTextContents()).map((d) => d.trim());
    expect(departments.length).toBeGreaterThan(3);
    const response = await context.request.get(`${baseUrl()}/orgs/riverside/reports/executive.pdf?asOf=2026-10-01`, { timeout: 60_000 });
    expect(response.status()).toBe(200);
    const bytes = new Uint8Array(await response.body());
    await context.close();

    // The lines and bars, with about a third of the pixels a drawn chart has (the legend's swatches alone have far fewer).
    await expectPdfChartsDrawn(
      bytes,
      [
        { title: "Enrolment proportion against", axis: "Month end", labels: ["Milestone target: 50%"], colours: { "actual line": ["#1d4f5c", 150] } },
        { title: "% qualified, actual and forecast", axis: "Month end", labels: ["Deadline target: 100%"], colours: { "actual line": ["#1d4f5c", 100], "forecast line": ["#0b6e99", 60] } },
        {
          title: "Status by department",
          axis: "People in scope",
          labels: departments,
          colours: { "qualified bars": [STATUS_COLOURS.qualified, 1000], "working-towards bars": [STATUS_COLOURS.working_towards, 1000], "not-enrolled bars": [STATUS_COLOURS.not_enrolled, 1000] },
        },
      ],
      "executive-report-pdf",
    );
  });
});
