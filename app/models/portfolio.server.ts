/** The consultant portfolio: one row per organisation the user may see, every figure from the rules. */
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
import { addMonths } from "../compliance/dates";
import { organisationMilestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { monthlyTrend } from "../compliance/trend";
import { evaluateOrganisation } from "./compliance.server";
import { conductSummary } from "./conduct/summary.server";
import { OrganisationReader } from "./organisation-scope.server";

/** The conduct figures of a portfolio row (from the conduct summary on the as-of date). */
export interface PortfolioConduct {
  codeVersion: string | null;
  pctCodeAcknowledged: number | null;
  codeOverdue: number;
  supervisionOverdue: number;
  appraisalOverdue: number;
  pctTrainingCurrent: number | null;
  policiesDueForReview: number;
}

export interface PortfolioRow {
  slug: string;
  name: string;
  homesOwned: number;
  inScope: number;
  /** The legal test. */
  pctStatutory: number | null;
  inBreach: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  decisionsNeeded: number;
  /** The next milestone not yet reached, or the last one that was. */
  milestone: Pick<MilestoneCheck, "name" | "date" | "state" | "targetPct" | "actualPct"> | null;
  milestonesMissed: number;
  lastImportAt: string | null;
  /** % qualified or enrolled at the last 12 month ends and the as-of date. */
  trend: Array<number | null>;
  conduct: PortfolioConduct;
}

/** The figures of one organisation's row that come from the rules, kept per organisation by its revision. */
type Summary = Omit<PortfolioRow, "slug" | "name" | "homesOwned" | "lastImportAt">;
interface KeptSummary {
  revision: number;
  asOf: string;
  summary: Summary;
}

/**
 * Per connection, per organisation: its summary at a revision and as-of date. Every organisation a user may see has
 * one (a summary is a few hundred bytes), so the portfolio is warm for 200 organisations as for 2; a write to one
 * makes only that one's summary stale (docs/decisions/0055-portfolio-summaries-by-revision.md).
 */
const summaries = new WeakMap<DB, Map<number, KeptSummary>>();

async function summarise(db: DB, organisationId: number, asOf: string): Promise<Summary> {
  const reader = new OrganisationReader(db, organisationId);
  const [{ ctx, data, measures }, conduct] = await Promise.all([evaluateOrganisation(reader, asOf), conductSummary(reader, asOf)]);
  const milestones = organisationMilestoneChecks(ctx, data.staff, measures);
  const next = milestones.find((m) => m.state === "upcoming") ?? milestones[milestones.length - 1] ?? null;
  return {
    inScope: measures.inScope,
    pctStatutory: measures.pctStatutory,
    inBreach: measures.countsByStatutory.in_breach,
    pctQualified: measures.pctQualified,
    pctQualifiedOrEnrolled: measures.pctQualifiedOrEnrolled,
    decisionsNeeded: measures.unmappedCount,
    milestone: next ? { name: next.name, date: next.date, state: next.state, targetPct: next.targetPct, actualPct: next.actualPct } : null,
    milestonesMissed: milestones.filter((m) => m.state === "not_met").length,
    trend: monthlyTrend(ctx, data.staff, addMonths(asOf, -12), asOf).map((p) => p.pctQualifiedOrEnrolled),
    conduct: {
      codeVersion: conduct.codeOfConduct.version,
      pctCodeAcknowledged: conduct.codeOfConduct.pct,
      codeOverdue: conduct.codeOfConduct.overdue,
      supervisionOverdue: conduct.supervision.overdue,
      appraisalOverdue: conduct.appraisal.overdue,
      pctTrainingCurrent: conduct.training.pct,
      policiesDueForReview: conduct.policies.dueForReview,
    },
  };
}

const IN_BATCH = 500;

export async function portfolioRows(db: DB, organisations: Organisation[], asOf: string): Promise<PortfolioRow[]> {
  let kept = summaries.get(db);
  if (!kept) summaries.set(db, (kept = new Map()));
  const ids = organisations.map((o) => o.id);
  // Two queries for every organisation: their revisions (which summaries are stale) and their last applied import.
  const revisions = new Map<number, number>();
  const lastImports = new Map<number, string>();
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const batch = ids.slice(i, i + IN_BATCH);
    const [revs, imports] = await Promise.all([
      db.selectFrom("organisations").select(["id", "revision"]).where("id", "in", batch).execute(),
      db
        .selectFrom("import_runs")
        .select(["organisation_id", (eb) => eb.fn.max("created_at").as("last")])
        .where("organisation_id", "in", batch)
        .where("status", "=", "applied")
        .groupBy("organisation_id")
        .execute(),
    ]);
    for (const r of revs) revisions.set(r.id, Number(r.revision));
    for (const r of imports) if (r.last != null) lastImports.set(r.organisation_id, String(r.last));
  }
  const rows: PortfolioRow[] = [];
  for (const organisation of organisations) {
    const revision = revisions.get(organisation.id) ?? -1;
    let entry = kept.get(organisation.id);
    if (!entry || entry.revision !== revision || entry.asOf !== asOf) {
      // The revision is read before the evaluation: a write during it leaves this summary stale, never newer-keyed.
      entry = { revision, asOf, summary: await summarise(db, organisation.id, asOf) };
      kept.set(organisation.id, entry);
    }
    rows.push({
      slug: organisation.slug,
      name: organisation.name,
      homesOwned: organisation.homes_owned,
      ...entry.summary,
      lastImportAt: lastImports.get(organisation.id) ?? null,
    });
  }
  return rows;
}

export const PORTFOLIO_SORTS = ["name", "homes", "inScope", "pctStatutory", "inBreach", "pctQualified", "pctQualifiedOrEnrolled", "decisionsNeeded", "conduct", "lastImport"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export function sortPortfolio(rows: PortfolioRow[], sort: PortfolioSort, dir: "asc" | "desc"): PortfolioRow[] {
  const value = (r: PortfolioRow): string | number => {
    switch (sort) {
      case "name": return r.name.toLowerCase();
      case "homes": return r.homesOwned;
      case "inScope": return r.inScope;
      case "pctStatutory": return r.pctStatutory ?? -1;
      case "inBreach": return r.inBreach;
      case "pctQualified": return r.pctQualified ?? -1;
      case "pctQualifiedOrEnrolled": return r.pctQualifiedOrEnrolled ?? -1;
      case "decisionsNeeded": return r.decisionsNeeded;
      case "conduct": return r.conduct.pctCodeAcknowledged ?? -1;
      case "lastImport": return r.lastImportAt ?? "";
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sign || a.name.localeCompare(b.name);
  });
}
