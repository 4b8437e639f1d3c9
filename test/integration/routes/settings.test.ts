import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action, loader } from "../../../app/routes/orgs.$slug.settings";
import { loadSettings } from "../../../app/models/organisation-data.server";
import { effectiveMilestones, transitionEnd } from "../../../app/compliance/settings";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let hr: string;

const args = (request: Request, params: Record<string, string> = { slug: "riverside" }) => ({ request, params, context: {} });

const timeline = {
  intent: "timeline",
  homesOwned: "1200",
  inForceDate: "2026-10-01",
  transitionYearsOverride: "",
  qualifiedDeadlineOverride: "",
  graceMonths: "6",
  probationGraceMonths: "9",
  lateJoinerMonths: "36",
  courseMonthsLevel4: "12",
  courseMonthsLevel5: "18",
  absencesPauseClocks: "on",
  otherAbsencePausesClocks: "off",
  dateOrder: "day_first",
  workingTowardsStartMonths: "6",
};

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 1200);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
});
afterEach(async () => t.close());

const post = (form: Record<string, string>, cookie = hr) => call(() => action(args(postRequest("/orgs/riverside/settings", form, cookie))));
const view = async () => (await call(() => loader(args(getRequest("/orgs/riverside/settings", hr))))).data!;
const audits = () => t.db.selectFrom("audit_events").selectAll().where("organisation_id", "=", riverside).orderBy("id").execute();

describe("settings: timeline", () => {
  test("shows the derived transition and help with sources", async () => {
    const d = await view();
    expect(d.canEdit).toBe(true);
    expect(d.timeline).toMatchObject({ homesOwned: 1200, inForceDate: "2026-10-01", transitionYearsOverride: null, absencesPauseClocks: true, dateOrder: "day_first" });
    expect(d.derived).toMatchObject({ transitionYearsDerived: 3, transitionYears: 3, transitionEnd: "2029-10-01", qualifiedDeadline: "2029-10-01" });
    expect(d.help.graceMonths.source).toMatch(/consultation/);
    expect(d.help.homesOwned.help).toMatch(/1,000/);
    expect(d.usingDefaultMilestones).toBe(true);
    expect(d.milestones.map((m) => [m.key, m.date, m.targetPct])).toEqual([
      ["default-0", "2026-10-01", 50],
      ["default-2", "2029-10-01", 100],
      ["default-1", "2029-10-02", 100],
    ]);
  });

  test("homes 1,200 → 800 moves the transition end from 1 Oct 2029 to 1 Oct 2030, with an audit event", async () => {
    const res = await post({ ...timeline, homesOwned: "800" });
    expect(res.status).toBe(200);
    expect((res.data as unknown as { notice: string }).notice).toContain("1 Oct 2030");
    const { settings } = await loadSettings(new OrganisationReader(t.db, riverside));
    expect(transitionEnd(settings)).toBe("2030-10-01");
    const d = await view();
    expect(d.derived).toMatchObject({ transitionYearsDerived: 4, transitionEnd: "2030-10-01" });
    const [event] = await audits();
    expect(event).toMatchObject({ action: "settings.update", entity: "organisation", actor: "hr@example.org" });
    expect(JSON.parse(event.before_json!)).toEqual({ homes_owned: 1200 });
    expect(JSON.parse(event.after_json!)).toEqual({ homes_owned: 800 });
  });

  test("overrides and every other field are saved; saving unchanged values writes nothing", async () => {
    const form = {
      ...timeline,
      homesOwned: "1,500",
      transitionYearsOverride: "5",
      qualifiedDeadlineOverride: "2030-03-31",
      graceMonths: "3",
      probationGraceMonths: "12",
      lateJoinerMonths: "24",
      courseMonthsLevel4: "15",
      courseMonthsLevel5: "20",
      absencesPauseClocks: "off",
      otherAbsencePausesClocks: "on",
      dateOrder: "month_first",
      workingTowardsStartMonths: "12",
    };
    expect((await post(form)).status).toBe(200);
    const row = await t.db.selectFrom("organisations").selectAll().where("id", "=", riverside).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      homes_owned: 1500,
      transition_years_override: 5,
      qualified_deadline_override: "2030-03-31",
      grace_months: 3,
      probation_grace_months: 12,
      late_joiner_months: 24,
      course_months_level4: 15,
      course_months_level5: 20,
      absences_pause_clocks: 0,
      other_absence_pauses_clocks: 1,
      date_order: "month_first",
      working_towards_start_months: 12,
    });
    const d = await view();
    expect(d.derived).toMatchObject({ transitionYearsDerived: 3, transitionYears: 5, transitionEnd: "2031-10-01", transitionEndDerived: "2029-10-01", qualifiedDeadline: "2030-03-31" });
    const again = await post({ ...form, homesOwned: "1500" });
    expect((again.data as unknown as { notice: string }).notice).toBe("Nothing changed.");
    expect(await audits()).toHaveLength(1);
  });

  test("validation errors are returned per field with what was typed, and nothing is written", async () => {
    const res = await post({ ...timeline, homesOwned: "lots", inForceDate: "2026-02-30", transitionYearsOverride: "0", qualifiedDeadlineOverride: "2025-01-01", graceMonths: "-1", absencesPauseClocks: "maybe", dateOrder: "" });
    expect(res.status).toBe(400);
    const body = res.data as unknown as { errors: Record<string, string>; values: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["absencesPauseClocks", "dateOrder", "graceMonths", "homesOwned", "inForceDate", "transitionYearsOverride"]);
    expect(body.values.homesOwned).toBe("lots");
    const deadline = await post({ ...timeline, qualifiedDeadlineOverride: "2025-01-01" });
    expect(deadline.status).toBe(400);
    expect((deadline.data as unknown as { errors: Record<string, string> }).errors.qualifiedDeadlineOverride).toMatch(/before the in-force date/);
    expect((await t.db.selectFrom("organisations").select("homes_owned").where("id", "=", riverside).executeTakeFirstOrThrow()).homes_owned).toBe(1200);
    expect(await audits()).toHaveLength(0);
  });
});

describe("settings: milestones", () => {
  test("adding a milestone materialises the defaults; removing and editing work on saved rows; restore goes back to defaults", async () => {
    const added = await post({ intent: "milestone-add", name: "Board interim check", date: "2027-12-31", measure: "qualified", targetPct: "40" });
    expect(added.status).toBe(200);
    let org = await t.db.selectFrom("organisations").select("custom_milestones").where("id", "=", riverside).executeTakeFirstOrThrow();
    expect(org.custom_milestones).toBe(1);
    let d = await view();
    expect(d.usingDefaultMilestones).toBe(false);
    expect(d.milestones.map((m) => [m.name, m.date, m.measure, m.targetPct])).toEqual([
      ["October 2026 enrolment milestone", "2026-10-01", "qualified_or_enrolled", 50],
      ["Board interim check", "2027-12-31", "qualified", 40],
      ["Qualified deadline", "2029-10-01", "qualified", 100],
      ["Transition end (statutory)", "2029-10-02", "statutory", 100],
    ]);
    // The rules now use the saved list.
    const { settings } = await loadSettings(new OrganisationReader(t.db, riverside));
    expect(effectiveMilestones(settings).map((m) => m.name)).toContain("Board interim check");

    const board = d.milestones.find((m) => m.name === "Board interim check")!;
    expect((await post({ intent: "milestone-update", key: board.key, name: "Board interim check", date: "2028-01-31", measure: "qualified", targetPct: "45.5" })).status).toBe(200);
    const enrolment = d.milestones.find((m) => m.name.startsWith("October"))!;
    expect((await post({ intent: "milestone-remove", key: enrolment.key })).status).toBe(200);
    d = await view();
    expect(d.milestones.map((m) => [m.name, m.date, m.targetPct])).toEqual([
      ["Board interim check", "2028-01-31", 45.5],
      ["Qualified deadline", "2029-10-01", 100],
      ["Transition end (statutory)", "2029-10-02", 100],
    ]);

    expect((await post({ intent: "milestones-restore" })).status).toBe(200);
    org = await t.db.selectFrom("organisations").select("custom_milestones").where("id", "=", riverside).executeTakeFirstOrThrow();
    expect(org.custom_milestones).toBe(0);
    expect(await t.db.selectFrom("milestones").select("id").where("organisation_id", "=", riverside).execute()).toHaveLength(0);
    expect((await view()).milestones.map((m) => m.key)).toEqual(["default-0", "default-2", "default-1"]);

    const events = await audits();
    expect(events.map((e) => e.action)).toEqual(["milestone.create", "milestone.update", "milestone.delete", "milestones.restore_defaults"]);
    expect(JSON.parse(events[0].before_json!)).toMatchObject({ customMilestones: 0, milestones: [{ name: "October 2026 enrolment milestone" }, {}, {}] });
    expect(JSON.parse(events[0].after_json!).milestones).toHaveLength(4);
    expect(JSON.parse(events[2].after_json!).milestones).toHaveLength(3);
  });

  test("editing or removing a default milestone materialises the list first", async () => {
    const removed = await post({ intent: "milestone-remove", key: "default-2" });
    expect(removed.status).toBe(200);
    const d = await view();
    expect(d.usingDefaultMilestones).toBe(false);
    expect(d.milestones.map((m) => m.name)).toEqual(["October 2026 enrolment milestone", "Transition end (statutory)"]);
    const edited = await post({ intent: "milestone-update", key: d.milestones[0].key, name: "Enrolment milestone", date: "2026-10-01", measure: "qualified_or_enrolled", targetPct: "60" });
    expect(edited.status).toBe(200);
    expect((await view()).milestones[0]).toMatchObject({ name: "Enrolment milestone", targetPct: 60 });
  });

  test("milestone validation, unknown keys and another organisation's milestones", async () => {
    const bad = await post({ intent: "milestone-add", name: "", date: "soon", measure: "everything", targetPct: "120" });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as unknown as { errors: object }).errors).sort()).toEqual(["date", "measure", "name", "targetPct"]);
    expect((await post({ intent: "milestone-remove", key: "default-7" })).status).toBe(404);
    const other = await t.db
      .insertInto("milestones")
      .values({ organisation_id: oakfield, name: "Oakfield", date: "2027-01-01", measure: "qualified", target_pct: 10, position: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("organisations").set({ custom_milestones: 1 }).where("id", "=", riverside).execute();
    expect((await post({ intent: "milestone-remove", key: `id-${other.id}` })).status).toBe(404);
    expect((await post({ intent: "milestone-update", key: `id-${other.id}`, name: "Mine now", date: "2027-01-01", measure: "qualified", targetPct: "10" })).status).toBe(404);
    expect(await t.db.selectFrom("milestones").selectAll().where("id", "=", other.id).executeTakeFirstOrThrow()).toMatchObject({ name: "Oakfield", organisation_id: oakfield });
    expect(await audits()).toHaveLength(0);
  });
});

describe("settings permissions", () => {
  test("an executive reads but any POST is refused with 403; a non-member gets 404", async () => {
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const read = await call(() => loader(args(getRequest("/orgs/riverside/settings", exec))));
    expect(read.status).toBe(200);
    expect(read.data?.canEdit).toBe(false);
    expect((await post({ ...timeline, homesOwned: "800" }, exec)).status).toBe(403);
    expect((await post({ intent: "milestones-restore" }, exec)).status).toBe(403);
    expect((await call(() => loader(args(getRequest("/orgs/oakfield/settings", hr), { slug: "oakfield" })))).status).toBe(404);
    expect((await call(() => action(args(postRequest("/orgs/oakfield/settings", { ...timeline, homesOwned: "5" }, hr), { slug: "oakfield" })))).status).toBe(404);
    expect((await t.db.selectFrom("organisations").select("homes_owned").where("id", "=", oakfield).executeTakeFirstOrThrow()).homes_owned).toBe(800);
    expect(await t.db.selectFrom("audit_events").select("id").execute()).toHaveLength(0);
  });
});
