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
  { role: "admin", email: "admin@demo.example" },
  { role: "hr", email: "hr@demo.example" },
  { role: "consultant", email: "consultant@demo.example" },
  { role: "executive", email: "exec@demo.example" },
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

async function walk(page: Page): Promise<{ visited: string[]; problems: Problem[] }> {
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
  test.each(ROLES)("$role: no page errors, console errors or broken links", { timeout: 600_000 }, async ({ email }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, email);
    const { visited, problems } = await walk(page);
    await context.close();
    // The walk reached well beyond the landing page.
    expect(visited.length).toBeGreaterThan(8);
    expect(problems.map((p) => `${p.url}${p.from ? ` (linked from ${p.from})` : ""}: ${p.problem}`)).toEqual([]);
  });
});
