import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action, loader } from "../../../app/routes/organisations";

let t: TestDatabase;
let admin: string;
const args = (request: Request) => ({ request, params: {}, context: {} });
const form = (extra: Record<string, string> = {}) => ({
  name: "Northgate Housing",
  slug: "northgate",
  homesOwned: "2,400",
  inForceDate: "2027-04-01",
  "user0.email": "Lead@Northgate.example",
  "user0.name": "Nia Lead",
  "user0.role": "hr",
  "user1.email": "",
  "user1.name": "",
  "user1.role": "executive",
  ...extra,
});

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  await createTestOrganisation(t.db, "riverside");
  admin = await sessionCookie(await createTestUser(t.db, "admin@example.org", "admin"));
});
afterEach(async () => t.close());

describe("creating an organisation on the web", () => {
  test("an admin creates an organisation with its first HR user, who gets a set-password link and membership", async () => {
    const result = await call(() => action(args(postRequest("/organisations", form(), admin))));
    expect(result.status).toBe(200);
    const created = result.data as Extract<typeof result.data, { ok: true }>;
    expect(created.organisation).toEqual({ slug: "northgate", name: "Northgate Housing" });
    expect(created.created).toHaveLength(1);
    expect(created.created[0].link).toMatch(/\/set-password\/[A-Za-z0-9_-]+$/);
    const org = await t.db.selectFrom("organisations").selectAll().where("slug", "=", "northgate").executeTakeFirstOrThrow();
    expect(org.homes_owned).toBe(2400);
    expect(org.in_force_date).toBe("2027-04-01");
    const user = await t.db.selectFrom("users").selectAll().where("email", "=", "lead@northgate.example").executeTakeFirstOrThrow();
    expect(user.role).toBe("hr");
    const memberships = await t.db.selectFrom("memberships").select("organisation_id").where("user_id", "=", user.id).execute();
    expect(memberships.map((m) => m.organisation_id)).toEqual([org.id]);
    const audit = await t.db.selectFrom("audit_events").select("action").where("organisation_id", "=", org.id).execute();
    expect(audit.map((a) => a.action)).toContain("organisation.create");
    const list = await call(() => loader(args(getRequest("/organisations", admin))));
    expect(list.data!.organisations.map((o) => o.slug)).toEqual(["northgate", "riverside"]);
  });

  test("an existing consultant is given access instead of a second account", async () => {
    await createTestUser(t.db, "consultant@example.org", "consultant");
    const result = await call(() => action(args(postRequest("/organisations", form({ "user1.email": "consultant@example.org", "user1.role": "consultant" }), admin))));
    const created = result.data as Extract<typeof result.data, { ok: true }>;
    expect(created.joined.map((u) => u.email)).toEqual(["consultant@example.org"]);
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "consultant@example.org").execute()).toHaveLength(1);
  });

  test("bad input names the field and value; nothing is created", async () => {
    const result = await call(() => action(args(postRequest("/organisations", form({ slug: "Bad Slug!", homesOwned: "lots", "user1.email": "not-an-email", "user1.name": "X" }), admin))));
    expect(result.status).toBe(400);
    const errors = (result.data as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["homesOwned", "slug", "user1.email"]);
    expect(errors["user1.email"]).toContain('"not-an-email"');
    expect(await t.db.selectFrom("organisations").select("id").where("slug", "=", "northgate").execute()).toHaveLength(0);
  });

  test("a duplicate slug, or a new user without a name, rolls back the whole setup", async () => {
    const duplicate = await call(() => action(args(postRequest("/organisations", form({ slug: "riverside" }), admin))));
    expect(duplicate.status).toBe(400);
    expect((duplicate.data as { errors: Record<string, string> }).errors.slug).toMatch(/already exists/);
    const unnamed = await call(() => action(args(postRequest("/organisations", form({ "user1.email": "exec@northgate.example", "user1.name": "" }), admin))));
    expect(unnamed.status).toBe(400);
    expect((unnamed.data as { errors: Record<string, string> }).errors["user1.name"]).toMatch(/^User 2: Enter the name/);
    expect(await t.db.selectFrom("organisations").select("id").where("slug", "=", "northgate").execute()).toHaveLength(0);
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "lead@northgate.example").execute()).toHaveLength(0);
  });

  test("only administrators may create organisations", async () => {
    const riverside = (await t.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
    const hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
    const consultant = await sessionCookie(await createTestUser(t.db, "c2@example.org", "consultant", [riverside]));
    for (const cookie of [hr, consultant]) {
      expect((await call(() => loader(args(getRequest("/organisations", cookie))))).status).toBe(403);
      expect((await call(() => action(args(postRequest("/organisations", form(), cookie))))).status).toBe(403);
    }
  });
});
