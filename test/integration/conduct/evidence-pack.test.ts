// The conduct evidence pack: a ZIP downloaded from the conduct pages, unzipped here, its files and counts checked.
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as pack from "../../../app/routes/orgs.$slug.conduct.evidence[.]zip";
import * as policies from "../../../app/routes/orgs.$slug.conduct.policies";
import * as code from "../../../app/routes/orgs.$slug.conduct.code";
import * as supervision from "../../../app/routes/orgs.$slug.conduct.supervision";
import { args, daysAgo, seedPeople } from "./helpers";

let t: TestDatabase;
let hr: string;
let executive: string;
let other: string;

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside", 1200);
  const hillside = await createTestOrganisation(t.db, "hillside", 900);
  await seedPeople(t.db, riverside);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  executive = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
  other = await sessionCookie(await createTestUser(t.db, "hr@hillside.example", "hr", [hillside]));
});
afterEach(async () => t.close());

const post = (mod: { action: Function }, path: string, form: Record<string, string>) => call(() => mod.action(args(postRequest(path, form, hr))) as Promise<{ ok: boolean }>);
const rows = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name]).replace(/^\uFEFF/, "").trim().split("\r\n");

describe("conduct evidence pack", () => {
  test("a ZIP of policies, code of conduct, supervision and training CSVs and a README, formula-safe, for readers only of the organisation", async () => {
    await post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version: "=v2", approvedBy: "Board", approvedOn: daysAgo(90) });
    const versionId = (await t.db.selectFrom("policy_versions").select("id").executeTakeFirstOrThrow()).id;
    await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E001", versionId: String(versionId), acknowledgedOn: daysAgo(10) });
    await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(20) });

    const response = (await pack.loader(args(getRequest("/orgs/riverside/conduct/evidence.zip", executive)))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/riverside-conduct-evidence-\d{4}-\d{2}-\d{2}\.zip/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["README.txt", "code-of-conduct.csv", "policies.csv", "supervision.csv", "training.csv"]);

    const ack = rows(files, "code-of-conduct.csv");
    // Four active people (the leaver is not counted); E001 acknowledged, the new joiner not yet due; the version is neutralised as a formula.
    expect(ack).toHaveLength(5);
    expect(ack[0]).toBe("employee_ref,name,department,employer,version,acknowledged,acknowledged_on,due_by,overdue");
    expect(ack.find((r) => r.startsWith("E001"))).toContain(`'=v2,yes,${daysAgo(10)}`);
    expect(ack.find((r) => r.startsWith("E002"))).toMatch(/,no,,\d{4}-\d{2}-\d{2},yes$/);
    expect(rows(files, "policies.csv")[1]).toContain("Code of conduct,'=v2,Board");
    expect(rows(files, "supervision.csv").filter((r) => r.startsWith("E003")).join("\n")).toContain(`Appraisal,current,${daysAgo(20)}`);
    const readme = strFromU8(files["README.txt"]);
    expect(readme).toContain("acknowledged by 1 of 4 active people (25%), 2 overdue");
    expect(readme).toContain("Appraisal: 2 overdue of 4 people it is expected of");

    const refused = await call(() => pack.loader(args(getRequest("/orgs/riverside/conduct/evidence.zip", other))));
    expect(refused.status).toBe(404);
  });
});
