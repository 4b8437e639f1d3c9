/**
 * Writes one demo organisation's plan through its organisation scope's writer, in batches.
 */
import type { Insertable } from "kysely";
import { normaliseJobTitle } from "../../app/compliance/job-title";
import type { OrganisationWriter } from "../../app/models/organisation-scope.server";
import type { AbsenceTable, PersonOverrideTable, QualificationRecordTable, ScopeDecisionTable, StaffTable, UnitResultTable } from "../schema";
import { SEED, type OrgPlan } from "./organisation-plan";
import type { RecordDraft } from "./qualification-stories";
import { DemoRandom } from "./random";
import { weekday } from "./working-day";

const BATCH = 200;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A row of an organisation table without its organisation: the scope's writer sets that. */
type Own<T> = Omit<Insertable<T>, "organisation_id">;


/** One organisation's decisions, staff, overrides, qualification records with their unit results, and absences. */
export async function seedOrganisation(w: OrganisationWriter, plan: OrgPlan, ctx: { index: number; stamp: string; qualificationId: (code: string) => number }): Promise<void> {
  const { org } = plan;
  const { index, stamp, qualificationId } = ctx;
  // Scope decisions (unmapped titles deliberately have none).
  const decisionRows: Array<Own<ScopeDecisionTable>> = plan.decisions.map((role, i) => {
    const drng = new DemoRandom(SEED ^ (index * 131 + i * 977 + 17));
    return {
        job_title: role.title,
      job_title_normalised: normaliseJobTitle(role.title),
      category: role.category!,
      time_managing_pct: role.timeManagingPct,
      rationale: role.rationale,
      decided_by: org.decidedBy,
      decided_on: weekday(drng.date("2026-02-02", "2026-09-11")),
      review_date: role.reviewDate ?? drng.pick(["2027-03-31", "2027-09-30", "2028-03-31", "2028-09-30"]),
    };
  });
  for (const batch of chunks(decisionRows)) await w.insertInto("scope_decisions", batch).execute();

  // Staff.
  const staffRows: Array<Own<StaffTable>> = plan.people.map((p) => ({
    employee_ref: p.ref,
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    job_title: p.jobTitle,
    job_title_normalised: normaliseJobTitle(p.jobTitle),
    department: p.department,
    location: p.location,
    manager_ref: p.managerRef,
    employer: p.employer,
    fte: p.fte,
    start_date: p.startDate,
    role_start_date: p.roleStartDate,
    end_date: p.endDate,
    on_probation: p.onProbation ? 1 : 0,
    created_at: stamp,
    updated_at: stamp,
  }));
  const staffIds = new Map<string, number>();
  for (const batch of chunks(staffRows)) {
    for (const row of await w.insertInto("staff", batch).returning(["id", "employee_ref"]).execute()) {
      staffIds.set(row.employee_ref, row.id);
    }
  }
  const staffId = (ref: string) => staffIds.get(ref)!;

  const overrideRows: Array<Own<PersonOverrideTable>> = plan.overrides.map((o) => ({
    staff_id: staffId(o.ref),
    category: o.category,
    rationale: o.rationale,
    decided_by: org.decidedBy,
    decided_on: o.decided_on,
  }));
  if (overrideRows.length > 0) await w.insertInto("person_overrides", overrideRows).execute();

  // Qualification records; those with unit results one by one (their ids are needed).
  const recordRow = (r: RecordDraft): Own<QualificationRecordTable> => ({
    staff_id: staffId(r.ref),
    qualification_id: qualificationId(r.code),
    provider: r.provider,
    status: r.status,
    enrolled_on: r.enrolled_on,
    started_on: r.started_on,
    expected_completion: r.expected_completion,
    achieved_on: r.achieved_on,
    certificate_ref: r.certificate_ref,
    evidence_verified_by: r.evidence_verified_by,
    evidence_verified_on: r.evidence_verified_on,
    pathway: r.pathway,
    created_at: stamp,
    updated_at: stamp,
  });
  const plain = plan.records.filter((r) => r.units.length === 0);
  for (const batch of chunks(plain)) await w.insertInto("qualification_records", batch.map(recordRow)).execute();
  const unitRows: Array<Own<UnitResultTable>> = [];
  for (const r of plan.records.filter((x) => x.units.length > 0)) {
    const { id } = await w.insertInto("qualification_records", recordRow(r)).returning("id").executeTakeFirstOrThrow();
    for (const u of r.units) unitRows.push({ record_id: id, unit_ref: u.unit_ref, result: u.result, achieved_on: u.achieved_on });
  }
  for (const batch of chunks(unitRows)) await w.insertInto("unit_results", batch).execute();

  const absenceRows: Array<Own<AbsenceTable>> = plan.absences.map((a) => ({
    staff_id: staffId(a.ref),
    kind: a.kind,
    from_date: a.from_date,
    to_date: a.to_date,
    note: a.note,
  }));
  if (absenceRows.length > 0) await w.insertInto("absences", absenceRows).execute();
}
