// The reminders page's loader and actions: settings saved through the scope (and audited), errors per field,
// permissions (executives read, cannot send or change), and tenancy (another organisation's outbox file is 404).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { action, loader } from "../../../app/routes/orgs.$slug.reminders";
import { loader as outboxLoader } from "../../../app/routes/orgs.$slug.reminders.outbox.$sendId[.]eml";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";

let t: TestDatabase;
let hr: string;
let exec: string;
let orgId: number;
beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  orgId = await createTestOrganisation(t.db, "northside");
  hr = await sessionCookie(await createTestUser(t.db, "hr@northside.example", "hr", [orgId]));
  exec = await sessionCookie(await createTestUser(t.db, "exec@northside.example", "executive", [orgId]));
});
afterEach(async () => t.close());

const SETTINGS = { intent: "settings", lineManagerDigest: "on", hrDigest: "on", frequency: "monthly", enrolLeadDays: "90", dueLeadDays: "14", copyTo: "HR-Team@northside.example" };

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("reminders page", () => {
  test("HR saves the settings; the page shows them; the change is audited and bumps the organisation's revision", async () => {
    const before = await t.db.selectFrom("organisations").select("revision").where("id", "=", orgId).executeTakeFirstOrThrow();
    const saved = await action({ request: postRequest("/orgs/northside/reminders", SETTINGS, hr), params: { slug: "northside" }, context: {} });
    expect(saved).toMatchObject({ notice: "Reminder settings saved" });
    const page = (await loader({ request: getRequest("/orgs/northside/reminders", hr), params: { slug: "northside" }, context: {} })) as Awaited<ReturnType<typeof loader>>;
    expect(page.view.settings).toEqual({
      leadTimes: { enrolLeadDays: 90, dueLeadDays: 14 },
      digests: { lineManagerDigest: true, hrDigest: true, executiveDigest: false, frequency: "monthly", copyTo: ["hr-team@northside.example"], executiveNames: false },
    });
    expect(page.canManage).toBe(true);
    const audit = await t.db.selectFrom("audit_events").select(["action", "actor"]).where("organisation_id", "=", orgId).execute();
    expect(audit).toContainEqual({ action: "reminders.settings", actor: "hr@northside.example" });
    const after = await t.db.selectFrom("organisations").select("revision").where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(Number(after.revision)).toBeGreaterThan(Number(before.revision));

    // Saving again updates the one row.
    await action({ request: postRequest("/orgs/northside/reminders", { ...SETTINGS, enrolLeadDays: "30" }, hr), params: { slug: "northside" }, context: {} });
    expect(await t.db.selectFrom("reminder_settings").select(["enrol_lead_days"]).execute()).toEqual([{ enrol_lead_days: 30 }]);
  });

  test("bad values come back per field and nothing is saved", async () => {
    const result = await action({ request: postRequest("/orgs/northside/reminders", { ...SETTINGS, enrolLeadDays: "-3", frequency: "daily", copyTo: "a@x.org, nope" }, hr), params: { slug: "northside" }, context: {} });
    const body = (result as { data: { errors: Record<string, string> } }).data ?? result;
    expect((body as { errors: Record<string, string> }).errors).toMatchObject({ enrolLeadDays: "The enrol-by lead time cannot be negative", frequency: "Choose weekly or monthly" });
    const copy = await action({ request: postRequest("/orgs/northside/reminders", { ...SETTINGS, copyTo: "a@x.org, nope" }, hr), params: { slug: "northside" }, context: {} });
    expect(JSON.stringify(copy)).toContain('\\"nope\\" is not an email address');
    expect(await t.db.selectFrom("reminder_settings").selectAll().execute()).toEqual([]);
  });

  test("an executive reads the page but cannot change settings or send", async () => {
    const page = (await loader({ request: getRequest("/orgs/northside/reminders", exec), params: { slug: "northside" }, context: {} })) as Awaited<ReturnType<typeof loader>>;
    expect(page.canManage).toBe(false);
    for (const form of [SETTINGS, { intent: "send" }]) {
      const refused = await run(() => action({ request: postRequest("/orgs/northside/reminders", form, exec), params: { slug: "northside" }, context: {} }));
      expect((refused as Response).status).toBe(403);
    }
  });

  test("another organisation's outbox entry is not found", async () => {
    const otherId = await createTestOrganisation(t.db, "southside");
    const row = await t.db
      .insertInto("digest_sends")
      .values({ organisation_id: otherId, digest: "hr", recipient: "x@southside.example", period: "2026-W49", subject: "S", item_count: 1, status: "written", outbox_file: "x.eml", sent_by: "cli", created_at: "2026-12-01T00:00:00Z", updated_at: "2026-12-01T00:00:00Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const response = await run(() => outboxLoader({ request: getRequest(`/orgs/northside/reminders/outbox/${row.id}`, hr), params: { slug: "northside", sendId: String(row.id) }, context: {} }));
    expect((response as Response).status).toBe(404);
  });
});
