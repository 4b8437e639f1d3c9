/** Everything the executive report shows, for an as-of date or a saved snapshot; read through the organisation scope. */
import { fullName } from "../utils/person-name";
import { reviewOverdue } from "../compliance/review";
import type { OrganisationScope } from "./organisation-scope.server";
import { notFound, ok, type Result } from "./result";
import { addMonths } from "../compliance/dates";
import { organisationMilestoneChecks, type MilestoneCheck } from "../compliance/milestones";
import { forecastTrend, monthlyTrend } from "../compliance/trend";
import type { BreakdownRow } from "../compliance/measures";
import type { Rag } from "../compliance/types";
import { byUrgency, needsAction, reasonForAction } from "../compliance/needs-action";
import { evaluateOrganisation, TREND_MONTHS } from "./compliance.server";
import { executiveNarrative } from "./executive-narrative";
import { getSnapshot, snapshotMeasuresOf, snapshotPeople, statutoryCountsOfRows, type SnapshotMeasures } from "./snapshots.server";
import { pctStatutoryOf, statutoryPositionOf, type StatutoryCounts, type StatutoryPosition } from "../compliance/statutory";
import { conductSummary } from "./conduct/summary.server";

export interface ReportPerson {
  employeeRef: string;
  name: string;
  jobTitle: string;
  rag: Rag;
  status: string;
  /** The legal test (null for people with none). */
  statutory: StatutoryPosition | null;
  reason: string;
}

export type ExecutiveReport = Awaited<ReturnType<typeof reportOf>>;

/** The report, or not found when the snapshot named is not this organisation's. */
export async function executiveReportData(scope: OrganisationScope, options: { asOf: string; snapshotId?: number | null; annex: boolean }): Promise<Result<ExecutiveReport>> {
  const snapshot = options.snapshotId ? await getSnapshot(scope, options.snapshotId) : null;
  if (options.snapshotId && !snapshot) return notFound("No such snapshot");
  return ok(await reportOf(scope, snapshot, options));
}

async function reportOf(scope: OrganisationScope, snapshot: Awaited<ReturnType<typeof getSnapshot>>, options: { asOf: string; annex: boolean }) {
  const { organisation } = scope;
  const asOf = snapshot ? snapshot.asOf : options.asOf;
  const { ctx, data, measures } = await evaluateOrganisation(scope, asOf);
  const headline: SnapshotMeasures = snapshot ? snapshot.measures : snapshotMeasuresOf(measures, organisationMilestoneChecks(ctx, data.staff, measures));
  const milestones: MilestoneCheck[] = headline.milestones;
  const actual = monthlyTrend(ctx, data.staff, addMonths(asOf, -TREND_MONTHS), asOf);
  const forecast = forecastTrend(ctx, data.staff, asOf);
  const qualifiedMilestone = [...milestones].reverse().find((m) => m.measure === "qualified") ?? null;
  const forecastAtDeadline = qualifiedMilestone ? forecast.find((p) => p.date === qualifiedMilestone.date)?.pctQualified ?? null : null;

  const staffById = data.staffById;
  // Named annex and its counts: from the snapshot's frozen rows when reporting a snapshot.
  let needingAction: ReportPerson[];
  let notEnrolledPastLatestStart: number;
  let statutoryCounts: StatutoryCounts;
  if (snapshot) {
    const rows = await snapshotPeople(scope, snapshot.id);
    const positionOf = (r: (typeof rows)[number]) =>
      (r.status === "qualified" || r.status === "working_towards" || (r.status === "not_enrolled" && r.enrol_by != null)) ? statutoryPositionOf(r.status, asOf, r.enrol_by) : null;
    needingAction = rows
      .map((r) => ({ r, statutory: positionOf(r) }))
      .filter(({ r, statutory }) => needsAction({ rag: r.rag as Rag, statutory }))
      .map(({ r, statutory }) => ({ employeeRef: r.employee_ref, name: r.name, jobTitle: staffById.get(r.staff_id)?.jobTitle ?? "", rag: r.rag as Rag, status: r.status, statutory, reason: (JSON.parse(r.reasons_json) as string[]).at(-1) ?? "" }));
    notEnrolledPastLatestStart = rows.filter((r) => r.status === "not_enrolled" && r.rag === "red").length;
    statutoryCounts = snapshot.measures.countsByStatutory ?? statutoryCountsOfRows(asOf, rows);
  } else {
    needingAction = measures.people
      .filter(needsAction)
      .map((p) => {
        const s = staffById.get(p.staffId);
        return { employeeRef: p.employeeRef, name: fullName(s), jobTitle: s?.jobTitle ?? "", rag: p.rag, status: p.status, statutory: p.statutory, reason: reasonForAction(p) };
      });
    notEnrolledPastLatestStart = measures.people.filter((p) => p.status === "not_enrolled" && p.latestStart != null && asOf >= p.latestStart).length;
    statutoryCounts = measures.countsByStatutory;
  }
  // In breach of the legal test first, then red, then amber (against our targets); by name within each.
  needingAction.sort(byUrgency((a, b) => a.name.localeCompare(b.name)));
  const worst = snapshot ? snapshot.measures.worstCase ?? null : measures.worstCase;

  const decisions = await scope.selectFrom("scope_decisions").select(["category", "review_date"]).execute();
  const decisionsByCategory: Record<string, number> = {};
  for (const d of decisions) decisionsByCategory[d.category] = (decisionsByCategory[d.category] ?? 0) + 1;
  const overrides = await scope.selectFrom("person_overrides").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  // The conduct page: from the conduct records as held now, on the report's date (snapshots freeze competence only).
  const conduct = await conductSummary(scope, asOf);

  const narrative = executiveNarrative({
    asOf,
    inScope: headline.inScope,
    statutory: { compliant: statutoryCounts.compliant, notYetDue: statutoryCounts.not_yet_due, inBreach: statutoryCounts.in_breach },
    worstCase: worst && worst.undecided > 0 ? { inScope: worst.inScope, meeting: worst.countsByStatutory.compliant + worst.countsByStatutory.not_yet_due, inBreach: worst.countsByStatutory.in_breach } : null,
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
    statutory: { counts: statutoryCounts, pct: pctStatutoryOf(statutoryCounts) },
    worstCase: worst,
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
    needsActionCounts: { inBreach: statutoryCounts.in_breach, red: headline.countsByRag.red, amber: headline.countsByRag.amber, notEnrolledPastLatestStart },
    annex: options.annex ? needingAction : null,
    conduct,
    scopeSummary: {
      titlesDecided: decisions.length,
      byCategory: decisionsByCategory,
      reviewsOverdue: decisions.filter((d) => reviewOverdue(d.review_date, asOf)).length,
      personOverrides: Number(overrides.n),
      unmappedTitles: measures.unmappedTitles.length,
      peopleAwaitingDecision: headline.unmappedCount,
    },
  };
}
