// What the plan does to the measures: the rules' own forecast (forecastTrend) run twice, once on the records as
// they are and once with every planned enrolment added as an `enrolled` record. No status is re-derived here.

import { buildComplianceContext, type ComplianceContext, type ComplianceContextInput } from "../compliance/context";
import { maxDate } from "../compliance/dates";
import { pctFor } from "../compliance/milestones";
import { forecastTrend, type TrendPoint } from "../compliance/trend";
import type { IsoDate, Milestone, MilestoneMeasure, QualificationRecord, StaffMember } from "../compliance/types";
import type { PlannedAssignment, PlanResult } from "./types";

/**
 * The plan's enrolments as qualification records (negative ids: they are not stored). Accepting the plan writes
 * exactly these fields.
 */
export function plannedRecords(assignments: readonly PlannedAssignment[]): QualificationRecord[] {
  return assignments.map((a, i) => ({
    id: -(i + 1),
    staffId: a.staffId,
    qualificationId: a.qualificationId,
    provider: a.provider,
    status: "enrolled" as const,
    enrolledOn: a.start,
    startedOn: null,
    expectedCompletion: a.expectedCompletion,
    achievedOn: null,
    pathway: a.pathway,
    unitResults: [],
  }));
}

export interface ProjectionPoint {
  date: IsoDate;
  /** Forecast without the plan (current learners finishing on their expected dates). */
  withoutPlan: TrendPoint;
  /** The same with every planned enrolment. */
  withPlan: TrendPoint;
}

export interface MilestoneProjection {
  name: string;
  date: IsoDate;
  measure: MilestoneMeasure;
  targetPct: number;
  /** null for milestones on or before the as-of date (the dashboard shows what happened). */
  withoutPlanPct: number | null;
  withPlanPct: number | null;
  upcoming: boolean;
  metWithoutPlan: boolean;
  metWithPlan: boolean;
}

export interface Projection {
  points: ProjectionPoint[];
  milestones: MilestoneProjection[];
  /** The last date projected: the last milestone, or the last planned completion when later. */
  until: IsoDate;
}

/**
 * Projects the measures month by month from `asOf` with and without the plan. `ctx` is the organisation's
 * context as it is (reused for the forecast without the plan); `input` the same inputs, to which the planned
 * records are added.
 */
export function projectPlan(
  ctx: ComplianceContext,
  input: ComplianceContextInput,
  staff: readonly StaffMember[],
  plan: Pick<PlanResult, "assignments">,
  asOf: IsoDate,
): Projection {
  let until = ctx.milestones.reduce((acc, m) => maxDate(acc, m.date), asOf);
  for (const a of plan.assignments) until = maxDate(until, a.expectedCompletion);
  const without = forecastTrend(ctx, staff, asOf, until);
  const planned = plannedRecords(plan.assignments);
  const withCtx = planned.length === 0 ? ctx : buildComplianceContext({ ...input, records: [...input.records, ...planned] });
  const withPlan = planned.length === 0 ? without : forecastTrend(withCtx, staff, asOf, until);
  const points: ProjectionPoint[] = without.map((p, i) => ({ date: p.date, withoutPlan: p, withPlan: withPlan[i] }));
  const byDate = new Map(points.map((p) => [p.date, p]));
  const milestones = ctx.milestones.map((m: Milestone): MilestoneProjection => {
    const point = m.date > asOf ? byDate.get(m.date) : undefined;
    const withoutPct = point ? pctFor(point.withoutPlan, m.measure) : null;
    const withPct = point ? pctFor(point.withPlan, m.measure) : null;
    return {
      name: m.name,
      date: m.date,
      measure: m.measure,
      targetPct: m.targetPct,
      withoutPlanPct: withoutPct,
      withPlanPct: withPct,
      upcoming: m.date > asOf,
      metWithoutPlan: withoutPct != null && withoutPct >= m.targetPct,
      metWithPlan: withPct != null && withPct >= m.targetPct,
    };
  });
  return { points, milestones, until };
}
