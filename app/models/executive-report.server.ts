/** Everything the executive report shows, for an as-of date or a saved snapshot. */
import type { DB } from "../../db/connection";
import type { Organisation } from "../../db/schema";
import { addMonths } from "../compliance/dates";
import { organisationMilestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { forecastTrend, monthlyTrend } from "../compliance/trend";
import type { BreakdownRow } from "../compliance/measures";
import type { Rag } from "../compliance/types";
import { evaluateOrganisation, TREND_MONTHS } from "./compliance.server";
import { executiveNarrative } from "./executive-narrative";
import { getSnapshot, snapshotMeasuresOf, snapshotPeople, type SnapshotMeasures } from "./snapshots.server";

export interface ReportPerson {
  employeeRef: string;
  name: string;
  jobTitle: string;
  rag: Rag;
  status: string;
  reason: string;
}

export async function executiveReportData(db: DB, organisation: Organisation, options: { asOf: string; snapshotId?: number | null; annex: boolean }) {
  const snapshot = options.snapshotId ? await getSnapshot(db, organisation.id, options.snapshotId) : null;
  if (options.snapshotId && !snapshot) throw new Response("Not found", { status: 404 });
  const asOf = snapshot ? snapshot.asOf : options.asOf;
  const { ctx, data, measures } = await evaluateOrganisation(db, organisation.id, asOf);
  const headline: SnapshotMeasures = snapshot ? snapshot.measures : snapshotMeasuresOf(measures, organisationMilestoneChecks(ctx, data.staff, measures));
  const milestones: MilestoneCheck[] = headline.milestones;
  const actual = monthlyTrend(ctx, data.staff, addMonths(asOf, -TREND_MONTHS), asOf);
  const forecast = forecastTrend(ctx, data.staff, asOf);
  const qualifiedMilestone = [...milestones].reverse().find((m) => m.measure === "qualified") ?? null;
  const forecastAtDeadline = qualifiedMilestone ? forecast.find((p) => p.date === qualifiedMilestone.date)?.pctQualified ?? null : null;

  const staffById = data.staffById;
  // Named annex and its counts: from the snapshot's frozen rows when reporting a snapshot.
  let needsAction: ReportPerson[];
  let notEnrolledPastLatestStart: number;
  if (snapshot) {
    const rows = await snapshotPeople(db, organisation.id, snapshot.id);
    needsAction = rows
      .filter((r) => r.rag === "red" || r.rag === "amber")
      .map((r) => ({ employeeRef: r.employee_ref, name: r.name, jobTitle: staffById.get(r.staff_id)?.jobTitle ?? "", rag: r.rag as Rag, status: r.status, reason: (JSON.parse(r.reasons_json) as string[]).at(-1) ?? "" }));
    notEnrolledPastLatestStart = rows.filter((r) => r.status === "not_enrolled" && r.rag === "red").length;
  } else {
    needsAction = measures.people
      .filter((p) => p.rag === "red" || p.rag === "amber")
      .map((p) => {
        const s = staffById.get(p.staffId);
        return { employeeRef: p.employeeRef, name: [s?.firstName, s?.lastName].filter(Boolean).join(" "), jobTitle: s?.jobTitle ?? "", rag: p.rag, status: p.status, reason: p.ragReason };
      });
    notEnrolledPastLatestStart = measures.people.filter((p) => p.status === "not_enrolled" && p.latestStart != null && asOf >= p.latestStart).length;
  }
  needsAction.sort((a, b) => (a.rag === b.rag ? a.name.localeCompare(b.name) : a.rag === "red" ? -1 : 1));

  const decisions = await db
    .selectFrom("scope_decisions")
    .select(["category", "review_date"])
    .where("organisation_id", "=", organisation.id)
    .execute();
  const decisionsByCategory: Record<string, number> = {};
  for (const d of decisions) decisionsByCategory[d.category] = (decisionsByCategory[d.category] ?? 0) + 1;
  const overrides = await db.selectFrom("person_overrides").select((eb) => eb.fn.countAll<number>().as("n")).where("organisation_id", "=", organisation.id).executeTakeFirstOrThrow();

  const narrative = executiveNarrative({
    asOf,
    inScope: headline.inScope,
    inScopeByLevel: headline.inScopeByLevel,
    qualified: headline.qualified,
    workingTowards: headline.workingTowards,
    notEnrolled: headline.notEnrolled,
    pctQualified: headline.pctQualified,
    pctQualifiedOrEnrolled: headline.pctQualifiedOrEnrolled,
    decisionsNeeded: headline.unmappedCount,
    notEnrolledPastLatestStart,
    red: headline.countsByRag.red,
    amber: headline.countsByRag.amber,
    milestones,
    forecastAtDeadline: qualifiedMilestone ? { name: qualifiedMilestone.name, date: qualifiedMilestone.date, pct: forecastAtDeadline, targetPct: qualifiedMilestone.targetPct } : null,
  });

  const enrolmentMilestone = milestones.find((m) => m.measure === "qualified_or_enrolled") ?? null;
  return {
    organisation: { slug: organisation.slug, name: organisation.name, homesOwned: organisation.homes_owned },
    asOf,
    snapshot: snapshot ? { id: snapshot.id, label: snapshot.label, takenAt: snapshot.takenAt, takenBy: snapshot.takenBy } : null,
    headline,
    milestones,
    narrative,
    enrolmentMilestone,
    qualifiedMilestone,
    forecastAtDeadline,
    enrolmentPoints: actual.map((p) => ({ date: p.date, actual: p.pctQualifiedOrEnrolled, forecast: null })),
    qualifiedPoints: [
      ...actual.map((p) => ({ date: p.date, actual: p.pctQualified, forecast: p.date === asOf ? p.pctQualified : null })),
      ...forecast.filter((p) => p.date > asOf).map((p) => ({ date: p.date, actual: null, forecast: p.pctQualified })),
    ],
    byDepartment: measures.breakdowns.department as BreakdownRow[],
    byCategory: measures.breakdowns.category as BreakdownRow[],
    needsActionCounts: { red: headline.countsByRag.red, amber: headline.countsByRag.amber, notEnrolledPastLatestStart },
    annex: options.annex ? needsAction : null,
    scopeSummary: {
      titlesDecided: decisions.length,
      byCategory: decisionsByCategory,
      reviewsOverdue: decisions.filter((d) => d.review_date != null && d.review_date < asOf).length,
      personOverrides: Number(overrides.n),
      unmappedTitles: measures.unmappedTitles.length,
      peopleAwaitingDecision: headline.unmappedCount,
    },
  };
}
