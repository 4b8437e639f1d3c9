/** Words for the reminder rules' codes (a plain module: pages, emails and CSVs use the same). */
import type { ActionKind } from "./types";
import type { DigestKind, DigestFrequency } from "./digests";

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  enrol_by_passed: "Enrol-by date passed",
  enrol_by_soon: "Enrol-by date coming",
  latest_start_passed: "Latest start passed",
  completion_passed: "Expected completion passed",
  completion_missing: "Expected completion missing",
  enrolled_without_start: "Enrolled without a start date",
  evidence_unverified: "Evidence not verified",
  conduct_due: "Code of conduct acknowledgement",
  supervision_due: "Supervision and one-to-ones",
  appraisal_due: "Appraisal",
  training_due: "Training",
  scope_review_overdue: "Scope decision review overdue",
  job_title_undecided: "Job title undecided",
};

export const ACTION_KINDS = Object.keys(ACTION_KIND_LABELS) as ActionKind[];

export const DIGEST_KIND_LABELS: Record<DigestKind, string> = {
  line_manager: "Line managers",
  hr: "HR leads and consultants",
  executive: "Executives (monthly summary)",
};

export const DIGEST_FREQUENCY_LABELS: Record<DigestFrequency, string> = { weekly: "Weekly", monthly: "Monthly" };

export const SEND_STATUS_LABELS: Record<string, string> = {
  sent: "Sent",
  written: "Written to the outbox",
  failed: "Failed (retried at the next run)",
  sending: "Sending",
};
