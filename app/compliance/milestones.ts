// Milestone checks (rule 7): each milestone's measure against its target, measured on the milestone date
// once that date has come, and on the as-of date before it.

import type { ComplianceContext } from "./context";
import { daysBetween } from "./dates";
import type { OrganisationMeasures } from "./measures";
import { effectiveMilestones } from "./settings";
import { forecastTrend, measureAtFunction } from "./trend";
import type { IsoDate, MilestoneMeasure, OrganisationSettings, StaffMember } from "./types";

export interface MeasurePair {
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  /** The legal test: compliant or not yet due. */
  pctStatutory: number | null;
}

export interface MilestoneCheck {
  name: string;
  date: IsoDate;
  measure: MilestoneMeasure;
  targetPct: number;
  /** On the milestone date when it is today or past, else on the as-of date; null when nobody is in scope. */
  actualPct: number | null;
  /** met / not_met once the date has come (no one in scope = not met); upcoming before. */
  state: "met" | "not_met" | "upcoming";
  /** Days from the as-of date to the milestone; negative once it has passed. */
  daysLeft: number;
}

export function pctFor(measures: MeasurePair, measure: MilestoneMeasure): number | null {
  if (measure === "statutory") return measures.pctStatutory;
  return measure === "qualified" ? measures.pctQualified : measures.pctQualifiedOrEnrolled;
}

/**
 * `measures` are the measures on `asOf`; `measureAt` gives them on an earlier date (for milestones that
 * have passed), e.g. measureAtFunction(ctx, staff).
 */
export function milestoneChecks(
  measures: MeasurePair,
  settings: OrganisationSettings,
  asOf: IsoDate,
  measureAt: (date: IsoDate) => MeasurePair,
): MilestoneCheck[] {
  return effectiveMilestones(settings).map((m) => {
    const daysLeft = daysBetween(asOf, m.date);
    if (m.date > asOf) {
      return { ...m, actualPct: pctFor(measures, m.measure), state: "upcoming" as const, daysLeft };
    }
    const actualPct = pctFor(m.date === asOf ? measures : measureAt(m.date), m.measure);
    const state = actualPct != null && actualPct >= m.targetPct ? ("met" as const) : ("not_met" as const);
    return { ...m, actualPct, state, daysLeft };
  });
}

/** Milestone checks for an organisation, measuring past milestones from the dated records. */
export function organisationMilestoneChecks(
  ctx: ComplianceContext,
  staff: readonly StaffMember[],
  measures: Pick<OrganisationMeasures, "asOf" | "pctQualified" | "pctQualifiedOrEnrolled" | "pctStatutory">,
): MilestoneCheck[] {
  return milestoneChecks(measures, ctx.settings, measures.asOf, measureAtFunction(ctx, staff));
}

export interface MilestoneForecast {
  name: string;
  date: IsoDate;
  measure: MilestoneMeasure;
  targetPct: number;
  /** The forecast measure on the milestone date (current learners finishing on their expected dates). */
  forecastPct: number | null;
  onCourse: boolean;
}

/** For each milestone still to come: will the forecast reach the target? */
export function milestoneForecasts(ctx: ComplianceContext, staff: readonly StaffMember[], asOf: IsoDate): MilestoneForecast[] {
  const upcoming = ctx.milestones.filter((m) => m.date > asOf);
  if (upcoming.length === 0) return [];
  const points = forecastTrend(ctx, staff, asOf);
  const byDate = new Map(points.map((p) => [p.date, p]));
  return upcoming.map((m) => {
    const point = byDate.get(m.date)!;
    const forecastPct = pctFor(point, m.measure);
    return { ...m, forecastPct, onCourse: forecastPct != null && forecastPct >= m.targetPct };
  });
}
