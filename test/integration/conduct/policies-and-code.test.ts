// Policies and code-of-conduct acknowledgements through the pages' loaders and actions: HR records, executives read.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as policies from "../../../app/routes/orgs.$slug.conduct.policies";
import * as code from "../../../app/routes/orgs.$slug.conduct.code";
import * as overview from "../../../app/routes/orgs.$slug.conduct._index";
import { args, daysAgo, seedPeople, today } from "./helpers";

let t: TestDatabase;
let riverside: number;
let hr: string;
let executive: string;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 1200);
  const oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  await seedPeople(t.db, riverside);
  await seedPeople(t.db, oakfield);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  executive = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
});
afterEach(async () => t.close());

const post = (mod: { action: (a: ReturnType<typeof args>) => Promise<unknown> }, path: string, form: Record<string, string>, cookie = hr) =>
  call(() => mod.action(args(postRequest(path, form, cookie))) as Promise<{ data: { ok: boolean; message: string; errors: Record<string, string> }; init: unknown }>);
const addCode = (version: string, approvedOn: string, extra: Record<string, string> = {}) =>
  post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version, approvedBy: "Board", approvedOn, reviewBy: "", ...extra });

describe("policies", () => {
  test("HR records versions; the latest approved is in force, the earlier is kept as history; overdue reviews are flagged", async () => {
    expect((await addCode("2024", "2024-02-01", { reviewBy: "2025-02-01" })).status).toBe(200);
    expect((await addCode("2026", daysAgo(90), { reviewBy: daysAgo(1), tenantUrl: "https://example.org/code" })).status).toBe(200);
    const d = (await call(() => policies.loader(args(getRequest("/orgs/riverside/conduct/policies", hr))))).data!;
    const code = d.policies.filter((p) => p.kind === "code_of_conduct");
    expect(code.map((p) => [p.version, p.current, p.review.state])).toEqual([
      ["2026", true, "overdue"],
      ["2024", false, "superseded"],
    ]);
    expect(code[0].tenantUrl).toBe("https://example.org/code");
    const audit = await t.db.selectFrom("audit_events").select(["action", "summary"]).where("organisation_id", "=", riverside).where("action", "=", "policy.add").execute();
    expect(audit).toHaveLength(2);
  });

  test("bad input names the field; a duplicate version is a conflict", async () => {
    const bad = await post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version: "", approvedOn: "31/02/2026", tenantUrl: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data!.errors).sort()).toEqual(["approvedOn", "tenantUrl", "version"]);
    await addCode("2026", daysAgo(30));
    const again = await addCode("2026", daysAgo(20));
    expect(again.status).toBe(409);
    expect(again.data!.message).toMatch(/already recorded/);
  });

  test("executives read but cannot record", async () => {
    const d = (await call(() => policies.loader(args(getRequest("/orgs/riverside/conduct/policies", executive))))).data!;
    expect(d.canEdit).toBe(false);
    expect((await addCode("2026", daysAgo(30)).then(() => post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version" }, executive))).status).toBe(403);
  });
});

describe("code of conduct acknowledgements", () => {
  test("everyone active owes one; overdue after the days to acknowledge; a joiner has the days from starting", async () => {
    await addCode("2026", daysAgo(90));
    const view = async (cookie = hr) => (await call(() => code.loader(args(getRequest("/orgs/riverside/conduct/code?show=all", cookie))))).data!;
    let d = await view();
    expect(d).toMatchObject({ required: 4, acknowledged: 0, overdue: 3, due: 1, pct: 0, ackDays: 60 });
    expect(d.people.find((p) => p.ref === "E005")!.state).toBe("due");
    expect(d.people.find((p) => p.ref === "E004")).toBeUndefined(); // left

    const versionId = String(d.code!.id);
    const ok = await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E002", versionId, acknowledgedOn: daysAgo(5) });
    expect(ok.status).toBe(200);
    d = await view();
    expect(d).toMatchObject({ acknowledged: 1, overdue: 2, pct: 25 });
    expect(d.byEmployer.find((g) => g.name === "Acme Repairs Ltd")).toMatchObject({ required: 1, acknowledged: 1, pct: 100 });
    expect(d.byDepartment.find((g) => g.name === "Housing")).toMatchObject({ required: 3, acknowledged: 1 });

    const twice = await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E002", versionId, acknowledgedOn: daysAgo(4) });
    expect(twice.status).toBe(409);
    const unknown = await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "NOPE", versionId, acknowledgedOn: daysAgo(4) });
    expect(unknown.data!.errors.employeeRef).toMatch(/NOPE/);
    const early = await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E001", versionId, acknowledgedOn: daysAgo(200) });
    expect(early.data!.errors.acknowledgedOn).toMatch(/cannot be acknowledged before/);

    // A longer window: nobody is overdue any more.
    expect((await post(code, "/orgs/riverside/conduct/code", { intent: "ack-days", days: "120" })).status).toBe(200);
    expect(await view()).toMatchObject({ ackDays: 120, overdue: 0 });
    expect((await post(code, "/orgs/riverside/conduct/code", { intent: "ack-days", days: "0" })).data!.errors.days).toBeTruthy();

    const overviewData = (await call(() => overview.loader(args(getRequest("/orgs/riverside/conduct", executive))))).data!;
    expect(overviewData.summary.codeOfConduct).toMatchObject({ version: "2026", required: 4, acknowledged: 1 });
    expect(overviewData.summary.asOf).toBe(today);
  });

  test("another organisation's version cannot be acknowledged", async () => {
    await addCode("2026", daysAgo(90));
    const theirs = await t.db.selectFrom("policy_versions").select("id").executeTakeFirstOrThrow();
    const oakHr = await sessionCookie(await createTestUser(t.db, "oak@example.org", "hr", [(await t.db.selectFrom("organisations").select("id").where("slug", "=", "oakfield").executeTakeFirstOrThrow()).id]));
    const r = await call(() => code.action(args(postRequest("/orgs/oakfield/conduct/code", { intent: "acknowledge", employeeRef: "E001", versionId: String(theirs.id), acknowledgedOn: daysAgo(1) }, oakHr), "oakfield")));
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors.versionId).toBeTruthy();
  });

  test("executives cannot record acknowledgements", async () => {
    expect((await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E001", versionId: "1", acknowledgedOn: today }, executive)).status).toBe(403);
  });
});
