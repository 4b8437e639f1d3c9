/** Runs the pure rules over one organisation's data. Pages, CLI, snapshots and reports all come through here. */
import type { DB } from "../../db/connection";
import { buildComplianceContext, type ComplianceContext } from "../compliance/context";
import { measureOrganisation, type OrganisationMeasures } from "../compliance/measures";
import { organisationMilestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { forecastTrend, monthlyTrend, type TrendPoint } from "../compliance/trend";
import { addMonths, isIsoDate } from "../compliance/dates";
import { loadOrganisationData, type OrganisationData } from "./organisation-data.server";

export interface EvaluatedOrganisation {
  data: OrganisationData;
  ctx: ComplianceContext;
  measures: OrganisationMeasures;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The as-of date from a `?asOf=` parameter: a real ISO date, else today. */
export function asOfFrom(value: string | null | undefined, now = new Date()): string {
  return value && isIsoDate(value) ? value : todayIso(now);
}

export async function evaluateOrganisation(db: DB, organisationId: number, asOf: string): Promise<EvaluatedOrganisation> {
  const data = await loadOrganisationData(db, organisationId);
  const ctx = buildComplianceContext(data);
  const measures = measureOrganisation(ctx, data.staff, asOf);
  return { data, ctx, measures };
}

export interface OrganisationPicture extends EvaluatedOrganisation {
  milestones: MilestoneCheck[];
  /** Month ends over the 36 months to the as-of date. */
  actual: TrendPoint[];
  /** From the as-of date to the last milestone, current learners qualifying at their expected completion. */
  forecast: TrendPoint[];
}

export const TREND_MONTHS = 36;

export async function organisationPicture(db: DB, organisationId: number, asOf: string): Promise<OrganisationPicture> {
  const evaluated = await evaluateOrganisation(db, organisationId, asOf);
  const { ctx, data, measures } = evaluated;
  return {
    ...evaluated,
    milestones: organisationMilestoneChecks(ctx, data.staff, measures),
    actual: monthlyTrend(ctx, data.staff, addMonths(asOf, -TREND_MONTHS), asOf),
    forecast: forecastTrend(ctx, data.staff, asOf),
  };
}
