import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, type TestDatabase } from "../../helpers/database";
import { runCommand, type CliIO } from "../../../importers/cli-commands";
import { openDatabase } from "../../../db/connection";
import { seedDemoIfEmpty } from "../../../db/seed-demo";
import { xlsxWorkbook } from "../../helpers/xlsx";
import { bumpRevision } from "../../helpers/revision";

let t: TestDatabase;
beforeEach(() => {
  t = freshDatabase();
});
afterEach(async () => t.close());

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false };
  const code = await runCommand(argv, io, { db: t.db, databaseFile: t.file });
  return { code, stdout, stderr };
}

describe("npm run cli", () => {
  test("org create makes an organisation with the default timeline; a duplicate is rejected with exit 1; bad input is a usage error", async () => {
    const created = await cli("org", "create", "northside", "--name", "Northside Homes", "--homes", "950", "--json");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ ok: true, organisation: { slug: "northside", homesOwned: 950, inForceDate: "2026-10-01" } });
    const again = await cli("org", "create", "northside", "--name", "Other", "--homes", "10");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect((await cli("org", "create", "Bad Slug!", "--name", "X", "--homes", "10")).code).toBe(2);
    expect((await cli("org", "create", "ok-slug", "--name", "X", "--homes", "many")).code).toBe(2);
    expect((await cli("org", "create", "ok-slug", "--name", "X")).stderr).toContain("--homes is required");
    expect((await cli("frobnicate")).code).toBe(2);
  });

  test("metrics --json reports the rules' measures and milestones at a date", async () => {
    await seedDemoIfEmpty(t.db);
    const result = await cli("metrics", "--org", "oakfield", "--as-of", "2026-10-01", "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.asOf).toBe("2026-10-01");
    expect(summary.inScope).toBeGreaterThan(10);
    expect(summary.qualified + summary.workingTowards + summary.notEnrolled).toBe(summary.inScope);
    expect(summary.milestones.map((m: { name: string; date: string }) => `${m.name} ${m.date}`)).toEqual([
      "October 2026 enrolment milestone 2026-10-01",
      "Qualified deadline 2030-10-01",
      "Transition end (statutory) 2030-10-02",
    ]);
    expect(summary.people).toBeUndefined();
    expect((await cli("metrics", "--org", "nowhere", "--json")).code).toBe(1);
    expect((await cli("metrics", "--org", "oakfield", "--as-of", "31/12/2026")).code).toBe(2);
  });

  test("snapshot stores the measures with its label", async () => {
    await seedDemoIfEmpty(t.db);
    const result = await cli("snapshot", "--org", "riverside", "--label", "Board November", "--json");
    expect(result.code).toBe(0);
    const { snapshotId } = JSON.parse(result.stdout);
    const row = await t.db.selectFrom("snapshots").selectAll().where("id", "=", snapshotId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ label: "Board November", trigger: "cli", taken_by: "cli" });
    const people = await t.db.selectFrom("snapshot_people").select((eb) => eb.fn.countAll<number>().as("n")).where("snapshot_id", "=", snapshotId).executeTakeFirstOrThrow();
    expect(Number(people.n)).toBe(600);
  });

  test("user create prints a one-time set-password link and never a password", async () => {
    await seedDemoIfEmpty(t.db);
    const result = await cli("user", "create", "New.Admin@Example.org", "--name", "New Admin", "--role", "admin", "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.user).toMatchObject({ email: "new.admin@example.org", role: "admin" });
    expect(summary.setPasswordPath).toMatch(/^\/set-password\/[A-Za-z0-9_-]{20,}$/);
    const stored = await t.db.selectFrom("users").select(["password_hash", "set_password_token_hash"]).where("email", "=", "new.admin@example.org").executeTakeFirstOrThrow();
    expect(stored.password_hash).toBeNull();
    expect(stored.set_password_token_hash).not.toContain(summary.setPasswordPath.split("/").pop());
    expect((await cli("user", "create", "hr2@example.org", "--name", "HR", "--role", "hr")).stderr).toContain("--org is required");
    expect((await cli("user", "create", "x@example.org", "--name", "X", "--role", "boss", "--org", "riverside")).code).toBe(2);
  });

  test("imports the iTrent-style export as it comes, then exports statuses with formulas neutralised", async () => {
    expect((await cli("org", "create", "itrent", "--name", "iTrent Homes", "--homes", "2000")).code).toBe(0);
    const fixtures = path.resolve(import.meta.dirname, "../../fixtures/itrent-style");
    const roles = await cli("import", "roles", path.join(fixtures, "roles.csv"), "--org", "itrent", "--json");
    expect(roles.code).toBe(0);
    const staff = await cli("import", "staff", path.join(fixtures, "staff.csv"), "--org", "itrent", "--json");
    expect(staff.code).toBe(0);
    const summary = JSON.parse(staff.stdout);
    expect(summary.detected.encoding).toBe("utf-8-bom");
    expect(summary.detected.mapping).toMatchObject({ employee_ref: "Employee Number", last_name: "Surname", job_title: "Post Title", role_start_date: "Date Started In Post" });
    expect(summary.counts.added).toBeGreaterThan(10);
    expect(summary.snapshotId).toBeGreaterThan(0);
    const siobhan = await t.db.selectFrom("staff").select(["first_name", "start_date"]).where("employee_ref", "=", "E010001").executeTakeFirstOrThrow();
    expect(siobhan).toEqual({ first_name: "Siobhán", start_date: "2006-07-15" });
    expect((await cli("import", "enrolments", path.join(fixtures, "enrolments.csv"), "--org", "itrent")).code).toBe(0);

    await t.db.updateTable("staff").set({ job_title: "=cmd|' /C calc'!A0" }).where("employee_ref", "=", "E010001").execute();
    await bumpRevision(t.db, (await t.db.selectFrom("organisations").select("id").where("slug", "=", "itrent").executeTakeFirstOrThrow()).id); // behind the app's back
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cc-export-")), "status.csv");
    expect((await cli("export", "status", "--org", "itrent", "--as-of", "2026-10-01", "--out", out)).code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("employee_ref,name,job_title,department,employer,category,required_level,statutory,statutory_reason,status,rag,enrol_by,qualify_by,qualification,qualification_status,expected_completion,reasons");
    expect(lines.find((l) => l.startsWith("E010001"))).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(lines.filter((l) => l.trim()).length).toBe(summary.counts.added + 1);
  });

  test("imports an Excel workbook (first sheet with data, or --sheet) and refuses files that are not tables", async () => {
    expect((await cli("org", "create", "excel", "--name", "Excel Homes", "--homes", "2000")).code).toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-xlsx-"));
    const file = path.join(dir, "hr-export.xlsx");
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    fs.writeFileSync(
      file,
      xlsxWorkbook([
        { name: "Cover", rows: [] },
        { name: "Current", rows: [["Employee Number", "Surname", "Forename", "Job Title", "Date of Joining", "Date of Termination"], ["X1", "Müller", "Zoë", "Housing Officer", d("2019-07-15"), null], ["X2", "Lee", "Ann", "Income Officer", d("2020-01-06"), d("2025-03-31")]] },
        { name: "Agency", rows: [["Employee Number", "Job Title", "Employer"], ["AG1", "Repairs Operative", "Temps Ltd"]] },
      ]),
    );
    const dry = await cli("import", "staff", file, "--org", "excel", "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).detected).toMatchObject({ format: "xlsx", sheet: "Current", sheets: ["Cover", "Current", "Agency"], mapping: { end_date: "Date of Termination" } });
    const applied = await cli("import", "staff", file, "--org", "excel");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Excel sheet 'Current'");
    expect(await t.db.selectFrom("staff").select(["employee_ref", "first_name", "start_date", "end_date"]).orderBy("employee_ref").execute()).toEqual([
      { employee_ref: "X1", first_name: "Zoë", start_date: "2019-07-15", end_date: null },
      { employee_ref: "X2", first_name: "Ann", start_date: "2020-01-06", end_date: "2025-03-31" },
    ]);
    const agency = await cli("import", "staff", file, "--org", "excel", "--sheet", "Agency", "--mode", "partial", "--json");
    expect(agency.code).toBe(0);
    expect(JSON.parse(agency.stdout).counts.added).toBe(1);
    const noSheet = await cli("import", "staff", file, "--org", "excel", "--sheet", "Payroll");
    expect(noSheet.code).toBe(1);
    expect(noSheet.stderr).toContain("The workbook has no sheet 'Payroll' (its sheets: Cover, Current, Agency)");

    const pdf = path.join(dir, "report.pdf");
    fs.writeFileSync(pdf, "%PDF-1.7\n%%EOF\n");
    const refused = await cli("import", "staff", pdf, "--org", "excel");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("This is not a CSV file: save it as CSV or .xlsx from your HR system.");
    const empty = path.join(dir, "empty.csv");
    fs.writeFileSync(empty, "");
    expect((await cli("import", "staff", empty, "--org", "excel")).stderr).toContain("The file is empty (0 bytes)");
  });

  test("a file with errors is rejected whole with exit 1, every error named, and nothing written", async () => {
    expect((await cli("org", "create", "strict", "--name", "Strict Homes", "--homes", "2000")).code).toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bad-"));
    const file = path.join(dir, "staff.csv");
    fs.writeFileSync(file, "employee_ref,first_name,last_name,job_title,start_date,fte\nA1,Ann,Lee,Housing Officer,2020-01-01,1\nA2,Bob,Ray,Income Manager,31/02/2024,1\nA1,Cat,Day,Voids Manager,2021-01-01,3\n");
    const result = await cli("import", "staff", file, "--org", "strict");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('row 3, column "start_date", value "31/02/2024"');
    expect(result.stderr).toMatch(/row 4, column "fte", value "3"/);
    expect(result.stderr).toMatch(/row 4.*employee_ref.*A1/);
    expect(result.stderr).toContain("Nothing was written");
    expect(await t.db.selectFrom("staff").selectAll().execute()).toHaveLength(0);
    expect((await cli("import", "staff", file, "--org", "strict", "--mode", "sideways")).code).toBe(2);
    expect((await cli("import", "people", file, "--org", "strict")).code).toBe(2);
    expect((await cli("import", "staff", path.join(dir, "missing.csv"), "--org", "strict")).code).toBe(1);
  });

  test("backup, change, restore brings back exactly the backed-up data", async () => {
    await seedDemoIfEmpty(t.db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-backup-"));
    // On PostgreSQL the CLI calls pg_dump and pg_restore (the file is then pg_dump's custom format).
    const backupFile = path.join(dir, "backup.db");
    const dump = async (url: string) => {
      const db = openDatabase(url);
      const staff = await db.selectFrom("staff").selectAll().orderBy("id").execute();
      const records = await db.selectFrom("qualification_records").selectAll().orderBy("id").execute();
      await db.destroy();
      return { staff, records };
    };
    expect((await cli("backup", backupFile)).code).toBe(0);
    const before = await dump(t.url);
    await t.db.deleteFrom("qualification_records").execute();
    await t.db.updateTable("staff").set({ job_title: "Changed" }).execute();
    const organisations = await t.db.selectFrom("organisations").select("id").execute();
    for (const o of organisations) await bumpRevision(t.db, o.id);
    const revisionsBefore = new Map((await t.db.selectFrom("organisations").select(["id", "revision"]).execute()).map((o) => [o.id, Number(o.revision)]));
    expect((await dump(t.url)).records).toHaveLength(0);
    const restored = await cli("restore", backupFile, "--json");
    expect(restored.code).toBe(0);
    // restore closed the test's connection; reopen for the comparison and for cleanup
    t.db = openDatabase(t.url);
    expect(await dump(t.url)).toEqual(before);
    // Every revision moved past the one servers held before the restore, so their caches reload the restored data.
    for (const o of await t.db.selectFrom("organisations").select(["id", "revision"]).execute()) expect(Number(o.revision)).toBeGreaterThan(revisionsBefore.get(o.id)!);
    const notABackup = path.join(dir, "notes.txt");
    fs.writeFileSync(notABackup, "hello");
    const refused = await cli("restore", notABackup);
    t.db = openDatabase(t.url);
    expect(refused.code).toBe(1);
    expect(await dump(t.url)).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
