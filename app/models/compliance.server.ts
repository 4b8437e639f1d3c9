/** Runs the pure rules over one organisation's data. Pages, CLI, snapshots and reports all come through here. */
import { sql } from "kysely";
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

/**
 * A version of the whole database: this connection's write count plus SQLite's data_version, which moves when
 * another connection (the CLI, say) commits. Any write anywhere makes every cached evaluation stale.
 */
async function databaseVersion(db: DB): Promise<string> {
  const changes = await sql<{ v: number }>`select total_changes() as v`.execute(db);
  const dataVersion = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  return `${changes.rows[0]?.v ?? 0}:${dataVersion.rows[0]?.data_version ?? 0}`;
}

interface CachedOrganisation {
  version: string;
  data: OrganisationData;
  ctx: ComplianceContext;
  byAsOf: Map<string, OrganisationMeasures>;
  pictures: Map<string, OrganisationPicture>;
}

const MAX_CACHED_ORGANISATIONS = 8;
const MAX_CACHED_DATES = 12;
const cache = new Map<string, CachedOrganisation>();
const dbIds = new WeakMap<DB, number>();
let nextDbId = 1;

/** Loads (or reuses, when nothing has changed since) an organisation's data and its rules context. */
export async function organisationContext(db: DB, organisationId: number): Promise<CachedOrganisation> {
  if (!dbIds.has(db)) dbIds.set(db, nextDbId++);
  const key = `${dbIds.get(db)}:${organisationId}`;
  const version = await databaseVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const data = await loadOrganisationData(db, organisationId);
  const entry: CachedOrganisation = { version, data, ctx: buildComplianceContext(data), byAsOf: new Map(), pictures: new Map() };
  cache.set(key, entry);
  while (cache.size > MAX_CACHED_ORGANISATIONS) cache.delete(cache.keys().next().value as string);
  return entry;
}

export async function evaluateOrganisation(db: DB, organisationId: number, asOf: string): Promise<EvaluatedOrganisation> {
  const entry = await organisationContext(db, organisationId);
  let measures = entry.byAsOf.get(asOf);
  if (!measures) {
    measures = measureOrganisation(entry.ctx, entry.data.staff, asOf);
    entry.byAsOf.set(asOf, measures);
    while (entry.byAsOf.size > MAX_CACHED_DATES) entry.byAsOf.delete(entry.byAsOf.keys().next().value as string);
  }
  return { data: entry.data, ctx: entry.ctx, measures };
}

export interface OrganisationPicture extends EvaluatedOrganisation {
  milestones: MilestoneCheck[];
  /** Month ends over the 36 months to the as-of date. */
  actual: TrendPoint[];
  /** From the as-of date to the last milestone, current learners qualifying at their expected completion. */
  forecast: TrendPoint[];
}

export const TREND_MONTHS = 36;

/** Measures, milestones, the 36-month actual curve and the forecast at one date (cached like the measures). */
export async function organisationPicture(db: DB, organisationId: number, asOf: string): Promise<OrganisationPicture> {
  const evaluated = await evaluateOrganisation(db, organisationId, asOf);
  const entry = await organisationContext(db, organisationId);
  const cached = entry.pictures.get(asOf);
  if (cached && cached.measures === evaluated.measures) return cached;
  const { ctx, data, measures } = evaluated;
  const picture: OrganisationPicture = {
    ...evaluated,
    milestones: organisationMilestoneChecks(ctx, data.staff, measures),
    actual: monthlyTrend(ctx, data.staff, addMonths(asOf, -TREND_MONTHS), asOf),
    forecast: forecastTrend(ctx, data.staff, asOf),
  };
  entry.pictures.set(asOf, picture);
  while (entry.pictures.size > MAX_CACHED_DATES) entry.pictures.delete(entry.pictures.keys().next().value as string);
  return picture;
}
