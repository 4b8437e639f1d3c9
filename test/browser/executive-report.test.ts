import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { pdfText } from "../helpers/pdf-text";
import { countColour, ensurePdftoppm, inkShare, pdfTextLines, renderPdfPage, savePng, type PageBox } from "../helpers/pdf-image";
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

    const lines = await pdfTextLines(bytes);
    // Each chart by the start of its title, the title of its bottom axis (the lowest thing it draws), the labels it
    // must show, and the colours of what it draws with the fewest pixels of each a drawn chart has at 100 dpi
    // (about a third of what it has; the legend's swatches alone have far fewer).
    const charts = [
      { title: "Enrolment proportion against", axis: "Month end", labels: ["Milestone target: 50%"], colours: { "actual line": ["#1d4f5c", 150] } },
      { title: "% qualified, actual and forecast", axis: "Month end", labels: ["Deadline target: 100%"], colours: { "actual line": ["#1d4f5c", 100], "forecast line": ["#0b6e99", 60] } },
      {
        title: "Status by department",
        axis: "People in scope",
        labels: departments,
        colours: { "qualified bars": [STATUS_COLOURS.qualified, 1000], "working-towards bars": [STATUS_COLOURS.working_towards, 1000], "not-enrolled bars": [STATUS_COLOURS.not_enrolled, 1000] },
      },
    ] as const;
    const captions = charts.map((chart) => {
      const caption = lines.find((l) => l.text.startsWith(chart.title));
      expect(caption, `the PDF has the title of the chart "${chart.title}…"`).toBeTruthy();
      return caption!;
    });
    const dpi = 100;
    const rendered = new Map<number, ReturnType<typeof renderPdfPage>>();
    for (const [i, chart] of charts.entries()) {
      const caption = captions[i];
      const samePage = lines.filter((l) => l.page === caption.page && !l.text.includes("compliance report · page"));
      const axis = samePage.find((l) => l.text === chart.axis && l.top > caption.bottom);
      expect(axis, `"${chart.title}…" has its axis title "${chart.axis}" under it on the same page`).toBeTruthy();
      // Inside its box: nothing after the chart's lowest line starts closer than the panel's padding and border
      // (a chart drawn for the screen and printed into a shorter box spills its axis over the next panel).
      const below = samePage.filter((l) => l.top >= axis!.bottom - 0.5 && l !== axis);
      const nextBelow = Math.min(...below.map((l) => l.top), caption.pageHeight);
      expect(nextBelow - axis!.bottom, `room under the axis of "${chart.title}…"`).toBeGreaterThanOrEqual(10);
      const box: PageBox = { page: caption.page, left: 30, right: caption.pageWidth - 30, top: caption.bottom + 1, bottom: axis!.bottom + 1 };
      const inBox = samePage.filter((l) => l.top >= box.top - 1 && l.bottom <= box.bottom + 1);
      for (const l of inBox) {
        expect(l.left, `"${l.text}" starts inside the page's margin`).toBeGreaterThanOrEqual(34);
        expect(l.right, `"${l.text}" ends inside the page's margin`).toBeLessThanOrEqual(caption.pageWidth - 34);
      }
      for (const label of chart.labels) expect(inBox.map((l) => l.text), `"${chart.title}…" shows "${label}"`).toContain(label);

      if (!rendered.has(box.page)) {
        rendered.set(box.page, renderPdfPage(bytes, box.page, dpi));
        savePng(rendered.get(box.page)!, `executive-report-pdf-page-${box.page}`);
      }
      const png = rendered.get(box.page)!;
      for (const [what, [colour, least]] of Object.entries(chart.colours)) {
        expect(countColour(png, box, dpi, colour), `pixels of the ${what} (${colour}) in "${chart.title}…"`).toBeGreaterThanOrEqual(least);
      }
      expect(inkShare(png, box, dpi), `share of drawn pixels in "${chart.title}…"`).toBeGreaterThan(0.03);
    }
  });
});
