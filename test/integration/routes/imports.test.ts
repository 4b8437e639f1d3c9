import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, postRequest, sessionCookie, TEST_ORIGIN } from "../../helpers/requests";
import { action as uploadAction, loader as importsLoader } from "../../../app/routes/orgs.$slug.imports._index";
import { action as stagedAction, loader as stagedLoader } from "../../../app/routes/orgs.$slug.imports.$token";
import { loader as stagedErrorsLoader } from "../../../app/routes/orgs.$slug.imports.$token.errors[.]csv";
import { loader as runErrorsLoader } from "../../../app/routes/orgs.$slug.imports.runs.$runId.errors[.]csv";
import { xlsxWorkbook } from "../../helpers/xlsx";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
let t: TestDatabase;
let hr: string;
let exec: string;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

function upload(cookie: string, kind: string, fileName: string, bytes: Uint8Array | string, mode = "full"): Request {
  const form = new FormData();
  form.set("kind", kind);
  form.set("mode", mode);
  form.set("file", new File([bytes as BlobPart], fileName, { type: "text/csv" }));
  return new Request(`${TEST_ORIGIN}/orgs/riverside/imports`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: TEST_ORIGIN } });
}

async function stage(kind: string, fileName: string, bytes: Uint8Array | string, mode = "full"): Promise<string> {
  const result = await call(() => uploadAction(args(upload(hr, kind, fileName, bytes, mode), { slug: "riverside" })));
  expect(result.response?.status).toBe(302);
  return result.response!.headers.get("Location")!.split("/").pop()!;
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  const riverside = await createTestOrganisation(t.db, "riverside");
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
});
afterEach(async () => t.close());

describe("web import: upload → mapping → preview → apply → history → undo", () => {
  test("an iTrent-style file is detected, previewed without writing, applied with a snapshot, and undone exactly", async () => {
    const rolesToken = await stage("roles", "roles.csv", fs.readFileSync(path.join(fixtures, "itrent-style/roles.csv")));
    await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${rolesToken}`, { intent: "apply" }, hr), { slug: "riverside", token: rolesToken })));
    const token = await stage("staff", "staff.csv", fs.readFileSync(path.join(fixtures, "itrent-style/staff.csv")));
    const page = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(page.data!.view!.detected).toMatchObject({ encoding: "utf-8-bom", delimiter: ",", dateOrder: "day_first" });
    expect(page.data!.view!.detected.mapping).toMatchObject({ employee_ref: "Employee Number", department: "Directorate" });
    expect(page.data!.view!.counts.added).toBeGreaterThan(10);
    expect(page.data!.view!.counts.errors).toBe(0);
    expect(await t.db.selectFrom("staff").selectAll().execute()).toHaveLength(0);

    const applied = await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "apply" }, hr), { slug: "riverside", token })));
    expect(applied.response?.status).toBe(302);
    expect(decodeURIComponent(applied.response!.headers.get("Location")!)).toMatch(/Imported staff.csv: \d+ added/);
    const staffCount = (await t.db.selectFrom("staff").selectAll().execute()).length;
    expect(staffCount).toBe(page.data!.view!.counts.added);
    const snapshots = await t.db.selectFrom("snapshots").selectAll().where("trigger", "=", "import").orderBy("id").execute();
    expect(snapshots.length).toBe(2);
    // Each apply took its snapshot in its own transaction (decision 0061): one per run, by the user, named in the notice.
    const runs = await t.db.selectFrom("import_runs").select(["id", "kind"]).orderBy("id").execute();
    expect(snapshots.map((s) => [s.import_run_id, s.label, s.taken_by])).toEqual(runs.map((r) => [r.id, `After ${r.kind} import ${r.id}`, "hr@example.org"]));
    expect(decodeURIComponent(applied.response!.headers.get("Location")!)).toContain(`Snapshot ${snapshots[1].id} saved.`);
    const people = await t.db.selectFrom("snapshot_people").select("staff_id").where("snapshot_id", "=", snapshots[1].id).execute();
    expect(people).toHaveLength(staffCount);

    const history = await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr), { slug: "riverside" })));
    expect(history.data!.runs.map((r) => [r.kind, r.status])).toEqual([["staff", "applied"], ["roles", "applied"]]);
    const undo = await call(() => uploadAction(args(postRequest("/orgs/riverside/imports", { intent: "undo", importRunId: String(history.data!.lastApplied) }, hr), { slug: "riverside" })));
    expect(undo.response?.status).toBe(302);
    expect(await t.db.selectFrom("staff").selectAll().execute()).toHaveLength(0);
    // The staged file is gone once applied; coming back to it says what happened
    const back = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(back.status).toBe(200);
    expect(back.data!.gone).toMatchObject({ status: "applied", fileName: "staff.csv", importRunId: history.data!.lastApplied, undone: { by: "hr@example.org" } });
  });

  test("the user corrects the mapping and saves it as a named profile", async () => {
    const csv = "Payroll No,Family Name,Given Name,Role,Directorate\nP1,Lee,Ann,Housing Officer,Income\n";
    const token = await stage("staff", "weekly.csv", csv, "partial");
    const before = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    const jobTitle = before.data!.view!.inspect.fields.find((f) => f.field === "job_title");
    expect(jobTitle?.required).toBe(true);
    const saved = await call(() =>
      stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "save-profile", profileName: "Weekly", "map.employee_ref": "Payroll No", "map.last_name": "Family Name", "map.first_name": "Given Name", "map.job_title": "Role", "map.department": "Directorate" }, hr), { slug: "riverside", token })),
    );
    expect(saved.response?.status).toBe(302);
    const after = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(after.data!.view!.counts).toMatchObject({ added: 1, errors: 0 });
    expect(after.data!.view!.profiles.map((p) => p.name)).toEqual(["Weekly"]);
    const profile = await t.db.selectFrom("mapping_profiles").selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(profile.mapping_json)).toMatchObject({ job_title: "Role" });
  });

  test("a file with errors cannot be applied; the errors download as CSV and nothing is written", async () => {
    const token = await stage("staff", "bad.csv", "employee_ref,last_name,job_title,start_date\nA1,Lee,Housing Officer,31/02/2024\n");
    const page = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(page.data!.view!.errors.items[0]).toMatchObject({ row: 2, column: "start_date", value: "31/02/2024" });
    const csv = await call(() => stagedErrorsLoader(args(getRequest(`/orgs/riverside/imports/${token}/errors.csv`, hr), { slug: "riverside", token })));
    expect(await csv.response!.text()).toContain("2,start_date,31/02/2024,");
    const applied = await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "apply" }, hr), { slug: "riverside", token })));
    expect(applied.status).toBe(422);
    expect(await t.db.selectFrom("staff").selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom("snapshots").selectAll().execute()).toEqual([]);
    const run = await t.db.selectFrom("import_runs").selectAll().executeTakeFirstOrThrow();
    expect(run.status).toBe("rejected");
    const runCsv = await call(() => runErrorsLoader(args(getRequest(`/orgs/riverside/imports/runs/${run.id}/errors.csv`, hr), { slug: "riverside", runId: String(run.id) })));
    expect(await runCsv.response!.text()).toContain("31/02/2024");
  });

  test("an upload over the size limit gets a clear message; executives cannot import", async () => {
    const big = new Request(`${TEST_ORIGIN}/orgs/riverside/imports`, { method: "POST", body: "x", headers: { Cookie: hr, Origin: TEST_ORIGIN, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(60 * 1024 * 1024) } });
    const tooBig = await call(() => uploadAction(args(big, { slug: "riverside" })));
    expect(tooBig.status).toBe(413);
    expect(JSON.stringify(tooBig.data)).toContain("50 MB upload limit");
    const refused = await call(() => uploadAction(args(upload(exec, "staff", "s.csv", "employee_ref,job_title\nA,B\n"), { slug: "riverside" })));
    expect(refused.status).toBe(403);
    const token = await stage("staff", "s.csv", "employee_ref,job_title\nA,B\n");
    expect((await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, exec), { slug: "riverside", token })))).status).toBe(403);
    expect((await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/0123456789abcdef0123456789abcdef`, hr), { slug: "riverside", token: "0123456789abcdef0123456789abcdef" })))).status).toBe(404);
    expect((await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/../../etc`, hr), { slug: "riverside", token: "../../etc" })))).status).toBe(404);
  });
});

describe("web import: first-week traps", () => {
  test("empty, blank-line and non-CSV uploads are refused with their own messages before any mapping page", async () => {
    const tryUpload = async (name: string, bytes: Uint8Array | string) => call(() => uploadAction(args(upload(hr, "staff", name, bytes), { slug: "riverside" })));
    const empty = await tryUpload("empty.csv", "");
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("The file is empty (0 bytes)");
    const blank = await tryUpload("blank.csv", "\r\n\r\n  \r\n");
    expect(JSON.stringify(blank.data)).toContain("only blank lines");
    const pdf = await tryUpload("report.pdf", "%PDF-1.7\n%%EOF\n");
    expect(pdf.status).toBe(400);
    expect(JSON.stringify(pdf.data)).toContain("This is not a CSV file: save it as CSV or .xlsx from your HR system.");
    expect(await t.db.selectFrom("import_runs").selectAll().execute()).toHaveLength(0);
  });

  test("an .xlsx upload is read directly; another sheet can be picked", async () => {
    const bytes = xlsxWorkbook([
      { name: "Staff", rows: [["Employee Number", "Job Title", "Date of Termination"], ["X1", "Housing Officer", null]] },
      { name: "Agency", rows: [["Employee Number", "Job Title"], ["AG1", "Officer"], ["AG2", "Officer"]] },
    ]);
    const token = await stage("staff", "export.xlsx", bytes, "partial");
    const page = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(page.data!.view!.detected).toMatchObject({ format: "xlsx", sheet: "Staff", sheets: ["Staff", "Agency"], mapping: { end_date: "Date of Termination" } });
    await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "sheet", sheet: "Agency" }, hr), { slug: "riverside", token })));
    const agency = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(agency.data!.view!.detected.sheet).toBe("Agency");
    expect(agency.data!.view!.counts.added).toBe(2);
  });

  test("Save mapping saves even with the form's other intent before it; a later upload with matching headers uses it automatically", async () => {
    const csv = "Code,Role Held,Dept\nP1,Housing Officer,Income\n";
    const token = await stage("staff", "weekly.csv", csv, "partial");
    // What a browser sends for the Save button of an old form with a hidden intent first: the last intent wins.
    const saved = await call(() =>
      stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: ["remap", "save-profile"], profileName: "Weekly", "map.employee_ref": "Code", "map.job_title": "Role Held" }, hr), { slug: "riverside", token })),
    );
    expect(saved.response?.status).toBe(302);
    expect(decodeURIComponent(saved.response!.headers.get("Location")!)).toContain('Saved the mapping "Weekly"');
    expect((await t.db.selectFrom("mapping_profiles").selectAll().execute()).map((p) => p.name)).toEqual(["Weekly"]);

    const next = await stage("staff", "weekly-2.csv", "Code,Role Held,Dept\nP2,Income Officer,Income\n", "partial");
    const page = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${next}`, hr), { slug: "riverside", token: next })));
    expect(page.data!.view!.staged.profile).toMatchObject({ name: "Weekly", how: "matched" });
    expect(page.data!.view!.counts).toMatchObject({ added: 1, errors: 0 });
    const other = await stage("staff", "other.csv", "Employee Number,Job Title\nQ1,Officer\n", "partial");
    const otherPage = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${other}`, hr), { slug: "riverside", token: other })));
    expect(otherPage.data!.view!.staged.profile).toBeNull();
    const list = await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr), { slug: "riverside" })));
    expect(list.data!.profiles.map((p) => p.name)).toEqual(["Weekly"]);
  });

  test("uploads waiting are listed; a discarded one says so when visited again; undo is confirmed first and says what it removes", async () => {
    const token = await stage("staff", "later.csv", "employee_ref,job_title\nA1,Officer\n", "partial");
    const list = await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr), { slug: "riverside" })));
    // (The staging folder outlives each test's database, so earlier tests' uploads may be listed too.)
    expect(list.data!.waiting[0]).toMatchObject({ token, fileName: "later.csv", uploadedBy: "hr@example.org" });
    await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${token}`, { intent: "discard" }, hr), { slug: "riverside", token })));
    const back = await call(() => stagedLoader(args(getRequest(`/orgs/riverside/imports/${token}`, hr), { slug: "riverside", token })));
    expect(back.data!.gone).toMatchObject({ status: "discarded", fileName: "later.csv", by: "hr@example.org" });
    expect((await call(() => importsLoader(args(getRequest("/orgs/riverside/imports", hr), { slug: "riverside" })))).data!.waiting.map((w) => w.token)).not.toContain(token);

    const first = await stage("staff", "first.csv", "employee_ref,job_title\nA1,Officer\nA2,Officer\n", "partial");
    await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${first}`, { intent: "apply" }, hr), { slug: "riverside", token: first })));
    const second = await stage("staff", "second.csv", "employee_ref,job_title\nA1,Manager\nA3,Officer\n", "partial");
    await call(() => stagedAction(args(postRequest(`/orgs/riverside/imports/${second}`, { intent: "apply" }, hr), { slug: "riverside", token: second })));
    const runs = await t.db.selectFrom("import_runs").select("id").orderBy("id").execute();
    const confirm = await call(() => importsLoader(args(getRequest(`/orgs/riverside/imports?undo=${runs[1].id}`, hr), { slug: "riverside" })));
    expect(confirm.data!.undo).toMatchObject({ ok: true, removes: 1, restores: 1 });
    expect(confirm.data!.undo!.message).toBe(`Undoing import ${runs[1].id} (staff, 'second.csv') will remove the 1 person it added, and put the 1 person it changed back as they were before. Nothing else changes.`);
    expect(await t.db.selectFrom("staff").selectAll().execute()).toHaveLength(3);
    const older = await call(() => importsLoader(args(getRequest(`/orgs/riverside/imports?undo=${runs[0].id}`, hr), { slug: "riverside" })));
    expect(older.data!.undo).toMatchObject({ ok: false });
    expect(older.data!.undo!.message).toContain("Only the most recent import can be undone");
  });
});
