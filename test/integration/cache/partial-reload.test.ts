/**
 * After a write, a process holding an organisation at revision r reads organisation_changes for the revisions
 * since r and reloads only the parts those writes changed (decision 0056). For each kind of write the partial
 * reload must give exactly what a fresh full load gives; a gap in the log means a full load; a write to A leaves
 * B's copy warm and is visible on A at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { bumpRevision } from "../../helpers/revision";
import { evaluateOrganisation, evaluationCacheStats, isEvaluationCached, partsChangedSince, todayIso } from "../../../app/models/compliance.server";
import { buildComplianceContext } from "../../../app/compliance/context";
import { measureOrganisation } from "../../../app/compliance/measures";
import { loadOrganisationData } from "../../../app/models/organisation-data.server";
import { OrganisationReader, type OrganisationWriter } from "../../../app/models/organisation-scope.server";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let a: number;
let b: number;
let qualificationId: number;
const today = todayIso();
const now = new Date().toISOString();

const scopeOf = (organisationId: number) => organisationScope(t.db, organisationId, { today });

async function write(organisationId: number, fn: (w: OrganisationWriter, staffIds: number[]) => Promise<unknown>) {
  const staffIds = (await t.db.selectFrom("staff").select("id").where("organisation_id", "=", organisationId).orderBy("id").execute()).map((r) => r.id);
  await (await scopeOf(organisationId)).write(async (w) => {
    await fn(w, staffIds);
    await w.audit({ action: "test.write", entity: "test", summary: "A write in a test" });
  });
}

async function addPeople(organisationId: number, prefix: string, titles: string[]) {
  await write(organisationId, (w) =>
    w
      .insertInto(
        "staff",
        titles.map((title, i) => ({ employee_ref: `${prefix}${i}`, first_name: "Pat", last_name: `${prefix}${i}`, job_title: title, job_title_normalised: title.toLowerCase(), start_date: "2020-01-01", created_at: now, updated_at: now })),
      )
      .execute(),
  );
}

/** What a process that never saw the organisation gets: every row read, the rules run afresh. */
async function freshEvaluation(organisationId: number) {
  const data = await loadOrganisationData(new OrganisationReader(t.db, organisationId));
  return { data, measures: measureOrganisation(buildComplianceContext(data), data.staff, today) };
}

beforeEach(async () => {
  t = freshDatabase();
  a = await createTestOrganisation(t.db, "alpha");
  b = await createTestOrganisation(t.db, "beta");
  qualificationId = (await t.db.selectFrom("qualifications").select("id").where("organisation_id", "is", null).where("level", "=", 4).orderBy("id").executeTakeFirstOrThrow()).id;
  await addPeople(a, "A", ["Housing Officer", "Compliance Manager", "Compliance Manager", "Head of Income", "Repairs Operative"]);
  await addPeople(b, "B", ["Housing Officer", "Compliance Manager"]);
});
afterEach(async () => {
  await t.close();
});

/** Each kind of write through scope.write, with the parts it must be recorded as changing. */
const cases: Array<{ kind: string; parts: string[]; run: (w: OrganisationWriter, staffIds: number[]) => Promise<unknown> }> = [
  { kind: "a scope decision", parts: ["decisions"], run: (w) => w.insertInto("scope_decisions", { job_title: "Compliance Manager", job_title_normalised: "compliance manager", category: "senior_manager", time_managing_pct: 60, rationale: "Runs compliance", decided_by: "test", decided_on: today, review_date: null }).execute() },
  { kind: "a person's details", parts: ["staff"], run: (w, ids) => w.updateTable("staff").set({ job_title: "Head of Income", job_title_normalised: "head of income", end_date: "2026-01-31" }).where("id", "=", ids[0]).execute() },
  { kind: "a new joiner", parts: ["staff"], run: (w) => w.insertInto("staff", { employee_ref: "NEW1", first_name: "New", last_name: "Starter", job_title: "Compliance Manager", job_title_normalised: "compliance manager", start_date: today, created_at: now, updated_at: now }).execute() },
  { kind: "an individual decision (override)", parts: ["overrides"], run: (w, ids) => w.insertInto("person_overrides", { staff_id: ids[3], category: "senior_manager", rationale: "Manages the team", decided_by: "test", decided_on: today }).execute() },
  {
    kind: "a qualification record with unit results",
    parts: ["records"],
    run: async (w, ids) => {
      const rec = await w.insertInto("qualification_records", { staff_id: ids[1], qualification_id: qualificationId, provider: "College", status: "enrolled", enrolled_on: "2025-09-01", started_on: "2025-09-01", expected_completion: "2027-03-01", achieved_on: null, certificate_ref: null, evidence_verified_by: null, evidence_verified_on: null, pathway: null, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow();
      await w.insertInto("unit_results", { record_id: rec.id, unit_ref: "U1", result: "pass", achieved_on: "2026-01-10" }).execute();
    },
  },
  { kind: "an absence", parts: ["absences"], run: (w, ids) => w.insertInto("absences", { staff_id: ids[2], kind: "parental", from_date: "2025-01-01", to_date: null, note: null }).execute() },
  { kind: "the organisation's settings", parts: ["settings"], run: (w) => w.updateOrganisation().set({ grace_months: 3, name: "Alpha Renamed" }).execute() },
  { kind: "a milestone", parts: ["settings"], run: (w) => w.insertInto("milestones", { name: "Half way", date: "2027-06-30", measure: "statutory", target_pct: 50, position: 1 }).execute() },
  { kind: "a service provider", parts: ["serviceProviders"], run: (w) => w.insertInto("service_providers", { name: "Fix-it Ltd", name_normalised: "fix-it ltd", comprehensive: 1, contract_ref: null, review_date: null, note: null, created_at: now, updated_at: now }).execute() },
  { kind: "an equivalence assessment", parts: ["equivalences"], run: (w, ids) => w.insertInto("equivalence_assessments", { staff_id: ids[1], qualification_id: qualificationId, assessed_by: "test", assessed_on: "2025-05-01", evidence_ref: "EV1", tqt_hours: 400, outcome: "met", note: null, created_at: now, updated_at: now }).execute() },
  { kind: "a person removed", parts: ["staff"], run: (w, ids) => w.deleteFrom("staff").where("id", "=", ids[4]).execute() },
  { kind: "nothing the rules read (audit only)", parts: [], run: async () => undefined },
];

describe("partial reload after a write (organisation_changes)", () => {
  it.each(cases)("$kind: records its parts, reloads only them, and equals a fresh full load", async ({ parts, run }) => {
    await evaluateOrganisation(new OrganisationReader(t.db, a), today); // this process now holds A
    const from = Number((await t.db.selectFrom("organisations").select("revision").where("id", "=", a).executeTakeFirstOrThrow()).revision);
    await write(a, run);
    expect([...((await partsChangedSince(new OrganisationReader(t.db, a), from, from + 1)) ?? [])].sort()).toEqual(parts);

    const before = evaluationCacheStats();
    const partial = await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    const after = evaluationCacheStats();
    expect(after.partialReloads).toBe(before.partialReloads + 1);
    expect(after.fullLoads).toBe(before.fullLoads);

    const fresh = await freshEvaluation(a);
    expect(partial.data).toEqual(fresh.data);
    expect(partial.measures).toEqual(fresh.measures);
  });

  it("several writes since the copy: the union of their parts, the same as a fresh load", async () => {
    await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    for (const c of cases.slice(0, 4)) await write(a, c.run);
    const before = evaluationCacheStats();
    const partial = await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    expect(evaluationCacheStats().partialReloads).toBe(before.partialReloads + 1);
    const fresh = await freshEvaluation(a);
    expect(partial.data).toEqual(fresh.data);
    expect(partial.measures).toEqual(fresh.measures);
  });

  it("a revision the log does not cover (moved behind the scope's back) means a full load", async () => {
    await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    await t.db.updateTable("staff").set({ job_title: "Compliance Manager", job_title_normalised: "compliance manager" }).where("organisation_id", "=", a).where("employee_ref", "=", "A0").execute();
    await bumpRevision(t.db, a);
    const before = evaluationCacheStats();
    const loaded = await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    expect(evaluationCacheStats().fullLoads).toBe(before.fullLoads + 1);
    expect(loaded.data).toEqual((await freshEvaluation(a)).data);
  });

  it("a write to A leaves B's copy warm and is visible on A at once", async () => {
    await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    await evaluateOrganisation(new OrganisationReader(t.db, b), today);
    const inScopeBefore = (await evaluateOrganisation(new OrganisationReader(t.db, a), today)).measures.inScope;
    await write(a, cases[0].run); // two Compliance Managers now need Level 4
    expect(await isEvaluationCached(new OrganisationReader(t.db, b))).toBe(true);
    expect(await isEvaluationCached(new OrganisationReader(t.db, a))).toBe(false);
    const stats = evaluationCacheStats();
    expect((await evaluateOrganisation(new OrganisationReader(t.db, a), today)).measures.inScope).toBe(inScopeBefore + 2);
    await evaluateOrganisation(new OrganisationReader(t.db, b), today);
    const after = evaluationCacheStats();
    expect(after.hits).toBe(stats.hits + 1); // B
    expect(after.misses).toBe(stats.misses + 1); // A, reloaded in part
    expect(after.fullLoads).toBe(stats.fullLoads);
  });
});
