// The person page's conduct panel: what the page's loader gives it, and recording through the conduct pages'
// actions (the panel's forms post there) moving what the panel shows.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as personPage from "../../../app/routes/orgs.$slug.people.$employeeRef";
import * as policies from "../../../app/routes/orgs.$slug.conduct.policies";
import * as code from "../../../app/routes/orgs.$slug.conduct.code";
import * as supervision from "../../../app/routes/orgs.$slug.conduct.supervision";
import * as training from "../../../app/routes/orgs.$slug.conduct.training";
import type { ConductPanelData } from "../../../app/models/conduct/person-panel.server";
import { addMonths } from "../../../app/compliance/dates";
import { daysAgo, seedPeople, today } from "./helpers";

let t: TestDatabase;
let hr: string;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside", 1200);
  await seedPeople(t.db, riverside);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
});
afterEach(async () => t.close());

const person = async (ref: string) => {
  const d = (await call(() => personPage.loader({ request: getRequest(`/orgs/riverside/people/${ref}`, hr), params: { slug: "riverside", employeeRef: ref }, context: {} }))).data!;
  return d.panels.conduct as unknown as ConductPanelData;
};
const post = (mod: { action: Function }, path: string, form: Record<string, string>) =>
  call(() => mod.action({ request: postRequest(path, form, hr), params: { slug: "riverside" }, context: {} }) as Promise<{ ok: boolean }>);

describe("the person page's conduct panel", () => {
  test("acknowledgement, meetings with due dates and training with expiry move as HR records them", async () => {
    let c = await person("E003");
    expect(c.code).toBeNull();
    expect(c.meetings.find((m) => m.kind === "appraisal")).toMatchObject({ state: "overdue", lastHeldOn: null });
    expect(c.training).toEqual([]);

    expect((await post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version: "v2", approvedBy: "Board", approvedOn: daysAgo(30) })).status).toBe(200);
    c = await person("E003");
    expect(c.code).toMatchObject({ version: "v2", state: "due" });
    expect((await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E003", versionId: String(c.code!.versionId), acknowledgedOn: daysAgo(1) })).status).toBe(200);
    expect((await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(5) })).status).toBe(200);
    expect((await post(training, "/orgs/riverside/conduct/training", { intent: "add-course", title: "Safeguarding", refreshMonths: "12" })).status).toBe(200);
    const [course] = (await person("E003")).courses;
    expect((await post(training, "/orgs/riverside/conduct/training", { intent: "add-requirement", courseId: String(course.id), appliesTo: "category", value: "senior_manager" })).status).toBe(200);
    expect((await person("E003")).training).toMatchObject([{ title: "Safeguarding", required: true, state: "missing" }]);
    expect((await post(training, "/orgs/riverside/conduct/training", { intent: "record-completion", employeeRef: "E003", courseId: String(course.id), completedOn: daysAgo(3) })).status).toBe(200);

    c = await person("E003");
    expect(c.code).toMatchObject({ state: "acknowledged", acknowledgedOn: daysAgo(1) });
    expect(c.acknowledgements).toEqual([{ version: "v2", acknowledgedOn: daysAgo(1) }]);
    expect(c.meetings.find((m) => m.kind === "appraisal")).toMatchObject({ state: "current", lastHeldOn: daysAgo(5), dueBy: addMonths(daysAgo(5), 12) });
    expect(c.recentMeetings).toEqual([{ kind: "appraisal", heldOn: daysAgo(5), note: null }]);
    expect(c.training).toMatchObject([{ title: "Safeguarding", state: "compliant", completedOn: daysAgo(3), expiresOn: addMonths(daysAgo(3), 12) }]);
    // A frontline officer is not required to do it and has nothing recorded: no row.
    expect((await person("E001")).training).toEqual([]);
    expect(today).toBeTruthy();
  });
});
