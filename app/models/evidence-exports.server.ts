/** Evidence exports for the regulator and the board: scope decisions, qualification records, import history. Read through the organisation scope. */
import { fullName } from "../utils/person-name";
import { reviewOverdue } from "../compliance/review";
import type { OrganisationReader } from "./organisation-scope.server";
import { scopeConsistencyChecks } from "../compliance/scope-consistency";
import { CATEGORY_LABELS } from "../compliance/status";
import { spreadsheetTimestamp } from "../utils/spreadsheet-time";
import { RECORD_STATUS_LABELS } from "./record-status-labels";

export const SCOPE_DECISION_COLUMNS = ["job_title", "category", "category_label", "required_level", "time_managing_pct", "rationale", "decided_by", "decided_on", "review_date", "review_overdue", "people_holding_title", "consistency_checks"] as const;

export async function scopeDecisionRows(scope: OrganisationReader, filter: { category?: string | null; asOf: string }) {
  let query = scope.selectFrom("scope_decisions").selectAll();
  if (filter.category) query = query.where("category", "=", filter.category as never);
  const decisions = await query.orderBy("job_title").execute();
  const counts = await scope
    .selectFrom("staff")
    .select(["job_title_normalised", (eb) => eb.fn.countAll<number>().as("n")])
    .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", filter.asOf)]))
    .groupBy("job_title_normalised")
    .execute();
  const byTitle = new Map(counts.map((c) => [c.job_title_normalised, Number(c.n)]));
  return decisions.map((d) => [
    d.job_title,
    d.category,
    CATEGORY_LABELS[d.category as keyof typeof CATEGORY_LABELS] ?? d.category,
    d.category === "senior_executive" ? 5 : d.category === "senior_manager" ? 4 : "",
    d.time_managing_pct ?? "",
    d.rationale ?? "",
    d.decided_by ?? "",
    d.decided_on ?? "",
    d.review_date ?? "",
    reviewOverdue(d.review_date, filter.asOf) ? "yes" : "no",
    byTitle.get(d.job_title_normalised) ?? 0,
    scopeConsistencyChecks({ category: d.category, timeManagingPct: d.time_managing_pct, rationale: d.rationale })
      .map((c) => c.message)
      .join(" | "),
  ]);
}

export const RECORD_COLUMNS = ["employee_ref", "name", "job_title", "qualification", "level", "recognised", "provider", "status", "status_label", "enrolled_on", "started_on", "expected_completion", "achieved_on", "certificate_ref", "evidence_verified_by", "evidence_verified_on", "pathway", "units_passed"] as const;

export async function qualificationRecordRows(scope: OrganisationReader, filter: { status?: string | null; provider?: string | null }) {
  let query = scope
    .selectFrom("qualification_records")
    .innerJoin("staff", "staff.id", "qualification_records.staff_id")
    .innerJoin("qualifications", "qualifications.id", "qualification_records.qualification_id")
    .select([
      "staff.employee_ref", "staff.first_name", "staff.last_name", "staff.job_title", "qualifications.title", "qualifications.level", "qualifications.recognised",
      "qualification_records.id", "qualification_records.provider", "qualification_records.status", "qualification_records.enrolled_on", "qualification_records.started_on",
      "qualification_records.expected_completion", "qualification_records.achieved_on", "qualification_records.certificate_ref", "qualification_records.evidence_verified_by",
      "qualification_records.evidence_verified_on", "qualification_records.pathway",
    ])
    .where("staff.organisation_id", "=", scope.organisationId);
  if (filter.status) query = query.where("qualification_records.status", "=", filter.status as never);
  if (filter.provider) query = query.where("qualification_records.provider", "=", filter.provider);
  const records = await query.orderBy("staff.employee_ref").orderBy("qualification_records.id").execute();
  const units = await scope.selectFrom("unit_results").select(["record_id", "unit_ref", "result"]).execute();
  const passed = new Map<number, string[]>();
  for (const u of units) if (u.result === "pass" || u.result === "exempt") passed.set(u.record_id, [...(passed.get(u.record_id) ?? []), u.unit_ref]);
  return records.map((r) => [
    r.employee_ref, fullName(r), r.job_title, r.title, r.level, r.recognised ? "yes" : "no", r.provider ?? "", r.status, RECORD_STATUS_LABELS[r.status as keyof typeof RECORD_STATUS_LABELS] ?? r.status,
    r.enrolled_on ?? "", r.started_on ?? "", r.expected_completion ?? "", r.achieved_on ?? "", r.certificate_ref ?? "", r.evidence_verified_by ?? "", r.evidence_verified_on ?? "", r.pathway ?? "",
    (passed.get(r.id) ?? []).join(";"),
  ]);
}

export const IMPORT_HISTORY_COLUMNS = ["id", "when", "who", "kind", "mode", "file_name", "file_sha256", "status", "rows", "added", "changed", "unchanged", "leavers", "errors", "undone_at", "undone_by"] as const;

export async function importHistoryRows(scope: OrganisationReader, filter: { kind?: string | null; status?: string | null }) {
  let query = scope.selectFrom("import_runs").selectAll();
  if (filter.kind) query = query.where("kind", "=", filter.kind as never);
  if (filter.status) query = query.where("status", "=", filter.status as never);
  const runs = await query.orderBy("id", "desc").execute();
  return runs.map((r) => {
    const c = JSON.parse(r.counts_json) as Record<string, number>;
    return [r.id, spreadsheetTimestamp(r.created_at), r.actor, r.kind, r.mode, r.file_name, r.file_sha256, r.status, c.rows ?? "", c.added ?? "", c.changed ?? "", c.unchanged ?? "", c.leavers ?? "", c.errors ?? "", spreadsheetTimestamp(r.undone_at), r.undone_by ?? ""];
  });
}
