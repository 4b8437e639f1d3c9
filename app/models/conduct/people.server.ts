/** The people the conduct rules look at, read through the organisation scope, with each role's category. */
import { buildScopeIndex, normaliseJobTitle, scopeOf } from "../../compliance/scope";
import type { ConductPerson } from "../../conduct/person";
import type { OrganisationReader } from "../organisation-scope.server";
import { displayName } from "../../utils/person-name";


/** Everyone on the staff list (leavers included; the rules filter by the date). */
export async function loadConductPeople(scope: OrganisationReader): Promise<ConductPerson[]> {
  const [staff, decisions, overrides] = await Promise.all([
    scope.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name", "job_title", "department", "employer", "start_date", "end_date"]).orderBy("employee_ref").execute(),
    scope.selectFrom("scope_decisions").selectAll().execute(),
    scope.selectFrom("person_overrides").selectAll().execute(),
  ]);
  const index = buildScopeIndex(
    decisions.map((d) => ({ id: d.id, jobTitle: d.job_title, category: d.category, timeManagingPct: d.time_managing_pct, rationale: d.rationale, decidedBy: d.decided_by, decidedOn: d.decided_on, reviewDate: d.review_date })),
    overrides.map((o) => ({ id: o.id, staffId: o.staff_id, category: o.category, rationale: o.rationale, decidedBy: o.decided_by, decidedOn: o.decided_on })),
  );
  return staff.map((s) => ({
    staffId: s.id,
    employeeRef: s.employee_ref,
    name: displayName(s),
    jobTitle: s.job_title,
    jobTitleNormalised: normaliseJobTitle(s.job_title),
    department: s.department,
    employer: s.employer,
    category: scopeOf({ id: s.id, jobTitle: s.job_title }, index).category,
    startDate: s.start_date,
    endDate: s.end_date,
  }));
}

/** One person as the conduct rules see them (the person page's conduct panel), without reading everyone. */
export async function loadConductPerson(scope: OrganisationReader, staffId: number): Promise<ConductPerson | null> {
  const [s, decisions, overrides] = await Promise.all([
    scope.selectFrom("staff").select(["id", "employee_ref", "first_name", "last_name", "job_title", "department", "employer", "start_date", "end_date"]).where("id", "=", staffId).executeTakeFirst(),
    scope.selectFrom("scope_decisions").selectAll().execute(),
    scope.selectFrom("person_overrides").selectAll().where("staff_id", "=", staffId).execute(),
  ]);
  if (!s) return null;
  const index = buildScopeIndex(
    decisions.map((d) => ({ id: d.id, jobTitle: d.job_title, category: d.category, timeManagingPct: d.time_managing_pct, rationale: d.rationale, decidedBy: d.decided_by, decidedOn: d.decided_on, reviewDate: d.review_date })),
    overrides.map((o) => ({ id: o.id, staffId: o.staff_id, category: o.category, rationale: o.rationale, decidedBy: o.decided_by, decidedOn: o.decided_on })),
  );
  return {
    staffId: s.id,
    employeeRef: s.employee_ref,
    name: displayName(s),
    jobTitle: s.job_title,
    jobTitleNormalised: normaliseJobTitle(s.job_title),
    department: s.department,
    employer: s.employer,
    category: scopeOf({ id: s.id, jobTitle: s.job_title }, index).category,
    startDate: s.start_date,
    endDate: s.end_date,
  };
}
