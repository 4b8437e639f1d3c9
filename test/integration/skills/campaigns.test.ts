// Skills audit campaigns: create (who is included), open, ratings on the per-person grid, close (read-only), tenancy, permissions, gaps.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, getRequest, postRequest } from "../../helpers/requests";
import { action as listAction, loader as listLoader } from "../../../app/routes/orgs.$slug.audits._index";
import { action as campaignAction, loader as campaignLoader } from "../../../app/routes/orgs.$slug.audits.$id._index";
import { action as personAction, loader as personLoader } from "../../../app/routes/orgs.$slug.audits.$id.people.$employeeRef";
import { loader as peopleLoader } from "../../../app/routes/orgs.$slug.audits.$id.people._index";
import { action as frameworkAction } from "../../../app/routes/orgs.$slug.audits.frameworks.$id";
import { action as frameworksAction } from "../../../app/routes/orgs.$slug.audits.frameworks._index";
import { loader as reportLoader } from "../../../app/routes/orgs.$slug.audits.$id.report";
import { loader as ratingsCsv } from "../../../app/routes/orgs.$slug.audits.$id.ratings[.]csv";
import { loader as recommendationsCsv } from "../../../app/routes/orgs.$slug.audits.$id.recommendations[.]csv";
import { loader as compareLoader } from "../../../app/routes/orgs.$slug.audits.compare";
import { auditGapsByStaff } from "../../../app/models/skills-audits/gaps.server";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";
import { areaIds, args, skillsFixture, type SkillsFixture } from "./helpers";

let t: TestDatabase;
let f: SkillsFixture;
let area: Record<string, number>;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  f = await skillsFixture(t.db);
  area = await areaIds(t.db, f.defaultFrameworkId);
});
afterEach(async () => t.close());

const campaignForm = (over: Record<string, string | string[]> = {}) => ({
  intent: "create",
  name: "Skills audit 2026",
  framework_id: String(f.defaultFrameworkId),
  opens_on: "2026-10-05",
  closes_on: "2026-12-18",
  refs: "",
  ...over,
});

async function createCampaign(over: Record<string, string | string[]> = {}, cookie = f.cookies.hr): Promise<number> {
  const res = await call(() => listAction(args(postRequest("/orgs/acme/audits", campaignForm(over), cookie), { slug: "acme" })));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(/audits\/(\d+)/.exec(res.response!.headers.get("Location")!)![1]);
}

/** The body of a failed action (the helper's unwrapped type does not spread over a union of results). */
const failure = (r: { data?: unknown }) => r.data as { errors: Record<string, string>; values: Record<string, unknown> | null };

const post = (id: number, form: Record<string, string | string[]>, cookie = f.cookies.hr) =>
  call(() => campaignAction(args(postRequest(`/orgs/acme/audits/${id}`, form, cookie), { slug: "acme", id: String(id) })));
const rate = (id: number, ref: string, form: Record<string, string>, cookie = f.cookies.hr) =>
  call(() => personAction(args(postRequest(`/orgs/acme/audits/${id}/people/${ref}`, { intent: "save-ratings", ...form }, cookie), { slug: "acme", id: String(id), employeeRef: ref })));

describe("creating a campaign", () => {
  test("who is included: filters, refs, and people without targets or not in post refused", async () => {
    const everyone = await createCampaign({ refs: "" });
    const included = async (id: number) =>
      (await t.db.selectFrom("skills_audit_participants").innerJoin("staff", "staff.id", "skills_audit_participants.staff_id").select("employee_ref").where("campaign_id", "=", id).orderBy("employee_ref").execute()).map((r) => r.employee_ref);
    // No filters: everyone in post with a target category (not the finance officer, not the leaver).
    expect(await included(everyone)).toEqual(["A1", "A2", "A3", "A4", "A5"]);
    const managers = await createCampaign({ categories: ["senior_manager"], departments: ["Property Services"], refs: "A4" });
    expect(await included(managers)).toEqual(["A3", "A4"]);
    const direct = await createCampaign({ categories: ["frontline"], employers: [""] });
    expect(await included(direct)).toEqual(["A4"]);

    const bad = await call(() => listAction(args(postRequest("/orgs/acme/audits", campaignForm({ refs: "A6 A7 ZZ9" }), f.cookies.hr), { slug: "acme" })));
    expect(bad.status).toBe(400);
    expect(failure(bad).errors.refs).toMatch(/ZZ9[\s\S]*A6 is out of scope[\s\S]*A7 is not in post/);
    const dates = await call(() => listAction(args(postRequest("/orgs/acme/audits", campaignForm({ name: "", closes_on: "2026-01-01" }), f.cookies.hr), { slug: "acme" })));
    expect(dates.status).toBe(400);
    expect(failure(dates).errors).toMatchObject({ name: expect.any(String), closes_on: "The close date cannot be before the open date" });
    expect(failure(dates).values?.closes_on).toBe("2026-01-01");

    const audit = await t.db.selectFrom("audit_events").select(["action", "summary"]).where("action", "=", "skills_audit.create").execute();
    expect(audit).toHaveLength(3);
    expect(audit[0].summary).toMatch(/with 5 people/);
  });

  test("executives read but cannot create; another organisation's campaign is 404", async () => {
    const id = await createCampaign();
    const denied = await call(() => listAction(args(postRequest("/orgs/acme/audits", campaignForm(), f.cookies.exec), { slug: "acme" })));
    expect(denied.status).toBe(403);
    const list = await call(() => listLoader(args(getRequest("/orgs/acme/audits", f.cookies.exec), { slug: "acme" })));
    expect(list.status).toBe(200);
    expect(list.data!.canDecide).toBe(false);
    expect(list.data!.campaigns.map((c) => c.name)).toEqual(["Skills audit 2026"]);
    expect((await post(id, { intent: "open" }, f.cookies.exec)).status).toBe(403);
    expect((await rate(id, "A2", {}, f.cookies.exec)).status).toBe(403);

    // The consultant is a member of both organisations: acme's campaign id under /orgs/other is not found.
    const wrongOrg = await call(() => campaignLoader(args(getRequest(`/orgs/other/audits/${id}`, f.cookies.consultant), { slug: "other", id: String(id) })));
    expect(wrongOrg.status).toBe(404);
    const wrongOrgAction = await call(() => campaignAction(args(postRequest(`/orgs/other/audits/${id}`, { intent: "open" }, f.cookies.consultant), { slug: "other", id: String(id) })));
    expect(wrongOrgAction.status).toBe(404);
    const outsider = await call(() => campaignLoader(args(getRequest(`/orgs/acme/audits/${id}`, f.cookies.outsider), { slug: "acme", id: String(id) })));
    expect(outsider.status).toBe(404);
    const notAParticipant = await call(() => personLoader(args(getRequest(`/orgs/acme/audits/${id}/people/A6`, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: "A6" })));
    expect(notAParticipant.status).toBe(404);
  });
});

describe("campaign states: draft → open → closed (read-only)", () => {
  test("ratings only while open; closed refuses every change with 409 and keeps its targets", async () => {
    const id = await createCampaign({ categories: ["senior_executive", "senior_manager"] });
    // Draft: no ratings yet.
    expect((await rate(id, "A2", { [`agreed.${area.K1}`]: "2" })).status).toBe(409);
    // A draft can change who is included.
    const updated = await post(id, { ...campaignForm({ categories: ["senior_manager"] }), intent: "update" });
    expect(updated.status).toBe(302);
    expect((await t.db.selectFrom("skills_audit_participants").select("staff_id").where("campaign_id", "=", id).execute()).length).toBe(2);

    expect((await post(id, { intent: "open" })).status).toBe(302);
    expect((await post(id, { intent: "open" })).status).toBe(409);
    expect((await post(id, { ...campaignForm(), intent: "update" })).status).toBe(409);

    // The per-person grid: bad cells are listed and nothing is saved.
    const bad = await rate(id, "A2", { [`agreed.${area.K1}`]: "7", [`self.${area.K2}`]: "x", [`agreed.${area.K2}`]: "2" });
    expect(bad.status).toBe(400);
    expect(failure(bad).errors).toEqual({ [`agreed.${area.K1}`]: expect.stringMatching(/0 to 4/), [`self.${area.K2}`]: expect.stringMatching(/0 to 4/) });
    expect(failure(bad).values![`agreed.${area.K1}`]).toBe("7");
    expect(await t.db.selectFrom("skills_audit_ratings").selectAll().execute()).toEqual([]);

    const ok = await rate(id, "A2", { [`self.${area.K1}`]: "3", [`manager.${area.K1}`]: "2", [`agreed.${area.K1}`]: "1", [`note.${area.K1}`]: "Seen at panel", [`agreed.${area.S9}`]: "3" });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ ok: true, message: "Saved 2 areas." });
    const again = await rate(id, "A2", { [`self.${area.K1}`]: "3", [`manager.${area.K1}`]: "2", [`agreed.${area.K1}`]: "1", [`note.${area.K1}`]: "Seen at panel", [`agreed.${area.S9}`]: "3" });
    expect(again.data).toMatchObject({ ok: true, message: "Nothing changed." });
    const events = await t.db.selectFrom("audit_events").select(["action", "before_json", "after_json"]).where("action", "=", "skills_audit.ratings").execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after_json!)).toEqual({ K1: { self: 3, manager: 2, agreed: 1, note: "Seen at panel" }, S9: { self: null, manager: null, agreed: 3, note: null } });

    const page = await call(() => personLoader(args(getRequest(`/orgs/acme/audits/${id}/people/A2`, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: "A2" })));
    expect(page.data!.canRate).toBe(true);
    expect(page.data!.gaps.map((g) => [g.code, g.target, g.agreed, g.gap])).toEqual([["K1", 3, 1, 2]]);
    expect(page.data!.person.progress).toBe("partial");
    expect(page.data!.recommendations.units[0].closes.map((g) => g.code)).toEqual(["K1"]);
    expect(page.data!.recommendations.qualified).toBe(false);

    const overview = await call(() => campaignLoader(args(getRequest(`/orgs/acme/audits/${id}`, f.cookies.exec), { slug: "acme", id: String(id) })));
    expect(overview.data!.progress).toEqual({ complete: 0, partial: 1, not_started: 1, total: 2 });
    const k1 = overview.data!.byDepartment.rows.find((r) => r.code === "K1")!;
    expect(k1.cells.Neighbourhoods).toMatchObject({ rated: 1, withGap: 1, meanGap: 2 });
    const people = await call(() => peopleLoader(args(getRequest(`/orgs/acme/audits/${id}/people?area=K1&department=Neighbourhoods&gap=1`, f.cookies.exec), { slug: "acme", id: String(id) })));
    expect(people.data!.rows.map((r) => [r.employeeRef, r.areaGap])).toEqual([["A2", 2]]);

    expect((await post(id, { intent: "close" })).status).toBe(302);
    expect((await t.db.selectFrom("skills_audit_campaigns").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("closed");
    // Closed is read-only.
    expect((await rate(id, "A2", { [`agreed.${area.K1}`]: "3" })).status).toBe(409);
    for (const intent of ["open", "close", "update", "delete"]) expect((await post(id, { intent })).status, intent).toBe(409);
    const closedPage = await call(() => personLoader(args(getRequest(`/orgs/acme/audits/${id}/people/A2`, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: "A2" })));
    expect(closedPage.data!.canRate).toBe(false);

    // Later framework edits do not change a closed campaign: copy the default, use it … the closed one keeps its frozen targets.
    const snapshot = await t.db.selectFrom("skills_audit_campaign_areas").select(["code", "target_senior_manager"]).where("campaign_id", "=", id).execute();
    expect(snapshot).toHaveLength(28);
    expect(snapshot.find((s) => s.code === "K1")!.target_senior_manager).toBe(3);
    expect((await t.db.selectFrom("audit_events").select("action").where("action", "in", ["skills_audit.open", "skills_audit.close"]).execute()).length).toBe(2);
  });

  test("a draft can be deleted; open and closed campaigns are kept", async () => {
    const id = await createCampaign();
    expect((await post(id, { intent: "delete" })).status).toBe(302);
    expect(await t.db.selectFrom("skills_audit_campaigns").selectAll().execute()).toEqual([]);
    const kept = await createCampaign();
    await post(kept, { intent: "open" });
    expect((await post(kept, { intent: "delete" })).status).toBe(409);
  });
});

describe("frameworks: the shared default is read-only; a copy can be renamed, extended, retired", () => {
  test("copy, rename an area and change a target, add and retire an area; retired areas keep their ratings", async () => {
    const shared = await call(() =>
      frameworkAction(args(postRequest(`/orgs/acme/audits/frameworks/${f.defaultFrameworkId}`, { intent: "add-area", area_name: "X" }, f.cookies.hr), { slug: "acme", id: String(f.defaultFrameworkId) })),
    );
    expect(shared.status).toBe(409);
    const copied = await call(() => frameworksAction(args(postRequest("/orgs/acme/audits/frameworks", { intent: "copy", source_id: String(f.defaultFrameworkId), name: "Acme framework" }, f.cookies.hr), { slug: "acme" })));
    expect(copied.status).toBe(302);
    const fid = Number(/frameworks\/(\d+)/.exec(copied.response!.headers.get("Location")!)![1]);
    const own = await areaIds(t.db, fid);
    expect(Object.keys(own)).toHaveLength(28);
    const fw = (form: Record<string, string>, cookie = f.cookies.hr) => call(() => frameworkAction(args(postRequest(`/orgs/acme/audits/frameworks/${fid}`, form, cookie), { slug: "acme", id: String(fid) })));
    expect((await fw({ intent: "save-areas", framework_name: "Acme framework", [`name.${own.K1}`]: "Law and regulation", [`target_sm.${own.K1}`]: "4" })).status).toBe(200);
    expect((await fw({ intent: "save-areas", framework_name: "Acme framework", [`target_sm.${own.K1}`]: "9" })).status).toBe(400);
    expect((await fw({ intent: "add-area", area_name: "Damp and mould", area_group: "knowledge", target_senior_executive: "3", target_senior_manager: "3", target_frontline: "3" })).status).toBe(200);
    const k1 = await t.db.selectFrom("skill_areas").selectAll().where("id", "=", own.K1).executeTakeFirstOrThrow();
    expect([k1.code, k1.name, k1.target_senior_manager]).toEqual(["K1", "Law and regulation", 4]);
    expect((await t.db.selectFrom("skill_areas").select(["code", "name"]).where("framework_id", "=", fid).where("code", "=", "X1").executeTakeFirstOrThrow()).name).toBe("Damp and mould");
    // The other organisation cannot touch it.
    const theirs = await call(() => frameworkAction(args(postRequest(`/orgs/other/audits/frameworks/${fid}`, { intent: "retire", area_id: String(own.B5) }, f.cookies.consultant), { slug: "other", id: String(fid) })));
    expect(theirs.status).toBe(404);

    const id = await createCampaign({ framework_id: String(fid), categories: ["senior_manager"] });
    await post(id, { intent: "open" });
    await rate(id, "A2", { [`agreed.${own.B5}`]: "1", [`agreed.${own.K1}`]: "2" });
    expect((await fw({ intent: "retire", area_id: String(own.B5) })).status).toBe(200);
    const page = await call(() => personLoader(args(getRequest(`/orgs/acme/audits/${id}/people/A2`, f.cookies.hr), { slug: "acme", id: String(id), employeeRef: "A2" })));
    const b5 = page.data!.profile.find((r) => r.code === "B5")!;
    expect(b5).toMatchObject({ retired: true, agreed: 1 });
    // The renamed area carries its new name and target into the gaps.
    expect(page.data!.gaps.find((g) => g.code === "K1")).toMatchObject({ area: "Law and regulation", target: 4, agreed: 2, gap: 2 });
    // A retired area's rating cannot change, but the others still save.
    expect((await rate(id, "A2", { [`agreed.${own.K1}`]: "4" })).data).toMatchObject({ ok: true });
    const actions = (await t.db.selectFrom("audit_events").select("action").where("entity", "in", ["skill_framework", "skill_area"]).execute()).map((e) => e.action);
    expect(actions).toEqual(["skill_framework.copy", "skill_framework.update", "skill_area.add", "skill_area.retire"]);
  });
});

describe("results: gaps for the development plan, report, CSV exports, comparison", () => {
  test("auditGapsByStaff uses each person's most recent campaign with an agreed rating", async () => {
    const first = await createCampaign({ name: "2025", opens_on: "2025-10-06", closes_on: "2025-11-28", categories: ["senior_manager"] });
    await post(first, { intent: "open" });
    await rate(first, "A2", { [`agreed.${area.K1}`]: "0", [`agreed.${area.S9}`]: "1" });
    await rate(first, "A3", { [`agreed.${area.K1}`]: "1" });
    await post(first, { intent: "close" });
    const second = await createCampaign({ name: "2026", categories: ["senior_manager"] });
    await post(second, { intent: "open" });
    await rate(second, "A2", { [`agreed.${area.K1}`]: "2", [`agreed.${area.C1}`]: "3" });
    await rate(second, "A3", { [`self.${area.K1}`]: "4" }); // no agreed rating in 2026: 2025 still counts

    const gaps = await auditGapsByStaff(new OrganisationReader(t.db, f.acme));
    expect(gaps.get(f.staff.A2)).toEqual([
      { area: "Legislation and regulation", areaGroup: "knowledge", target: 3, agreed: 2, gap: 1 },
      { area: "Code of conduct", areaGroup: "conduct", target: 4, agreed: 3, gap: 1 },
    ]);
    expect(gaps.get(f.staff.A3)).toEqual([{ area: "Legislation and regulation", areaGroup: "knowledge", target: 3, agreed: 1, gap: 2 }]);
    expect(gaps.has(f.staff.A1)).toBe(false);
    expect((await auditGapsByStaff(new OrganisationReader(t.db, f.other))).size).toBe(0);

    // Drafts never count.
    const draft = await createCampaign({ name: "draft", opens_on: "2027-01-04", closes_on: "2027-02-01", categories: ["senior_manager"] });
    expect(draft).toBeGreaterThan(second);
    expect((await auditGapsByStaff(new OrganisationReader(t.db, f.acme))).get(f.staff.A2)).toHaveLength(2);

    const compare = await call(() => compareLoader(args(getRequest(`/orgs/acme/audits/compare?a=${first}&b=${second}`, f.cookies.exec), { slug: "acme" })));
    const k1 = compare.data!.result!.areas.find((a) => a.code === "K1")!;
    expect(k1.before).toEqual({ rated: 2, meanAgreed: 0.5, meanGap: 2.5 });
    expect(k1.after).toEqual({ rated: 1, meanAgreed: 2, meanGap: 1 });
    expect(compare.data!.result!.people).toEqual([expect.objectContaining({ employeeRef: "A2", gapBefore: 3, gapAfter: 1, gapChange: -2, improved: ["Legislation and regulation"] })]);
    const otherOrg = await call(() => compareLoader(args(getRequest(`/orgs/other/audits/compare?a=${first}&b=${second}`, f.cookies.consultant), { slug: "other" })));
    expect(otherOrg.status).toBe(404);

    const report = await call(() => reportLoader(args(getRequest(`/orgs/acme/audits/${second}/report`, f.cookies.exec), { slug: "acme", id: String(second) })));
    expect(report.data!.peopleWithGaps).toBe(1);
    expect(report.data!.units[0]).toMatchObject({ people: 1 });

    await t.db.updateTable("staff").set({ first_name: "=cmd|' /C calc'!A0" }).where("id", "=", f.staff.A2).execute();
    const csv = await call(() => ratingsCsv(args(getRequest(`/orgs/acme/audits/${second}/ratings.csv`, f.cookies.exec), { slug: "acme", id: String(second) })));
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.response!.arrayBuffer());
    expect(text.startsWith("\uFEFFemployee_ref,area,self,manager,agreed,note,name,")).toBe(true);
    expect(text).toContain("A2,Legislation and regulation,,,2,,'=cmd|");
    expect(text.split("\r\n").filter((l) => l.startsWith("A3,"))).toHaveLength(28);
    const recs = await call(() => recommendationsCsv(args(getRequest(`/orgs/acme/audits/${second}/recommendations.csv`, f.cookies.exec), { slug: "acme", id: String(second) })));
    const recText = await recs.response!.text();
    // A2 is a housing manager in Neighbourhoods: the housing unit for Legislation, not the repairs units.
    expect(recText).toContain("qualification unit,1,Y/503/1175");
    expect(recText).not.toContain("F/504/4180");
    expect(recText).toContain("no unit covers this gap,,C1,Code of conduct");
    const outsider = await call(() => ratingsCsv(args(getRequest(`/orgs/other/audits/${second}/ratings.csv`, f.cookies.consultant), { slug: "other", id: String(second) })));
    expect(outsider.status).toBe(404);
  });
});
