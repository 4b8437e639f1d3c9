/** The consultant portfolio: one row per organisation the user may see, every figure from the rules. */
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
import { addMonths } from "../compliance/dates";
import { organisationMilestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { monthlyTrend } from "../compliance/trend";
import { evaluateOrganisation } from "./compliance.server";

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
}

export async function portfolioRows(db: DB, organisations: Organisation[], asOf: string): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  for (const organisation of organisations) {
    const { ctx, data, measures } = await evaluateOrganisation(db, organisation.id, asOf);
    const milestones = organisationMilestoneChecks(ctx, data.staff, measures);
    const lastImport = await db
      .selectFrom("import_runs")
      .select("created_at")
      .where("organisation_id", "=", organisation.id)
      .where("status", "=", "applied")
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    const next = milestones.find((m) => m.state === "upcoming") ?? milestones[milestones.length - 1] ?? null;
    rows.push({
      slug: organisation.slug,
      name: organisation.name,
      homesOwned: organisation.homes_owned,
      inScope: measures.inScope,
      pctStatutory: measures.pctStatutory,
      inBreach: measures.countsByStatutory.in_breach,
      pctQualified: measures.pctQualified,
      pctQualifiedOrEnrolled: measures.pctQualifiedOrEnrolled,
      decisionsNeeded: measures.unmappedCount,
      milestone: next ? { name: next.name, date: next.date, state: next.state, targetPct: next.targetPct, actualPct: next.actualPct } : null,
      milestonesMissed: milestones.filter((m) => m.state === "not_met").length,
      lastImportAt: lastImport?.created_at ?? null,
      trend: monthlyTrend(ctx, data.staff, addMonths(asOf, -12), asOf).map((p) => p.pctQualifiedOrEnrolled),
    });
  }
  return rows;
}

export const PORTFOLIO_SORTS = ["name", "homes", "inScope", "pctStatutory", "inBreach", "pctQualified", "pctQualifiedOrEnrolled", "decisionsNeeded", "lastImport"] as const;
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
