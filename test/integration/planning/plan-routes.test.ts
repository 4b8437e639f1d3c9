/**
 * The workforce plan's routes against a real SQLite database: the plan page, pins, accepting the plan (records
 * created exactly, in one audited transaction) and undoing it (exactly those records deleted, refused when one
 * changed), intakes, the CSV, permissions and tenancy.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import { action as planAction, loader as planLoader } from "../../../app/routes/orgs.$slug.plan._index";
import { action as intakesAction, loader as intakesLoader } from "../../../app/routes/orgs.$slug.plan.intakes";
import { loader as csvLoader } from "../../../app/routes/orgs.$slug.plan[.]csv";
import { loader as boardLoader } from "../../../app/routes/orgs.$slug.plan.board";
import { loader as personLoader } from "../../../app/routes/orgs.$slug.people.$employeeRef";
import { evaluateOrganisation, todayIso } from "../../../app/models/compliance.server";
import { addMonths } from "../../../app/compliance/dates";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

let t: TestDatabase;
let org: number;
let other: number;
let hr: string;
let exec: string;
let staff: Record<string, number>;
let intakes: Record<string, number>;
let otherIntake: number;
const today = todayIso();
const inMonths = (n: number) => addMonths(today, n);

const args = (request: Request, params: Record<string, string> = { slug: "riverside" }) => ({ request, params, context: {} });

async function qualificationId(code: string): Promise<number> {
  return (await t.db.selectFrom("qualifications").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  org = await createTestOrganisation(t.db, "riverside", 5000);
  other = await createTestOrganisation(t.db, "oakfield", 800);
  // In force next month, so the dates below hold whenever the suite runs: qualify by = in force + 3 years.
  await t.db.updateTable("organisations").set({ in_force_date: inMonths(1) }).where("id", "=", org).execute();
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [org]));
  exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [org]));
  const decision = (job_title: string, category: "senior_manager" | "senior_executive") => ({
    organisation_id: org,
    job_title,
    job_title_normalised: job_title.toLowerCase(),
    category,
    rationale: "Skills audit",
    decided_on: "2026-03-03",
  });
  await t.db.insertInto("scope_decisions").values([decision("Neighbourhood Manager", "senior_manager"), decision("Repairs Manager", "senior_manager"), decision("Director of Housing", "senior_executive")]).execute();
  const people = [
    ["N1", "Neighbourhood Manager", "Neighbourhoods"],
    ["N2", "Neighbourhood Manager", "Neighbourhoods"],
    ["N3", "Neighbourhood Manager", "Neighbourhoods"],
    ["R1", "Repairs Manager", "Property Services"],
    ["D1", "Director of Housing", "Executive Office"],
    ["Q1", "Neighbourhood Manager", "Neighbourhoods"],
    ["W1", "Neighbourhood Manager", "Neighbourhoods"],
  ] as const;
  staff = {};
  for (const [ref, title, department] of people) {
    const row = await t.db
      .insertInto("staff")
      .values({ organisation_id: org, employee_ref: ref, first_name: "Sam", last_name: ref, job_title: title, job_title_normalised: title.toLowerCase(), department, start_date: "2015-01-05" })
      .returning("id")
      .executeTakeFirstOrThrow();
    staff[ref] = row.id;
  }
  const l4 = await qualificationId("CIH-L4-CH");
  const mhm = await qualificationId("CIH-L4-MHM");
  const l5 = await qualificationId("CIH-L5-DH");
  await t.db
    .insertInto("qualification_records")
    .values([
      { organisation_id: org, staff_id: staff.Q1, qualification_id: l4, provider: "CIH Housing Academy", status: "achieved", enrolled_on: "2019-01-07", achieved_on: "2020-01-10" },
      { organisation_id: org, staff_id: staff.W1, qualification_id: l4, provider: "CIH Housing Academy", status: "in_progress", enrolled_on: "2026-01-12", started_on: "2026-01-12", expected_completion: inMonths(6) },
    ])
    .execute();
  const intake = async (name: string, organisation_id: number, qualification_id: number, months: number, capacity: number, pounds: number, provider = "CIH Housing Academy") => {
    const row = await t.db
      .insertInto("plan_intakes")
      .values({ organisation_id, qualification_id, provider, start_date: inMonths(months), capacity, price_pence: pounds * 100 })
      .returning("id")
      .executeTakeFirstOrThrow();
    return [name, row.id] as const;
  };
  intakes = Object.fromEntries([
    await intake("early", org, l4, 2, 2, 1650),
    await intake("later", org, l4, 8, 5, 1495, "Northern Housing Consortium"),
    await intake("maintenance", org, mhm, 3, 2, 1890, "Upkeep Training"),
    await intake("diploma", org, l5, 4, 1, 3250),
  ]);
  otherIntake = (await intake("theirs", other, l4, 2, 10, 1000))[1];
});
afterEach(async () => t.close());

const view = async (cookie = hr, query = "") => {
  const result = await call(() => planLoader(args(getRequest(`/orgs/riverside/plan${query}`, cookie))));
  expect(result.status).toBe(200);
  return result.data!;
};
const post = (form: Record<string, string>, cookie = hr) => call(() => planAction(args(postRequest("/orgs/riverside/plan", form, cookie))));
const records = () => t.db.selectFrom("qualification_records").selectAll().where("organisation_id", "=", org).orderBy("id").execute();
const audits = (action: string) => t.db.selectFrom("audit_events").selectAll().where("organisation_id", "=", org).where("action", "=", action).execute();

describe("the plan page", () => {
  test("plans everyone required who is neither qualified nor working towards, and keeps the learner", async () => {
    const d = await view();
    expect(d.canEdit).toBe(true);
    const byRef = Object.fromEntries(d.rows.map((r) => [r.employeeRef, r]));
    expect(Object.keys(byRef).sort()).toEqual(["D1", "N1", "N2", "N3", "R1"]);
    expect(byRef.N1).toMatchObject({ state: "planned", intakeId: intakes.early, start: inMonths(2), expectedCompletion: inMonths(14), costPence: 165000 });
    expect(byRef.N2.intakeId).toBe(intakes.early);
    expect(byRef.N3).toMatchObject({ intakeId: intakes.later, provider: "Northern Housing Consortium", costPence: 149500 });
    expect(byRef.R1).toMatchObject({ intakeId: intakes.maintenance, pathway: "Responsive repairs", qualificationTitle: "CIH Level 4 Certificate in Managing Housing Maintenance" });
    expect(byRef.D1).toMatchObject({ intakeId: intakes.diploma, expectedCompletion: inMonths(22) });
    expect(d.kept.map((k) => k.employeeRef)).toEqual(["W1"]);
    expect(d.overview.totals).toMatchObject({ people: 5, planned: 5, unplanned: 0, costPence: 165000 * 2 + 149500 + 189000 + 325000 });
    const deadline = d.overview.milestones.find((m) => m.name === "Qualified deadline")!;
    expect(deadline.withPlanPct).toBe(100);
    expect(deadline.withoutPlanPct).toBeLessThan(50);
    expect(d.overview.intakes.find((i) => i.id === intakes.early)).toMatchObject({ assigned: 2, remaining: 0 });
    expect(d.overview.intakes.some((i) => i.id === otherIntake)).toBe(false);
  });

  test("an executive reads the plan but cannot pin, accept or undo", async () => {
    const d = await view(exec);
    expect(d.canEdit).toBe(false);
    expect(d.rows.length).toBe(5);
    const forms: Array<Record<string, string>> = [{ intent: "pin", staffId: String(staff.N1), intakeId: String(intakes.later), pathway: "" }, { intent: "accept", fingerprint: d.fingerprint }, { intent: "undo", runId: "1" }];
    for (const form of forms) {
      expect((await post(form, exec)).status).toBe(403);
    }
    expect((await call(() => intakesAction(args(postRequest("/orgs/riverside/plan/intakes", { intent: "intake-remove", id: String(intakes.early) }, exec))))).status).toBe(403);
  });

  test("pinning moves a person and re-plans around the pin; unpinning restores the plan; both audited", async () => {
    const before = await view();
    const pinned = await post({ intent: "pin", staffId: String(staff.N3), intakeId: String(intakes.early), pathway: "" });
    expect(pinned.status).toBe(200);
    const after = await view();
    const byRef = Object.fromEntries(after.rows.map((r) => [r.employeeRef, r]));
    expect(byRef.N3).toMatchObject({ pinned: true, intakeId: intakes.early });
    expect([byRef.N1.intakeId, byRef.N2.intakeId].sort()).toEqual([intakes.early, intakes.later].sort());
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect((await audits("plan_pin.create")).map((a) => a.entity_id)).toEqual(["N3"]);

    expect((await post({ intent: "unpin", staffId: String(staff.N3) })).status).toBe(200);
    expect((await view()).fingerprint).toBe(before.fingerprint);
    expect(await audits("plan_pin.delete")).toHaveLength(1);
  });

  test("pins validate the pathway and keep another organisation's ids out (404)", async () => {
    const bad = await post({ intent: "pin", staffId: String(staff.N1), intakeId: String(intakes.early), pathway: "Planned maintenance" });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { pathway: expect.stringContaining("has no pathways") } });
    expect((await post({ intent: "pin", staffId: String(staff.N1), intakeId: String(otherIntake), pathway: "" })).status).toBe(404);
    const outsider = await t.db.insertInto("staff").values({ organisation_id: other, employee_ref: "O1", job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager" }).returning("id").executeTakeFirstOrThrow();
    expect((await post({ intent: "pin", staffId: String(outsider.id), intakeId: String(intakes.early), pathway: "" })).status).toBe(404);
    expect((await post({ intent: "pin", staffId: "abc", intakeId: "", pathway: "" })).status).toBe(400);
    expect(await t.db.selectFrom("plan_pins").selectAll().execute()).toEqual([]);
  });
});

describe("accepting and undoing the plan", () => {
  test("the person page's history shows the enrolment the accepted plan created, labelled as the plan's, and its undoing", async () => {
    const history = async () => {
      const page = await call(() => personLoader(args(getRequest("/orgs/riverside/people/N3", hr), { slug: "riverside", employeeRef: "N3" })));
      expect(page.status).toBe(200);
      return page.data!.history.filter((h) => h.source === "plan");
    };
    expect(await history()).toEqual([]);
    expect((await post({ intent: "accept", fingerprint: (await view()).fingerprint })).status).toBe(200);
    const [entry] = await history();
    expect(entry).toMatchObject({ source: "plan", who: "hr@example.org" });
    expect(entry.summary).toContain("Enrolment created by accepting the workforce plan");
    expect(entry.summary).toContain("with Northern Housing Consortium");
    expect(entry.summary).toMatch(/CIH Level 4/);
    const run = await t.db.selectFrom("plan_runs").select("id").where("organisation_id", "=", org).executeTakeFirstOrThrow();
    expect((await post({ intent: "undo", runId: String(run.id) })).status).toBe(200);
    const [afterUndo] = await history();
    expect(afterUndo.summary).toContain("(plan acceptance since undone by hr@example.org)");
  });

  test("accept creates exactly one enrolled record per planned person, in one audited run; undo deletes exactly those", async () => {
    const before = await records();
    const evaluatedBefore = (await evaluateOrganisation(new OrganisationReader(t.db, org), today)).measures;
    const d = await view();
    const accepted = await post({ intent: "accept", fingerprint: d.fingerprint });
    expect(accepted.status).toBe(200);
    expect(accepted.data).toMatchObject({ ok: true, notice: expect.stringContaining("5 enrolment records created") });

    const after = await records();
    const created = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(after.slice(0, before.length)).toEqual(before);
    const expected = d.rows.map((r) => ({
      staff_id: r.staffId,
      qualification_id: r.qualificationId,
      provider: r.provider,
      status: "enrolled",
      enrolled_on: r.start,
      started_on: null,
      expected_completion: r.expectedCompletion,
      achieved_on: null,
      pathway: r.pathway,
    }));
    const pick = (r: (typeof created)[number]) => ({
      staff_id: r.staff_id,
      qualification_id: r.qualification_id,
      provider: r.provider,
      status: r.status,
      enrolled_on: r.enrolled_on,
      started_on: r.started_on,
      expected_completion: r.expected_completion,
      achieved_on: r.achieved_on,
      pathway: r.pathway,
    });
    const byStaff = (a: { staff_id: number }, b: { staff_id: number }) => a.staff_id - b.staff_id;
    expect(created.map(pick).sort(byStaff)).toEqual(expected.sort(byStaff));

    const run = await t.db.selectFrom("plan_runs").selectAll().where("organisation_id", "=", org).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "accepted", actor: "hr@example.org", as_of: today });
    const runRecords = await t.db.selectFrom("plan_run_records").select("record_id").where("plan_run_id", "=", run.id).execute();
    expect(runRecords.map((r) => r.record_id).sort()).toEqual(created.map((r) => r.id).sort());
    const [event] = await audits("plan.accept");
    expect(event.entity_id).toBe(String(run.id));
    expect(JSON.parse(event.after_json!).recordIds.sort()).toEqual(created.map((r) => r.id).sort());

    // The people are now booked: kept, not planned again; nothing left to accept.
    const replanned = await view();
    expect(replanned.rows).toEqual([]);
    expect(replanned.kept.filter((k) => k.booked).map((k) => k.employeeRef).sort()).toEqual(["D1", "N1", "N2", "N3", "R1"]);
    expect(replanned.runs.map((r) => [r.status, r.people])).toEqual([["accepted", 5]]);
    expect((await post({ intent: "accept", fingerprint: replanned.fingerprint })).status).toBe(400);

    const undone = await post({ intent: "undo", runId: String(run.id) });
    expect(undone.status).toBe(200);
    expect(await records()).toEqual(before);
    expect(await t.db.selectFrom("plan_runs").select(["status", "undone_by"]).where("id", "=", run.id).executeTakeFirstOrThrow()).toEqual({ status: "undone", undone_by: "hr@example.org" });
    expect(await audits("plan.undo")).toHaveLength(1);
    const evaluatedAfter = (await evaluateOrganisation(new OrganisationReader(t.db, org), today)).measures;
    expect(evaluatedAfter.people.map((p) => [p.employeeRef, p.status, p.rag])).toEqual(evaluatedBefore.people.map((p) => [p.employeeRef, p.status, p.rag]));
    expect((await view()).fingerprint).toBe(d.fingerprint);
    // Undoing twice is refused.
    expect((await post({ intent: "undo", runId: String(run.id) })).status).toBe(400);
  });

  test("accepting a plan other than the one on screen is refused and writes nothing", async () => {
    const d = await view();
    await t.db.updateTable("plan_intakes").set({ capacity: 1 }).where("id", "=", intakes.early).execute();
    const refused = await post({ intent: "accept", fingerprint: d.fingerprint });
    expect(refused.status).toBe(409);
    expect(await records()).toHaveLength(2);
    expect(await t.db.selectFrom("plan_runs").selectAll().execute()).toEqual([]);
    expect((await post({ intent: "accept", fingerprint: "not-a-fingerprint" })).status).toBe(400);
  });

  test("undo is refused, deleting nothing, when a record the plan created has changed since", async () => {
    await post({ intent: "accept", fingerprint: (await view()).fingerprint });
    const run = await t.db.selectFrom("plan_runs").select("id").where("organisation_id", "=", org).executeTakeFirstOrThrow();
    const created = await t.db.selectFrom("plan_run_records").select(["record_id", "staff_id"]).where("plan_run_id", "=", run.id).execute();
    await t.db.updateTable("qualification_records").set({ status: "in_progress", started_on: inMonths(2) }).where("id", "=", created[0].record_id).execute();
    const count = (await records()).length;
    const refused = await post({ intent: "undo", runId: String(run.id) });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ message: expect.stringMatching(/Cannot undo: 1 of the records .*status, started on changed/) });
    expect(await records()).toHaveLength(count);
    expect((await t.db.selectFrom("plan_runs").select("status").where("id", "=", run.id).executeTakeFirstOrThrow()).status).toBe("accepted");
  });

  test("another organisation's run id is not found", async () => {
    const theirs = await t.db
      .insertInto("plan_runs")
      .values({ organisation_id: other, actor: "x", as_of: today, status: "accepted", summary_json: "{}", accepted_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await post({ intent: "undo", runId: String(theirs.id) })).status).toBe(404);
  });
});

describe("intakes", () => {
  const postIntake = (form: Record<string, string>, cookie = hr) => call(() => intakesAction(args(postRequest("/orgs/riverside/plan/intakes", form, cookie))));
  const form = async (overrides: Record<string, string> = {}) => ({
    intent: "intake-add",
    qualificationId: String(await qualificationId("CIH-L4-CH")),
    provider: "Leeds College",
    startDate: inMonths(5),
    capacity: "8",
    price: "£1,725.50",
    courseMonths: "",
    note: "",
    ...overrides,
  });

  test("adds, changes and removes an intake (removing its pins), each audited", async () => {
    expect((await postIntake(await form())).status).toBe(200);
    const added = await t.db.selectFrom("plan_intakes").selectAll().where("provider", "=", "Leeds College").executeTakeFirstOrThrow();
    expect(added).toMatchObject({ organisation_id: org, capacity: 8, price_pence: 172550, course_months: null, start_date: inMonths(5) });
    expect((await postIntake({ ...(await form({ capacity: "12", courseMonths: "9" })), intent: "intake-update", id: String(added.id) })).status).toBe(200);
    expect(await t.db.selectFrom("plan_intakes").select(["capacity", "course_months"]).where("id", "=", added.id).executeTakeFirstOrThrow()).toEqual({ capacity: 12, course_months: 9 });
    await post({ intent: "pin", staffId: String(staff.N1), intakeId: String(added.id), pathway: "" });
    expect((await postIntake({ intent: "intake-remove", id: String(added.id) })).data).toMatchObject({ notice: expect.stringContaining("1 pin") });
    expect(await t.db.selectFrom("plan_pins").selectAll().execute()).toEqual([]);
    expect((await t.db.selectFrom("audit_events").select("action").where("entity", "=", "plan_intake").orderBy("id").execute()).map((a) => a.action)).toEqual([
      "plan_intake.create",
      "plan_intake.update",
      "plan_intake.delete",
    ]);
    const page = await call(() => intakesLoader(args(getRequest("/orgs/riverside/plan/intakes", hr))));
    expect(page.data!.intakes.map((i) => i.id).sort((a, b) => a - b)).toEqual(Object.values(intakes).sort((a, b) => a - b));
    expect(page.data!.intakes.find((i) => i.id === intakes.early)).toMatchObject({ learners: 2 });
  });

  test("shows each error next to its field and keeps what was typed", async () => {
    const result = await postIntake(await form({ qualificationId: String(await qualificationId("CIH-L3-CHP")), provider: " ", startDate: "2027-02-31", capacity: "0", price: "lots", courseMonths: "100" }));
    expect(result.status).toBe(400);
    expect(Object.keys((result.data as unknown as { errors: Record<string, string> }).errors).sort()).toEqual(["capacity", "courseMonths", "price", "provider", "qualificationId", "startDate"]);
    expect(result.data).toMatchObject({ values: { price: "lots", startDate: "2027-02-31" } });
  });

  test("another organisation's intake is not found", async () => {
    expect((await postIntake({ ...(await form()), intent: "intake-update", id: String(otherIntake) })).status).toBe(404);
    expect((await postIntake({ intent: "intake-remove", id: String(otherIntake) })).status).toBe(404);
    expect((await t.db.selectFrom("plan_intakes").select("capacity").where("id", "=", otherIntake).executeTakeFirstOrThrow()).capacity).toBe(10);
  });
});

describe("exports", () => {
  test("the CSV has one row per person: planned and kept", async () => {
    const response = (await call(() => csvLoader(args(getRequest("/orgs/riverside/plan.csv", exec))))).response!;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("employee_ref,name,job_title,department,required_level,statutory,qualify_by,latest_start,plan,qualification,pathway,top_up,intake,provider,start,expected_completion,cost,finishes_by_qualify_by,notes");
    expect(lines).toHaveLength(1 + 6);
    expect(lines.find((l) => l.startsWith("R1,"))).toContain(`whole qualification,CIH Level 4 Certificate in Managing Housing Maintenance,Responsive repairs,,"Upkeep Training, ${inMonths(3)}",Upkeep Training,${inMonths(3)},${inMonths(15)},1890.00,yes`);
    expect(lines.find((l) => l.startsWith("W1,"))).toContain("working towards (not re-planned)");
  });

  test("the board paper summarises the plan without names", async () => {
    const d = (await call(() => boardLoader(args(getRequest("/orgs/riverside/plan/board", exec))))).data!;
    expect(d.narrative.join(" ")).toContain("The board is asked to approve the plan and its cost of £9,935.");
    expect(JSON.stringify(d.overview.cannotMeet)).not.toContain("Sam");
  });
});
