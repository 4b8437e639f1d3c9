/**
 * The evaluation cache is keyed by (organisation, revision): a write to one organisation leaves every other
 * organisation's cached evaluation in place, and the written organisation is evaluated afresh at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { bumpRevision } from "../../helpers/revision";
import { datesKept, evaluateOrganisation, evaluationCacheStats, isEvaluationCached, organisationPicture, todayIso } from "../../../app/models/compliance.server";
import { setMemberships } from "../../../app/models/memberships.server";
import { OrganisationReader, UnauditedWriteError } from "../../../app/models/organisation-scope.server";
import { openDatabase, type DB } from "../../../db/connection";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let a: number;
let b: number;
const today = todayIso();

async function addPeople(db: DB, organisationId: number, count: number, prefix: string) {
  const now = new Date().toISOString();
  await db
    .insertInto("staff")
    .values(
      Array.from({ length: count }, (_, i) => ({
        organisation_id: organisationId,
        employee_ref: `${prefix}${i}`,
        first_name: "Pat",
        last_name: `${prefix}${i}`,
        job_title: "Housing Officer",
        job_title_normalised: "housing officer",
        start_date: "2020-01-01",
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

const scopeOf = (organisationId: number) => organisationScope(t.db, organisationId, { today });

/** One write to the organisation through the scope: a new member of staff. */
async function writeTo(organisationId: number, ref: string) {
  const scope = await scopeOf(organisationId);
  const now = new Date().toISOString();
  await scope.write(async (w) => {
    await w
      .insertInto("staff", { employee_ref: ref, first_name: "New", last_name: "Starter", job_title: "Housing Officer", job_title_normalised: "housing officer", start_date: today, created_at: now, updated_at: now })
      .execute();
    await w.audit({ action: "staff.create", entity: "staff", entityId: ref, summary: `Added ${ref}` });
  });
}

/** What one evaluation did to the cache: "hit" or "miss". */
async function evaluation(organisationId: number): Promise<{ outcome: "hit" | "miss"; people: number }> {
  const before = evaluationCacheStats();
  const { data } = await evaluateOrganisation(new OrganisationReader(t.db, organisationId), today);
  const after = evaluationCacheStats();
  expect(after.hits + after.misses).toBe(before.hits + before.misses + 1);
  return { outcome: after.hits > before.hits ? "hit" : "miss", people: data.staff.length };
}

beforeEach(async () => {
  t = freshDatabase();
  a = await createTestOrganisation(t.db, "alpha");
  b = await createTestOrganisation(t.db, "beta");
  await addPeople(t.db, a, 5, "A");
  await addPeople(t.db, b, 7, "B");
});
afterEach(async () => {
  delete process.env.EVALUATION_CACHE_PEOPLE;
  await t.close();
});

describe("the evaluation cache, keyed by organisation and revision", () => {
  it("serves a second evaluation from the cache", async () => {
    expect(await evaluation(a)).toEqual({ outcome: "miss", people: 5 });
    expect(await evaluation(a)).toEqual({ outcome: "hit", people: 5 });
  });

  it("keeps B's evaluation after a write to A, and evaluates A afresh", async () => {
    await evaluation(a);
    await evaluation(b);
    await writeTo(a, "A-new");
    expect(await isEvaluationCached(new OrganisationReader(t.db, b))).toBe(true);
    expect(await isEvaluationCached(new OrganisationReader(t.db, a))).toBe(false);
    expect(await evaluation(b)).toEqual({ outcome: "hit", people: 7 });
    expect(await evaluation(a)).toEqual({ outcome: "miss", people: 6 });
    expect(await evaluation(a)).toEqual({ outcome: "hit", people: 6 });
  });

  it("a dashboard picture follows the same key", async () => {
    const first = await organisationPicture(new OrganisationReader(t.db, b), today);
    await writeTo(a, "A-new");
    expect(await organisationPicture(new OrganisationReader(t.db, b), today)).toBe(first);
    await writeTo(b, "B-new");
    const after = await organisationPicture(new OrganisationReader(t.db, b), today);
    expect(after).not.toBe(first);
    expect(after.data.staff).toHaveLength(8);
  });

  it("sees a write another process committed, once that process bumped the revision", async () => {
    await evaluation(a);
    // Another connection (on PostgreSQL another pool), as another process would have.
    const other = openDatabase(t.url);
    try {
      await other.updateTable("staff").set({ last_name: "Renamed" }).where("organisation_id", "=", a).where("employee_ref", "=", "A0").execute();
      // A write that bypasses the scope is not seen until the revision moves (scope.write bumps it; this does).
      const stillCached = await isEvaluationCached(new OrganisationReader(t.db, a));
      await bumpRevision(t.db, a);
      expect(await isEvaluationCached(new OrganisationReader(t.db, a))).toBe(false);
      const { data } = await evaluateOrganisation(new OrganisationReader(t.db, a), today);
      expect(data.staff.find((s) => s.employeeRef === "A0")?.lastName).toBe("Renamed");
      expect(stillCached).toBe(true);
    } finally {
      await other.destroy();
    }
  });

  it("scope.write moves its organisation's revision by one and no other's; a write that fails moves nothing", async () => {
    const revisions = async () => [await (await scopeOf(a)).currentRevision(), await (await scopeOf(b)).currentRevision()];
    const [a0, b0] = await revisions();
    await writeTo(a, "A-new");
    expect(await revisions()).toEqual([a0 + 1, b0]);
    const scope = await scopeOf(a);
    await expect(scope.write(async (w) => { await w.deleteFrom("staff").execute(); throw new Error("refused"); })).rejects.toThrow("refused");
    await expect(scope.write(async (w) => { await w.deleteFrom("staff").execute(); })).rejects.toBeInstanceOf(UnauditedWriteError);
    expect(await revisions()).toEqual([a0 + 1, b0]);
    expect(await evaluation(a)).toEqual({ outcome: "miss", people: 6 });
  });

  it("a write refused part-way through (writeOrRefuse) leaves no row, no audit event and no revision; one not refused commits", async () => {
    const scope = await scopeOf(a);
    const revision = () => scope.currentRevision();
    const a0 = await revision();
    const events = () => t.db.selectFrom("audit_events").select("id").where("organisation_id", "=", a).execute();
    const eventsBefore = (await events()).length;
    const refused = await scope.writeOrRefuse(async (w, refuse: (why: string) => never) => {
      await w.deleteFrom("staff").execute();
      await w.audit({ action: "staff.delete", entity: "staff", summary: "Removed everyone" });
      return refuse("later changes would be lost");
    });
    expect(refused).toEqual({ refused: "later changes would be lost" });
    expect(await revision()).toBe(a0);
    expect((await events()).length).toBe(eventsBefore);
    expect(await evaluation(a)).toMatchObject({ people: 5 });

    const done = await scope.writeOrRefuse(async (w) => {
      await w.deleteFrom("staff").where("employee_ref", "=", "A0").execute();
      await w.audit({ action: "staff.delete", entity: "staff", summary: "Removed A0" });
      return "removed";
    });
    expect(done).toEqual({ done: "removed" });
    expect(await revision()).toBe(a0 + 1);
    expect(await evaluation(a)).toEqual({ outcome: "miss", people: 4 });
  });

  it("granting and withdrawing access (memberships) move only that organisation's revision", async () => {
    await evaluation(a);
    await evaluation(b);
    const user = await t.db.insertInto("users").values({ email: "m@example.org", name: "M", role: "consultant" }).returning(["id", "email", "role"]).executeTakeFirstOrThrow();
    await t.db.transaction().execute((trx) => setMemberships(trx, user, [a], { userId: null, name: "test" }));
    expect(await evaluation(b)).toMatchObject({ outcome: "hit" });
    expect(await evaluation(a)).toMatchObject({ outcome: "miss" });
    await t.db.transaction().execute((trx) => setMemberships(trx, user, [], { userId: null, name: "test" }));
    expect(await evaluation(b)).toMatchObject({ outcome: "hit" });
    expect(await evaluation(a)).toMatchObject({ outcome: "miss" });
    const trail = await t.db.selectFrom("audit_events").select(["organisation_id", "action"]).where("entity", "=", "membership").orderBy("id").execute();
    expect(trail).toEqual([{ organisation_id: a, action: "membership.add" }, { organisation_id: a, action: "membership.remove" }]);
  });

  it("is sized by the people it holds, not by a count of organisations", async () => {
    const orgs = [a, b];
    for (let i = 0; i < 20; i++) {
      const id = await createTestOrganisation(t.db, `small-${i}`);
      await addPeople(t.db, id, 2, `S${i}-`);
      orgs.push(id);
    }
    for (const id of orgs) await evaluation(id);
    // Twenty-two organisations (52 people) all stay warm: far past the old limit of 8.
    for (const id of orgs) expect(await evaluation(id)).toMatchObject({ outcome: "hit" });

    // A budget of 10 people keeps the most recently used organisations that fit.
    process.env.EVALUATION_CACHE_PEOPLE = "10";
    const evictionsBefore = evaluationCacheStats().evictions;
    await writeTo(b, "B-x");
    await evaluation(b);
    expect(evaluationCacheStats().evictions).toBeGreaterThan(evictionsBefore);
    expect(evaluationCacheStats().people).toBeLessThanOrEqual(10);
  });

  it("keeps fewer as-of dates evaluated the more people an organisation has", () => {
    const table: Array<[people: number, dates: number]> = [
      [5, 12],
      [1_000, 12],
      [40_000, 10],
      [100_000, 4],
      [200_000, 2],
      [1_000_000, 2],
    ];
    for (const [people, dates] of table) expect(datesKept(people), `${people} people`).toBe(dates);
  });

  it("lets the least recently asked as-of date go past that number, with its picture, and evaluates it again when asked", async () => {
    const reader = () => new OrganisationReader(t.db, a);
    const dates = Array.from({ length: datesKept(5) + 1 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}-01`.replace("2027-13", "2028-01"));
    const first = await organisationPicture(reader(), dates[0]);
    for (const d of dates.slice(1)) await evaluateOrganisation(reader(), d);
    const evaluated = () => evaluationCacheStats().peopleEvaluated;
    let before = evaluated();
    await evaluateOrganisation(reader(), dates.at(-1)!);
    await evaluateOrganisation(reader(), dates[1]);
    expect(evaluated()).toBe(before); // the newest twelve are still held
    before = evaluated();
    const again = await organisationPicture(reader(), dates[0]);
    expect(evaluated()).toBe(before + 5); // the oldest went, and is evaluated again (its five people)
    expect(again).not.toBe(first);
    expect(again.measures).toEqual(first.measures);
    // The least recently asked goes first: the second date was asked again above and stays; the third goes.
    before = evaluated();
    await evaluateOrganisation(reader(), dates[1]);
    expect(evaluated()).toBe(before);
    await evaluateOrganisation(reader(), dates[2]);
    expect(evaluated()).toBe(before + 5);
  });

  it("concurrent evaluations after a write share one load", async () => {
    await writeTo(a, "A-new");
    const results = await Promise.all([1, 2, 3].map(() => evaluateOrganisation(new OrganisationReader(t.db, a), today)));
    expect(results[1].data).toBe(results[0].data);
    expect(results[2].data).toBe(results[0].data);
  });
});

describe("the portfolio's per-organisation summaries, kept by revision", () => {
  async function organisations() {
    return t.db.selectFrom("organisations").selectAll().where("id", "in", [a, b]).orderBy("id").execute();
  }

  it("evaluates nothing when no organisation changed, and only the written one after a write", async () => {
    const { portfolioRows } = await import("../../../app/models/portfolio.server");
    const first = await portfolioRows(t.db, await organisations(), today);
    expect(first.map((r) => r.inScope)).toEqual([expect.any(Number), expect.any(Number)]);
    let before = evaluationCacheStats();
    await portfolioRows(t.db, await organisations(), today);
    let after = evaluationCacheStats();
    expect(after.hits + after.misses).toBe(before.hits + before.misses);

    await writeTo(a, "A-new");
    before = evaluationCacheStats();
    await portfolioRows(t.db, await organisations(), today);
    after = evaluationCacheStats();
    // A's row: its evaluation and its conduct summary (which reads the same evaluation) ask for A, loaded once.
    expect(after.misses).toBeGreaterThanOrEqual(before.misses + 1);
    expect(after.hits + after.misses).toBe(before.hits + before.misses + 2);
    expect(after.partialReloads + after.fullLoads).toBe(before.partialReloads + before.fullLoads + 1);
    expect(await isEvaluationCached(new OrganisationReader(t.db, b))).toBe(true);
  });

  it("shows a write to one organisation at once", async () => {
    const { portfolioRows } = await import("../../../app/models/portfolio.server");
    await portfolioRows(t.db, await organisations(), today);
    const scope = await scopeOf(a);
    await scope.write(async (w) => {
      await w.updateOrganisation().set({ name: "Alpha Renamed", homes_owned: 4321 }).execute();
      await w.audit({ action: "organisation.update", entity: "organisation", summary: "Renamed" });
    });
    const rows = await portfolioRows(t.db, await organisations(), today);
    expect(rows.find((r) => r.slug === "alpha")).toMatchObject({ name: "Alpha Renamed", homesOwned: 4321 });
  });
});
