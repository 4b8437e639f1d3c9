/// <reference types="vite/client" />
// The demo's skills audits (one closed and one open campaign per organisation, deterministic), and hostile input
// for every audit form action with real ids (the shared fuzz test has no campaign id to send).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { seedDemoIfEmpty } from "../../../db/seed-demo";
import { auditGapsByStaff } from "../../../app/models/skills-audits/gaps.server";
import { copyFramework } from "../../../app/models/skills-audits/frameworks.server";
import { OrganisationReader, openOrganisationScope } from "../../../app/models/organisation-scope.server";
import { loader as campaignLoader } from "../../../app/routes/orgs.$slug.audits.$id._index";
import { loader as personLoader } from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";

const routesDir = path.resolve(import.meta.dirname, "../../../app/routes");
const modules = import.meta.glob("../../../app/routes/orgs.$slug.audits*.tsx", { eager: true }) as Record<string, { action?: Function }>;

let t: TestDatabase;
let admin: string;
let riverside: number;
let openId: number;
let closedId: number;
let frameworkId: number;
let participantRef: string;

beforeAll(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  await seedDemoIfEmpty(t.db);
  const user = await t.db.selectFrom("users").select("id").where("email", "=", "admin@demo.example").executeTakeFirstOrThrow();
  admin = await sessionCookie(user.id);
  riverside = (await t.db.selectFrom("organisations").select("id").where("slug", "=", "riverside").executeTakeFirstOrThrow()).id;
  const campaigns = await t.db.selectFrom("skills_audit_campaigns").select(["id", "status"]).where("organisation_id", "=", riverside).execute();
  openId = campaigns.find((c) => c.status === "open")!.id;
  closedId = campaigns.find((c) => c.status === "closed")!.id;
  const shared = await t.db.selectFrom("skill_frameworks").select("id").where("organisation_id", "is", null).executeTakeFirstOrThrow();
  const organisation = await t.db.selectFrom("organisations").selectAll().where("id", "=", riverside).executeTakeFirstOrThrow();
  const copied = await copyFramework(openOrganisationScope(t.db, organisation, { userId: user.id, name: "admin@demo.example" }, new Date().toISOString().slice(0, 10)), { sourceId: shared.id, name: "Riverside framework" });
  if (!copied.ok) throw new Error(copied.failure.message);
  frameworkId = copied.value;
  participantRef = (
    await t.db
      .selectFrom("skills_audit_participants as p")
      .innerJoin("staff as s", "s.id", "p.staff_id")
      .select("s.employee_ref")
      .where("p.campaign_id", "=", openId)
      .orderBy("s.employee_ref")
      .executeTakeFirstOrThrow()
  ).employee_ref;
});
afterAll(async () => t.close());

describe("the demo's skills audits", () => {
  test("each demo organisation has one closed and one open campaign with realistic ratings and a course catalogue", async () => {
    const rows = await t.db
      .selectFrom("skills_audit_campaigns as c")
      .innerJoin("organisations as o", "o.id", "c.organisation_id")
      .select(["o.slug", "c.id", "c.name", "c.status"])
      .orderBy("c.id")
      .execute();
    expect(rows.map((r) => [r.slug, r.name, r.status])).toEqual([
      ["riverside", "Skills audit 2025", "closed"],
      ["riverside", "Skills audit 2026", "open"],
      ["oakfield", "Skills audit 2025", "closed"],
      ["oakfield", "Skills audit 2026", "open"],
    ]);
    const open = await call(() => campaignLoader({ request: getRequest(`/orgs/riverside/audits/${openId}`, admin), params: { slug: "riverside", id: String(openId) }, context: {} }));
    const p = open.data!.progress;
    expect(p.total).toBeGreaterThan(150);
    for (const n of [p.complete, p.partial, p.not_started]) expect(n).toBeGreaterThan(10);
    const closed = await call(() => campaignLoader({ request: getRequest(`/orgs/riverside/audits/${closedId}`, admin), params: { slug: "riverside", id: String(closedId) }, context: {} }));
    expect(closed.data!.progress.complete).toBe(closed.data!.progress.total);
    // Gaps are common but not universal; every rating is on the 0–4 scale.
    const gaps = await auditGapsByStaff(new OrganisationReader(t.db, riverside));
    const withGaps = [...gaps.values()].filter((g) => g.length > 0).length;
    expect(withGaps / gaps.size).toBeGreaterThan(0.5);
    expect(withGaps).toBeLessThan(gaps.size);
    const bad = await t.db.selectFrom("skills_audit_ratings").select("id").where((eb) => eb.or([eb("agreed_rating", "<", 0), eb("agreed_rating", ">", 4), eb("self_rating", ">", 4)])).execute();
    expect(bad).toEqual([]);
    const courses = await t.db.selectFrom("skill_courses").select("title").where("organisation_id", "=", riverside).execute();
    expect(courses.map((c) => c.title).join(" | ")).toMatch(/Damp and mould[\s\S]*Disrepair[\s\S]*Housing standards/);
    // Participants' pages show their gaps and ranked recommendations.
    const refs = (
      await t.db.selectFrom("skills_audit_participants as p").innerJoin("staff as s", "s.id", "p.staff_id").select("s.employee_ref").where("p.campaign_id", "=", closedId).orderBy("s.employee_ref").limit(15).execute()
    ).map((r) => r.employee_ref);
    let withRecommendations = 0;
    for (const ref of refs) {
      const person = await call(() => personLoader({ request: getRequest(`/orgs/riverside/audits/${closedId}/people/${ref}`, admin), params: { slug: "riverside", id: String(closedId), employeeRef: ref }, context: {} }));
      expect(person.status).toBe(200);
      expect(person.data!.canRate).toBe(false);
      if (person.data!.gaps.length > 0 && person.data!.recommendations.units.length + person.data!.recommendations.courses.length > 0) withRecommendations++;
    }
    expect(withRecommendations).toBeGreaterThan(3);
  });

  test("deterministic: a second fresh database gets identical audit data", async () => {
    const other = freshDatabase();
    try {
      await seedDemoIfEmpty(other.db);
      const tables = ["skills_audit_campaigns", "skills_audit_participants", "skills_audit_ratings", "skills_audit_campaign_areas", "skill_courses", "skill_course_areas"] as const;
      for (const table of tables) {
        // The copied framework made in beforeAll is not part of the seed.
        const a = await t.db.selectFrom(table).selectAll().execute();
        const b = await other.db.selectFrom(table).selectAll().execute();
        expect(b, table).toEqual(a);
      }
    } finally {
      await other.close();
    }
  });
});

const HOSTILE = ["<script>alert(1)</script>", "x".repeat(20_000), "\u0000\u0001\u001b[31m", "2026-02-31", "-1", "1e309", "NaN", "99999999999999999999", "' OR 1=1 --", "=HYPERLINK(\"x\")", "", " ", "🏠", "4", "K1"];

function fieldsAndIntents(source: string): { fields: string[]; intents: string[] } {
  const fields = new Set<string>(["name", "framework_id", "opens_on", "closes_on", "categories", "departments", "employers", "refs", "uploadId", "map.area", "map.agreed"]);
  for (const m of source.matchAll(/name="([A-Za-z0-9_.\-]+)"/g)) fields.add(m[1]);
  const intents = new Set<string>(["", "unknown-intent"]);
  for (const m of source.matchAll(/name="intent" value="([a-z-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/case "([a-z-]+)":/g)) intents.add(m[1]);
  for (const m of source.matchAll(/intent !== "([a-z-]+)"/g)) intents.add(m[1]);
  // Opening, closing and deleting are state changes tested elsewhere; here they would end the run early.
  for (const i of ["close", "delete", "open"]) intents.delete(i);
  return { fields: [...fields].filter((f) => f !== "intent"), intents: [...intents] };
}

describe("every audit form action survives hostile input with real ids", () => {
  const withActions = Object.entries(modules).filter(([, mod]) => typeof mod.action === "function");
  test("there are audit actions to try", () => {
    expect(withActions.length).toBeGreaterThanOrEqual(6);
  });
  test.each(withActions.map(([file, mod]) => [path.basename(file), mod] as const))("%s", async (file, mod) => {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    const { fields, intents } = fieldsAndIntents(source);
    const areaIds = (await t.db.selectFrom("skill_areas").select("id").where("framework_id", "=", frameworkId).limit(3).execute()).map((a) => a.id);
    // The per-person grid and the framework table use names made from area ids.
    const dynamic = areaIds.flatMap((id) => [`self.${id}`, `agreed.${id}`, `note.${id}`, `name.${id}`, `target_sm.${id}`]);
    const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 }), fc.integer().map(String));
    const id = file.includes("frameworks") ? String(frameworkId) : String(openId);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...intents), fc.dictionary(fc.constantFrom(...fields, ...dynamic), value, { maxKeys: 8 }), async (intent, form) => {
        const body: Record<string, string> = { ...form };
        if (intent) body.intent = intent;
        const params = { slug: "riverside", id, employeeRef: participantRef, uploadId: "1" };
        const result = await call(() => mod.action!({ request: postRequest(`/orgs/riverside/audits/x`, body, admin), params, context: {} }));
        expect(result.status, `${file} intent=${intent} → ${result.status}`).toBeLessThan(500);
      }),
      { numRuns: 30, seed: 20261124 },
    );
  });
});
