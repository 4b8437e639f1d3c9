import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action as usersAction, loader as usersLoader } from "../../../app/routes/users";
import { action as setPasswordAction, loader as setPasswordLoader } from "../../../app/routes/set-password.$token";
import { loader as auditLoader } from "../../../app/routes/orgs.$slug.audit";
import { loader as auditCsvLoader } from "../../../app/routes/orgs.$slug.audit[.]csv";
import { getSessionUser } from "../../../app/utils/session.server";
import { recordAudit } from "../../../app/models/audit.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let admin: string;
let adminId: number;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
type UsersAnswer = { ok: true; link: string | null; message: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };
const succeeded = (answer: unknown) => {
  const a = answer as UsersAnswer;
  if (!a.ok) throw new Error(`refused: ${JSON.stringify(a.errors)}`);
  return a;
};
const refused = (answer: unknown) => {
  const a = answer as UsersAnswer;
  if (a.ok) throw new Error(`accepted: ${a.message}`);
  return a;
};

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside");
  oakfield = await createTestOrganisation(t.db, "oakfield");
  adminId = await createTestUser(t.db, "admin@example.org", "admin");
  admin = await sessionCookie(adminId);
});
afterEach(async () => t.close());

describe("user management", () => {
  test("an admin invites a user with a one-time link; the user sets a password and is signed in; the link is spent", async () => {
    const created = await call(() => usersAction(args(postRequest("/users", { intent: "create", email: "New.HR@Example.org", name: "New HR", role: "hr", organisationIds: [String(riverside)] }, admin))));
    expect(created.status).toBe(200);
    const link = succeeded(created.data).link!;
    expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]+$/);
    const token = link.split("/").pop()!;
    const page = await call(() => setPasswordLoader(args(getRequest(`/set-password/${token}`), { token })));
    expect(page.data).toEqual({ email: "new.hr@example.org", name: "New HR" });
    const short = await call(() => setPasswordAction(args(postRequest(`/set-password/${token}`, { password: "short", confirm: "short" }), { token })));
    expect(short.status).toBe(400);
    const done = await call(() => setPasswordAction(args(postRequest(`/set-password/${token}`, { password: "a long enough password", confirm: "a long enough password" }), { token })));
    expect(done.response?.status).toBe(302);
    const cookie = done.response!.headers.get("Set-Cookie")!.split(";")[0];
    expect((await getSessionUser(getRequest("/", cookie)))?.email).toBe("new.hr@example.org");
    const again = await call(() => setPasswordLoader(args(getRequest(`/set-password/${token}`), { token })));
    expect(again.status).toBe(404);
    const memberships = await t.db.selectFrom("memberships").select("organisation_id").innerJoin("users", "users.id", "memberships.user_id").where("users.email", "=", "new.hr@example.org").execute();
    expect(memberships.map((m) => m.organisation_id)).toEqual([riverside]);
  });

  test("validation, duplicates and the rules about one's own account", async () => {
    const bad = await call(() => usersAction(args(postRequest("/users", { intent: "create", email: "not-an-email", name: "", role: "hr" }, admin))));
    expect(bad.status).toBe(400);
    expect(refused(bad.data).errors).toEqual({ email: "Enter a valid email address", name: "Enter the person's name" });
    expect(refused(bad.data).values).toMatchObject({ email: "not-an-email", role: "hr" });
    const noOrg = await call(() => usersAction(args(postRequest("/users", { intent: "create", email: "x@example.org", name: "X", role: "executive" }, admin))));
    expect(refused(noOrg.data).errors).toHaveProperty("organisationIds");
    const duplicate = await call(() => usersAction(args(postRequest("/users", { intent: "create", email: "Admin@Example.org", name: "Again", role: "admin" }, admin))));
    expect(duplicate.status).toBe(400);
    expect(refused(duplicate.data).errors).toEqual({ email: "A user with the email admin@example.org already exists" });
    expect(await t.db.selectFrom("users").select("id").execute()).toHaveLength(1);
    for (const intent of ["reset", "remove", "role"]) {
      const gone = await call(() => usersAction(args(postRequest("/users", { intent, userId: "9999", role: "hr" }, admin))));
      expect(gone.status, intent).toBe(404);
    }
    expect(await t.db.selectFrom("audit_events").select("id").where("entity", "=", "user").execute()).toHaveLength(0);
    const selfRemove = await call(() => usersAction(args(postRequest("/users", { intent: "remove", userId: String(adminId) }, admin))));
    expect(selfRemove.status).toBe(400);
    const selfDemote = await call(() => usersAction(args(postRequest("/users", { intent: "role", userId: String(adminId), role: "hr" }, admin))));
    expect(selfDemote.status).toBe(400);
  });

  test("changing a role ends the user's sessions; removing a user ends them too; every change is audited", async () => {
    const id = await createTestUser(t.db, "c@example.org", "consultant", [riverside]);
    const cookie = await sessionCookie(id);
    await call(() => usersAction(args(postRequest("/users", { intent: "role", userId: String(id), role: "executive", organisationIds: [String(riverside), String(oakfield)] }, admin))));
    expect(await getSessionUser(getRequest("/", cookie))).toBeNull();
    const user = await t.db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow();
    expect(user.role).toBe("executive");
    const reset = await call(() => usersAction(args(postRequest("/users", { intent: "reset", userId: String(id) }, admin))));
    expect(succeeded(reset.data).link).toMatch(/set-password/);
    const cookie2 = await sessionCookie(id);
    await call(() => usersAction(args(postRequest("/users", { intent: "remove", userId: String(id) }, admin))));
    expect(await getSessionUser(getRequest("/", cookie2))).toBeNull();
    const actions = (await t.db.selectFrom("audit_events").select("action").where("entity", "=", "user").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["user.update", "user.reset", "user.remove"]);
    const listed = await call(() => usersLoader(args(getRequest("/users", admin))));
    expect(listed.data!.users.map((u) => u.email)).toEqual(["admin@example.org"]);
  });

  test("only admins manage users", async () => {
    const hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
    expect((await call(() => usersLoader(args(getRequest("/users", hr))))).status).toBe(403);
    expect((await call(() => usersAction(args(postRequest("/users", { intent: "create", email: "z@example.org", name: "Z", role: "admin" }, hr))))).status).toBe(403);
  });
});

describe("audit trail page", () => {
  test("lists the organisation's events newest first, filters them, and exports them; another organisation's never show", async () => {
    const actor = { userId: adminId, name: "admin@example.org" };
    await recordAudit(t.db, actor, { organisationId: riverside, action: "scope_decision.update", entity: "scope_decision", entityId: 1, summary: "Neighbourhood Manager → senior manager", before: { category: null }, after: { category: "senior_manager" } });
    await recordAudit(t.db, actor, { organisationId: riverside, action: "settings.update", entity: "organisation", entityId: riverside, summary: "=Homes owned 1200 → 800" });
    await recordAudit(t.db, actor, { organisationId: oakfield, action: "settings.update", entity: "organisation", entityId: oakfield, summary: "Oakfield secret change" });
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const all = await call(() => auditLoader(args(getRequest("/orgs/riverside/audit", exec), { slug: "riverside" })));
    expect(all.data!.rows.map((r) => r.action)).toEqual(["settings.update", "scope_decision.update"]);
    expect(all.data!.rows[1].before_json).toBe('{"category":null}');
    const filtered = await call(() => auditLoader(args(getRequest("/orgs/riverside/audit?action=scope_decision.update&actor=admin%40example", exec), { slug: "riverside" })));
    expect(filtered.data!.total).toBe(1);
    const csv = await call(() => auditCsvLoader(args(getRequest("/orgs/riverside/audit.csv", exec), { slug: "riverside" })));
    const text = await csv.response!.text();
    expect(text).toContain("'=Homes owned 1200 → 800");
    expect(text).not.toContain("Oakfield secret");
  });
});
