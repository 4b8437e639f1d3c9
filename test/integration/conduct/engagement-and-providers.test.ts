// Tenant engagement log and contractor assurance through the pages' loaders and actions: HR records, executives read.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as engagement from "../../../app/routes/orgs.$slug.conduct.engagement";
import * as policies from "../../../app/routes/orgs.$slug.conduct.policies";
import * as providers from "../../../app/routes/orgs.$slug.conduct.providers";
import { args, daysAgo, seedPeople } from "./helpers";

let t: TestDatabase;
let riverside: number;
let hr: string;
let executive: string;
let otherHr: string;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 1200);
  const oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  await seedPeople(t.db, riverside);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  executive = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
  otherHr = await sessionCookie(await createTestUser(t.db, "hr@oakfield.example", "hr", [oakfield]));
});
afterEach(async () => t.close());

type ActionData = { ok: boolean; message: string; errors: Record<string, string> };
const post = (mod: { action: (a: ReturnType<typeof args>) => Promise<unknown> }, path: string, form: Record<string, string>, cookie = hr, slug = "riverside") =>
  call(() => mod.action(args(postRequest(path, form, cookie), slug)) as Promise<ActionData>);

describe("tenant engagement log", () => {
  test("HR records entries about a policy version, newest first; bad input names the field; removal is audited", async () => {
    await post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version: "2026", approvedBy: "Board", approvedOn: daysAgo(90) });
    const versionId = String((await t.db.selectFrom("policy_versions").select("id").executeTakeFirstOrThrow()).id);
    const path = "/orgs/riverside/conduct/engagement";
    const first = await post(engagement, path, { intent: "record-engagement", heldOn: daysAgo(60), kind: "scrutiny_meeting", title: "Scrutiny panel on the draft code", policyVersionId: versionId, influence: "Asked for plain English", outcome: "Rewritten section 3" });
    expect(first.status).toBe(200);
    expect((await post(engagement, path, { intent: "record-engagement", heldOn: daysAgo(5), kind: "survey", title: "Annual survey" })).status).toBe(200);

    const bad = await post(engagement, path, { intent: "record-engagement", heldOn: "2999-01-01", kind: "party", title: "", policyVersionId: "999999" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data!.errors).sort()).toEqual(["kind", "title"]);
    const future = await post(engagement, path, { intent: "record-engagement", heldOn: "2999-01-01", kind: "panel", title: "Later" });
    expect(future.data!.errors.heldOn).toMatch(/future/);
    const foreign = await post(engagement, path, { intent: "record-engagement", heldOn: daysAgo(1), kind: "panel", title: "X", policyVersionId: "999999" });
    expect(foreign.data!.errors.policyVersionId).toMatch(/this organisation/);

    const d = (await call(() => engagement.loader(args(getRequest(path, executive))))).data!;
    expect(d.canRecord).toBe(false);
    expect(d.entries.map((e) => [e.title, e.policy?.version ?? null])).toEqual([
      ["Annual survey", null],
      ["Scrutiny panel on the draft code", "2026"],
    ]);
    expect(d.entries[1].outcome).toBe("Rewritten section 3");

    // Executives cannot record or remove; another organisation's HR cannot reach the entry.
    expect((await post(engagement, path, { intent: "remove-engagement", engagementId: String(d.entries[0].id) }, executive)).status).toBe(403);
    expect((await post(engagement, "/orgs/oakfield/conduct/engagement", { intent: "remove-engagement", engagementId: String(d.entries[0].id) }, otherHr, "oakfield")).status).toBe(404);
    expect((await post(engagement, path, { intent: "remove-engagement", engagementId: String(d.entries[0].id) })).status).toBe(200);
    expect(await t.db.selectFrom("tenant_engagements").select("title").execute()).toEqual([{ title: "Scrutiny panel on the draft code" }]);
    const audit = await t.db.selectFrom("audit_events").select("action").where("organisation_id", "=", riverside).where("action", "like", "tenant_engagement.%").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["tenant_engagement.add", "tenant_engagement.add", "tenant_engagement.remove"]);
  });
});

describe("contractor assurance", () => {
  const path = "/orgs/riverside/conduct/providers";
  const addProvider = (name: string, extra: Record<string, unknown> = {}) =>
    t.db.insertInto("service_providers").values({ organisation_id: riverside, name, name_normalised: name.toLowerCase(), comprehensive: 0, contract_ref: null, review_date: null, note: null, ...extra }).returning("id").executeTakeFirstOrThrow();

  test("each provider of the register with its clauses, last return and next due; overdue and missing flagged with reasons", async () => {
    const acme = await addProvider("Acme Repairs Ltd", { competence_clause: 1, conduct_clause: 1, assurance_months: 12 });
    const brick = await addProvider("Brick & Co", { assurance_months: 6 });
    expect((await post(providers, path, { intent: "record-return", providerId: String(acme.id), receivedOn: daysAgo(400), summary: "All staff checked" })).status).toBe(200);
    expect((await post(providers, path, { intent: "record-return", providerId: String(acme.id), receivedOn: daysAgo(30) })).status).toBe(200);
    expect((await post(providers, path, { intent: "set-clauses", providerId: String(brick.id), competenceClause: "yes", assuranceMonths: "6" })).status).toBe(200);

    const d = (await call(() => providers.loader(args(getRequest(path, executive))))).data!;
    expect(d.canRecord).toBe(false);
    const byName = new Map(d.providers.map((p) => [p.provider.name, p]));
    const a = byName.get("Acme Repairs Ltd")!;
    expect([a.assurance.state, a.assurance.clauses, a.assurance.lastReturnOn, a.returns.length, a.provider.activeStaff]).toEqual(["current", "both", daysAgo(30), 2, 1]);
    const b = byName.get("Brick & Co")!;
    expect([b.assurance.state, b.assurance.clauses]).toEqual(["none_received", "competence_only"]);
    expect(b.assurance.reasons.join(" ")).toMatch(/no conduct clause.*No assurance return/);
    expect(d.needingAction).toBe(1);

    // A return older than the interval is overdue, with the dates in the reason.
    const old = a.returns.find((r) => r.receivedOn === daysAgo(30))!;
    expect((await post(providers, path, { intent: "remove-return", returnId: String(old.id) })).status).toBe(200);
    const after = (await call(() => providers.loader(args(getRequest(path, hr))))).data!;
    const acmeNow = after.providers.find((p) => p.provider.name === "Acme Repairs Ltd")!;
    expect(acmeNow.assurance.state).toBe("overdue");
    expect(acmeNow.assurance.reasons.join(" ")).toMatch(/overdue: the last arrived/);
  });

  test("bad input names the field; executives and other organisations cannot write", async () => {
    const acme = await addProvider("Acme Repairs Ltd");
    const bad = await post(providers, path, { intent: "record-return", providerId: String(acme.id), receivedOn: "31/02/2026" });
    expect(bad.status).toBe(400);
    expect(bad.data!.errors.receivedOn).toMatch(/real date/);
    const months = await post(providers, path, { intent: "set-clauses", providerId: String(acme.id), assuranceMonths: "0" });
    expect(months.data!.errors.assuranceMonths).toMatch(/at least/);
    expect((await post(providers, path, { intent: "record-return", providerId: String(acme.id), receivedOn: daysAgo(1) }, executive)).status).toBe(403);
    const foreign = await post(providers, "/orgs/oakfield/conduct/providers", { intent: "record-return", providerId: String(acme.id), receivedOn: daysAgo(1) }, otherHr, "oakfield");
    expect(foreign.data!.errors.providerId).toMatch(/this organisation/);
    expect((await post(providers, "/orgs/oakfield/conduct/providers", { intent: "set-clauses", providerId: String(acme.id), assuranceMonths: "12" }, otherHr, "oakfield")).status).toBe(404);
    expect(await t.db.selectFrom("provider_assurance_returns").select("id").execute()).toEqual([]);
    const audit = await t.db.selectFrom("audit_events").select("action").where("action", "like", "service_provider.%").execute();
    expect(audit).toEqual([]);
  });
});

describe("what each reader is offered", () => {
  test("an empty register asks only those who may fill it to add providers; an unknown form is refused after the page's own permission", async () => {
    const path = "/orgs/riverside/conduct/providers";
    const asHr = (await call(() => providers.loader(args(getRequest(path, hr))))).data!;
    const asExecutive = (await call(() => providers.loader(args(getRequest(path, executive))))).data!;
    expect(asHr.providers).toEqual([]);
    expect([asHr.canEditRegister, asExecutive.canEditRegister]).toEqual([true, false]);
    // Engagement and contractor forms all need org.records: an executive's unknown form is 403, HR's is "Unknown action.".
    expect((await post(engagement, "/orgs/riverside/conduct/engagement", { intent: "nonsense" }, executive)).status).toBe(403);
    const unknown = await post(providers, path, { intent: "nonsense" });
    expect([unknown.status, unknown.data!.message]).toEqual([400, "Unknown action."]);
  });
});
