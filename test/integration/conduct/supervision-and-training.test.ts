// Supervision intervals and the training matrix through the pages' loaders and actions.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as supervision from "../../../app/routes/orgs.$slug.conduct.supervision";
import * as training from "../../../app/routes/orgs.$slug.conduct.training";
import { args, daysAgo, seedPeople } from "./helpers";

let t: TestDatabase;
let hr: string;
let executive: string;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside", 1200);
  await seedPeople(t.db, riverside);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  executive = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
});
afterEach(async () => t.close());

type Answer = { ok: boolean; message: string; errors: Record<string, string> };
const post = (mod: { action: Function }, path: string, form: Record<string, string>, cookie = hr) => call(() => mod.action(args(postRequest(path, form, cookie))) as Promise<Answer>);
const view = async <T,>(mod: { loader: (a: ReturnType<typeof args>) => Promise<T> }, path: string, cookie = hr) => (await call(() => mod.loader(args(getRequest(path, cookie))))).data!;

describe("supervision and appraisal", () => {
  test("overdue with reasons; a recorded appraisal clears it; intervals per category change who is expected", async () => {
    let d = await view(supervision, "/orgs/riverside/conduct/supervision");
    // Four active people, all owe a yearly appraisal; the long-serving three are overdue, the new joiner is not.
    expect(d.expected).toEqual({ supervision: 1, one_to_one: 0, appraisal: 4 });
    expect(d.overdueCounts).toEqual({ supervision: 1, one_to_one: 0, appraisal: 3 });
    const cara = d.overdue.find((p) => p.ref === "E003")!;
    expect(cara.statuses.map((s) => s.kind).sort()).toEqual(["appraisal", "supervision"]);
    expect(cara.statuses[0].reason).toMatch(/overdue: none recorded since starting on 3 Sep 2018/);
    // The dashboard's links: one kind only, and on another date.
    const supervisionOnly = await view(supervision, "/orgs/riverside/conduct/supervision?kind=supervision");
    expect(supervisionOnly.overdue.map((p) => [p.ref, p.statuses.map((s) => s.kind)])).toEqual([["E003", ["supervision"]]]);
    // 400 days ago E004 was leaving that day and E005 had not started: three people owed an appraisal, not four.
    expect((await view(supervision, `/orgs/riverside/conduct/supervision?asOf=${daysAgo(400)}`)).expected.appraisal).toBe(3);

    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(20) })).status).toBe(200);
    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(20) })).status).toBe(409);
    const bad = await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "coffee", heldOn: "tomorrow" });
    expect(Object.keys(bad.data!.errors).sort()).toEqual(["heldOn", "kind"]);

    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "set-interval", kind: "one_to_one", category: "frontline", months: "1" })).status).toBe(200);
    d = await view(supervision, "/orgs/riverside/conduct/supervision");
    expect(d.overdueCounts.appraisal).toBe(2);
    expect(d.expected.one_to_one).toBe(3);
    expect(d.intervals.one_to_one.frontline).toBe(1);
    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "set-interval", kind: "one_to_one", category: "frontline", months: "99" })).data!.errors.months).toBeTruthy();
    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(2) }, executive)).status).toBe(403);
  });
});

describe("training matrix", () => {
  test("courses, requirements by category and department, completions with derived expiry, % per course", async () => {
    const P = "/orgs/riverside/conduct/training";
    expect((await post(training, P, { intent: "add-course", title: "Damp and mould", code: "dm", refreshMonths: "24" })).status).toBe(200);
    expect((await post(training, P, { intent: "add-course", title: "Safeguarding", code: "SG", refreshMonths: "" })).status).toBe(200);
    expect((await post(training, P, { intent: "add-course", title: "Other", code: "DM" })).data!.errors.code).toMatch(/already has the code DM/);
    let d = await view(training, P);
    const dm = d.courses.find((c) => c.code === "DM")!;
    const sg = d.courses.find((c) => c.code === "SG")!;
    expect((await post(training, P, { intent: "add-requirement", courseId: String(dm.id), appliesTo: "category", value: "frontline" })).status).toBe(200);
    expect((await post(training, P, { intent: "add-requirement", courseId: String(sg.id), appliesTo: "department", value: " repairs " })).status).toBe(200);
    expect((await post(training, P, { intent: "add-requirement", courseId: String(sg.id), appliesTo: "department", value: "Repairs" })).status).toBe(409);
    expect((await post(training, P, { intent: "add-requirement", courseId: String(sg.id), appliesTo: "category", value: "boss" })).data!.errors.value).toBeTruthy();

    await post(training, P, { intent: "record-completion", employeeRef: "E001", courseId: String(dm.id), completedOn: daysAgo(100) });
    await post(training, P, { intent: "record-completion", employeeRef: "E002", courseId: String(dm.id), completedOn: daysAgo(800) }); // expired (24 months)
    await post(training, P, { intent: "record-completion", employeeRef: "E003", courseId: String(sg.id), completedOn: daysAgo(3000) }); // never expires
    const future = await post(training, P, { intent: "record-completion", employeeRef: "E003", courseId: String(sg.id), completedOn: "2999-01-01" });
    expect(future.data!.errors.completedOn).toMatch(/future/);

    d = await view(training, P);
    const byCode = Object.fromEntries(d.courses.map((c) => [c.code, [c.required, c.compliant, c.expired, c.missing, c.pct]]));
    expect(byCode).toEqual({ DM: [3, 1, 1, 1, 33.3], SG: [1, 1, 0, 0, 100] });
    expect(d.pct).toBe(50);
    const ben = d.rows.find((r) => r.ref === "E002")!;
    expect(ben.cells[d.courses.findIndex((c) => c.code === "DM")]).toMatchObject({ state: "expired" });
    // the missing link filters to the people behind the figure
    const filtered = await view(training, `${P}?course=${dm.id}`);
    expect(filtered.rows.map((r) => r.ref)).toEqual(["E002", "E005"]);

    const ex = await view(training, P, executive);
    expect([ex.canRecord, ex.canSettings]).toEqual([false, false]);
    expect((await post(training, P, { intent: "add-course", title: "X" }, executive)).status).toBe(403);
  });
});
