// A completed course closes the matching skills-audit recommendation, in the completion's own write, with an audit event.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, sessionCookie } from "../../helpers/requests";
import { getOrganisationBySlug } from "../../../app/models/organisations.server";
import { openOrganisationScope } from "../../../app/models/organisation-scope.server";
import { addCourse } from "../../../app/models/skills-audits/courses.server";
import { recordCompletion } from "../../../app/models/conduct/training.server";
import * as auditPerson from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";
import { daysAgo, seedPeople, today } from "./helpers";

let t: TestDatabase;
let riverside: number;
beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 1200);
  await seedPeople(t.db, riverside);
});
afterEach(async () => t.close());

/** A campaign that opened 60 days ago with E001 (frontline) rated 0 on the code of conduct area (a gap). */
async function campaignWithGap(status: "open" | "closed" | "draft" = "open") {
  const framework = (await t.db.selectFrom("skill_frameworks").select("id").where("organisation_id", "is", null).executeTakeFirstOrThrow()).id;
  const area = await t.db.selectFrom("skill_areas").select("id").where("framework_id", "=", framework).where("code", "=", "C1").executeTakeFirstOrThrow();
  const campaign = await t.db
    .insertInto("skills_audit_campaigns")
    .values({ organisation_id: riverside, framework_id: framework, name: `Audit ${status}`, status, opens_on: daysAgo(60), closes_on: daysAgo(-30), filter_json: "{}", created_by: "t" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const staff = await t.db.selectFrom("staff").select("id").where("organisation_id", "=", riverside).where("employee_ref", "=", "E001").executeTakeFirstOrThrow();
  await t.db.insertInto("skills_audit_participants").values({ campaign_id: campaign.id, organisation_id: riverside, staff_id: staff.id, category: "frontline", department: "Housing", employer: null }).execute();
  await t.db.insertInto("skills_audit_ratings").values({ organisation_id: riverside, campaign_id: campaign.id, staff_id: staff.id, area_id: area.id, agreed_rating: 0 }).execute();
  return campaign.id;
}

describe("closing a skills-audit recommendation", () => {
  test("a completion of the recommended course closes it in the same write, audited, and the audit page shows it closed", async () => {
    const open = await campaignWithGap("open");
    const draft = await campaignWithGap("draft");
    const scope = openOrganisationScope(t.db, (await getOrganisationBySlug(t.db, "riverside"))!, { userId: null, name: "hr@example.org" }, today);
    const ethics = await addCourse(scope, { title: "Ethics at work", provider: "CIH", hours: 3, description: null, areaCodes: ["C1"] });
    const other = await addCourse(scope, { title: "Customer care", provider: null, hours: null, description: null, areaCodes: ["S1"] });
    if (!ethics.ok || !other.ok) throw new Error("courses");

    // A course that is not recommended for the gaps closes nothing; a completion before the campaign opened neither.
    expect(await recordCompletion(scope, { employeeRef: "E001", courseId: String(other.value), completedOn: daysAgo(5) })).toMatchObject({ ok: true, value: { closedRecommendations: 0 } });
    expect(await recordCompletion(scope, { employeeRef: "E001", courseId: String(ethics.value), completedOn: daysAgo(90) })).toMatchObject({ ok: true, value: { closedRecommendations: 0 } });
    expect(await t.db.selectFrom("skill_recommendation_closures").selectAll().execute()).toHaveLength(0);

    const done = await recordCompletion(scope, { employeeRef: "E001", courseId: String(ethics.value), completedOn: daysAgo(3) });
    expect(done).toMatchObject({ ok: true, value: { closedRecommendations: 1 } });
    const closures = await t.db.selectFrom("skill_recommendation_closures").selectAll().execute();
    // The open campaign only (a draft recommends nothing yet), closed by this completion.
    expect(closures).toEqual([expect.objectContaining({ organisation_id: riverside, campaign_id: open, course_id: ethics.value, closed_on: daysAgo(3), recorded_by: "hr@example.org" })]);
    const completion = await t.db.selectFrom("training_completions").select("id").where("completed_on", "=", daysAgo(3)).executeTakeFirstOrThrow();
    expect(closures[0].completion_id).toBe(completion.id);
    const events = await t.db.selectFrom("audit_events").select(["action", "summary"]).where("action", "=", "skills_recommendation.close").execute();
    expect(events).toEqual([{ action: "skills_recommendation.close", summary: `Completing "Ethics at work" on ${daysAgo(3)} closed the skills-audit recommendation of E001 in "Audit open"` }]);
    expect(draft).toBeGreaterThan(open);

    // A second completion of the same course does not close it twice.
    expect(await recordCompletion(scope, { employeeRef: "E001", courseId: String(ethics.value), completedOn: daysAgo(1) })).toMatchObject({ ok: true, value: { closedRecommendations: 0 } });

    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const page = (await call(() => auditPerson.loader({ request: getRequest(`/orgs/riverside/audits/${open}/people/E001`, exec), params: { slug: "riverside", id: String(open), employeeRef: "E001" }, context: {} }))).data!;
    const shown = page.recommendations.courses.find((c) => c.id === ethics.value)!;
    expect(shown.closedBy).toEqual({ courseId: ethics.value, closedOn: daysAgo(3), source: "recorded" });
  });
});
