import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freshDatabase, useAsAppDatabase, type TestDatabase } from "../../helpers/database";
import { call, createTestOrganisation, createTestUser, getRequest, sessionCookie } from "../../helpers/requests";
import { loader as peopleLoader } from "../../../app/routes/orgs.$slug.people._index";
import { loader as csvLoader } from "../../../app/routes/orgs.$slug.people[.]csv";
import { evaluateOrganisation } from "../../../app/models/compliance.server";
import { STATUS_EXPORT_COLUMNS, statusExportRows } from "../../../app/models/people.server";
import type { DB } from "../../../db/connection";
import type { CategoryValue } from "../../../db/schema";
import { OrganisationReader } from "../../../app/models/organisation-scope.server";

let t: TestDatabase;
let riverside: number;
let oakfield: number;
let hr: string;

const AS_OF = "2026-06-01";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

async function qualificationId(db: DB, code: string): Promise<number> {
  return (await db.selectFrom("qualifications").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

async function decide(db: DB, organisationId: number, jobTitle: string, category: CategoryValue) {
  await db
    .insertInto("scope_decisions")
    .values({ organisation_id: organisationId, job_title: jobTitle, job_title_normalised: jobTitle.toLowerCase(), category, rationale: "test", decided_by: "hr", decided_on: "2026-01-05" })
    .execute();
}

async function person(
  db: DB,
  organisationId: number,
  ref: string,
  first: string,
  last: string,
  jobTitle: string,
  extra: { department?: string | null; employer?: string | null; end_date?: string | null } = {},
): Promise<number> {
  const row = await db
    .insertInto("staff")
    .values({
      organisation_id: organisationId,
      employee_ref: ref,
      first_name: first,
      last_name: last,
      job_title: jobTitle,
      job_title_normalised: jobTitle.toLowerCase(),
      department: extra.department === undefined ? "Neighbourhoods" : extra.department,
      employer: extra.employer ?? null,
      start_date: "2020-01-06",
      end_date: extra.end_date ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A small organisation: 8 people covering every status. */
async function seed(db: DB) {
  await decide(db, riverside, "Neighbourhood Manager", "senior_manager");
  await decide(db, riverside, "Director of Housing", "senior_executive");
  await decide(db, riverside, "Housing Officer", "frontline");
  const cih = await qualificationId(db, "CIH-L4-CH");
  const alice = await person(db, riverside, "R001", "Alice", "Able", "Neighbourhood Manager");
  const bob = await person(db, riverside, "R002", "Bob", "Brown", "Neighbourhood Manager", { department: "Income" });
  await person(db, riverside, "R003", "Cara", "Clark", "Neighbourhood Manager");
  await person(db, riverside, "R004", "Dan", "Dunn", "Director of Housing", { department: "Executive Office" });
  await person(db, riverside, "R005", "Eve", "Evans", "Housing Officer");
  await person(db, riverside, "R006", "Finn", "Ford", "Mystery Role", { department: null });
  await person(db, riverside, "R007", "Gail", "Green", "Neighbourhood Manager", { end_date: "2025-03-31" });
  await person(db, riverside, "R008", "Hal", "Hill", '=HYPERLINK("x")', { department: "Income", employer: "Upkeep Repairs Ltd" });
  await person(db, oakfield, "O001", "Olive", "Oak", "Neighbourhood Manager");
  await db
    .insertInto("qualification_records")
    .values([
      { organisation_id: riverside, staff_id: alice, qualification_id: cih, provider: "Acme Training", status: "achieved", enrolled_on: "2023-01-10", achieved_on: "2024-06-01", certificate_ref: "C-1" },
      { organisation_id: riverside, staff_id: bob, qualification_id: cih, provider: "Acme Training", status: "in_progress", enrolled_on: "2025-01-10", started_on: "2025-02-01", expected_completion: "2026-12-31" },
    ])
    .execute();
}

beforeEach(async () => {
  t = freshDatabase();
  useAsAppDatabase(t.db);
  riverside = await createTestOrganisation(t.db, "riverside", 5000);
  oakfield = await createTestOrganisation(t.db, "oakfield", 800);
  hr = await sessionCookie(await createTestUser(t.db, "hr@example.org", "hr", [riverside]));
  await seed(t.db);
});
afterEach(async () => t.close());

async function list(query: string, cookie = hr, slug = "riverside") {
  const result = await call(() => peopleLoader(args(getRequest(`/orgs/${slug}/people?asOf=${AS_OF}&${query}`, cookie), { slug })));
  return result;
}

async function refs(query: string): Promise<string[]> {
  const result = await list(query);
  expect(result.status).toBe(200);
  return result.data!.rows.map((r) => r.employeeRef);
}

async function csv(query: string, cookie = hr): Promise<{ status: number; text: string; response?: Response }> {
  const result = await call(() => csvLoader(args(getRequest(`/orgs/riverside/people.csv?asOf=${AS_OF}&${query}`, cookie), { slug: "riverside" })));
  const response = result.response!;
  return { status: result.status, text: response.ok ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer()) : "", response };
}

describe("people list", () => {
  test("shows everyone including leavers, with status, RAG and reasons from the rules", async () => {
    const result = await list("");
    expect(result.data!.total).toBe(8);
    const byRef = new Map(result.data!.rows.map((r) => [r.employeeRef, r]));
    expect(byRef.get("R001")).toMatchObject({ name: "Alice Able", status: "qualified", rag: "green", category: "senior_manager", requiredLevel: 4 });
    expect(byRef.get("R002")).toMatchObject({ status: "working_towards", rag: "green", qualification: "CIH Level 4 Certificate in Housing" });
    expect(byRef.get("R003")).toMatchObject({ status: "not_enrolled", rag: "amber", enrolBy: "2029-10-01" });
    expect(byRef.get("R004")).toMatchObject({ status: "not_enrolled", requiredLevel: 5 });
    expect(byRef.get("R005")).toMatchObject({ status: "not_required", rag: "grey" });
    expect(byRef.get("R006")).toMatchObject({ status: "decision_needed", department: "No department" });
    expect(byRef.get("R007")).toMatchObject({ status: "left", leftOn: "2025-03-31" });
    expect(byRef.get("R003")!.ragReason.length).toBeGreaterThan(5);
    expect(result.data!.counts).toEqual({ inScope: 4, qualified: 1, workingTowards: 1, notEnrolled: 2, inBreach: 0 });
    expect(result.data!.options.departments).toEqual(["Executive Office", "Income", "Neighbourhoods", "No department"]);
    expect(result.data!.options.employers).toEqual(["Direct", "Upkeep Repairs Ltd"]);
    expect(result.data!.options.providers).toEqual(["Acme Training", "Not enrolled"]);
  });

  test("filters by status, RAG, category, department, employer, provider and scope (the dashboard's keys)", async () => {
    expect(await refs("status=not_enrolled")).toEqual(["R003", "R004"]);
    expect(await refs("status=qualified")).toEqual(["R001"]);
    expect(await refs("rag=grey")).toEqual(["R005", "R006", "R007", "R008"]);
    expect(await refs("rag=amber&status=not_enrolled")).toEqual(["R003", "R004"]);
    expect(await refs("category=senior_executive")).toEqual(["R004"]);
    expect(await refs("category=unmapped")).toEqual(["R006", "R008"]);
    expect(await refs("department=Neighbourhoods")).toEqual(["R001", "R003", "R005", "R007"]);
    expect(await refs("department=No%20department")).toEqual(["R006"]);
    expect(await refs("department=Neighbourhoods&status=qualified")).toEqual(["R001"]);
    expect(await refs("employer=Direct&department=Income")).toEqual(["R002"]);
    expect(await refs("employer=Upkeep%20Repairs%20Ltd")).toEqual(["R008"]);
    expect(await refs("provider=Acme%20Training")).toEqual(["R001", "R002"]);
    expect(await refs("provider=Not%20enrolled&inScope=1")).toEqual(["R003", "R004"]);
    expect(await refs("inScope=1")).toEqual(["R001", "R002", "R003", "R004"]);
    // Unknown values are ignored rather than failing.
    expect((await list("status=bogus&rag=purple")).data!.total).toBe(8);
  });

  test("searches name, reference and job title", async () => {
    expect(await refs("q=brown")).toEqual(["R002"]);
    expect(await refs("q=r00")).toHaveLength(8);
    expect(await refs("q=R004")).toEqual(["R004"]);
    expect(await refs("q=director%20housing")).toEqual(["R004"]);
    expect(await refs("q=gail%20green")).toEqual(["R007"]);
    expect(await refs("q=neighbourhood+manager&status=not_enrolled")).toEqual(["R003"]);
    expect(await refs("q=nobody")).toEqual([]);
  });

  test("sorts by name, reference, job title, status, RAG and dates (missing dates last)", async () => {
    expect(await refs("sort=name")).toEqual(["R001", "R002", "R003", "R004", "R005", "R006", "R007", "R008"]);
    expect(await refs("sort=name&dir=desc")).toEqual(["R008", "R007", "R006", "R005", "R004", "R003", "R002", "R001"]);
    expect(await refs("sort=ref&dir=desc")).toEqual(["R008", "R007", "R006", "R005", "R004", "R003", "R002", "R001"]);
    expect((await refs("sort=title")).slice(0, 3)).toEqual(["R008", "R004", "R005"]);
    expect((await refs("sort=status")).slice(0, 4)).toEqual(["R003", "R004", "R002", "R001"]);
    expect((await refs("sort=rag")).slice(0, 4)).toEqual(["R003", "R004", "R001", "R002"]);
    const byEnrolBy = await refs("sort=enrol_by");
    expect(byEnrolBy.slice(-4).sort()).toEqual(["R005", "R006", "R007", "R008"]);
    const byEnrolByDesc = await refs("sort=enrol_by&dir=desc");
    expect(byEnrolByDesc.slice(-4).sort()).toEqual(["R005", "R006", "R007", "R008"]);
    const byNext = await refs("sort=next");
    expect(byNext.indexOf("R002")).toBeLessThan(byNext.indexOf("R003"));
    expect(await refs("sort=qualify_by&status=working_towards")).toEqual(["R002"]);
  });

  test("paginates 50 a page on the server", async () => {
    const values = Array.from({ length: 120 }, (_, i) => ({
      organisation_id: riverside,
      employee_ref: `X${String(i).padStart(4, "0")}`,
      first_name: "Extra",
      last_name: `Person ${String(i).padStart(4, "0")}`,
      job_title: "Housing Officer",
      job_title_normalised: "housing officer",
      department: "Lettings",
      start_date: "2021-01-01",
    }));
    await t.db.insertInto("staff").values(values).execute();
    const first = await list("");
    expect(first.data).toMatchObject({ total: 128, page: 1, pageCount: 3, pageSize: 50 });
    expect(first.data!.rows).toHaveLength(50);
    const third = await list("page=3");
    expect(third.data!.rows).toHaveLength(28);
    expect(first.data!.rows[0].employeeRef).toBe("R001");
    expect(third.data!.rows.at(-1)!.employeeRef).toBe("X0119");
    const clamped = await list("page=99");
    expect(clamped.data!.page).toBe(3);
    const filtered = await list("department=Lettings&page=2");
    expect(filtered.data).toMatchObject({ total: 120, page: 2, pageCount: 3 });
    expect(filtered.data!.rows[0].employeeRef).toBe("X0050");
  });

  test("members only: a non-member gets 404, an executive can read and export", async () => {
    const outsider = await sessionCookie(await createTestUser(t.db, "other@example.org", "hr", [oakfield]));
    expect((await list("", outsider)).status).toBe(404);
    expect((await csv("", outsider)).status).toBe(404);
    const exec = await sessionCookie(await createTestUser(t.db, "exec@example.org", "executive", [riverside]));
    const result = await list("", exec);
    expect(result.data!.total).toBe(8);
    expect(result.data!.canExport).toBe(true);
    expect((await csv("", exec)).status).toBe(200);
    const anonymous = await call(() => peopleLoader(args(getRequest("/orgs/riverside/people"), { slug: "riverside" })));
    expect(anonymous.status).toBe(302);
  });
});

describe("people.csv", () => {
  test("has the CLI export's columns with a human label beside each code, honours the filters and neutralises formulas", async () => {
    const all = await csv("");
    expect(all.status).toBe(200);
    expect(all.response!.headers.get("Content-Type")).toContain("text/csv");
    expect(all.response!.headers.get("Content-Disposition")).toContain(`riverside-people-${AS_OF}.csv`);
    expect(all.text.charCodeAt(0)).toBe(0xfeff);
    const lines = all.text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      "employee_ref,name,job_title,department,employer,category,category_label,required_level,statutory,statutory_reason,status,status_label,rag,rag_label,enrol_by,qualify_by,qualification,qualification_status,qualification_status_label,expected_completion,reasons",
    );
    expect(lines).toHaveLength(9);
    const hal = lines.find((l) => l.startsWith("R008"))!;
    expect(hal).toContain(`"'=HYPERLINK(""x"")"`);
    expect(hal).toContain("Upkeep Repairs Ltd,unmapped,Unmapped,,,,decision_needed,Decision needed,grey,Grey");

    const income = await csv("department=Income");
    const incomeLines = income.text.slice(1).trim().split("\r\n");
    expect(incomeLines.slice(1).map((l) => l.split(",")[0])).toEqual(["R002", "R008"]);
    expect(incomeLines[1]).toContain("senior_manager,Senior housing manager,4,compliant,Compliant: working towards CIH Level 4 Certificate in Housing since 10 Jan 2025,working_towards,Working towards,green,Green,2029-10-01");
    expect(incomeLines[1]).toContain("CIH Level 4 Certificate in Housing,in_progress,In progress,2026-12-31");

    const search = await csv("q=clark&status=not_enrolled");
    expect(search.text.slice(1).trim().split("\r\n").slice(1).map((l) => l.split(",")[0])).toEqual(["R003"]);
  });

  test("statusExportRows (shared with the CLI) gives one row per person, by reference, with every column", async () => {
    const evaluated = await evaluateOrganisation(new OrganisationReader(t.db, riverside), AS_OF);
    const rows = statusExportRows(evaluated);
    expect(rows.map((r) => r.employee_ref)).toEqual(["R001", "R002", "R003", "R004", "R005", "R006", "R007", "R008"]);
    expect(Object.keys(rows[0])).toEqual([...STATUS_EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({ name: "Alice Able", status: "qualified", rag: "green", qualification: "CIH Level 4 Certificate in Housing", qualification_status: "achieved" });
    expect(rows[5]).toMatchObject({ department: "", employer: "", category: "unmapped", required_level: "" });
    expect(rows[2].reasons).toContain("Level 4 required");
    expect(statusExportRows(evaluated, { status: "left" }).map((r) => r.employee_ref)).toEqual(["R007"]);
  });
});
