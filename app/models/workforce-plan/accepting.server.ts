/**
 * Accepting the plan (one enrolment record per planned person, kept on a plan run) and undoing an accepted run
 * while its records are unchanged. Both are one `scope.write` with their audit event, returning a Result.
 */
import { QUALIFICATION_RECORD_COLUMNS, type QualificationRecordRow } from "../../../db/schema";
import { recordsOf } from "../../compliance/context";
import { formatDateLong } from "../../compliance/dates";
import type { IsoDate } from "../../compliance/types";
import { formatPounds } from "../../planning/summary";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, notFound, ok, type Result } from "../result";
import { buildWorkforcePlan } from "./building.server";

export interface PlanRunRow {
  id: number;
  actor: string;
  asOf: IsoDate;
  acceptedAt: string;
  status: "accepted" | "undone";
  undoneAt: string | null;
  undoneBy: string | null;
  people: number;
  costPence: number;
}

export async function listPlanRuns(scope: OrganisationReader, limit = 10): Promise<PlanRunRow[]> {
  const rows = await scope.selectFrom("plan_runs").selectAll().orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => {
    let summary: { people?: number; costPence?: number } = {};
    try {
      summary = JSON.parse(r.summary_json) as typeof summary;
    } catch {
      summary = {};
    }
    return {
      id: r.id,
      actor: r.actor,
      asOf: r.as_of,
      acceptedAt: r.accepted_at,
      status: r.status,
      undoneAt: r.undone_at,
      undoneBy: r.undone_by,
      people: Number(summary.people ?? 0),
      costPence: Number(summary.costPence ?? 0),
    };
  });
}

export interface AcceptedPlan {
  runId: number;
  created: number;
  costPence: number;
  message: string;
}

const RECORD_FIELDS = QUALIFICATION_RECORD_COLUMNS;

const RECORDS_CHANGED = "Qualification records of people in the plan changed while it was being accepted. Review the plan and accept it again.";

/** A refusal the page shows above the form (400). */
const formInvalid = (message: string) => invalid({ form: message }, message);

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function recordKey(r: { id: number; status: string; enrolled_on: string | null; started_on: string | null; achieved_on: string | null; expected_completion: string | null; qualification_id: number }): string {
  return [r.id, r.status, r.enrolled_on, r.started_on, r.achieved_on, r.expected_completion, r.qualification_id].join("|");
}

/**
 * Accepts the plan as of `asOf`: creates one `enrolled` record per planned person (enrolled on the intake start,
 * expected completion from the course length, the intake's provider, the pathway) in one audited transaction,
 * and keeps the record ids on a plan run so the run can be undone. Refused when the plan is not the one the
 * user saw (`fingerprint`) or when the people's records changed meanwhile.
 */
export async function acceptPlan(scope: OrganisationScope, input: { asOf: IsoDate; fingerprint: string }): Promise<Result<AcceptedPlan>> {
  const { asOf, fingerprint } = input;
  const plan = await buildWorkforcePlan(scope, asOf);
  if (plan.fingerprint !== fingerprint) {
    return conflict("The plan has changed since this page was loaded (an intake, pin or record changed). Review the plan below and accept it again.");
  }
  const assignments = plan.result.assignments;
  if (assignments.length === 0) return formInvalid("There is nobody to enrol: the plan places no one on an intake.");
  const staffIds = assignments.map((a) => a.staffId);
  const seen = new Set<string>();
  for (const id of staffIds) for (const r of recordsOf(plan.picture.ctx, id)) seen.add([r.id, r.status, r.enrolledOn, r.startedOn, r.achievedOn, r.expectedCompletion, r.qualificationId].join("|"));
  const usedIntakes = [...new Set(assignments.map((a) => a.intakeId))];

  return scope.write(async (w): Promise<Result<AcceptedPlan>> => {
    // The people's records and the intakes must be as the plan saw them.
    let current = 0;
    for (const batch of chunked(staffIds, 500)) {
      const rows = await w
        .selectFrom("qualification_records")
        .select(["id", "status", "enrolled_on", "started_on", "achieved_on", "expected_completion", "qualification_id"])
        .where("staff_id", "in", batch)
        .execute();
      for (const r of rows) {
        if (!seen.has(recordKey(r))) return conflict(RECORDS_CHANGED);
        current++;
      }
    }
    if (current !== seen.size) return conflict(RECORDS_CHANGED);
    for (const batch of chunked(usedIntakes, 500)) {
      const rows = await w.selectFrom("plan_intakes").select(["id", "provider", "start_date", "qualification_id"]).where("id", "in", batch).execute();
      for (const r of rows) {
        const i = plan.intakesById.get(r.id);
        if (!i || i.provider !== r.provider || i.startDate !== r.start_date || i.qualificationId !== r.qualification_id) {
          return conflict("An intake in the plan changed while it was being accepted. Review the plan and accept it again.");
        }
      }
      if (rows.length !== batch.length) return conflict("An intake in the plan was removed while it was being accepted. Review the plan and accept it again.");
    }

    const now = new Date().toISOString();
    const created: Array<{ row: QualificationRecordRow; intakeId: number }> = [];
    for (const batch of chunked(assignments, 200)) {
      const values = batch.map((a) => ({
        staff_id: a.staffId,
        qualification_id: a.qualificationId,
        provider: a.provider,
        status: "enrolled" as const,
        enrolled_on: a.start,
        started_on: null,
        expected_completion: a.expectedCompletion,
        achieved_on: null,
        certificate_ref: null,
        evidence_verified_by: null,
        evidence_verified_on: null,
        pathway: a.pathway,
        created_at: now,
        updated_at: now,
      }));
      const rows = await w.insertInto("qualification_records", values).returningAll().execute();
      rows.forEach((row, i) => created.push({ row, intakeId: batch[i].intakeId }));
    }
    const costPence = plan.result.totals.costPence;
    const summary = {
      people: created.length,
      topUps: plan.result.totals.topUps,
      costPence,
      unplanned: plan.result.totals.unplanned,
      fingerprint,
    };
    const { id: runId } = await w
      .insertInto("plan_runs", { user_id: scope.actor.userId, actor: scope.actor.name, as_of: asOf, status: "accepted", summary_json: JSON.stringify(summary), accepted_at: now, undone_at: null, undone_by: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const batch of chunked(created, 200)) {
      await w.insertIntoChild(
        "plan_run_records",
        batch.map((c) => ({ plan_run_id: runId, record_id: c.row.id, staff_id: c.row.staff_id, intake_id: c.intakeId, row_json: JSON.stringify(pickRecord(c.row)) })),
      );
    }
    await w.audit({
      action: "plan.accept",
      entity: "plan_run",
      entityId: runId,
      summary: `Accepted the workforce plan: ${created.length} enrolment${created.length === 1 ? "" : "s"} (${plan.result.totals.topUps} top-ups) costing ${formatPounds(costPence)}`,
      after: { ...summary, recordIds: created.map((c) => c.row.id) },
    });
    return ok({
      runId,
      created: created.length,
      costPence,
      message: `Accepted the plan: ${created.length} enrolment record${created.length === 1 ? "" : "s"} created (${formatPounds(costPence)}). Undo is available below while the records are unchanged.`,
    });
  }, { unaudited: "a plan refused because its people's records or intakes changed writes nothing" });
}

function pickRecord(row: QualificationRecordRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of RECORD_FIELDS) out[f] = row[f];
  return out;
}

export interface UndonePlan {
  deleted: number;
  message: string;
}

const MAX_LISTED = 5;

/** Deletes exactly the records an accepted run created, if every one is unchanged since (no unit results either). */
export async function undoPlanRun(scope: OrganisationScope, input: { runId: number }): Promise<Result<UndonePlan>> {
  const { runId } = input;
  return scope.write(async (w): Promise<Result<UndonePlan>> => {
    const run = await w.selectFrom("plan_runs").selectAll().where("id", "=", runId).executeTakeFirst();
    if (!run) return notFound("Not found");
    if (run.status === "undone") return formInvalid(`This plan was already undone (${run.undone_at ?? ""} by ${run.undone_by ?? "someone"}).`);
    const created = await w.selectFromChild("plan_run_records").selectAll().where("plan_run_id", "=", runId).execute();
    const ids = created.map((c) => c.record_id);
    const currentById = new Map<number, QualificationRecordRow>();
    const withUnits = new Set<number>();
    for (const batch of chunked(ids, 500)) {
      for (const r of await w.selectFrom("qualification_records").selectAll().where("id", "in", batch).execute()) currentById.set(r.id, r);
      for (const u of await w.selectFrom("unit_results").select("record_id").where("record_id", "in", batch).execute()) withUnits.add(u.record_id);
    }
    const conflicts: string[] = [];
    const refs = new Map<number, string>();
    for (const batch of chunked([...new Set(created.map((c) => c.staff_id))], 500)) {
      for (const s of await w.selectFrom("staff").select(["id", "employee_ref"]).where("id", "in", batch).execute()) refs.set(s.id, s.employee_ref);
    }
    for (const c of created) {
      const expected = JSON.parse(c.row_json) as Record<string, unknown>;
      const current = currentById.get(c.record_id);
      const who = refs.get(c.staff_id) ?? String(c.staff_id);
      if (!current) conflicts.push(`${who}: the record was deleted`);
      else if (withUnits.has(c.record_id)) conflicts.push(`${who}: unit results were added`);
      else {
        const changed = RECORD_FIELDS.filter((f) => (current[f] ?? null) !== (expected[f] ?? null));
        if (changed.length > 0) conflicts.push(`${who}: ${changed.join(", ").replace(/_/g, " ")} changed`);
      }
    }
    if (conflicts.length > 0) {
      const listed = conflicts.slice(0, MAX_LISTED).join("; ");
      const more = conflicts.length > MAX_LISTED ? ` and ${conflicts.length - MAX_LISTED} more` : "";
      return conflict(`Cannot undo: ${conflicts.length} of the records this plan created have changed since (${listed}${more}). Nothing was deleted.`);
    }
    for (const batch of chunked(ids, 500)) await w.deleteFrom("qualification_records").where("id", "in", batch).execute();
    const now = new Date().toISOString();
    await w.updateTable("plan_runs").set({ status: "undone", undone_at: now, undone_by: scope.actor.name }).where("id", "=", runId).execute();
    await w.audit({
      action: "plan.undo",
      entity: "plan_run",
      entityId: runId,
      summary: `Undid the workforce plan accepted ${formatDateLong(run.accepted_at.slice(0, 10))} by ${run.actor}: deleted ${ids.length} enrolment record${ids.length === 1 ? "" : "s"}`,
      before: { recordIds: ids },
    });
    return ok({ deleted: ids.length, message: `Undone: deleted the ${ids.length} enrolment record${ids.length === 1 ? "" : "s"} the plan created.` });
  }, { unaudited: "an undo refused because the records changed deletes nothing" });
}
