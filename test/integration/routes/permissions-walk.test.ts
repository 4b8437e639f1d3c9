/// <reference types="vite/client" />
/**
 * Walks every route module: each loader and action must go through the one permission helper (or say it is a
 * public route), and every URL under /orgs/:slug/ must answer 404 to a signed-in user who is not a member.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";

const routesDir = path.resolve(import.meta.dirname, "../../../app/routes");
const routeFiles = fs.readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));
const modules = import.meta.glob("../../../app/routes/*.tsx", { eager: true }) as Record<string, { loader?: Function; action?: Function }>;

const PUBLIC_ROUTES = new Set(["login.tsx", "logout.tsx", "set-password.$token.tsx"]);
/** Route helpers that check the permission themselves (each is checked below to call requireOrgPermission on every path). */
const PERMISSION_HELPERS: Record<string, string> = { conductAction: "../../../app/models/conduct/form-response.server.ts" };
const checksPermission = new RegExp(`require(Org)?Permission\\(|requireUser\\(|(${Object.keys(PERMISSION_HELPERS).join("|")})\\(`);

describe("every route checks permissions through the one helper", () => {
  test.each(routeFiles)("%s", (file) => {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    const exportsData = /export (async )?function (loader|action)\b/.test(source);
    if (!exportsData) return;
    if (PUBLIC_ROUTES.has(file)) {
      expect(source).toMatch(/Public route/);
      return;
    }
    for (const fn of ["loader", "action"]) {
      const match = source.match(new RegExp(`export (async )?function ${fn}\\b[\\s\\S]*?\\n}`));
      if (!match) continue;
      expect(match[0], `${file} ${fn} must call requireOrgPermission/requirePermission/requireUser`).toMatch(checksPermission);
    }
  });

  test.each(Object.entries(PERMISSION_HELPERS))("%s checks the permission before it runs any command", (name, file) => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, file), "utf8");
    const body = source.match(new RegExp(`export async function ${name}\\b[\\s\\S]*?\\n}`))?.[0] ?? "";
    // Every way out of the helper: the unknown intent's check, and the intent's own permission before its command runs.
    expect(body.match(/await requireOrgPermission\(/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(body.indexOf("requireOrgPermission(request, params.slug, handler.permission)")).toBeLessThan(body.indexOf("handler.run("));
    expect(body.indexOf("handler.run(")).toBeGreaterThan(0);
  });
});

describe("tenancy isolation: a non-member gets 404 from every organisation URL", () => {
  let t: TestDatabase;
  let cookie: string;
  beforeAll(async () => {
    t = freshDatabase();
    useAsAppDatabase(t.db);
    const mine = await createTestOrganisation(t.db, "mine");
    await createTestOrganisation(t.db, "theirs");
    const theirsId = (await t.db.selectFrom("organisations").select("id").where("slug", "=", "theirs").executeTakeFirstOrThrow()).id;
    await t.db.insertInto("staff").values({ organisation_id: theirsId, employee_ref: "T1", job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager" }).execute();
    cookie = await sessionCookie(await createTestUser(t.db, "consultant@example.org", "consultant", [mine]));
  });
  afterAll(async () => t.close());

  const orgRoutes = Object.entries(modules).filter(([file]) => path.basename(file).startsWith("orgs.$slug"));
  test("there are organisation routes to check", () => {
    expect(orgRoutes.length).toBeGreaterThan(5);
  });
  test.each(orgRoutes.map(([file, mod]) => [path.basename(file), mod] as const))("%s", async (_file, mod) => {
    const params = { slug: "theirs", employeeRef: "T1", kind: "scope-decisions", id: "1", runId: "1" };
    if (mod.loader) {
      const result = await call(() => mod.loader!({ request: getRequest("/orgs/theirs/x", cookie), params, context: {} }));
      expect(result.status).toBe(404);
    }
    if (mod.action) {
      const result = await call(() => mod.action!({ request: postRequest("/orgs/theirs/x", { intent: "anything" }, cookie), params, context: {} }));
      expect(result.status).toBe(404);
    }
  });
});
