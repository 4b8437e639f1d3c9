/** The plan as the pages show it (plain, serialisable): one row per person, and the overview the plan and board pages share. */
import type { IsoDate, Rag, RequiredLevel } from "../../compliance/types";
import { costByProvider, costByQuarter } from "../../planning/summary";
import type { PlanResult } from "../../planning/types";
import type { IntakeRow } from "./intakes.server";
import { type WorkforcePlan } from "./building.server";
import { displayName } from "../../utils/person-name";

export interface PlanRow {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  department: string | null;
  requiredLevel: RequiredLevel;
  qualifyBy: IsoDate;
  latestStart: IsoDate;
  rag: Rag;
  state: "planned" | "top_up" | "unplanned";
  pinned: boolean;
  qualificationId: number | null;
  qualificationTitle: string | null;
  pathway: string | null;
  /** Why this qualification and pathway. */
  recommendation: string | null;
  topUpSummary: string | null;
  creditsStillNeeded: number | null;
  creditsNeeded: number | null;
  intakeId: number | null;
  provider: string | null;
  start: IsoDate | null;
  expectedCompletion: IsoDate | null;
  costPence: number | null;
  meetsDeadline: boolean;
  /** Unplanned: why; planned: warnings (pins). */
  notes: string[];
  slackDays: number | null;
}

/** One row per person in the plan: placed (pinned first, then by start), then those who cannot be placed. */
export function planRows(plan: WorkforcePlan): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const a of plan.result.assignments) {
    const p = plan.people.get(a.staffId);
    if (!p) continue;
    rows.push({
      ...p,
      state: a.kind === "top_up" ? "top_up" : "planned",
      pinned: a.pinned,
      qualificationId: a.qualificationId,
      qualificationTitle: plan.qualificationsById.get(a.qualificationId)?.title ?? null,
      pathway: a.pathway,
      recommendation: a.recommendation.reason,
      topUpSummary: a.topUp?.summary ?? null,
      creditsStillNeeded: a.topUp?.creditsStillNeeded ?? null,
      creditsNeeded: a.topUp?.creditsNeeded ?? null,
      intakeId: a.intakeId,
      provider: a.provider,
      start: a.start,
      expectedCompletion: a.expectedCompletion,
      costPence: a.costPence,
      meetsDeadline: a.meetsDeadline,
      notes: a.fallbackFrom != null ? [`No place in time on ${plan.qualificationsById.get(a.fallbackFrom)?.title ?? "the first choice"}: placed on the next suitable qualification`, ...a.warnings] : a.warnings,
      slackDays: a.slackDays,
    });
  }
  for (const u of plan.result.unplanned) {
    const p = plan.people.get(u.staffId);
    if (!p) continue;
    const q = u.recommendation ? plan.qualificationsById.get(u.recommendation.qualificationId) : undefined;
    rows.push({
      ...p,
      state: "unplanned",
      pinned: false,
      qualificationId: q?.id ?? null,
      qualificationTitle: q?.title ?? null,
      pathway: u.recommendation?.pathway ?? null,
      recommendation: u.recommendation?.reason ?? null,
      topUpSummary: u.recommendation?.topUp?.summary ?? null,
      creditsStillNeeded: u.recommendation?.topUp?.creditsStillNeeded ?? null,
      creditsNeeded: u.recommendation?.topUp?.creditsNeeded ?? null,
      intakeId: null,
      provider: null,
      start: null,
      expectedCompletion: null,
      costPence: null,
      meetsDeadline: false,
      notes: [u.reason],
      slackDays: u.slackDays,
    });
  }
  return rows;
}

export interface ProjectionChartPoint {
  date: IsoDate;
  qualifiedWithPlan: number | null;
  qualifiedWithoutPlan: number | null;
  engagedWithPlan: number | null;
  engagedWithoutPlan: number | null;
}

export interface PlanOverview {
  asOf: IsoDate;
  totals: PlanResult["totals"] & { kept: number; booked: number; cannotMeet: number };
  points: ProjectionChartPoint[];
  milestones: Array<{
    name: string;
    date: IsoDate;
    measure: "statutory" | "qualified_or_enrolled" | "qualified";
    targetPct: number;
    upcoming: boolean;
    /** Past milestones: what happened; upcoming: the forecast without the plan. */
    withoutPlanPct: number | null;
    withPlanPct: number | null;
    metWithoutPlan: boolean;
    metWithPlan: boolean;
  }>;
  costByQuarter: Array<{ key: string; label: string; learners: number; costPence: number }>;
  costByProvider: Array<{ provider: string; learners: number; topUps: number; costPence: number }>;
  intakes: Array<IntakeRow & { assigned: number; pinned: number; remaining: number; costPence: number; overCapacity: boolean; bookable: boolean }>;
  cannotMeet: PlanRow[];
  ignoredPins: Array<{ employeeRef: string; name: string; reason: string }>;
}

export function planOverview(plan: WorkforcePlan, rows: readonly PlanRow[] = planRows(plan)): PlanOverview {
  const usage = new Map(plan.result.intakes.map((u) => [u.intakeId, u]));
  const pastChecks = new Map(plan.picture.milestones.map((m) => [`${m.name}|${m.date}`, m]));
  const staffById = new Map(plan.picture.data.staff.map((s) => [s.id, s]));
  const cannotMeet = rows.filter((r) => r.state === "unplanned" || !r.meetsDeadline);
  return {
    asOf: plan.asOf,
    totals: {
      ...plan.result.totals,
      kept: plan.kept.length,
      booked: plan.kept.filter((k) => k.booked).length,
      cannotMeet: cannotMeet.length,
    },
    points: plan.projection.points.map((p) => ({
      date: p.date,
      qualifiedWithPlan: p.withPlan.pctQualified,
      qualifiedWithoutPlan: p.withoutPlan.pctQualified,
      engagedWithPlan: p.withPlan.pctQualifiedOrEnrolled,
      engagedWithoutPlan: p.withoutPlan.pctQualifiedOrEnrolled,
    })),
    milestones: plan.projection.milestones.map((m) => {
      if (m.upcoming) return m;
      const check = pastChecks.get(`${m.name}|${m.date}`);
      const actual = check?.actualPct ?? null;
      const met = check?.state === "met";
      return { ...m, withoutPlanPct: actual, withPlanPct: actual, metWithoutPlan: met, metWithPlan: met };
    }),
    costByQuarter: costByQuarter(plan.result.assignments),
    costByProvider: costByProvider(plan.result.assignments),
    intakes: plan.intakes.map((i) => {
      const u = usage.get(i.id);
      return {
        ...i,
        assigned: u?.assigned ?? 0,
        pinned: u?.pinned ?? 0,
        remaining: u?.remaining ?? i.capacity,
        costPence: u?.costPence ?? 0,
        overCapacity: u?.overCapacity ?? false,
        bookable: i.startDate >= plan.asOf,
      };
    }),
    cannotMeet,
    ignoredPins: plan.result.ignoredPins.map((p) => {
      const s = staffById.get(p.staffId);
      return { employeeRef: s?.employeeRef ?? String(p.staffId), name: s ? displayName(s) : String(p.staffId), reason: p.reason };
    }),
  };
}
