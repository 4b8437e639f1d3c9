/** The executive report's conduct paragraph: the conduct summary's figures in plain words (a plain module). */
import { plural } from "../utils/plural";
import { formatDateLong } from "../compliance/dates";
import { POLICY_KIND_LABELS, POLICY_KINDS, type PolicyKind } from "./labels";

/** The figures the sentences read (the shape of the conduct summary, app/models/conduct/summary.server.ts). */
export interface ConductFigures {
  asOf: string;
  codeOfConduct: { version: string | null; required: number; acknowledged: number; overdue: number; pct: number | null };
  policies: { inForce: number; dueForReview: number; overdue: number; missing: readonly string[] };
  supervision: { expected: number; overdue: number };
  appraisal: { expected: number; overdue: number };
  training: { required: number; compliant: number; pct: number | null };
}

const people = (n: number) => `${plural(n, "person")}`;

export function conductSentences(f: ConductFigures): string[] {
  const out: string[] = [];
  const c = f.codeOfConduct;
  out.push(
    c.version
      ? `${c.acknowledged} of ${c.required} active people (${c.pct ?? 0}%) have acknowledged version ${c.version} of the code of conduct; ${c.overdue === 0 ? "nobody is overdue" : `${people(c.overdue)} ${c.overdue === 1 ? "is" : "are"} overdue`}.`
      : `No code of conduct version is in force on ${formatDateLong(f.asOf)}, so nobody owes an acknowledgement yet.`,
  );
  out.push(
    `Supervision is overdue for ${people(f.supervision.overdue)} of the ${f.supervision.expected} it is expected of, and appraisal for ${people(f.appraisal.overdue)} of ${f.appraisal.expected}.`,
  );
  out.push(
    f.training.required === 0
      ? "No training is required of anyone yet."
      : `${f.training.pct ?? 0}% of required training is current (${f.training.compliant} of ${f.training.required} person-course requirements).`,
  );
  const missing = POLICY_KINDS.filter((k) => f.policies.missing.includes(k)).map((k: PolicyKind) => POLICY_KIND_LABELS[k].toLowerCase());
  out.push(
    `${f.policies.inForce} of the ${plural(POLICY_KINDS.length, "policy")} are in force; ${plural(f.policies.dueForReview, "is", "are")} due for review${f.policies.overdue ? ` (${f.policies.overdue} overdue)` : ""}.` +
      (missing.length ? ` No version is recorded of: ${missing.join(", ")}.` : ""),
  );
  return out;
}
