/**
 * The short conduct summary the dashboard, the executive report and `metrics --json` show: code acknowledged,
 * policies due for review (and, as later slices add them, supervision, appraisal and training figures).
 */
import { missingPolicyKinds } from "../../conduct";
import type { OrganisationReader } from "../organisation-scope.server";
import { acknowledgementPicture } from "./acknowledgements.server";
import { policyRegister } from "./policies.server";

export interface ConductSummary {
  asOf: string;
  codeOfConduct: { version: string | null; required: number; acknowledged: number; overdue: number; pct: number | null };
  policies: { inForce: number; dueForReview: number; overdue: number; missing: string[] };
}

export async function conductSummary(scope: OrganisationReader, asOf: string): Promise<ConductSummary> {
  const [ack, register] = await Promise.all([acknowledgementPicture(scope, asOf), policyRegister(scope, asOf)]);
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
  };
}
