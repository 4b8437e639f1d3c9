/**
 * Prints one of our own pages to PDF with headless Chromium (Debian's package, driven by playwright-core), as the
 * signed-in user, after the charts have rendered. The page is always loaded from this server over loopback.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import { appEnv } from "../utils/env.server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export class PdfUnavailableError extends Error {}

export async function renderPagePdf(options: { path: string; cookieHeader: string | null; waitForSelectors: string[]; title: string }): Promise<Buffer> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new PdfUnavailableError(`PDF export needs Chromium at ${CHROMIUM_PATH} on the server (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
  const origin = `http://127.0.0.1:${appEnv().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    const cookies = (options.cookieHeader ?? "")
      .split(";")
      .map((c) => c.trim())
      .filter((c) => c.includes("="))
      .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: origin }));
    if (cookies.length) await context.addCookies(cookies);
    const page = await context.newPage();
    const response = await page.goto(`${origin}${options.path}`, { waitUntil: "networkidle", timeout: 30_000 });
    if (!response || !response.ok()) throw new Error(`The report page answered ${response?.status() ?? "nothing"}`);
    for (const selector of options.waitForSelectors) await page.locator(selector).first().waitFor({ state: "visible", timeout: 20_000 });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${options.title.replace(/[<>&]/g, "")} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
  } finally {
    await browser.close();
  }
}
