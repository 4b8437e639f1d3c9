/** The real server's security headers and cross-site write refusal, over HTTP. */
import { describe, expect, test } from "vitest";
import { baseUrl } from "../helpers/browser";

async function signedInCookie(): Promise<string> {
  const res = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams({ email: "hr@demo.example", password: "demo-password" }),
  });
  expect(res.status).toBe(302);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

describe("HTTP security", () => {
  test("pages carry a nonce-based CSP, nosniff, a referrer policy and no framing", async () => {
    const res = await fetch(`${baseUrl()}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const html = await res.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: new URLSearchParams({ email: "hr@demo.example", password: "demo-password" }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=43200/);
  });

  test("a state-changing request from another site is refused before it reaches the route", async () => {
    const cookie = await signedInCookie();
    const body = new URLSearchParams({ label: "Planted by another site" });
    const crossSite = await fetch(`${baseUrl()}/orgs/riverside/reports`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body });
    expect(crossSite.status).toBe(403);
    const noOriginCrossSite = await fetch(`${baseUrl()}/orgs/riverside/reports`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, "Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded" }, body });
    expect(noOriginCrossSite.status).toBe(403);
    const sameSite = await fetch(`${baseUrl()}/orgs/riverside/reports`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ label: "Board pack (same site)" }) });
    expect(sameSite.status).toBe(302);
  });

  test("a non-member gets 404 for another organisation's pages, exports and PDF", async () => {
    const cookie = await signedInCookie();
    for (const path of ["/orgs/oakfield", "/orgs/oakfield/people", "/orgs/oakfield/people.csv", "/orgs/oakfield/reports/executive.pdf", "/orgs/oakfield/exports/scope-decisions.csv", "/orgs/oakfield/audit.csv"]) {
      const res = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, path).toBe(404);
    }
  });
});
