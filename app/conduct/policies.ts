/**
 * Policies (the government's direction: a written policy on learning and development, appraisal and performance
 * review, and managing poor performance, kept up to date; a code of conduct): which version is current on a date,
 * and whether its review is due.
 */
import { addDays, formatDateLong } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";
import { POLICY_KIND_LABELS, type PolicyKind } from "./labels";

export interface PolicyVersion {
  id: number;
  kind: PolicyKind;
  version: string;
  approvedBy: string | null;
  approvedOn: IsoDate;
  reviewBy: IsoDate | null;
}

/** Reviews due within this many days are flagged "due soon" (our default). */
export const REVIEW_SOON_DAYS = 60;

export type ReviewState = "current" | "due_soon" | "overdue" | "no_review_date" | "superseded";

export interface PolicyReview {
  state: ReviewState;
  reason: string;
}

/** The version in force on the date for each kind: the latest approved on or before it (ties: the later record). */
export function currentVersions<T extends PolicyVersion>(versions: readonly T[], asOf: IsoDate): Map<PolicyKind, T> {
  const out = new Map<PolicyKind, T>();
  for (const v of versions) {
    if (v.approvedOn > asOf) continue;
    const best = out.get(v.kind);
    if (!best || v.approvedOn > best.approvedOn || (v.approvedOn === best.approvedOn && v.id > best.id)) out.set(v.kind, v);
  }
  return out;
}

/** Whether a version's review is due, in plain words. `current` = the version in force for its kind. */
export function policyReview(version: PolicyVersion, asOf: IsoDate, current: boolean): PolicyReview {
  const name = `${POLICY_KIND_LABELS[version.kind]} ${version.version}`;
  if (version.approvedOn > asOf) return { state: "superseded", reason: `${name} is approved from ${formatDateLong(version.approvedOn)}.` };
  if (!current) return { state: "superseded", reason: `${name} has been replaced by a later version.` };
  if (!version.reviewBy) return { state: "no_review_date", reason: `${name} has no review date: set one so it is kept up to date.` };
  if (version.reviewBy < asOf) return { state: "overdue", reason: `${name} was due for review by ${formatDateLong(version.reviewBy)}.` };
  if (version.reviewBy <= addDays(asOf, REVIEW_SOON_DAYS)) return { state: "due_soon", reason: `${name} is due for review by ${formatDateLong(version.reviewBy)}.` };
  return { state: "current", reason: `${name} is in force; next review by ${formatDateLong(version.reviewBy)}.` };
}

/** Kinds with no version in force on the date (the direction expects each of them). */
export function missingPolicyKinds(versions: readonly PolicyVersion[], asOf: IsoDate): PolicyKind[] {
  const current = currentVersions(versions, asOf);
  return (Object.keys(POLICY_KIND_LABELS) as PolicyKind[]).filter((k) => !current.has(k));
}
