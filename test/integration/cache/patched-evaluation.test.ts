/**
 * After a write, a process holding the organisation evaluates again only the people the write may have changed
 * and patches the measures, timelines, trend and forecast it holds (decision 0058). For each kind of write the
 * patched picture must equal a fresh evaluation by the pure rules, on today and on another date held before the
 * write, and only the people the write reached are evaluated again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { evaluateOrganisation, evaluationCacheStats, organisationPicture, TREND_MONTHS, todayIso } from "../../../app/models/compliance.server";
import { buildComplianceContext } from "../../../app/compliance/context";
import { addMonths } from "../../../app/compliance/dates";
import { measureOrganisation } from "../../../app/compliance/measures";
import { organisationMilestoneChecks } from "../../../app/compliance/milestones";
import { forecastTrend, monthlyTrend } from "../../../app/compliance/trend";
import { loadOrganisationData } from "../../../app/models/organisation-data.server";
import { OrganisationReader, openOrganisationScope, type OrganisationWriter } from "../../../app/models/organisation-scope.server";
import { decideScope } from "../../../app/models/scope-decisions.server";
import { runImport } from "../../../importers";
import { conductSummary } from "../../../app/models/conduct/summary.server";
import { acknowledgementPicture } from "../../../app/models/conduct/acknowledgements.server";
import { meetingPicture } from "../../../app/models/conduct/meetings.server";
import { trainingPicture } from "../../../app/models/conduct/training.server";
import { loadConductPeople } from "../../../app/models/conduct/people.server";
import { parsePeopleQuery, peopleNeedingAction, peopleOptions, peoplePage } from "../../../app/models/people.server";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let a: number;
let qualificationId: number;
const today = todayIso();
const later = addMonths(today, 7);
const now = new Date().toISOString();

async function scopeOf(organisationId: number) {
  const organisation = await t.db.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirstOrThrow();
  return openOrganisationScope(t.db, organisation, { userId: null, name: "test" }, today);
}

async function write(fn: (w: OrganisationWriter, staffIds: number[]) => Promise<unknown>) {
  const staffIds = (await t.db.selectFrom("staff").select("id").where("organisation_id", "=", a).orderBy("id").execute()).map((r) => r.id);
  await (await scopeOf(a)).write(async (w) => {
    await fn(w, staffIds);
    await w.audit({ action: "test.write", entity: "test", summary: "A write in a test" });
  });
}

const TITLES = ["Housing Officer", "Compliance Manager", "Compliance Manager", "Head of Income", "Repairs Operative", "Neighbourhood Manager", "Neighbourhood Manager", "Income Manager"];

/** What a process that never saw the organisation derives, with the pure rules alone. */
async function fresh(asOf: string) {
  const data = await loadOrganisationData(new OrganisationReader(t.db, a));
  const ctx = buildComplianceContext(data);
  const measures = measureOrganisation(ctx, data.staff, asOf);
  return {
    data,
    ctx,
    measures,
    milestones: organisationMilestoneChecks(ctx, data.staff, measures),
    actual: monthlyTrend(ctx, data.staff, addMonths(asOf, -TREND_MONTHS), asOf),
    forecast: forecastTrend(ctx, data.staff, asOf),
  };
}

/** The conduct figures straight from the conduct pages' pictures (the staff list read afresh). */
async function freshConduct(asOf: string) {
  const scope = await scopeOf(a);
  const people = await loadConductPeople(scope);
  const [ack, meetings, training] = await Promise.all([acknowledgementPicture(scope, asOf, people), meetingPicture(scope, asOf, people), trainingPicture(scope, asOf, people)]);
  return {
    codeOfConduct: { version: ack.version, required: ack.required, acknowledged: ack.acknowledged, overdue: ack.overdue, pct: ack.pct },
    supervision: { expected: meetings.expected.supervision, overdue: meetings.overdue.supervision },
    appraisal: { expected: meetings.expected.appraisal, overdue: meetings.overdue.appraisal },
    training: { required: training.required, compliant: training.compliant, pct: training.pct },
  };
}

async function expectSameAsFresh() {
  for (const asOf of [today, later]) {
    const conduct = await conductSummary(await scopeOf(a), asOf);
    expect({ codeOfConduct: conduct.codeOfConduct, supervision: conduct.supervision, appraisal: conduct.appraisal, training: conduct.training }).toEqual(await freshConduct(asOf));
    const patched = await organisationPicture(new OrganisationReader(t.db, a), asOf);
    const expected = await fresh(asOf);
    expect(patched.measures).toEqual(expected.measures);
    expect(patched.milestones).toEqual(expected.milestones);
    expect(patched.actual).toEqual(expected.actual);
    expect(patched.forecast).toEqual(expected.forecast);
    // The people list's kept indexes (name order, search, filters) and who needs action: the same as from a fresh evaluation.
    for (const query of PEOPLE_QUERIES) expect(peoplePage(patched, parsePeopleQuery(new URLSearchParams(query)))).toEqual(peoplePage(expected, parsePeopleQuery(new URLSearchParams(query))));
    expect(peopleOptions(patched)).toEqual(peopleOptions(expected));
    expect(peopleNeedingAction(patched.measures, 3)).toEqual(peopleNeedingAction(expected.measures, 3));
  }
}

/** Lists the people page shows: filters, a search, sorts and a second page. */
const PEOPLE_QUERIES = ["", "status=not_enrolled", "rag=red&sort=name", "q=pat a1", "inScope=1&sort=status&dir=desc", "category=senior_manager&sort=next", "department=No+department&page=2", "sort=ref&dir=desc"];

/** The people pages and who needs action, before a write (so the indexes they keep exist when it happens). */
async function showPeoplePages() {
  for (const asOf of [today, later]) {
    const evaluated = await evaluateOrganisation(new OrganisationReader(t.db, a), asOf);
    for (const query of PEOPLE_QUERIES) peoplePage(evaluated, parsePeopleQuery(new URLSearchParams(query)), 5);
    for (const query of PEOPLE_QUERIES) peoplePage(evaluated, parsePeopleQuery(new URLSearchParams(query)));
    peopleOptions(evaluated);
    peopleNeedingAction(evaluated.measures, 3);
  }
}

beforeEach(async () => {
  t = freshDatabase();
  a = await createTestOrganisation(t.db, "alpha");
  qualificationId = (await t.db.selectFrom("qualifications").select("id").where("organisation_id", "is", null).where("level", "=", 4).where("recognised", "=", 1).orderBy("id").executeTakeFirstOrThrow()).id;
  await write(async (w) => {
    await w
      .insertInto(
        "staff",
        TITLES.map((title, i) => ({ employee_ref: `A${i}`, first_name: "Pat", last_name: `A${i}`, job_title: title, job_title_normalised: title.toLowerCase(), start_date: i % 3 === 0 ? "2019-01-01" : "2025-06-01", created_at: now, updated_at: now })),
      )
      .execute();
    for (const [title, category] of [["Housing Officer", "frontline"], ["Head of Income", "senior_executive"], ["Neighbourhood Manager", "senior_manager"], ["Income Manager", "senior_manager"]] as const) {
      await w.insertInto("scope_decisions", { job_title: title, job_title_normalised: title.toLowerCase(), category, time_managing_pct: null, rationale: "Set up", decided_by: "test", decided_on: "2026-01-01", review_date: null }).execute();
    }
  });
  const ids = (await t.db.selectFrom("staff").select("id").where("organisation_id", "=", a).orderBy("id").execute()).map((r) => r.id);
  await write((w) =>
    w.insertInto("qualification_records", { staff_id: ids[5], qualification_id: qualificationId, provider: "College", status: "in_progress", enrolled_on: "2025-09-01", started_on: "2025-09-01", expected_completion: addMonths(today, 3), achieved_on: null, certificate_ref: null, evidence_verified_by: null, evidence_verified_on: null, pathway: null, created_at: now, updated_at: now }).execute(),
  );
  await write((w) => w.insertInto("milestones", { name: "Half way", date: addMonths(today, 12), measure: "qualified", target_pct: 50, position: 1 }).execute());
  // One already passed (measured on its own date from the timelines' counts) and one between today and `later`.
  await write((w) => w.insertInto("milestones", { name: "Started", date: addMonths(today, -3), measure: "qualified_or_enrolled", target_pct: 20, position: 2 }).execute());
  await write((w) => w.insertInto("milestones", { name: "On the way", date: addMonths(today, 4), measure: "statutory", target_pct: 60, position: 3 }).execute());
  await write((w) => w.updateOrganisation().set({ custom_milestones: 1 }).execute());
  // Conduct: a code of conduct one person acknowledged, a supervision held, a course managers must complete.
  await write(async (w) => {
    const code = await w.insertInto("policy_versions", { kind: "code_of_conduct", version: "v1", approved_by: "Board", approved_on: "2025-01-01", review_by: null, tenant_url: null, document_ref: null, note: null, recorded_by: "test", created_at: now }).returning("id").executeTakeFirstOrThrow();
    await w.insertInto("conduct_acknowledgements", { staff_id: ids[5], policy_version_id: code.id, acknowledged_on: "2025-02-01", source: "recorded", recorded_by: "test", created_at: now }).execute();
    await w.insertInto("supervision_meetings", { staff_id: ids[6], kind: "supervision", held_on: addMonths(today, -1), note: null, source: "recorded", recorded_by: "test", created_at: now }).execute();
    const course = await w.insertInto("skill_courses", { title: "Leading teams", provider: null, hours: null, description: null, retired_at: null, created_at: now, code: "LEAD", refresh_months: 24 }).returning("id").executeTakeFirstOrThrow();
    await w.insertInto("training_requirements", { course_id: course.id, applies_to: "category", value: "senior_manager", value_normalised: "senior_manager", created_at: now }).execute();
    await w.insertInto("training_completions", { staff_id: ids[5], course_id: course.id, completed_on: "2025-03-01", expires_on: null, source: "recorded", recorded_by: "test", created_at: now }).execute();
  });
});
afterEach(async () => {
  await t.close();
});

const cases: Array<{ kind: string; reevaluated: number; run: () => Promise<unknown> }> = [
  {
    kind: "a scope decision saved on the role mapping page",
    reevaluated: 2, // the two Compliance Managers
    run: async () => expect((await decideScope(await scopeOf(a), { jobTitles: ["Compliance Manager"], category: "senior_manager", timeManagingPct: 60, rationale: "Runs compliance", reviewDate: null })).ok).toBe(true),
  },
  {
    kind: "a qualification record achieved",
    reevaluated: 1,
    run: () => write((w) => w.updateTable("qualification_records").set({ status: "achieved", achieved_on: today }).where("status", "=", "in_progress").execute()),
  },
  {
    kind: "a new qualification record",
    reevaluated: 1,
    run: () =>
      write((w, ids) =>
        w.insertInto("qualification_records", { staff_id: ids[6], qualification_id: qualificationId, provider: "College", status: "enrolled", enrolled_on: today, started_on: null, expected_completion: addMonths(today, 18), achieved_on: null, certificate_ref: null, evidence_verified_by: null, evidence_verified_on: null, pathway: null, created_at: now, updated_at: now }).execute(),
      ),
  },
  {
    kind: "a person leaving",
    reevaluated: 1,
    run: () => write((w, ids) => w.updateTable("staff").set({ end_date: addMonths(today, 2) }).where("id", "=", ids[7]).execute()),
  },
  {
    kind: "an individual decision (override)",
    reevaluated: 1,
    run: () => write((w, ids) => w.insertInto("person_overrides", { staff_id: ids[0], category: "senior_manager", rationale: "Manages the team", decided_by: "test", decided_on: today }).execute()),
  },
  {
    kind: "an absence",
    reevaluated: 1,
    run: () => write((w, ids) => w.insertInto("absences", { staff_id: ids[6], kind: "parental", from_date: addMonths(today, -2), to_date: null, note: null }).execute()),
  },
  {
    kind: "a person removed",
    reevaluated: 0,
    run: () => write((w, ids) => w.deleteFrom("staff").where("id", "=", ids[4]).execute()),
  },
  {
    kind: "a staff import (one person changed, one new, the rest unchanged)",
    reevaluated: 2,
    run: async () => {
      const rows = await t.db.selectFrom("staff").select(["employee_ref", "first_name", "last_name", "job_title", "start_date"]).where("organisation_id", "=", a).orderBy("id").execute();
      const lines = ["employee_ref,first_name,last_name,job_title,start_date"];
      for (const r of rows) lines.push(`${r.employee_ref},${r.first_name},${r.last_name},${r.employee_ref === "A1" ? "Income Manager" : r.job_title},${r.start_date}`);
      lines.push(`NEW1,New,Starter,Neighbourhood Manager,${today}`);
      const result = await runImport(await organisationScope(t.db, a, { actor: "test", today: today }), { kind: "staff", fileName: "staff.csv", bytes: Buffer.from(`${lines.join("\n")}\n`), mode: "partial" });
      expect(result.status).toBe("applied");
    },
  },
];

describe("patched evaluation after a write", () => {
  it.each(cases)("$kind: visible at once, equal to a fresh evaluation, only the people it reached evaluated again", async ({ reevaluated, run }) => {
    await organisationPicture(new OrganisationReader(t.db, a), today);
    await organisationPicture(new OrganisationReader(t.db, a), later);
    await conductSummary(await scopeOf(a), today);
    await showPeoplePages();
    await run();
    const before = evaluationCacheStats();
    await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    const after = evaluationCacheStats();
    expect(after.partialReloads).toBe(before.partialReloads + 1);
    expect(after.fullLoads).toBe(before.fullLoads);
    expect(after.peopleEvaluated - before.peopleEvaluated).toBe(reevaluated);
    await expectSameAsFresh();
  });

  it("several writes in a row, each seen at once, end equal to a fresh evaluation", async () => {
    await organisationPicture(new OrganisationReader(t.db, a), today);
    await organisationPicture(new OrganisationReader(t.db, a), later);
    for (const c of cases) {
      await showPeoplePages();
      await c.run();
      await organisationPicture(new OrganisationReader(t.db, a), today);
      await conductSummary(await scopeOf(a), today);
    }
    await expectSameAsFresh();
  });

  it("the conduct summary after a conduct write counts again and matches the conduct pages", async () => {
    await conductSummary(await scopeOf(a), today);
    await write((w, ids) => w.insertInto("supervision_meetings", { staff_id: ids[5], kind: "supervision", held_on: today, note: null, source: "recorded", recorded_by: "test", created_at: now }).execute());
    await expectSameAsFresh();
  });

  it("a change to the settings evaluates everyone again", async () => {
    await organisationPicture(new OrganisationReader(t.db, a), today);
    await write((w) => w.updateOrganisation().set({ grace_months: 3 }).execute());
    const before = evaluationCacheStats();
    await evaluateOrganisation(new OrganisationReader(t.db, a), today);
    expect(evaluationCacheStats().peopleEvaluated - before.peopleEvaluated).toBe(TITLES.length);
    await expectSameAsFresh();
  });
});
