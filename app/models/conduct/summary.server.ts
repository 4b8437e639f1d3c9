/**
 * The short conduct summary the dashboard, the executive report, the portfolio and `metrics --json` show: code
 * acknowledged, policies due for review, supervision and appraisal overdue, training compliance. Every figure comes
 * from the conduct rules (app/conduct/) through the pictures the conduct pages show; nothing is re-derived here.
 */
import { missingPolicyKinds } from "../../conduct";
import type { OrganisationReader } from "../organisation-scope.server";
import { acknowledgementPicture } from "./acknowledgements.server";
import { meetingPicture } from "./meetings.server";
import { loadConductPeople } from "./people.server";
import { policyRegister } from "./policies.server";
import { trainingPicture } from "./training.server";

export interface ConductSummary {
  asOf: string;
  /** `required` = people active on the date, frontline and contractor staff included. */
  codeOfConduct: { version: string | null; required: number; acknowledged: number; overdue: number; pct: number | null };
  policies: { inForce: number; dueForReview: number; overdue: number; missing: string[] };
  /** Active people the meeting is expected of, and of those the ones overdue. */
  supervision: { expected: number; overdue: number };
  appraisal: { expected: number; overdue: number };
  /** Compliant (person, course) pairs over required pairs, on the date. */
  training: { required: number; compliant: number; pct: number | null };
}

/** The `conduct` figures of `metrics --json` (docs/cli.md). */
export function conductMetrics(s: ConductSummary) {
  return {
    codeOfConduct: { version: s.codeOfConduct.version, required: s.codeOfConduct.required, acknowledged: s.codeOfConduct.acknowledged, overdue: s.codeOfConduct.overdue, pct: s.codeOfConduct.pct },
    supervisionOverdue: s.supervision.overdue,
    appraisalOverdue: s.appraisal.overdue,
    trainingCompliancePct: s.training.pct,
    policiesDueForReview: s.policies.dueForReview,
  };
}

async function computeSummary(scope: OrganisationReader, asOf: string): Promise<ConductSummary> {
  const people = await loadConductPeople(scope);
  const [ack, register, meetings, training] = await Promise.all([
    acknowledgementPicture(scope, asOf, people),
    policyRegister(scope, asOf),
    meetingPicture(scope, asOf, people),
    trainingPicture(scope, asOf, people),
  ]);
  const current = register.filter((p) => p.current);
  return {
    asOf,
    codeOfConduct: { version: ack.version, required: ack.required, acknowledged: ack.acknowledged, overdue: ack.overdue, pct: ack.pct },
    policies: {
      inForce: current.length,
      dueForReview: current.filter((p) => p.review.state === "due_soon" || p.review.state === "overdue" || p.review.state === "no_review_date").length,
      overdue: current.filter((p) => p.review.state === "overdue").length,
      missing: missingPolicyKinds(register, asOf),
    },
    supervision: { expected: meetings.expected.supervision, overdue: meetings.overdue.supervision },
    appraisal: { expected: meetings.expected.appraisal, overdue: meetings.overdue.appraisal },
    training: { required: training.required, compliant: training.compliant, pct: training.pct },
  };
}

/**
 * Kept per connection, organisation and as-of date at the organisation's revision (every conduct write is a
 * `scope.write`, which bumps it), so the dashboard does not read the whole staff list again on every load.
 * The revision is read before the figures: a write during the reads leaves the entry stale, never newer-keyed.
 */
const kept = new WeakMap<object, Map<string, { revision: number; summary: ConductSummary }>>();
const KEPT_PER_CONNECTION = 1000;

export async function conductSummary(scope: OrganisationReader, asOf: string): Promise<ConductSummary> {
  const row = await scope.selectOrganisation().select("revision").executeTakeFirst();
  const revision = Number(row?.revision ?? -1);
  let byKey = kept.get(scope.readHandle);
  if (!byKey) kept.set(scope.readHandle, (byKey = new Map()));
  const key = `${scope.organisationId}:${asOf}`;
  const hit = byKey.get(key);
  if (hit && hit.revision === revision) return hit.summary;
  const summary = await computeSummary(scope, asOf);
  byKey.delete(key);
  if (byKey.size >= KEPT_PER_CONNECTION) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, { revision, summary });
  return summary;
}
