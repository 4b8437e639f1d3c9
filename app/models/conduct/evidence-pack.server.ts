/**
 * The conduct evidence pack: one ZIP (fflate) of named CSVs (Excel-friendly, formula-safe) and a README summary,
 * so a landlord can show the regulator its conduct evidence in one step. Every figure comes from the conduct rules
 * on the date, the same the conduct pages show.
 */
import { strToU8, zipSync } from "fflate";
import { formatDateLong } from "../../compliance/dates";
import { currentVersions, MEETING_KIND_LABELS, POLICY_KIND_LABELS, policyReview } from "../../conduct";
import { BOM, toCsv } from "../../utils/csv.server";
import type { OrganisationReader } from "../organisation-scope.server";
import { acknowledgementPicture } from "./acknowledgements.server";
import { meetingPicture } from "./meetings.server";
import { listPolicyVersions } from "./policies.server";
import { trainingPicture } from "./training.server";

export interface EvidencePack {
  fileName: string;
  bytes: Uint8Array;
  files: string[];
}

const pctText = (v: number | null) => (v === null ? "none required" : `${v}%`);

export async function conductEvidencePack(scope: OrganisationReader, organisation: { slug: string; name: string }, asOf: string): Promise<EvidencePack> {
  const [versions, ack, meetings, training] = await Promise.all([listPolicyVersions(scope), acknowledgementPicture(scope, asOf), meetingPicture(scope, asOf), trainingPicture(scope, asOf)]);
  const current = currentVersions(versions, asOf);
  const reviews = versions.map((v) => ({ v, review: policyReview(v, asOf, current.get(v.kind)?.id === v.id) }));

  const csv = (header: string[], rows: unknown[][]) => strToU8(BOM + toCsv(header, rows));
  const files: Record<string, Uint8Array> = {
    "policies.csv": csv(
      ["kind", "version", "approved_by", "approved_on", "review_by", "tenant_url", "document_ref", "in_force", "review_state", "reason"],
      reviews.map(({ v, review }) => [POLICY_KIND_LABELS[v.kind], v.version, v.approvedBy, v.approvedOn, v.reviewBy, v.tenantUrl, v.documentRef, current.get(v.kind)?.id === v.id ? "yes" : "no", review.state, review.reason]),
    ),
    "code-of-conduct.csv": csv(
      ["employee_ref", "name", "department", "employer", "version", "acknowledged", "acknowledged_on", "due_by", "overdue"],
      ack.people.map(({ person, status }) => [person.employeeRef, person.name, person.department, person.employer, ack.version, status.state === "acknowledged" ? "yes" : "no", status.acknowledgedOn, status.dueBy, status.state === "overdue" ? "yes" : "no"]),
    ),
    "supervision.csv": csv(
      ["employee_ref", "name", "job_title", "kind", "state", "last_held_on", "due_by", "reason"],
      meetings.people.flatMap(({ person, statuses }) =>
        statuses.filter((s) => s.state !== "not_expected").map((s) => [person.employeeRef, person.name, person.jobTitle, MEETING_KIND_LABELS[s.kind], s.state, s.lastHeldOn, s.dueBy, s.reason]),
      ),
    ),
    "training.csv": csv(
      ["employee_ref", "name", "job_title", "course", "code", "state", "completed_on", "expires_on", "reason"],
      training.rows.flatMap(({ person, cells }) =>
        cells
          .map((c, i) => ({ c, course: training.courses[i].course }))
          .filter(({ c }) => c.required)
          .map(({ c, course }) => [person.employeeRef, person.name, person.jobTitle, course.title, course.code, c.state, c.completedOn, c.expiresOn, c.reason]),
      ),
    ),
  };
  const due = reviews.filter(({ review }) => review.state === "overdue" || review.state === "no_review_date");
  const readme = [
    `${organisation.name}: conduct evidence as of ${formatDateLong(asOf)}`,
    "",
    `Code of conduct: ${ack.version ? `version ${ack.version}, acknowledged by ${ack.acknowledged} of ${ack.required} active people (${pctText(ack.pct)}), ${ack.overdue} overdue` : "no version approved"}.`,
    ...(["supervision", "one_to_one", "appraisal"] as const).map((k) => `${MEETING_KIND_LABELS[k]}: ${meetings.overdue[k]} overdue of ${meetings.expected[k]} people it is expected of.`),
    `Training: ${training.compliant} of ${training.required} required courses current (${pctText(training.pct)}).`,
    `Policies in force: ${[...current.values()].map((v) => `${POLICY_KIND_LABELS[v.kind]} ${v.version}`).join("; ") || "none"}.`,
    `Policies needing review: ${due.length === 0 ? "none" : due.map(({ review }) => review.reason).join(" ")}`,
    "",
    "Files:",
    "  policies.csv         every policy version with approval, review date, where tenants can read it",
    "  code-of-conduct.csv  one row per active person: acknowledged yes/no, when, and whether overdue",
    "  supervision.csv      one row per person and expected meeting kind: last held, next due, why",
    "  training.csv         one row per person and required course: completed, expiry, state",
    "",
  ].join("\r\n");
  files["README.txt"] = strToU8(readme);
  const bytes = zipSync(files, { level: 6 });
  return { fileName: `${organisation.slug}-conduct-evidence-${asOf}.zip`, bytes, files: Object.keys(files) };
}
