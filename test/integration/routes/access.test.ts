import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { loader as dashboardLoader } from "../../../app/routes/orgs.$slug._index";
import { loader as layoutLoader } from "../../../app/routes/orgs.$slug";
import { loader as indexLoader } from "../../../app/routes/_index";
import { action as loginAction } from "../../../app/routes/login";
import { action as logoutAction } from "../../../app/routes/logout";
import { getSessionUser } from "../../../app/utils/session.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 12000);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
});
afterEach(async () => t.close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("sign-in and organisation access", () => {
  test("signing in with the right password starts a session; a wrong one gets a generic message", async () => {
    await createTestUser(t.db, "hr@example.org", "hr", [riverside], "right password 123");
    const wrong = await call(() => loginAction(args(postRequest("/login", { email: "hr@example.org", password: "nope" }))));
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.data)).toContain("email address or password is not right");
    const unknown = await call(() => loginAction(args(postRequest("/login", { email: "nobody@example.org", password: "nope" }))));
    expect(JSON.stringify(unknown.data)).toEqual(JSON.stringify(wrong.data).replace("hr@example.org", "nobody@example.org"));
    const right = await call(() => loginAction(args(postRequest("/login", { email: "HR@example.org ", password: "right password 123" }))));
    expect(right.response?.status).toBe(302);
    const cookie = right.response!.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await getSessionUser(getRequest("/", cookie.split(";")[0]));
    expect(user?.email).toBe("hr@example.org");
  });

  test("sign-in is throttled per account after repeated failures", async () => {
    await createTestUser(t.db, "hr@example.org", "hr", [riverside], "right password 123");
    for (let i = 0; i < 5; i++) await call(() => loginAction(args(postRequest("/login", { email: "hr@example.org", password: `bad${i}` }))));
    const blocked = await call(() => loginAction(args(postRequest("/login", { email: "hr@example.org", password: "right password 123" }))));
    expect(blocked.status).toBe(429);
  });

  test("sign-in is throttled per address across accounts", async () => {
    await createTestUser(t.db, "hr@example.org", "hr", [riverside], "right password 123");
    const from = (email: string, password: string) => ({ request: postRequest("/login", { email, password }), params: {}, context: { clientAddress: "203.0.113.9" } });
    for (let i = 0; i < 20; i++) await call(() => loginAction(from(`guess${i}@example.org`, "x")));
    const blocked = await call(() => loginAction(from("hr@example.org", "right password 123")));
    expect(blocked.status).toBe(429);
    const elsewhere = await call(() => loginAction(args(postRequest("/login", { email: "hr@example.org", password: "right password 123" }))));
    expect(elsewhere.response?.status).toBe(302);
  });

  test("signing out ends the session on the server", async () => {
    const id = await createTestUser(t.db, "hr@example.org", "hr", [riverside]);
    const cookie = await sessionCookie(id);
    expect(await getSessionUser(getRequest("/", cookie))).not.toBeNull();
    await call(() => logoutAction(args(postRequest("/logout", {}, cookie))));
    expect(await getSessionUser(getRequest("/", cookie))).toBeNull();
  });

  test("a member sees their organisation's headline numbers; a non-member gets 404", async () => {
    const id = await createTestUser(t.db, "hr@example.org", "hr", [riverside]);
    const cookie = await sessionCookie(id);
    const ok = await call(() => dashboardLoader(args(getRequest("/orgs/riverside", cookie), { slug: "riverside" })));
    expect(ok.status).toBe(200);
    expect(ok.data?.headline.inScope).toBe(0);
    const loaders: Array<(a: ReturnType<typeof args>) => Promise<unknown>> = [dashboardLoader, layoutLoader];
    for (const loader of loaders) {
      const other = await call(() => loader(args(getRequest("/orgs/oakfield", cookie), { slug: "oakfield" })));
      expect(other.response?.status).toBe(404);
      const missing = await call(() => loader(args(getRequest("/orgs/nowhere", cookie), { slug: "nowhere" })));
      expect(missing.response?.status).toBe(404);
    }
    expect(oakfield).toBeGreaterThan(0);
  });

  test("signed-out visitors are sent to sign in; the start page sends each user to their work", async () => {
    const anonymous = await call(() => dashboardLoader(args(getRequest("/orgs/riverside"), { slug: "riverside" })));
    expect(anonymous.response?.status).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toBe("/login?redirectTo=%2Forgs%2Friverside");
    const hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
    expect((await call(() => indexLoader(args(getRequest("/", hr))))).response?.headers.get("Location")).toBe("/orgs/riverside");
    const consultant = await sessionCookie(await createTestUser(t.db, "c@example.org", "consultant", [riverside, oakfield]));
    expect((await call(() => indexLoader(args(getRequest("/", consultant))))).response?.headers.get("Location")).toBe("/portfolio");
  });
});
