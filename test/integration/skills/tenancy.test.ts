/**
 * Tenancy of the skills audits and the workforce plan: through the models (organisation A's scope) and through the
 * routes (A's signed-in user), organisation A cannot read or change B's framework, campaign, rating, intake or
 * accepted plan by id. Nothing is written, and no audit event recorded, by any of the attempts.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest } from "../../helpers/requests";
import { type OrganisationScope } from "../../../app/models/organisation-scope.server";
import { addFrameworkArea, copyFramework, frameworkAreas, getFramework, getOwnFramework, listFrameworks, setAreaRetired, updateFrameworkAreas } from "../../../app/models/skills-audits/frameworks.server";
import { changeCampaignStatus, deleteDraftCampaign, getCampaign, listCampaigns, updateDraftCampaign } from "../../../app/models/skills-audits/campaigns.server";
import { campaignAreas, campaignParticipants, campaignRatings, findParticipant, loadCampaignData } from "../../../app/models/skills-audits/campaign-data.server";
import { savePersonRatings } from "../../../app/models/skills-audits/ratings.server";
import { auditGapsByStaff } from "../../../app/models/skills-audits/gaps.server";
import { listIntakes, removeIntake, updateIntake } from "../../../app/models/workforce-plan/intakes.server";
import { pinPerson, unpinPerson } from "../../../app/models/workforce-plan/pins.server";
import { listPlanRuns, undoPlanRun } from "../../../app/models/workforce-plan/accepting.server";
import { action as frameworkAction, loader as frameworkLoader } from "../../../app/routes/orgs.$slug.audits.frameworks.$id";
import { action as frameworksAction } from "../../../app/routes/orgs.$slug.audits.frameworks._index";
import { action as campaignAction, loader as campaignLoader } from "../../../app/routes/orgs.$slug.audits.$id._index";
import { action as personAction } from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";
import { loader as ratingsCsv } from "../../../app/routes/orgs.$slug.audits.$id.ratings[.]csv";
import { loader as compareLoader } from "../../../app/routes/orgs.$slug.audits.compare";
import { action as intakesAction } from "../../../app/routes/orgs.$slug.plan.intakes";
import { action as planAction } from "../../../app/routes/orgs.$slug.plan._index";
import { args, skillsFixture, type SkillsFixture } from "./helpers";
import { organisationScope } from "../../helpers/scope";

let t: TestDatabase;
let f: SkillsFixture;
let a: OrganisationScope;
/** Organisation B's rows, made by B. */
let theirs: { framework: number; area: number; campaign: number; openCampaign: number; staff: number; intake: number; run: number };

const today = new Date().toISOString().slice(0, 10);

const scopeOf = (organisationId: number, name: string) => organisationScope(t.db, organisationId, { actor: name, today });

/** Everything B holds that A might touch, to compare before and after. */
async function snapshotOfB() {
  const b = f.other;
  const [frameworks, areas, campaigns, ratings, intakes, pins, runs, records, events] = await Promise.all([
    t.db.selectFrom("skill_frameworks").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("skill_areas").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("skills_audit_campaigns").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("skills_audit_ratings").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("plan_intakes").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("plan_pins").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("plan_runs").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("qualification_records").selectAll().where("organisation_id", "=", b).execute(),
    t.db.selectFrom("audit_events").select("id").execute(),
  ]);
  return { frameworks, areas, campaigns, ratings, intakes, pins, runs, records, events: events.length };
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  f = await skillsFixture(t.db);
  const b = await scopeOf(f.other, "hr@other.example");
  const copied = await copyFramework(b, { sourceId: f.defaultFrameworkId, name: "Other's framework" });
  if (!copied.ok) throw new Error(copied.failure.message);
  const area = await t.db.selectFrom("skill_areas").select("id").where("framework_id", "=", copied.value).where("code", "=", "K1").executeTakeFirstOrThrow();
  const staff = (await t.db.selectFrom("staff").select("id").where("organisation_id", "=", f.other).executeTakeFirstOrThrow()).id;
  const campaign = async (status: "draft" | "open") =>
    (
      await t.db
        .insertInto("skills_audit_campaigns")
        .values({ organisation_id: f.other, framework_id: copied.value, name: `Other ${status}`, status, opens_on: "2026-01-05", closes_on: "2026-03-01", filter_json: "{}", created_by: "hr@other.example" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const draft = await campaign("draft");
  const open = await campaign("open");
  await t.db.insertInto("skills_audit_participants").values({ campaign_id: open, organisation_id: f.other, staff_id: staff, category: "senior_manager", department: null, employer: null }).execute();
  await t.db
    .insertInto("skills_audit_ratings")
    .values({ organisation_id: f.other, campaign_id: open, staff_id: staff, area_id: area.id, self_rating: 1, manager_rating: 1, agreed_rating: 1, note: null, updated_by: "hr@other.example", updated_at: "2026-01-10T09:00:00Z" })
    .execute();
  const qualification = await t.db.selectFrom("qualifications").select("id").where("organisation_id", "is", null).where("recognised", "=", 1).where("level", ">=", 4).executeTakeFirstOrThrow();
  const intake = await t.db
    .insertInto("plan_intakes")
    .values({ organisation_id: f.other, qualification_id: qualification.id, provider: "Other College", start_date: "2026-09-07", capacity: 10, price_pence: 165000, course_months: null, note: null, created_at: "2026-01-05", updated_at: "2026-01-05" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.insertInto("plan_pins").values({ organisation_id: f.other, staff_id: staff, intake_id: intake.id, pathway: null, pinned_by: "hr@other.example", pinned_at: "2026-01-05" }).execute();
  const run = await t.db
    .insertInto("plan_runs")
    .values({ organisation_id: f.other, user_id: null, actor: "hr@other.example", as_of: today, status: "accepted", summary_json: "{}", accepted_at: new Date().toISOString(), undone_at: null, undone_by: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  theirs = { framework: copied.value, area: area.id, campaign: draft, openCampaign: open, staff, intake: intake.id, run: run.id };
  a = await scopeOf(f.acme, "hr@acme.example");
});
afterEach(async () => t.close());

describe("through the models, organisation A's scope", () => {
  test("cannot read B's framework, its areas, campaigns, participants, ratings or gaps by id", async () => {
    expect(await getFramework(a, theirs.framework)).toBeUndefined();
    expect(await getOwnFramework(a, theirs.framework)).toBeUndefined();
    expect(await frameworkAreas(a, theirs.framework)).toEqual([]);
    expect((await listFrameworks(a)).map((x) => x.id)).not.toContain(theirs.framework);
    expect(await getCampaign(a, theirs.openCampaign)).toBeUndefined();
    expect(await listCampaigns(a)).toEqual([]);
    // Even handed B's campaign row, A reads none of its framework, areas, people or ratings.
    const row = await t.db.selectFrom("skills_audit_campaigns").selectAll().where("id", "=", theirs.openCampaign).executeTakeFirstOrThrow();
    expect(await campaignAreas(a, row)).toEqual([]);
    expect(await campaignParticipants(a, theirs.openCampaign)).toEqual([]);
    expect((await campaignRatings(a, theirs.openCampaign)).size).toBe(0);
    expect(await findParticipant(a, theirs.openCampaign, "O1")).toBeUndefined();
    expect(await loadCampaignData(a, row)).toMatchObject({ frameworkName: "", areas: [], participants: [] });
    expect((await auditGapsByStaff(a)).size).toBe(0);
  });

  test("cannot change B's framework, campaign or rating by id", async () => {
    const before = await snapshotOfB();
    const targets = { senior_executive: 4, senior_manager: 4, frontline: 4 };
    expect((await updateFrameworkAreas(a, { frameworkId: theirs.framework, frameworkName: "Taken", edits: [{ areaId: theirs.area, name: "Taken", targets }] })).ok).toBe(false);
    expect((await addFrameworkArea(a, { frameworkId: theirs.framework, name: "Extra", group: "skills", targets })).ok).toBe(false);
    expect((await setAreaRetired(a, { frameworkId: theirs.framework, areaId: theirs.area, retired: true })).ok).toBe(false);
    // A's own framework cannot take B's area either.
    const own = await copyFramework(a, { sourceId: f.defaultFrameworkId, name: "Acme framework" });
    if (!own.ok) throw new Error(own.failure.message);
    expect((await updateFrameworkAreas(a, { frameworkId: own.value, frameworkName: "Acme framework", edits: [{ areaId: theirs.area, name: "Taken", targets }] })).ok).toBe(false);
    expect((await copyFramework(a, { sourceId: theirs.framework, name: "Copied from B" })).ok).toBe(false);
    const campaign = { name: "Taken", frameworkId: f.defaultFrameworkId, opensOn: "2026-01-05", closesOn: "2026-03-01", filter: { categories: [], departments: [], employers: [], refs: ["A2"] } };
    expect((await updateDraftCampaign(a, { ...campaign, campaignId: theirs.campaign })).ok).toBe(false);
    expect((await changeCampaignStatus(a, { campaignId: theirs.campaign, to: "open" })).ok).toBe(false);
    expect((await changeCampaignStatus(a, { campaignId: theirs.openCampaign, to: "closed" })).ok).toBe(false);
    expect((await deleteDraftCampaign(a, { campaignId: theirs.campaign })).ok).toBe(false);
    const ratings = [{ areaId: theirs.area, self: 4, manager: 4, agreed: 4, note: "taken" }];
    expect((await savePersonRatings(a, { campaignId: theirs.openCampaign, person: { staffId: theirs.staff, employeeRef: "O1", name: "O1" }, ratings })).ok).toBe(false);
    const after = await snapshotOfB();
    // A's own copy recorded one event; nothing of B's changed.
    expect({ ...after, events: after.events - 1 }).toEqual(before);
  });

  test("cannot read or change B's intake, pin or accepted plan by id", async () => {
    const before = await snapshotOfB();
    expect(await listIntakes(a, { level4: 18, level5: 24 })).toEqual([]);
    expect(await listPlanRuns(a)).toEqual([]);
    const intake = { qualificationId: before.intakes[0]!.qualification_id, provider: "Taken", startDate: "2026-09-07", capacity: 1, pricePence: 1, courseMonths: null, note: null };
    expect(await updateIntake(a, { ...intake, intakeId: theirs.intake })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await removeIntake(a, { intakeId: theirs.intake })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await pinPerson(a, { staffId: f.staff.A2!, intakeId: theirs.intake, pathway: null })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await pinPerson(a, { staffId: theirs.staff, intakeId: theirs.intake, pathway: null })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await unpinPerson(a, { staffId: theirs.staff })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await undoPlanRun(a, { runId: theirs.run })).toMatchObject({ ok: false, failure: { kind: "not_found" } });
    expect(await snapshotOfB()).toEqual(before);
  });
});

describe("through the routes, A's HR user", () => {
  const hr = () => f.cookies.hr;

  test("gets 404 for B's framework, campaign, ratings and comparison, and changes nothing", async () => {
    const before = await snapshotOfB();
    const fw = `/orgs/acme/audits/frameworks/${theirs.framework}`;
    expect((await call(() => frameworkLoader(args(getRequest(fw, hr()), { slug: "acme", id: String(theirs.framework) })))).status).toBe(404);
    expect((await call(() => frameworkAction(args(postRequest(fw, { intent: "retire", area_id: String(theirs.area) }, hr()), { slug: "acme", id: String(theirs.framework) })))).status).toBe(404);
    const copy = await call(() => frameworksAction(args(postRequest("/orgs/acme/audits/frameworks", { intent: "copy", source_id: String(theirs.framework), name: "Copied" }, hr()), { slug: "acme" })));
    expect(copy.status).toBe(400);
    for (const id of [theirs.campaign, theirs.openCampaign]) {
      const path = `/orgs/acme/audits/${id}`;
      expect((await call(() => campaignLoader(args(getRequest(path, hr()), { slug: "acme", id: String(id) })))).status).toBe(404);
      expect((await call(() => campaignAction(args(postRequest(path, { intent: "delete" }, hr()), { slug: "acme", id: String(id) })))).status).toBe(404);
      expect((await call(() => ratingsCsv(args(getRequest(`${path}/ratings.csv`, hr()), { slug: "acme", id: String(id) })))).status).toBe(404);
    }
    const person = `/orgs/acme/audits/${theirs.openCampaign}/people/O1`;
    const rated = await call(() => personAction(args(postRequest(person, { intent: "save-ratings", [`agreed.${theirs.area}`]: "4" }, hr()), { slug: "acme", id: String(theirs.openCampaign), employeeRef: "O1" })));
    expect(rated.status).toBe(404);
    const compare = `/orgs/acme/audits/compare?a=${theirs.openCampaign}&b=${theirs.campaign}`;
    expect((await call(() => compareLoader(args(getRequest(compare, hr()), { slug: "acme" })))).status).toBe(404);
    expect(await snapshotOfB()).toEqual(before);
  });

  test("gets 404 for B's intake, pin and accepted plan, and changes nothing", async () => {
    const before = await snapshotOfB();
    const intakes = (form: Record<string, string>) => call(() => intakesAction(args(postRequest("/orgs/acme/plan/intakes", form, hr()), { slug: "acme" })));
    expect((await intakes({ intent: "intake-remove", id: String(theirs.intake) })).status).toBe(404);
    const plan = (form: Record<string, string>) => call(() => planAction(args(postRequest("/orgs/acme/plan", form, hr()), { slug: "acme" })));
    expect((await plan({ intent: "pin", staffId: String(f.staff.A2), intakeId: String(theirs.intake), pathway: "" })).status).toBe(404);
    expect((await plan({ intent: "unpin", staffId: String(theirs.staff) })).status).toBe(404);
    expect((await plan({ intent: "undo", runId: String(theirs.run) })).status).toBe(404);
    expect(await snapshotOfB()).toEqual(before);
  });
});
