import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { seedDemoIfEmpty } from "../../../db/seed-demo";
import { loader as reportLoader } from "../../../app/routes/orgs.$slug.reports.executive";
import { loader as reportsLoader, action as reportsAction } from "../../../app/routes/orgs.$slug.reports._index";
import { loader as exportLoader } from "../../../app/routes/orgs.$slug.exports.$kind[.]csv";
import { loader as portfolioLoader } from "../../../app/routes/portfolio";
import { loader as portfolioCsvLoader } from "../../../app/routes/portfolio[.]csv";
import { listSnapshots, snapshotPeople, takeSnapshot } from "../../../app/models/snapshots.server";
import { sql } from "kysely";
import { bumpRevision } from "../../helpers/revision";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
const userId = async (email: string) => (await t.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const orgId = async (slug: string) => (await t.db.selectFrom("organisations").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  await seedDemoIfEmpty(t.db);
});
afterEach(async () => t.close());

describe("executive report", () => {
  test("shows the headline measures, milestones and a narrative; names only with the annex", async () => {
    const cookie = await sessionCookie(await userId("exec@demo.example"));
    const plain = await call(() => reportLoader(args(getRequest("/orgs/riverside/reports/executive?asOf=2026-10-01", cookie), { slug: "riverside" })));
    expect(plain.status).toBe(200);
    expect(plain.data!.headline.inScope).toBeGreaterThan(100);
    expect(plain.data!.milestones.map((m) => m.name)).toContain("October 2026 enrolment milestone");
    expect(plain.data!.narrative[0]).toMatch(/^On 1 Oct 2026, \d+ of \d+ people in scope meet the legal test; (nobody is|\d+ (is|are)) in breach\.$/);
    expect(plain.data!.narrative.join(" ")).toMatch(/Against our internal targets, \d+ of the \d+ are qualified or enrolled \(\d+(\.\d)?%\)/);
    expect(plain.data!.annex).toBeNull();
    // The conduct page: the conduct summary on the report's date (required = active people when a code is in force).
    expect(plain.data!.conduct.asOf).toBe("2026-10-01");
    expect(plain.data!.conduct.codeOfConduct.required).toEqual(plain.data!.conduct.codeOfConduct.version ? expect.any(Number) : 0);
    const annex = await call(() => reportLoader(args(getRequest("/orgs/riverside/reports/executive?asOf=2026-10-01&annex=1", cookie), { slug: "riverside" })));
    expect(annex.data!.annex!.length).toBe(annex.data!.needsActionCounts.red + annex.data!.needsActionCounts.amber);
  });

  test("a saved snapshot does not change when later data changes", async () => {
    const organisationId = await orgId("riverside");
    const { id, measures } = await takeSnapshot(await organisationScope(t.db, organisationId, { actor: { userId: null, name: "test" } }), { label: "Board pack", trigger: "manual", asOf: "2026-11-01" });
    const peopleBefore = await snapshotPeople(await organisationScope(t.db, organisationId), id);
    // Later: everybody not enrolled leaves (as a full import would mark them)
    await t.db.updateTable("staff").set({ end_date: "2026-06-01" }).where("organisation_id", "=", organisationId).execute();
    const cookie = await sessionCookie(await userId("hr@demo.example"));
    const report = await call(() => reportLoader(args(getRequest(`/orgs/riverside/reports/executive?snapshot=${id}`, cookie), { slug: "riverside" })));
    expect(report.data!.headline).toEqual(measures);
    expect(await snapshotPeople(await organisationScope(t.db, organisationId), id)).toEqual(peopleBefore);
    await expect(sql`update snapshots set label = 'tampered' where id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`update snapshot_people set status = 'qualified' where snapshot_id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/);
  });

  test("HR saves a snapshot for the board pack; an executive may not; another organisation's snapshot is 404", async () => {
    const hr = await sessionCookie(await userId("hr@demo.example"));
    const saved = await call(() => reportsAction(args(postRequest("/orgs/riverside/reports", { label: "November board", asOf: "2026-11-20" }, hr), { slug: "riverside" })));
    expect(saved.response?.status).toBe(302);
    const snapshots = await listSnapshots(await organisationScope(t.db, await orgId("riverside")));
    expect(snapshots[0].label).toBe("November board");
    const empty = await call(() => reportsAction(args(postRequest("/orgs/riverside/reports", { label: " " }, hr), { slug: "riverside" })));
    expect(empty.status).toBe(400);
    const exec = await sessionCookie(await userId("exec@demo.example"));
    const refused = await call(() => reportsAction(args(postRequest("/orgs/riverside/reports", { label: "x" }, exec), { slug: "riverside" })));
    expect(refused.status).toBe(403);
    const oak = await takeSnapshot(await organisationScope(t.db, await orgId("oakfield"), { actor: { userId: null, name: "test" } }), { label: "Oak", trigger: "manual" });
    const leak = await call(() => reportLoader(args(getRequest(`/orgs/riverside/reports/executive?snapshot=${oak.id}`, hr), { slug: "riverside" })));
    expect(leak.status).toBe(404);
  });

  test("comparing two snapshots lists the people whose status changed", async () => {
    const organisationId = await orgId("riverside");
    const actor = { userId: null, name: "test" };
    const a = await takeSnapshot(await organisationScope(t.db, organisationId, { actor: actor }), { label: "Before", trigger: "manual", asOf: "2026-11-01" });
    const person = await t.db
      .selectFrom("snapshot_people")
      .select(["staff_id", "employee_ref"])
      .where("snapshot_id", "=", a.id)
      .where("status", "=", "not_enrolled")
      .executeTakeFirstOrThrow();
    const qualification = await t.db.selectFrom("qualifications").select("id").where("code", "=", "CIH-L5-DH").executeTakeFirstOrThrow();
    await t.db.insertInto("qualification_records").values({ organisation_id: organisationId, staff_id: person.staff_id, qualification_id: qualification.id, status: "achieved", enrolled_on: "2020-01-01", achieved_on: "2021-01-01" }).execute();
    await bumpRevision(t.db, organisationId); // written behind the app's back, as scope.write would mark it
    const b = await takeSnapshot(await organisationScope(t.db, organisationId, { actor: actor }), { label: "After", trigger: "manual", asOf: "2026-11-01" });
    const hr = await sessionCookie(await userId("hr@demo.example"));
    const page = await call(() => reportsLoader(args(getRequest(`/orgs/riverside/reports?compareFrom=${a.id}&compareTo=${b.id}`, hr), { slug: "riverside" })));
    const changed = page.data!.comparison!.changedPeople;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ employeeRef: person.employee_ref, before: { status: "not_enrolled" }, after: { status: "qualified", rag: "green" } });
  });
});

describe("evidence exports", () => {
  test("every export is UTF-8 with BOM, honours its filters and neutralises formulas", async () => {
    const organisationId = await orgId("riverside");
    await t.db.updateTable("scope_decisions").set({ rationale: "=HYPERLINK(\"http://evil\")" }).where("organisation_id", "=", organisationId).where("category", "=", "senior_manager").execute();
    await t.db.updateTable("qualification_records").set({ provider: "@Evil Provider" }).where("organisation_id", "=", organisationId).where("status", "=", "withdrawn").execute();
    await t.db.insertInto("import_runs").values({ organisation_id: organisationId, actor: "hr@demo.example", kind: "staff", mode: "full", file_name: "+staff.csv", file_sha256: "abc", mapping_json: "{}", status: "applied", counts_json: JSON.stringify({ rows: 3, added: 3 }) }).execute();
    const exec = await sessionCookie(await userId("exec@demo.example"));
    const get = async (kind: string, query = "") => {
      const r = await call(() => exportLoader(args(getRequest(`/orgs/riverside/exports/${kind}.csv${query}`, exec), { slug: "riverside", kind })));
      const bytes = new Uint8Array(await r.response!.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    };
    const decisions = await get("scope-decisions", "?category=senior_manager");
    expect(decisions[0]).toBe("job_title,category,category_label,required_level,time_managing_pct,rationale,decided_by,decided_on,review_date,review_overdue,people_holding_title,consistency_checks");
    expect(decisions.slice(1).every((l) => l.includes(",senior_manager,Senior housing manager,4,"))).toBe(true);
    // The consistency checks column comes from the rule: every manager-level row here has a rationale.
    expect(decisions.slice(1).filter((l) => l.includes("needs a rationale"))).toEqual([]);
    const oneFrontline = await t.db.selectFrom("scope_decisions").select(["id", "job_title"]).where("organisation_id", "=", organisationId).where("category", "=", "frontline").orderBy("id").executeTakeFirstOrThrow();
    await t.db.updateTable("scope_decisions").set({ time_managing_pct: 75 }).where("id", "=", oneFrontline.id).execute();
    const frontline = await get("scope-decisions", "?category=frontline");
    const flagged = frontline.slice(1).filter((l) => l.includes("Frontline, yet 75%"));
    expect(flagged).toHaveLength(1);
    expect(flagged[0].startsWith(oneFrontline.job_title)).toBe(true);
    expect(decisions[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const records = await get("qualification-records", "?status=withdrawn");
    expect(records.length).toBeGreaterThan(1);
    expect(records.slice(1).every((l) => l.includes(",'@Evil Provider,withdrawn,Withdrawn,"))).toBe(true);
    const history = await get("import-history");
    expect(history[1]).toContain(",'+staff.csv,");
    // Excel reads "yyyy-mm-dd hh:mm" (UK local time) as a date and time.
    expect(history[1].split(",")[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const unknown = await call(() => exportLoader(args(getRequest(`/orgs/riverside/exports/passwords.csv`, exec), { slug: "riverside", kind: "passwords" })));
    expect(unknown.status).toBe(404);
    const nonMember = await call(() => exportLoader(args(getRequest(`/orgs/oakfield/exports/scope-decisions.csv`, exec), { slug: "oakfield", kind: "scope-decisions" })));
    expect(nonMember.status).toBe(404);
  });
});

describe("consultant portfolio", () => {
  test("lists exactly the consultant's organisations with figures from the rules, sortable, as CSV too", async () => {
    await t.db.insertInto("organisations").values({ slug: "elsewhere", name: "Elsewhere Homes", homes_owned: 100 }).execute();
    const consultant = await sessionCookie(await userId("consultant@demo.example"));
    const page = await call(() => portfolioLoader(args(getRequest("/portfolio?sort=homes&dir=desc&asOf=2026-10-01", consultant))));
    expect(page.data!.rows.map((r) => r.slug)).toEqual(["riverside", "oakfield"]);
    expect(page.data!.rows[0].inScope).toBeGreaterThan(100);
    expect(page.data!.rows[0].trend).toHaveLength(13);
    expect(Object.keys(page.data!.rows[0].conduct).sort()).toEqual(["appraisalOverdue", "codeOverdue", "codeVersion", "pctCodeAcknowledged", "pctTrainingCurrent", "policiesDueForReview", "supervisionOverdue"]);
    const csv = await call(() => portfolioCsvLoader(args(getRequest("/portfolio.csv?sort=name", consultant))));
    const text = await csv.response!.text();
    expect(text).toContain("Oakfield Housing Co-operative (demo),oakfield,800,");
    expect(text).toContain(",decisions_needed,code_of_conduct_version,pct_code_acknowledged,code_overdue,supervision_overdue,appraisal_overdue,pct_training_current,policies_due_for_review,next_milestone,");
    expect(text).not.toContain("elsewhere");
    const hr = await sessionCookie(await userId("hr@demo.example"));
    expect((await call(() => portfolioLoader(args(getRequest("/portfolio", hr))))).status).toBe(403);
    const admin = await sessionCookie(await userId("admin@demo.example"));
    expect((await call(() => portfolioLoader(args(getRequest("/portfolio", admin))))).data!.rows).toHaveLength(3);
  });
});
