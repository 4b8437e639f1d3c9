// `metrics --json` carries the conduct figures from the conduct summary, through the CLI, at the date asked.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { createTestOrganisation } from "../../helpers/requests";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { getOrganisationBySlug } from "../../../app/models/organisations.server";
import { openOrganisationScope } from "../../../app/models/organisation-scope.server";
import { addPolicyVersion } from "../../../app/models/conduct/policies.server";
import { recordAcknowledgement } from "../../../app/models/conduct/acknowledgements.server";
import { recordMeeting } from "../../../app/models/conduct/meetings.server";
import { addRequirement, addTrainingCourse, recordCompletion } from "../../../app/models/conduct/training.server";
import { daysAgo, seedPeople, today } from "./helpers";

let t: TestDatabase;
beforeEach(() => {
  t = freshDatabase();
});
afterEach(async () => t.close());

async function cli(...argv: string[]) {
  let stdout = "";
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: () => undefined, isTTY: false };
  const code = await runCommand(argv, io, { db: t.db, databaseFile: t.file });
  return { code, stdout };
}

const must = <T,>(r: { ok: boolean; value?: T }) => {
  expect(r.ok).toBe(true);
  return r.value as T;
};

describe("metrics --json conduct", () => {
  test("code acknowledged of the active people, supervision and appraisal overdue, training compliance, at the date", async () => {
    const id = await createTestOrganisation(t.db, "riverside", 1200);
    await seedPeople(t.db, id);
    const scope = openOrganisationScope(t.db, (await getOrganisationBySlug(t.db, "riverside"))!, { userId: null, name: "test" }, today);
    const code = must(await addPolicyVersion(scope, { kind: "code_of_conduct", version: "2026", approvedBy: "Board", approvedOn: daysAgo(90) }));
    must(await recordAcknowledgement(scope, { employeeRef: "E001", versionId: code.id, acknowledgedOn: daysAgo(30) }));
    must(await recordMeeting(scope, { employeeRef: "E001", kind: "appraisal", heldOn: daysAgo(100) }));
    const course = must(await addTrainingCourse(scope, { title: "Safeguarding", code: "SG", refreshMonths: "12" }));
    must(await addRequirement(scope, { courseId: String(course.id), appliesTo: "everyone", value: "" }));
    must(await recordCompletion(scope, { employeeRef: "E001", courseId: String(course.id), completedOn: daysAgo(30) }));
    must(await recordCompletion(scope, { employeeRef: "E002", courseId: String(course.id), completedOn: daysAgo(400) }));

    const now = await cli("metrics", "--org", "riverside", "--json");
    expect(now.code).toBe(0);
    // Active: E001, E002, E003 and the new joiner E005 (E004 left). E002 and E003 are past the 60 days; E005 is within
    // 60 days of starting. Supervision is expected of the senior manager E003 only; appraisals of everyone, and the
    // long-serving E002 and E003 have none. Safeguarding: E001 current, E002 expired, E003 and E005 missing.
    expect(JSON.parse(now.stdout).conduct).toEqual({
      codeOfConduct: { version: "2026", required: 4, acknowledged: 1, overdue: 2, pct: 25 },
      supervisionOverdue: 1,
      appraisalOverdue: 2,
      trainingCompliancePct: 25,
      policiesDueForReview: 1,
    });

    // Before the code was approved (and before E005 started and E001's completion): the figures at that date.
    const before = JSON.parse((await cli("metrics", "--org", "riverside", "--as-of", daysAgo(200), "--json")).stdout).conduct;
    expect(before.codeOfConduct).toEqual({ version: null, required: 0, acknowledged: 0, overdue: 0, pct: null });
    expect(before.appraisalOverdue).toBe(3);
    expect(before.trainingCompliancePct).toBe(33.3);

    // A write moves the figures (the summary is kept by revision, never served stale).
    must(await recordAcknowledgement(scope, { employeeRef: "E002", versionId: code.id, acknowledgedOn: daysAgo(1) }));
    const after = JSON.parse((await cli("metrics", "--org", "riverside", "--json")).stdout).conduct;
    expect(after.codeOfConduct).toMatchObject({ acknowledged: 2, overdue: 1, pct: 50 });

    const text = await cli("metrics", "--org", "riverside");
    expect(text.stdout).toContain("code of conduct 2026: 2 of 4 active people acknowledged (50%), 1 overdue");
  });
});
