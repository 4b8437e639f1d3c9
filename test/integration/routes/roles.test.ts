import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action, loader } from "../../../app/routes/orgs.$slug.roles";
import { evaluateOrganisation, todayIso } from "../../../app/models/compliance.server";
import { normaliseJobTitle } from "../../../app/compliance/scope";
import type { DB } from "../../../db/connection";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let hr: string;

const args = (request: Request, params: Record<string, string> = { slug: "riverside" }) => ({ request, params, context: {} });

let refCounter = 0;
async function addStaff(db: DB, organisationId: number, jobTitle: string, count: number, extra: { end_date?: string; start_date?: string } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = await db
      .insertInto("staff")
      .values({
        organisation_id: organisationId,
        employee_ref: `E${++refCounter}`,
        first_name: "Pat",
        last_name: `Person${refCounter}`,
        job_title: jobTitle,
        job_title_normalised: normaliseJobTitle(jobTitle),
        start_date: extra.start_date ?? "2020-01-01",
        role_start_date: null,
        end_date: extra.end_date ?? null,
        updated_at: new Date().toISOString(),
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

async function decide(db: DB, organisationId: number, jobTitle: string, category: "senior_executive" | "senior_manager" | "frontline" | "out_of_scope", extra: { review_date?: string } = {}) {
  await db
    .insertInto("scope_decisions")
    .values({
      organisation_id: organisationId,
      job_title: jobTitle,
      job_title_normalised: normaliseJobTitle(jobTitle),
      category,
      time_managing_pct: 60,
      rationale: "Seeded decision",
      decided_by: "seed@example.org",
      decided_on: "2025-01-10",
      review_date: extra.review_date ?? null,
    })
    .execute();
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 12000);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  // Riverside: 3 Neighbourhood Managers (one spelt differently), 5 Compliance Managers, 2 Heads of Income,
  // 4 Housing Officers (decided: frontline), one leaver holding a title nobody else has.
  await addStaff(t.db, riverside, "Neighbourhood Manager", 2);
  await addStaff(t.db, riverside, "neighbourhood  manager", 1);
  await addStaff(t.db, riverside, "Compliance Manager", 5);
  await addStaff(t.db, riverside, "Head of Income", 2);
  await addStaff(t.db, riverside, "Housing Officer", 4);
  await addStaff(t.db, riverside, "Old Title Officer", 1, { end_date: "2021-01-01" });
  await decide(t.db, riverside, "Housing Officer", "frontline");
  // Another organisation's staff and decisions never show.
  await addStaff(t.db, oakfield, "Oakfield Only Manager", 3);
  await decide(t.db, oakfield, "Oakfield Decided Title", "senior_manager");
});
afterEach(async () => t.close());

function statusesOf(measures: Awaited<ReturnType<typeof evaluateOrganisation>>["measures"], data: Awaited<ReturnType<typeof evaluateOrganisation>>["data"], title: string) {
  const ids = new Set(data.staff.filter((s) => normaliseJobTitle(s.jobTitle) === normaliseJobTitle(title)).map((s) => s.id));
  return measures.people.filter((p) => ids.has(p.staffId)).map((p) => p.status);
}

describe("role mapping loader", () => {
  test("lists active staff's job titles, unmapped first with counts and the most common spelling", async () => {
    const res = await call(() => loader(args(getRequest("/orgs/riverside/roles", hr))));
    expect(res.status).toBe(200);
    const d = res.data!;
    expect(d.canDecide).toBe(true);
    expect(d.titles.map((x) => [x.jobTitle, x.people, x.decision ? x.decision.category : null])).toEqual([
      ["Compliance Manager", 5, null],
      ["Neighbourhood Manager", 3, null],
      ["Head of Income", 2, null],
      ["Housing Officer", 4, "frontline"],
    ]);
    expect(d.titles[1].otherSpellings).toEqual(["neighbourhood  manager"]);
    expect(d.summary).toMatchObject({ titles: 4, unmappedTitles: 3, unmappedPeople: 10, decidedTitles: 1, reviewOverdue: 0 });
    // Suggestions are shown, never applied.
    expect(d.titles[1].suggestion).toMatchObject({ category: "senior_manager" });
    expect(d.titles[2].suggestion).toMatchObject({ category: "senior_executive" });
    expect(await t.db.selectFrom("scope_decisions").select("id").where("organisation_id", "=", riverside).execute()).toHaveLength(1);
    // The leaver's title and the other organisation's rows are not listed.
    expect(JSON.stringify(d)).not.toContain("Old Title Officer");
    expect(JSON.stringify(d)).not.toContain("Oakfield");
  });

  test("decisions past their review date are flagged; decisions for titles nobody holds are listed", async () => {
    await t.db.updateTable("scope_decisions").set({ review_date: "2020-06-30" }).where("organisation_id", "=", riverside).execute();
    await decide(t.db, riverside, "Lettings Manager", "senior_manager", { review_date: "2999-01-01" });
    const d = (await call(() => loader(args(getRequest("/orgs/riverside/roles", hr))))).data!;
    const officer = d.titles.find((x) => x.jobTitle === "Housing Officer")!;
    expect(officer.decision).toMatchObject({ reviewDate: "2020-06-30", reviewOverdue: true });
    expect(d.summary.reviewOverdue).toBe(1);
    expect(d.orphanDecisions.map((o) => [o.jobTitle, o.reviewOverdue])).toEqual([["Lettings Manager", false]]);
  });

  test("scope consistency checks: each decision carries the checks it fails, counted in the summary", async () => {
    // The seeded Housing Officer decision is frontline at 60% of time managing housing services.
    await decide(t.db, riverside, "Compliance Manager", "senior_manager");
    await t.db
      .updateTable("scope_decisions")
      .set({ time_managing_pct: 20, rationale: "Manages contractors" })
      .where("organisation_id", "=", riverside)
      .where("job_title_normalised", "=", "compliance manager")
      .execute();
    await decide(t.db, riverside, "Head of Income", "senior_executive");
    const d = (await call(() => loader(args(getRequest("/orgs/riverside/roles", hr))))).data!;
    const checks = (title: string) => d.titles.find((x) => x.jobTitle === title)!.decision!.checks.map((c) => c.code);
    expect(checks("Housing Officer")).toEqual(["not_manager_at_half_time"]);
    expect(checks("Compliance Manager")).toEqual(["manager_under_half_time"]);
    expect(checks("Head of Income")).toEqual([]);
    expect(d.summary.inconsistent).toBe(2);
  });

  test("?edit= prefills the decision being changed", async () => {
    const d = (await call(() => loader(args(getRequest("/orgs/riverside/roles?edit=Housing%20Officer", hr))))).data!;
    expect(d.edit).toBe("housing officer");
    expect(d.editDecision).toMatchObject({ category: "frontline", rationale: "Seeded decision" });
  });
});

describe("role mapping decisions", () => {
  test("deciding a title moves its people from decision needed to not enrolled, with an audit event and the impact", async () => {
    const today = todayIso();
    const before = await evaluateOrganisation(new OrganisationReader(t.db, riverside), today);
    expect(statusesOf(before.measures, before.data, "Compliance Manager")).toEqual(Array(5).fill("decision_needed"));
    const inScopeBefore = before.measures.inScope;

    const res = await call(() =>
      action(args(postRequest("/orgs/riverside/roles", { intent: "decide", title: "Compliance Manager", category: "senior_manager", timeManagingPct: "65", rationale: "Manages gas and fire safety compliance for tenants' homes", reviewDate: "2027-06-30" }, hr))),
    );
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ ok: true, decided: ["Compliance Manager"] });
    expect((res.data as unknown as { notice: string }).notice).toBe(`1 title decided; 5 people now need Level 4. People in scope: ${inScopeBefore} → ${inScopeBefore + 5}.`);

    const row = await t.db.selectFrom("scope_decisions").selectAll().where("organisation_id", "=", riverside).where("job_title_normalised", "=", "compliance manager").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ job_title: "Compliance Manager", category: "senior_manager", time_managing_pct: 65, decided_by: "hr@example.org", decided_on: today, review_date: "2027-06-30" });

    const after = await evaluateOrganisation(new OrganisationReader(t.db, riverside), today);
    expect(statusesOf(after.measures, after.data, "Compliance Manager")).toEqual(Array(5).fill("not_enrolled"));
    expect(after.measures.unmappedCount).toBe(before.measures.unmappedCount - 5);

    const audits = await t.db.selectFrom("audit_events").selectAll().where("organisation_id", "=", riverside).execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "scope_decision.create", entity: "scope_decision", entity_id: String(row.id), actor: "hr@example.org", before_json: null });
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ category: "senior_manager", rationale: "Manages gas and fire safety compliance for tenants' homes" });
    expect(audits[0].summary).toBe("Compliance Manager: Unmapped → Senior housing manager");
  });

  test("one decision applied to several titles at once; an existing decision is updated with its before and after", async () => {
    const res = await call(() =>
      action(
        args(
          postRequest(
            "/orgs/riverside/roles",
            { intent: "decide", title: ["Neighbourhood Manager", "Head of Income", "housing officer"], category: "senior_executive", timeManagingPct: "", rationale: "Bulk test", reviewDate: "" },
            hr,
          ),
        ),
      ),
    );
    expect(res.status).toBe(200);
    expect((res.data as unknown as { notice: string }).notice).toMatch(/^3 titles decided; 9 people now need Level 5\./);
    const rows = await t.db.selectFrom("scope_decisions").selectAll().where("organisation_id", "=", riverside).orderBy("job_title_normalised").execute();
    expect(rows.map((r) => [r.job_title_normalised, r.category, r.rationale, r.time_managing_pct, r.review_date])).toEqual([
      ["head of income", "senior_executive", "Bulk test", null, null],
      ["housing officer", "senior_executive", "Bulk test", null, null],
      ["neighbourhood manager", "senior_executive", "Bulk test", null, null],
    ]);
    const audits = await t.db.selectFrom("audit_events").selectAll().where("organisation_id", "=", riverside).orderBy("id").execute();
    expect(audits.map((a) => a.action)).toEqual(["scope_decision.create", "scope_decision.create", "scope_decision.update"]);
    const update = audits[2];
    expect(JSON.parse(update.before_json!)).toMatchObject({ category: "frontline", rationale: "Seeded decision", decided_by: "seed@example.org" });
    expect(JSON.parse(update.after_json!)).toMatchObject({ category: "senior_executive", rationale: "Bulk test", decided_by: "hr@example.org" });

    const d = (await call(() => loader(args(getRequest("/orgs/riverside/roles", hr))))).data!;
    expect(d.titles.map((x) => x.jobTitle)).toEqual(["Compliance Manager", "Housing Officer", "Neighbourhood Manager", "Head of Income"]);
  });

  test("the rationale is required: 400 with a field error, what was typed kept, and nothing written", async () => {
    const res = await call(() =>
      action(args(postRequest("/orgs/riverside/roles", { intent: "decide", title: ["Compliance Manager", "Head of Income"], category: "senior_manager", timeManagingPct: "70", rationale: "   ", reviewDate: "" }, hr))),
    );
    expect(res.status).toBe(400);
    const body = res.data as unknown as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(body.errors.rationale).toMatch(/rationale/i);
    expect(body.values).toMatchObject({ titles: ["Compliance Manager", "Head of Income"], category: "senior_manager", timeManagingPct: "70" });
    expect(await t.db.selectFrom("scope_decisions").select("id").where("organisation_id", "=", riverside).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("audit_events").select("id").execute()).toHaveLength(0);
  });

  test("other validation: no title ticked, no category, bad percentage and date, a title the organisation does not have", async () => {
    const bad = await call(() => action(args(postRequest("/orgs/riverside/roles", { intent: "decide", category: "", timeManagingPct: "150", rationale: "x", reviewDate: "2027-02-30" }, hr))));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as unknown as { errors: object }).errors).sort()).toEqual(["category", "reviewDate", "timeManagingPct", "titles"]);
    const foreign = await call(() => action(args(postRequest("/orgs/riverside/roles", { intent: "decide", title: "Oakfield Only Manager", category: "frontline", rationale: "x" }, hr))));
    expect(foreign.status).toBe(400);
    expect((foreign.data as unknown as { errors: Record<string, string> }).errors.titles).toContain("Oakfield Only Manager");
    expect(await t.db.selectFrom("scope_decisions").select("id").where("organisation_id", "=", riverside).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("audit_events").select("id").execute()).toHaveLength(0);
  });
});

describe("role mapping permissions", () => {
  test("an executive reads but may not decide (403); a non-member gets 404", async () => {
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const read = await call(() => loader(args(getRequest("/orgs/riverside/roles", exec))));
    expect(read.status).toBe(200);
    expect(read.data?.canDecide).toBe(false);
    const post = await call(() => action(args(postRequest("/orgs/riverside/roles", { intent: "decide", title: "Compliance Manager", category: "senior_manager", rationale: "x" }, exec))));
    expect(post.status).toBe(403);
    expect(await t.db.selectFrom("scope_decisions").select("id").where("organisation_id", "=", riverside).execute()).toHaveLength(1);

    for (const request of [getRequest("/orgs/oakfield/roles", hr)]) {
      expect((await call(() => loader(args(request, { slug: "oakfield" })))).status).toBe(404);
    }
    const foreignPost = await call(() => action(args(postRequest("/orgs/oakfield/roles", { intent: "decide", title: "Oakfield Only Manager", category: "frontline", rationale: "x" }, hr), { slug: "oakfield" })));
    expect(foreignPost.status).toBe(404);
    expect(oakfield).toBeGreaterThan(0);
  });
});
