/**
 * Walks the product as each demo role, in real Chromium with JavaScript on: from the landing page it follows every
 * same-origin link it finds (a few representatives of each route shape, bounded) and fails on any uncaught page
 * error, any console error (React hydration mismatches included), an error page after hydration, and any HTTP
 * status of 400 or more reached through a link on the product's own pages (downloads included).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, signIn } from "../helpers/browser";
import { routeShape } from "../helpers/route-shape";

const ROLES = [
  { role: "admin", email: "admin@demo.example", readOnly: false },
  { role: "hr", email: "hr@demo.example", readOnly: false },
  { role: "consultant", email: "consultant@demo.example", readOnly: false },
  // Executives read: no page may offer them a form that changes anything.
  { role: "executive", email: "exec@demo.example", readOnly: true },
];

/** Representatives of one route shape (e.g. /orgs/:slug/people/:ref) that are visited. */
const PER_SHAPE = 2;
/** Pages and downloads per role: a bound so a link explosion cannot run away. */
const MAX_VISITS = 90;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Links that are not pages to look at: signing out ends the walk, and set-password links belong to someone else. */
function skipped(pathname: string): boolean {
  return pathname === "/logout" || pathname.startsWith("/set-password/");
}

function isDownload(pathname: string): boolean {
  return /\.(csv|pdf|xlsx|zip|eml)$/.test(pathname);
}

interface Problem {
  url: string;
  from: string;
  problem: string;
}

/**
 * What a read-only reader (an executive) must not be offered: a form that posts (other than signing out) or a
 * file input. Their pages show the figures; every change is someone else's.
 */
async function editControls(page: Page): Promise<string[]> {
  return page.$$eval("form, input[type=file]", (elements) =>
    elements
      .filter((el) => (el instanceof HTMLFormElement ? el.method.toLowerCase() === "post" && !new URL(el.action).pathname.endsWith("/logout") : true))
      .map((el) => (el instanceof HTMLFormElement ? `a form posting to ${new URL(el.action).pathname}${el.querySelector("button")?.textContent ? ` ("${el.querySelector("button")!.textContent!.trim()}")` : ""}` : "a file input")),
  );
}

async function walk(page: Page, readOnly = false): Promise<{ visited: string[]; problems: Problem[] }> {
  const origin = new URL(baseUrl()).origin;
  const problems: Problem[] = [];
  let current = "";
  page.on("pageerror", (error) => problems.push({ url: current, from: "", problem: `page error: ${error.message}` }));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const resource = message.location().url;
    problems.push({ url: current, from: "", problem: `console error: ${message.text()}${resource && resource !== page.url() ? ` (${resource})` : ""}` });
  });

  const start = new URL(page.url());
  const queue: Array<{ url: string; from: string }> = [{ url: start.pathname + start.search, from: "(landing page)" }];
  const seen = new Set<string>([queue[0].url]);
  const perShape = new Map<string, number>();
  const visited: string[] = [];

  while (queue.length > 0 && visited.length < MAX_VISITS) {
    const { url, from } = queue.shift()!;
    const shape = routeShape(url);
    if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
    visited.push(url);
    current = url;

    if (isDownload(new URL(url, origin).pathname)) {
      const response = await page.request.get(`${origin}${url}`);
      if (response.status() >= 400) problems.push({ url, from, problem: `HTTP ${response.status()}` });
      continue;
    }
    const response = await page.goto(`${origin}${url}`, { waitUntil: "networkidle" });
    const status = response?.status() ?? 0;
    if (status >= 400) problems.push({ url, from, problem: `HTTP ${status}` });
    // Give React a moment after hydration to throw (a crash replaces the page with the error panel).
    await page.waitForFunction(() => document.readyState === "complete");
    const errorPanel = await page.locator(".error-panel h1").allTextContents();
    if (errorPanel.length > 0 && status < 400) problems.push({ url, from, problem: `error page after hydration: ${errorPanel.join(" ")}` });
    if (readOnly) for (const control of await editControls(page)) problems.push({ url, from, problem: `offers a read-only reader ${control}` });

    const hrefs = await page.$$eval("a[href]", (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const target = new URL(href);
      if (target.origin !== origin || skipped(target.pathname)) continue;
      const key = target.pathname + target.search;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ url: key, from: url });
    }
  }
  return { visited, problems };
}

describe("every page as every role", () => {
  test.each(ROLES)("$role: no page errors, console errors or broken links (and for a reader, no edit forms)", { timeout: 600_000 }, async ({ email, readOnly }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, email);
    const { visited, problems } = await walk(page, readOnly);
    await context.close();
    // The walk reached well beyond the landing page.
    expect(visited.length).toBeGreaterThan(8);
    expect(problems.map((p) => `${p.url}${p.from ? ` (linked from ${p.from})` : ""}: ${p.problem}`)).toEqual([]);
  });
});
