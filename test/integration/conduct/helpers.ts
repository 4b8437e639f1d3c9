import type { DB } from "../../../db/connection";
import { addDays } from "../../../app/compliance/dates";
import { todayIso } from "../../../app/models/compliance.server";

export const today = todayIso();
export const daysAgo = (n: number) => addDays(today, -n);

export const args = (request: Request, slug = "riverside") => ({ request, params: { slug }, context: {} });

/** Five people: two housing officers (one at a contractor), a neighbourhood manager, a repairs operative who left, a new joiner. */
export async function seedPeople(db: DB, organisationId: number): Promise<void> {
  const base = { organisation_id: organisationId, email: null, location: null, manager_ref: null, fte: 1, role_start_date: null, probation_end_date: null };
  await db
    .insertInto("staff")
    .values([
      { ...base, employee_ref: "E001", first_name: "Ada", last_name: "Khan", job_title: "Housing Officer", job_title_normalised: "housing officer", department: "Housing", employer: null, start_date: "2019-04-01", end_date: null },
      { ...base, employee_ref: "E002", first_name: "Ben", last_name: "Ode", job_title: "Housing Officer", job_title_normalised: "housing officer", department: "Housing", employer: "Acme Repairs Ltd", start_date: "2020-01-06", end_date: null },
      { ...base, employee_ref: "E003", first_name: "Cara", last_name: "Lee", job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager", department: "Repairs", employer: null, start_date: "2018-09-03", end_date: null },
      { ...base, employee_ref: "E004", first_name: "Dan", last_name: "Moss", job_title: "Repairs Operative", job_title_normalised: "repairs operative", department: "Repairs", employer: null, start_date: "2018-09-03", end_date: daysAgo(400) },
      { ...base, employee_ref: "E005", first_name: "Eve", last_name: "Shaw", job_title: "Housing Officer", job_title_normalised: "housing officer", department: "Housing", employer: null, start_date: daysAgo(10), end_date: null },
    ])
    .execute();
  await db
    .insertInto("scope_decisions")
    .values([
      { organisation_id: organisationId, job_title: "Neighbourhood Manager", job_title_normalised: "neighbourhood manager", category: "senior_manager", time_managing_pct: 80, rationale: "Manages the service", decided_by: "hr", decided_on: "2026-01-01", review_date: null },
      { organisation_id: organisationId, job_title: "Housing Officer", job_title_normalised: "housing officer", category: "frontline", time_managing_pct: 10, rationale: null, decided_by: "hr", decided_on: "2026-01-01", review_date: null },
    ])
    .execute();
}
