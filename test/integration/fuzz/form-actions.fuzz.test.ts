/// <reference types="vite/client" />
/**
 * Hostile input for every form action: random strings, very long values, control characters, HTML and script,
 * impossible dates and numbers, sent with every intent the route knows. Nothing may throw an unhandled error or
 * answer 5xx; a bad value gets a 4xx with a message.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, postRequest, sessionCookie } from "../../helpers/requests";
import { seedDemoIfEmpty } from "../../../db/seed-demo";
import { stageUpload } from "../../../app/models/import-staging.server";
import { organisationScope } from "../../helpers/scope";

const routesDir = path.resolve(import.meta.dirname, "../../../app/routes");
const modules = import.meta.glob("../../../app/routes/*.tsx", { eager: true }) as Record<string, { action?: Function }>;

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "x".repeat(20_000),
  "\u0000\u0001\u0002\u001b[31m\u007f",
  "2026-02-31",
  "31/02/2024",
  "-1",
  "1e309",
  "NaN",
  "99999999999999999999",
  "' OR 1=1 --",
  "../../../etc/passwd",
  "=HYPERLINK(\"http://evil\")",
  "senior_executive",
  "achieved",
  "2026-10-01",
  "",
  " ",
  "🏠🔥",
];

function fieldsAndIntents(source: string): { fields: string[]; intents: string[] } {
  const fields = new Set<string>();
  for (const m of source.matchAll(/name="([A-Za-z0-9_.\-]+)"/g)) fields.add(m[1]);
  const intents = new Set<string>(["", "unknown-intent"]);
  for (const m of source.matchAll(/name="intent" value="([a-z-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/intent === "([a-z-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/case "([a-z-]+)":/g)) intents.add(m[1]);
  intents.delete("apply"); // applying an upload is covered by the importer fuzz tests
  return { fields: [...fields].filter((f) => f !== "intent"), intents: [...intents] };
}

let t: TestDatabase;
let cookie: string;
let token: string;
beforeAll(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  await seedDemoIfEmpty(t.db);
  const admin = await t.db.selectFrom("users").select("id").where("email", "=", "admin@demo.example").executeTakeFirstOrThrow();
  cookie = await sessionCookie(admin.id);
  const riverside = await t.db.selectFrom("organisations").select("id").where("slug", "=", "riverside").executeTakeFirstOrThrow();
  token = await stageUpload(await organisationScope(t.db, riverside.id), { kind: "staff", mode: "partial", fileName: "f.csv", bytes: new TextEncoder().encode("employee_ref,job_title\nZ1,Housing Officer\n"), uploadedBy: "fuzz" });
});
afterAll(async () => t.close());

const withActions = Object.entries(modules).filter(([, mod]) => typeof mod.action === "function");

describe("every form action survives hostile input", () => {
  test("there are form actions to fuzz", () => {
    expect(withActions.length).toBeGreaterThan(6);
  });

  test.each(withActions.map(([file, mod]) => [path.basename(file), mod] as const))("%s", async (file, mod) => {
    const { fields, intents } = fieldsAndIntents(fs.readFileSync(path.join(routesDir, file), "utf8"));
    const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.integer().map(String));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...intents), fc.dictionary(fc.constantFrom(...(fields.length ? fields : ["x"])), value, { maxKeys: fields.length || 1 }), async (intent, form) => {
        const body: Record<string, string> = { ...form };
        if (intent) body.intent = intent;
        const params = { slug: "riverside", employeeRef: "R00001", token, kind: "scope-decisions", runId: "1" };
        const result = await call(() => mod.action!({ request: postRequest(`/orgs/riverside/x`, body, cookie), params, context: {} }));
        expect(result.status, `${file} intent=${intent} → ${result.status}`).toBeLessThan(500);
      }),
      { numRuns: 25, seed: 20261123 },
    );
  });
});
