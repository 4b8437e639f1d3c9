// The regulator evidence pack: a ZIP downloaded from the conduct pages (or written by the CLI), unzipped here, its
// files and counts checked. The report PDF is printed by Chromium from the running server; here it is stood in for.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie } from "../../helpers/requests";
import * as pack from "../../../app/routes/orgs.$slug.conduct.evidence[.]zip";
import * as policies from "../../../app/routes/orgs.$slug.conduct.policies";
import * as code from "../../../app/routes/orgs.$slug.conduct.code";
import * as supervision from "../../../app/routes/orgs.$slug.conduct.supervision";
import * as engagement from "../../../app/routes/orgs.$slug.conduct.engagement";
import * as providers from "../../../app/routes/orgs.$slug.conduct.providers";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { args, daysAgo, seedPeople } from "./helpers";

const FAKE_PDF = new TextEncoder().encode("%PDF-1.7 stand-in");
const printer = vi.hoisted(() => ({ fail: false }));
vi.mock("../../../app/models/executive-report-pdf.server", async () => {
  const { PdfUnavailableError: Unavailable } = await import("../../../app/models/pdf.server");
  return {
    renderExecutiveReportPdf: async () => {
      if (printer.fail) throw new Unavailable("PDF export needs Chromium at /usr/bin/chromium on the server (apt-get install chromium), or set CHROMIUM_PATH.");
      return Buffer.from(FAKE_PDF);
    },
  };
});

let t: TestDatabase;
let hr: string;
let executive: string;
let other: string;

beforeEach(async () => {
  printer.fail = false;
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
  test("a ZIP of the statutory and conduct CSVs, the report PDF and a README, formula-safe, for the organisation's readers only", async () => {
    await post(policies, "/orgs/riverside/conduct/policies", { intent: "add-version", kind: "code_of_conduct", version: "=v2", approvedBy: "Board", approvedOn: daysAgo(90) });
    const versionId = (await t.db.selectFrom("policy_versions").select("id").executeTakeFirstOrThrow()).id;
    await post(code, "/orgs/riverside/conduct/code", { intent: "acknowledge", employeeRef: "E001", versionId: String(versionId), acknowledgedOn: daysAgo(10) });
    await post(supervision, "/orgs/riverside/conduct/supervision", { intent: "record-meeting", employeeRef: "E003", kind: "appraisal", heldOn: daysAgo(20) });
    await post(engagement, "/orgs/riverside/conduct/engagement", { intent: "record-engagement", heldOn: daysAgo(30), kind: "panel", title: "+Panel on the code", policyVersionId: String(versionId), outcome: "Plain English" });
    const provider = await t.db.insertInto("service_providers").values({ organisation_id: (await t.db.selectFrom("organisations").select("id").where("slug", "=", "riverside").executeTakeFirstOrThrow()).id, name: "Acme Repairs Ltd", name_normalised: "acme repairs ltd", comprehensive: 0, contract_ref: "C-1", review_date: null, note: null }).returning("id").executeTakeFirstOrThrow();
    await post(providers, "/orgs/riverside/conduct/providers", { intent: "record-return", providerId: String(provider.id), receivedOn: daysAgo(40) });

    const response = (await pack.loader(args(getRequest("/orgs/riverside/conduct/evidence.zip", executive)))) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/riverside-conduct-evidence-\d{4}-\d{2}-\d{2}\.zip/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "README.txt",
      "code-of-conduct.csv",
      "policies.csv",
      "qualification-records.csv",
      "report.pdf",
      "scope-decisions.csv",
      "service-providers.csv",
      "statuses.csv",
      "supervision.csv",
      "tenant-engagement.csv",
      "training.csv",
    ]);
    expect(files["report.pdf"]).toEqual(FAKE_PDF);
    // The statutory CSVs are the single exports' own: every person (the leaver too), both job-title decisions.
    const statuses = rows(files, "statuses.csv");
    expect(statuses[0]).toBe("employee_ref,name,job_title,department,employer,category,required_level,statutory,statutory_reason,status,rag,enrol_by,qualify_by,qualification,qualification_status,expected_completion,reasons");
    expect(statuses).toHaveLength(6);
    expect(rows(files, "scope-decisions.csv")).toHaveLength(3);
    expect(rows(files, "qualification-records.csv")).toHaveLength(1);
    const engagementRows = rows(files, "tenant-engagement.csv");
    expect(engagementRows).toHaveLength(2);
    expect(engagementRows[1]).toContain("Tenant panel,'+Panel on the code,Code of conduct =v2");
    const providerRows = rows(files, "service-providers.csv");
    expect(providerRows).toHaveLength(2);
    expect(providerRows[1]).toMatch(new RegExp(`^Acme Repairs Ltd,no,C-1,,1,no,no,12,${daysAgo(40)},\\d{4}-\\d{2}-\\d{2},current,`));

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
    expect(readme).toContain("Tenant engagement: 1 entry in the log.");
    expect(readme).toContain("Service providers: 1 in the register, 1 needing action");
    expect(readme).toContain("The executive report is report.pdf.");

    const refused = await call(() => pack.loader(args(getRequest("/orgs/riverside/conduct/evidence.zip", other))));
    expect(refused.status).toBe(404);
  });

  test("without Chromium the pack still downloads, and its README says why report.pdf is missing", async () => {
    printer.fail = true;
    const response = (await pack.loader(args(getRequest("/orgs/riverside/conduct/evidence.zip?asOf=2026-10-01", hr)))) as Response;
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(files["report.pdf"]).toBeUndefined();
    expect(Object.keys(files)).toHaveLength(10);
    expect(strFromU8(files["README.txt"])).toMatch(/report\.pdf is not in this pack: PDF export needs Chromium .* Everything else is here\./);
  });

  test("export evidence-pack writes the same pack to a file (the PDF comes with the web download) and refuses bad arguments", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pack-"));
    try {
      let stdout = "";
      let stderr = "";
      const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false };
      const cli = (...argv: string[]) => runCommand(argv, io, { db: t.db, databaseFile: t.file });
      const out = path.join(dir, "pack.zip");
      expect(await cli("export", "evidence-pack", "--org", "riverside", "--as-of", "2026-11-30", "--out", out, "--json")).toBe(0);
      const summary = JSON.parse(stdout);
      expect(summary.rows).toMatchObject({ "statuses.csv": 5, "code-of-conduct.csv": 0, "scope-decisions.csv": 2 });
      expect(summary.reportPdf).toMatch(/command line/);
      const files = unzipSync(new Uint8Array(fs.readFileSync(out)));
      expect(Object.keys(files).sort()).toEqual(summary.files.slice().sort());
      expect(files["statuses.csv"]).toBeDefined();
      expect(files["report.pdf"]).toBeUndefined();
      expect(strFromU8(files["README.txt"])).toContain("as of 30 Nov 2026");
      expect(await cli("export", "evidence-pack", "--org", "riverside", "--out", out, "--as-of", "30/11/2026")).toBe(2);
      expect(await cli("export", "evidence-pack", "--org", "riverside")).toBe(2);
      expect(await cli("export", "evidence-pack", "--org", "nowhere", "--out", out)).toBe(1);
      expect(stderr).toContain('No organisation with the slug "nowhere"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
