/**
 * The regulator evidence pack: one ZIP (fflate) of named CSVs (Excel-friendly, formula-safe), the executive report
 * PDF and a README summary, so a landlord can answer the regulator in one step. The statutory CSVs come from the
 * same builders as the single exports (statuses as `export status`, scope decisions and qualification records as
 * the evidence exports); the conduct figures from the conduct rules on the date, the same the conduct pages show.
 * The PDF is made by the caller (the web route prints the report page; decision 0045): when it cannot be made the
 * pack is still written, and its README says why report.pdf is missing.
 */
import { plural } from "../../utils/plural";
import { strToU8, zipSync } from "fflate";
import { formatDateLong } from "../../compliance/dates";
import { currentVersions, ENGAGEMENT_KIND_LABELS, MEETING_KIND_LABELS, POLICY_KIND_LABELS, policyReview } from "../../conduct";
import { BOM, toCsv } from "../../utils/csv.server";
import { evaluateOrganisation } from "../compliance.server";
import { qualificationRecordRows, RECORD_COLUMNS, SCOPE_DECISION_COLUMNS, scopeDecisionRows } from "../evidence-exports.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { STATUS_EXPORT_COLUMNS, statusExportCells, statusExportRows } from "../people.server";
import { acknowledgementPicture } from "./acknowledgements.server";
import { listEngagements, policyVersionName } from "./engagements.server";
import { meetingPicture } from "./meetings.server";
import { listPolicyVersions } from "./policies.server";
import { contractorAssurance } from "./provider-assurance.server";
import { trainingPicture } from "./training.server";

/** The executive report PDF, or why it could not be made (no Chromium on this machine, the command line…). */
export type ReportPdf = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export interface EvidencePack {
  fileName: string;
  bytes: Uint8Array;
  files: string[];
  /** Rows per CSV (header not counted). */
  rows: Record<string, number>;
  /** Why report.pdf is not in the pack (null: it is). */
  pdfMissing: string | null;
}

const pctText = (v: number | null) => (v === null ? "none required" : `${v}%`);

export async function conductEvidencePack(
  scope: OrganisationReader,
  organisation: { slug: string; name: string },
  asOf: string,
  reportPdf: () => Promise<ReportPdf>,
): Promise<EvidencePack> {
  const [versions, ack, meetings, training, engagements, contractors, evaluated, scopeDecisions, records] = await Promise.all([
    listPolicyVersions(scope),
    acknowledgementPicture(scope, asOf),
    meetingPicture(scope, asOf),
    trainingPicture(scope, asOf),
    listEngagements(scope),
    contractorAssurance(scope, asOf),
    evaluateOrganisation(scope, asOf),
    scopeDecisionRows(scope, { asOf }),
    qualificationRecordRows(scope, {}),
  ]);
  const current = currentVersions(versions, asOf);
  const reviews = versions.map((v) => ({ v, review: policyReview(v, asOf, current.get(v.kind)?.id === v.id) }));

  const rowCounts: Record<string, number> = {};
  const csv = (name: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>) => {
    rowCounts[name] = rows.length;
    return strToU8(BOM + toCsv(header, rows));
  };
  const heldOnOrBefore = engagements.filter((e) => e.heldOn <= asOf);
  const files: Record<string, Uint8Array> = {
    "statuses.csv": csv("statuses.csv", STATUS_EXPORT_COLUMNS, statusExportCells(statusExportRows(evaluated))),
    "scope-decisions.csv": csv("scope-decisions.csv", SCOPE_DECISION_COLUMNS, scopeDecisions),
    "qualification-records.csv": csv("qualification-records.csv", RECORD_COLUMNS, records),
    "policies.csv": csv(
      "policies.csv",
      ["kind", "version", "approved_by", "approved_on", "review_by", "tenant_url", "document_ref", "in_force", "review_state", "reason"],
      reviews.map(({ v, review }) => [POLICY_KIND_LABELS[v.kind], v.version, v.approvedBy, v.approvedOn, v.reviewBy, v.tenantUrl, v.documentRef, current.get(v.kind)?.id === v.id ? "yes" : "no", review.state, review.reason]),
    ),
    "code-of-conduct.csv": csv(
      "code-of-conduct.csv",
      ["employee_ref", "name", "department", "employer", "version", "acknowledged", "acknowledged_on", "due_by", "overdue"],
      ack.people.map(({ person, status }) => [person.employeeRef, person.name, person.department, person.employer, ack.version, status.state === "acknowledged" ? "yes" : "no", status.acknowledgedOn, status.dueBy, status.state === "overdue" ? "yes" : "no"]),
    ),
    "supervision.csv": csv(
      "supervision.csv",
      ["employee_ref", "name", "job_title", "kind", "state", "last_held_on", "due_by", "reason"],
      meetings.people.flatMap(({ person, statuses }) =>
        statuses.filter((s) => s.state !== "not_expected").map((s) => [person.employeeRef, person.name, person.jobTitle, MEETING_KIND_LABELS[s.kind], s.state, s.lastHeldOn, s.dueBy, s.reason]),
      ),
    ),
    "training.csv": csv(
      "training.csv",
      ["employee_ref", "name", "job_title", "course", "code", "state", "completed_on", "expires_on", "reason"],
      training.rows.flatMap(({ person, cells }) =>
        cells
          .map((c, i) => ({ c, course: training.courses[i].course }))
          .filter(({ c }) => c.required)
          .map(({ c, course }) => [person.employeeRef, person.name, person.jobTitle, course.title, course.code, c.state, c.completedOn, c.expiresOn, c.reason]),
      ),
    ),
    "tenant-engagement.csv": csv(
      "tenant-engagement.csv",
      ["held_on", "kind", "title", "about", "influence", "outcome", "recorded_by"],
      heldOnOrBefore.map((e) => [e.heldOn, ENGAGEMENT_KIND_LABELS[e.kind], e.title, e.policy ? policyVersionName(e.policy) : "the approach in general", e.influence, e.outcome, e.recordedBy]),
    ),
    "service-providers.csv": csv(
      "service-providers.csv",
      ["name", "comprehensive", "contract_ref", "review_date", "active_staff", "competence_clause", "conduct_clause", "assurance_months", "last_return_on", "next_due_on", "assurance_state", "reasons"],
      contractors.providers.map(({ provider: p, assurance: a }) => [
        p.name,
        p.comprehensive ? "yes" : "no",
        p.contractRef,
        p.reviewDate,
        p.activeStaff,
        p.competenceClause ? "yes" : "no",
        p.conductClause ? "yes" : "no",
        p.assuranceMonths,
        a.lastReturnOn,
        a.nextDueOn,
        a.state,
        a.reasons.join(" "),
      ]),
    ),
  };
  const pdf = await reportPdf();
  if (pdf.ok) files["report.pdf"] = pdf.bytes;
  const statusCounts = evaluated.measures.countsByStatutory;
  const due = reviews.filter(({ review }) => review.state === "overdue" || review.state === "no_review_date");
  const readme = [
    `${organisation.name}: competence and conduct evidence as of ${formatDateLong(asOf)}`,
    "",
    `Qualification (the legal test): ${statusCounts.compliant} compliant, ${statusCounts.not_yet_due} not yet due, ${statusCounts.in_breach} in breach.`,
    `Code of conduct: ${ack.version ? `version ${ack.version}, acknowledged by ${ack.acknowledged} of ${ack.required} active people (${pctText(ack.pct)}), ${ack.overdue} overdue` : "no version approved"}.`,
    ...(["supervision", "one_to_one", "appraisal"] as const).map((k) => `${MEETING_KIND_LABELS[k]}: ${meetings.overdue[k]} overdue of ${plural(meetings.expected[k], "person")} it is expected of.`),
    `Training: ${training.compliant} of ${training.required} required courses current (${pctText(training.pct)}).`,
    `Policies in force: ${[...current.values()].map((v) => `${POLICY_KIND_LABELS[v.kind]} ${v.version}`).join("; ") || "none"}.`,
    `Policies needing review: ${due.length === 0 ? "none" : due.map(({ review }) => review.reason).join(" ")}`,
    `Tenant engagement: ${plural(heldOnOrBefore.length, "entry")} in the log.`,
    `Service providers: ${contractors.providers.length} in the register, ${contractors.needingAction} needing action (clauses missing, or an assurance return overdue or never received).`,
    pdf.ok ? "The executive report is report.pdf." : `report.pdf is not in this pack: ${pdf.reason}`,
    "",
    "Files:",
    "  statuses.csv               one row per person: category, the legal test, status, RAG, dates and reasons",
    "  scope-decisions.csv        every job-title scope decision with its rationale and review date",
    "  qualification-records.csv  every qualification record with its evidence",
    "  policies.csv               every policy version with approval, review date, where tenants can read it",
    "  code-of-conduct.csv        one row per active person: acknowledged yes/no, when, and whether overdue",
    "  supervision.csv            one row per person and expected meeting kind: last held, next due, why",
    "  training.csv               one row per person and required course: completed, expiry, state",
    "  tenant-engagement.csv      how tenants influenced or scrutinised the policies and the code, with outcome",
    "  service-providers.csv      each contractor: clauses in the contract, last assurance return, next due",
    ...(pdf.ok ? ["  report.pdf                 the executive report"] : []),
    "",
  ].join("\r\n");
  files["README.txt"] = strToU8(readme);
  const bytes = zipSync(files, { level: 6 });
  return { fileName: `${organisation.slug}-conduct-evidence-${asOf}.zip`, bytes, files: Object.keys(files), rows: rowCounts, pdfMissing: pdf.ok ? null : pdf.reason };
}
