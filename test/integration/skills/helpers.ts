/** A small organisation for the skills-audit integration tests: decisions, staff, users and signed-in cookies. */
import type { DB } from "../../../db/connection";
import type { CategoryValue } from "../../../db/schema";
import { createTestOrganisation, createTestUser, sessionCookie } from "../../helpers/requests";

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

export interface SkillsFixture {
  acme: number;
  other: number;
  staff: Record<string, number>;
  cookies: { hr: string; exec: string; outsider: string; consultant: string };
  defaultFrameworkId: number;
}

async function decide(db: DB, organisationId: number, jobTitle: string, category: CategoryValue) {
  await db
    .insertInto("scope_decisions")
    .values({ organisation_id: organisationId, job_title: jobTitle, job_title_normalised: jobTitle.toLowerCase(), category, rationale: "test", decided_by: "hr", decided_on: "2026-01-05" })
    .execute();
}

const PEOPLE: Array<[string, string, string, string, string | null, string | null]> = [
  // ref, name, job title, department, employer, end date
  ["A1", "Ada Director", "Director of Housing", "Executive Office", null, null],
  ["A2", "Ben Manager", "Housing Manager", "Neighbourhoods", null, null],
  ["A3", "Cat Manager", "Housing Manager", "Property Services", null, null],
  ["A4", "Dev Officer", "Housing Officer", "Neighbourhoods", null, null],
  ["A5", "Eve Officer", "Housing Officer", "Property Services", "Upkeep Repairs Ltd", null],
  ["A6", "Fay Finance", "Finance Officer", "Finance", null, null],
  ["A7", "Gus Leaver", "Housing Manager", "Neighbourhoods", null, "2020-06-30"],
];

export async function skillsFixture(db: DB): Promise<SkillsFixture> {
  const acme = await createTestOrganisation(db, "acme", 5000);
  const other = await createTestOrganisation(db, "other", 900);
  await decide(db, acme, "Director of Housing", "senior_executive");
  await decide(db, acme, "Housing Manager", "senior_manager");
  await decide(db, acme, "Housing Officer", "frontline");
  await decide(db, acme, "Finance Officer", "out_of_scope");
  const staff: Record<string, number> = {};
  for (const [ref, name, jobTitle, department, employer, endDate] of PEOPLE) {
    const [first, last] = name.split(" ");
    const row = await db
      .insertInto("staff")
      .values({ organisation_id: acme, employee_ref: ref, first_name: first, last_name: last, job_title: jobTitle, job_title_normalised: jobTitle.toLowerCase(), department, employer, start_date: "2015-01-05", end_date: endDate })
      .returning("id")
      .executeTakeFirstOrThrow();
    staff[ref] = row.id;
  }
  await db.insertInto("staff").values({ organisation_id: other, employee_ref: "O1", job_title: "Housing Manager", job_title_normalised: "housing manager", start_date: "2015-01-05" }).execute();
  const defaultFrameworkId = (await db.selectFrom("skill_frameworks").select("id").where("organisation_id", "is", null).executeTakeFirstOrThrow()).id;
  return {
    acme,
    other,
    staff,
    defaultFrameworkId,
    cookies: {
      hr: await sessionCookie(await createTestUser(db, "hr@acme.example", "hr", [acme])),
      exec: await sessionCookie(await createTestUser(db, "exec@acme.example", "executive", [acme])),
      consultant: await sessionCookie(await createTestUser(db, "consultant@acme.example", "consultant", [acme, other])),
      outsider: await sessionCookie(await createTestUser(db, "hr@other.example", "hr", [other])),
    },
  };
}

export async function areaIds(db: DB, frameworkId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom("skill_areas").select(["id", "code"]).where("framework_id", "=", frameworkId).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}
