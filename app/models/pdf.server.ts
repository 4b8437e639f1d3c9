/**
 * Prints one of our own pages to PDF with headless Chromium (Debian's package, driven by playwright-core), as the
 * signed-in user, after the charts have rendered. The page is always loaded from this server over loopback.
 *
 * One Chromium per server process, shared by every PDF and started on first use (closed again after a quiet
 * minute). At most PDF_PAGES pages print at once; up to PDF_QUEUE more wait their turn; anything beyond, or a person
 * with PDF_PER_USER PDFs already on the way, gets PdfBusyError, which the routes answer with 503, Retry-After and a
 * "busy, try again in a moment" page.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { appEnv } from "../utils/env.server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function positiveInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** Pages printing at once (per server process). */
export const PDF_PAGES = positiveInt("PDF_PAGES", 2);
/** PDFs waiting for a page; beyond this the answer is 503. */
export const PDF_QUEUE = positiveInt("PDF_QUEUE", 2);
/** PDFs one person may have printing or waiting at once. */
export const PDF_PER_USER = positiveInt("PDF_PER_USER", 2);
/** How long a PDF may wait in the queue before it is answered 503. */
const QUEUE_WAIT_MS = 60_000;
export const RETRY_AFTER_SECONDS = 15;
const IDLE_CLOSE_MS = 60_000;

export class PdfUnavailableError extends Error {}

export class PdfBusyError extends Error {
  constructor(readonly reason: "queue" | "user") {
    super(
      reason === "user"
        ? "You already have PDFs being made. Wait for them to finish, then try again."
        : "The PDF service is busy making other reports. Try again in a moment.",
    );
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

let active = 0;
const waiting: Waiter[] = [];
const perUser = new Map<number, number>();

/** Numbers for tests and the docs: pages printing now, PDFs waiting. */
export function pdfQueueState(): { active: number; waiting: number } {
  return { active, waiting: waiting.length };
}

async function acquirePage(userId: number): Promise<() => void> {
  const mine = perUser.get(userId) ?? 0;
  if (mine >= PDF_PER_USER) throw new PdfBusyError("user");
  if (active >= PDF_PAGES && waiting.length >= PDF_QUEUE) throw new PdfBusyError("queue");
  perUser.set(userId, mine + 1);
  const releaseUser = () => {
    const n = (perUser.get(userId) ?? 1) - 1;
    if (n <= 0) perUser.delete(userId);
    else perUser.set(userId, n);
  };
  if (active < PDF_PAGES) {
    active++;
  } else {
    try {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          timer: setTimeout(() => {
            const i = waiting.indexOf(waiter);
            if (i >= 0) waiting.splice(i, 1);
            reject(new PdfBusyError("queue"));
          }, QUEUE_WAIT_MS),
        };
        waiting.push(waiter);
      });
    } catch (error) {
      releaseUser();
      throw error;
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    releaseUser();
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the page passes straight to the next in line
    } else {
      active--;
      if (active === 0) scheduleIdleClose();
    }
  };
}

let browserPromise: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;

function scheduleIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (active > 0 || !browserPromise) return;
    const closing = browserPromise;
    browserPromise = null;
    closing.then((b) => b.close()).catch(() => undefined);
  }, IDLE_CLOSE_MS);
  idleTimer.unref();
}

function sharedBrowser(): Promise<Browser> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (!browserPromise) {
    // playwright-core is read on the first PDF, not at start: held by every server process, it costs about 80 MiB
    // of memory in each (decision 0070).
    const launching = import("playwright-core").then(({ chromium }) => chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        `--renderer-process-limit=${PDF_PAGES}`,
      ],
    }));
    browserPromise = launching;
    launching.then(
      (browser) =>
        browser.on("disconnected", () => {
          if (browserPromise === launching) browserPromise = null;
        }),
      () => {
        if (browserPromise === launching) browserPromise = null;
      },
    );
  }
  return browserPromise;
}

/** The answer to a PDF request that has to wait: 503, Retry-After and a page that says so. */
export function pdfBusyResponse(error: PdfBusyError): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Busy · Competence &amp; Conduct</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Busy, try again in a moment</h1><p>${error.message}</p><p>PDFs are made a few at a time so the rest of the site stays quick. Use your browser's Back button and download it again in about ${RETRY_AFTER_SECONDS} seconds.</p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } });
}

/**
 * Print styles give the charts other boxes (narrower, and shorter in the report); Recharts redraws at the new size
 * only once its resize observer has fired. Printing before that puts a chart drawn for the screen into its print box,
 * so its axis labels spill out over the next panel. Wait until every chart is drawn at its box's size (a chart that
 * never gets there is printed as it is after a few seconds rather than failing the PDF).
 */
async function chartsFitTheirBoxes(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll(".chart-box")).every((box) => {
          const surface = box.querySelector(".recharts-wrapper > svg.recharts-surface");
          if (!surface) return true;
          const drawn = surface.getBoundingClientRect();
          return Math.abs(drawn.width - box.clientWidth) <= 2 && Math.abs(drawn.height - box.clientHeight) <= 2;
        }),
      undefined,
      { timeout: 5_000, polling: "raf" },
    )
    .catch(() => undefined);
}

export async function renderPagePdf(options: { path: string; cookieHeader: string | null; waitForSelectors: string[]; title: string; userId: number }): Promise<Buffer> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new PdfUnavailableError(`PDF export needs Chromium at ${CHROMIUM_PATH} on the server (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
  const release = await acquirePage(options.userId);
  try {
    const origin = `http://127.0.0.1:${appEnv().port}`;
    const browser = await sharedBrowser();
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    try {
      const cookies = (options.cookieHeader ?? "")
        .split(";")
        .map((c) => c.trim())
        .filter((c) => c.includes("="))
        .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: origin }));
      if (cookies.length) await context.addCookies(cookies);
      const page = await context.newPage();
      const response = await page.goto(`${origin}${options.path}`, { waitUntil: "networkidle", timeout: 30_000 });
      if (response?.status() === 404) throw new Response("Not found", { status: 404 });
      if (!response || !response.ok()) throw new Error(`The report page answered ${response?.status() ?? "nothing"}`);
      for (const selector of options.waitForSelectors) await page.locator(selector).first().waitFor({ state: "visible", timeout: 20_000 });
      await page.emulateMedia({ media: "print" });
      await chartsFitTheirBoxes(page);
      return await page.pdf({
        format: "A4",
        printBackground: true,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${options.title.replace(/[<>&]/g, "")} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    release();
  }
}
