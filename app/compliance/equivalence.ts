// Equivalent and older qualifications. An organisation may assess a person's qualification as equivalent to a
// recognised one: assessed by, on, the evidence, its total qualification time (the policy expects at least 120
// hours) and whether the content criteria are met or partly met. "Met" counts like a recognised qualification
// from the assessment date; "partly met" needs top-up units: the person is working towards until every top-up
// is completed, then qualified from the last completion. Each assessment stands for one qualification record
// so the status, the trend and the planner read it the same way as any other record.

import type { IsoDate, QualificationRecord } from "./types";

export type EquivalenceOutcome = "met" | "partly_met";
export const EQUIVALENCE_OUTCOMES: readonly EquivalenceOutcome[] = ["met", "partly_met"];
export const EQUIVALENCE_OUTCOME_LABELS: Record<EquivalenceOutcome, string> = {
  met: "Content criteria met",
  partly_met: "Partly met: top-up needed",
};

/** The total qualification time the policy expects of an equivalent qualification. */
export const MINIMUM_TQT_HOURS = 120;

export interface EquivalenceTopUp {
  unit: string;
  completedOn: IsoDate | null;
}

export interface EquivalenceAssessment {
  id: number;
  staffId: number;
  /** The catalogue entry assessed (often an organisation's own entry for an older qualification). */
  qualificationId: number;
  assessedBy: string;
  assessedOn: IsoDate;
  evidenceRef: string;
  tqtHours: number | null;
  outcome: EquivalenceOutcome;
  topUps: readonly EquivalenceTopUp[];
}

/** What a record made from an assessment carries for the reasons a reader sees. */
export interface EquivalenceBasis {
  assessmentId: number;
  assessedBy: string;
  assessedOn: IsoDate;
  evidenceRef: string;
  outcome: EquivalenceOutcome;
  /** Top-up units not completed yet, in their order. */
  outstandingTopUps: string[];
}

/**
 * The qualification record an assessment stands for. Its id is the assessment's, negated, so it never matches a
 * stored record. Met: achieved on the assessment date. Partly met: in progress from the assessment date until
 * every top-up unit has a completion date, then achieved on the last of them (never before the assessment).
 */
export function equivalenceRecord(a: EquivalenceAssessment): QualificationRecord {
  const outstanding = a.outcome === "partly_met" ? a.topUps.filter((t) => t.completedOn == null).map((t) => t.unit) : [];
  const complete = a.outcome === "met" || (a.topUps.length > 0 && outstanding.length === 0);
  let achievedOn: IsoDate | null = null;
  if (complete) {
    achievedOn = a.assessedOn;
    for (const t of a.topUps) if (t.completedOn != null && t.completedOn > achievedOn) achievedOn = t.completedOn;
  }
  const basis: EquivalenceBasis = {
    assessmentId: a.id,
    assessedBy: a.assessedBy,
    assessedOn: a.assessedOn,
    evidenceRef: a.evidenceRef,
    outcome: a.outcome,
    outstandingTopUps: a.outcome === "partly_met" && a.topUps.length === 0 ? ["top-up units not yet recorded"] : outstanding,
  };
  return {
    id: -a.id,
    staffId: a.staffId,
    qualificationId: a.qualificationId,
    provider: null,
    status: complete ? "achieved" : "in_progress",
    enrolledOn: a.assessedOn,
    startedOn: a.assessedOn,
    expectedCompletion: null,
    achievedOn,
    pathway: null,
    unitResults: [],
    equivalence: basis,
  };
}

/** "CIH Level 4 … assessed as equivalent by J. Smith on 4 Mar 2026 (evidence HR/EQ/12)". */
export function equivalenceQualifiedText(title: string, basis: EquivalenceBasis, formatDate: (d: IsoDate) => string, achievedOn: IsoDate | null): string {
  const assessed = `assessed by ${basis.assessedBy} on ${formatDate(basis.assessedOn)} (evidence ${basis.evidenceRef})`;
  if (basis.outcome === "met") return `Qualified: ${title} assessed as equivalent, content criteria met, ${assessed}`;
  return `Qualified: ${title} assessed as partly equivalent, ${assessed}; top-up units completed${achievedOn ? ` by ${formatDate(achievedOn)}` : ""}`;
}

/** "Working towards: … partly meets the content criteria (assessed …); top-up units outstanding: Unit A, Unit B". */
export function equivalenceWorkingText(title: string, basis: EquivalenceBasis, formatDate: (d: IsoDate) => string, achievedOn: IsoDate | null): string {
  const left =
    basis.outstandingTopUps.length > 0
      ? `top-up units outstanding: ${basis.outstandingTopUps.join(", ")}`
      : `top-up units complete on ${achievedOn ? formatDate(achievedOn) : "their recorded dates"}`;
  return (
    `Working towards: ${title} partly meets the content criteria (assessed by ${basis.assessedBy} on ${formatDate(basis.assessedOn)}, ` +
    `evidence ${basis.evidenceRef}); ${left}`
  );
}
