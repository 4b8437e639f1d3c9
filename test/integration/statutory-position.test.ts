// The legal test apart from the internal targets, end to end: a learner still working towards a qualification
// after the qualified deadline is red against our targets but compliant in law, in the status export, the
// metrics and the executive report; a person who never enrolled is in breach the day after the transition ends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/database";
import { runCommand, type CliIO } from "../../importers/cli-commands";
import { getOrganisationBySlug } from "../../app/models/organisations.server";
import { executiveReportData } from "../../app/models/executive-report.server";
import { takeSnapshot } from "../../app/models/snapshots.server";
import { openOrganisationScope } from "../../app/models/organisation-scope.server";
import { required } from "../../app/utils/respond.server";
import type { Organisation } from "../../db/schema";
import { organisationScope } from "../helpers/scope";

let t: TestDatabase;
let dir: string;
beforeEach(() => {
  t = freshDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-statutory-"));
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false };
  const code = await runCommand(argv, io, { db: t.db, databaseFile: t.file });
  return { code, stdout, stderr };
}

const scopeOf = (organisation: Organisation) => openOrganisationScope(t.db, organisation, { userId: null, name: "test" }, "2026-12-02");

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

async function setUp() {
  expect((await cli("org", "create", "legaltest", "--name", "Legal Test Homes", "--homes", "2000")).code).toBe(0);
  const roles = file(
    "roles.csv",
    "job_title,category,time_managing_pct,rationale\nNeighbourhood Manager,senior_manager,80,Manages the neighbourhood housing service\nHousing Officer,frontline,0,Frontline tenancy work\n",
  );
  const staff = file(
    "staff.csv",
    [
      "employee_ref,first_name,last_name,job_title,start_date,role_start_date",
      "L1,Lena,Learner,Neighbourhood Manager,2015-01-05,2015-01-05",
      "N1,Nadia,Never,Neighbourhood Manager,2015-01-05,2015-01-05",
      "Q1,Quinn,Qualified,Neighbourhood Manager,2015-01-05,2015-01-05",
      "U1,Uma,Undecided,Lettings Lead,2015-01-05,2015-01-05",
      "F1,Fran,Frontline,Housing Officer,2015-01-05,2015-01-05",
    ].join("\n") + "\n",
  );
  const enrolments = file(
    "enrolments.csv",
    [
      "employee_ref,qualification,status,enrolled_on,started_on,expected_completion,achieved_on,certificate_ref",
      "L1,CIH Level 4 Certificate in Housing,in_progress,2028-09-01,2028-09-15,2030-03-31,,",
      "Q1,CIH Level 4 Certificate in Housing,achieved,2025-01-10,2025-01-20,2025-12-15,2025-12-15,CERT-Q1",
    ].join("\n") + "\n",
  );
  expect((await cli("import", "roles", roles, "--org", "legaltest")).code).toBe(0);
  expect((await cli("import", "staff", staff, "--org", "legaltest")).code).toBe(0);
  expect((await cli("import", "enrolments", enrolments, "--org", "legaltest")).code).toBe(0);
}

describe("the legal test, apart from the internal targets", () => {
  test("a learner past the qualified deadline is compliant in the export, metrics and report while red against our targets", async () => {
    await setUp();
    const asOf = "2029-11-15"; // after the qualified deadline and the transition end (1 Oct 2029)

    const exported = await cli("export", "status", "--org", "legaltest", "--as-of", asOf);
    expect(exported.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(exported.stdout, { header: true, skipEmptyLines: true }).data;
    const byRef = new Map(rows.map((r) => [r.employee_ref, r]));
    expect(byRef.get("L1")).toMatchObject({ status: "working_towards", rag: "red", statutory: "compliant" });
    expect(byRef.get("L1")!.statutory_reason).toBe("Compliant: working towards CIH Level 4 Certificate in Housing since 1 Sep 2028");
    expect(byRef.get("N1")).toMatchObject({ status: "not_enrolled", rag: "red", statutory: "in_breach" });
    expect(byRef.get("Q1")).toMatchObject({ status: "qualified", rag: "green", statutory: "compliant" });
    expect(byRef.get("U1")).toMatchObject({ status: "decision_needed", statutory: "" });
    expect(byRef.get("F1")).toMatchObject({ status: "not_required", statutory: "" });
    expect(new Set(rows.map((r) => r.statutory))).toEqual(new Set(["compliant", "in_breach", ""]));

    const metrics = await cli("metrics", "--org", "legaltest", "--as-of", asOf, "--json");
    expect(metrics.code).toBe(0);
    const m = JSON.parse(metrics.stdout);
    expect(m.inScope).toBe(3);
    expect(m.countsByStatutory).toEqual({ compliant: 2, not_yet_due: 0, in_breach: 1 });
    expect(m.pctStatutory).toBe(66.7);
    expect(m.countsByRag.red).toBe(2);
    expect(m.worstCase).toMatchObject({ inScope: 4, undecided: 1, countsByStatutory: { compliant: 2, not_yet_due: 0, in_breach: 2 }, pctStatutory: 50 });
    const category = m.breakdowns.category.find((r: { key: string }) => r.key === "senior_manager");
    expect(category).toMatchObject({ n: 3, countsByStatutory: { compliant: 2, not_yet_due: 0, in_breach: 1 }, pctStatutory: 66.7 });
    const legal = m.milestones.find((x: { measure: string }) => x.measure === "statutory");
    expect(legal).toMatchObject({ name: "Transition end (statutory)", date: "2029-10-02", kind: "legal_test", state: "not_met", actualPct: 66.7 });
    expect(m.milestones.filter((x: { kind: string }) => x.kind === "internal_target").map((x: { name: string }) => x.name)).toEqual([
      "October 2026 enrolment milestone",
      "Qualified deadline",
    ]);

    const organisation = (await getOrganisationBySlug(t.db, "legaltest"))!;
    const report = required(await executiveReportData(scopeOf(organisation), { asOf, annex: true }));
    expect(report.narrative[0]).toBe("On 15 Nov 2029, 2 of 3 people in scope meet the legal test; 1 is in breach.");
    expect(report.narrative.join(" ")).toContain("At worst, counting the 1 person whose job title is still undecided as not enrolled, 2 of 4 meet the legal test and 2 are in breach.");
    expect(report.statutory.counts).toEqual({ compliant: 2, not_yet_due: 0, in_breach: 1 });
    const learner = report.annex!.find((p) => p.employeeRef === "L1")!;
    expect(learner).toMatchObject({ rag: "red", statutory: "compliant" });
    expect(report.annex![0]).toMatchObject({ employeeRef: "N1", statutory: "in_breach" });

    // A snapshot keeps the legal test; the report from it says the same.
    const { id } = await takeSnapshot(await organisationScope(t.db, organisation.id, { actor: { userId: null, name: "test" } }), { label: "Board", trigger: "manual", asOf });
    const fromSnapshot = required(await executiveReportData(scopeOf(organisation), { asOf: "2031-01-01", snapshotId: id, annex: false }));
    expect(fromSnapshot.narrative[0]).toBe(report.narrative[0]);
  });

  test("on the transition end itself nobody is yet in breach; the next day the never-enrolled are", async () => {
    await setUp();
    const on = JSON.parse((await cli("metrics", "--org", "legaltest", "--as-of", "2029-10-01", "--json")).stdout);
    expect(on.countsByStatutory).toEqual({ compliant: 2, not_yet_due: 1, in_breach: 0 });
    const after = JSON.parse((await cli("metrics", "--org", "legaltest", "--as-of", "2029-10-02", "--json")).stdout);
    expect(after.countsByStatutory).toEqual({ compliant: 2, not_yet_due: 0, in_breach: 1 });
    // Before then the statutory milestone shows today's figure as upcoming.
    const early = JSON.parse((await cli("metrics", "--org", "legaltest", "--as-of", "2027-06-01", "--json")).stdout);
    expect(early.milestones.find((x: { measure: string }) => x.measure === "statutory")).toMatchObject({ state: "upcoming", actualPct: 100 });
    const text = await cli("metrics", "--org", "legaltest", "--as-of", "2029-10-02");
    expect(text.stdout).toContain("the legal test: 2 meet it (66.7%): 2 compliant, 0 not yet due, 1 in breach");
    expect(text.stdout).toContain("[legal test] Transition end (statutory)");
    expect(text.stdout).toContain("[internal target] Qualified deadline");
  });
});
