// Organisation measures on a date (rule 7): proportions over active, required people, counts, breakdowns.

import type { ComplianceContext } from "./context";
import { evaluateAll } from "./status";
import { pctStatutoryOf, zeroStatutoryCounts, type StatutoryCounts } from "./statutory";
import {
  COMPLIANCE_STATUSES,
  RAGS,
  type ComplianceStatus,
  type IsoDate,
  type PersonCompliance,
  type Rag,
  type StaffMember,
} from "./types";

export interface BreakdownRow {
  key: string;
  /** Active, required people in this group. */
  n: number;
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  byRag: Record<Rag, number>;
  /** The legal test in this group. */
  countsByStatutory: StatutoryCounts;
  pctStatutory: number | null;
}

/**
 * The measures when every active person whose job title is still undecided is counted as needing a
 * qualification and not enrolled, so undecided titles cannot flatter the figures.
 */
export interface WorstCaseMeasures {
  /** People in scope plus the undecided. */
  inScope: number;
  /** Of them, undecided people counted as not enrolled. */
  undecided: number;
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  countsByStatutory: StatutoryCounts;
  pctStatutory: number | null;
}

export interface Breakdowns {
  department: BreakdownRow[];
  category: BreakdownRow[];
  employer: BreakdownRow[];
  provider: BreakdownRow[];
}

export interface OrganisationMeasures {
  asOf: IsoDate;
  /** N: active people who must hold a qualification. */
  inScope: number;
  inScopeByLevel: { 5: number; 4: number };
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  /** 0..100, one decimal; null when N = 0. */
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  /** Over everyone evaluated, all seven statuses. */
  countsByStatus: Record<ComplianceStatus, number>;
  /** Over everyone evaluated (grey = not required, decision needed, left, not started). */
  countsByRag: Record<Rag, number>;
  /** The legal test over the people in scope (compliant + not yet due + in breach = inScope). */
  countsByStatutory: StatutoryCounts;
  /** (compliant + not yet due) / inScope, 0..100 with one decimal; null when N = 0. */
  pctStatutory: number | null;
  /** The same measures with undecided job titles counted as not enrolled. */
  worstCase: WorstCaseMeasures;
  /** Over the people in scope only (qualified, working towards, not enrolled): what the RAG chart shows. */
  ragInScope: Record<Rag, number>;
  /** Everyone not in scope, by why: shown beside the RAG chart rather than as one large grey bar. */
  outsideScope: { decisionNeeded: number; notRequired: number; leftOrNotStarted: number };
  /** Active people whose job title has no decision. */
  unmappedCount: number;
  /** Their job titles, most people first. */
  unmappedTitles: Array<{ jobTitle: string; n: number }>;
  breakdowns: Breakdowns;
  people: PersonCompliance[];
}

export const NO_DEPARTMENT = "No department";
export const DIRECT_EMPLOYER = "Direct";
export const NOT_ENROLLED_PROVIDER = "Not enrolled";
export const UNKNOWN_PROVIDER = "Provider not recorded";

/** part / whole as a percentage with one decimal; null when whole is 0. */
export function percentage(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export function isInScope(status: ComplianceStatus): boolean {
  return status === "qualified" || status === "working_towards" || status === "not_enrolled";
}

function zeroStatusCounts(): Record<ComplianceStatus, number> {
  const counts = {} as Record<ComplianceStatus, number>;
  for (const s of COMPLIANCE_STATUSES) counts[s] = 0;
  return counts;
}

function zeroRagCounts(): Record<Rag, number> {
  const counts = {} as Record<Rag, number>;
  for (const r of RAGS) counts[r] = 0;
  return counts;
}

interface Tally {
  n: number;
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  byRag: Record<Rag, number>;
  countsByStatutory: StatutoryCounts;
}

function tallyInto(map: Map<string, Tally>, key: string, person: PersonCompliance): void {
  let t = map.get(key);
  if (!t) {
    t = { n: 0, qualified: 0, workingTowards: 0, notEnrolled: 0, byRag: zeroRagCounts(), countsByStatutory: zeroStatutoryCounts() };
    map.set(key, t);
  }
  t.n++;
  if (person.status === "qualified") t.qualified++;
  else if (person.status === "working_towards") t.workingTowards++;
  else t.notEnrolled++;
  t.byRag[person.rag]++;
  if (person.statutory) t.countsByStatutory[person.statutory]++;
}

function rows(map: Map<string, Tally>): BreakdownRow[] {
  const out: BreakdownRow[] = [];
  for (const [key, t] of map) {
    out.push({
      key,
      ...t,
      pctQualified: percentage(t.qualified, t.n),
      pctQualifiedOrEnrolled: percentage(t.qualified + t.workingTowards, t.n),
      pctStatutory: pctStatutoryOf(t.countsByStatutory),
    });
  }
  return out.sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/** The department breakdown key: blank → "No department". */
export function departmentKey(member: Pick<StaffMember, "department"> | undefined): string {
  return blankToNull(member?.department) ?? NO_DEPARTMENT;
}

/** The employer breakdown key: blank (employed directly) → "Direct". */
export function employerKey(member: Pick<StaffMember, "employer"> | undefined): string {
  return blankToNull(member?.employer) ?? DIRECT_EMPLOYER;
}

export function providerKey(person: PersonCompliance): string {
  if (!person.decidingRecord) return NOT_ENROLLED_PROVIDER;
  return blankToNull(person.decidingRecord.provider) ?? UNKNOWN_PROVIDER;
}

/**
 * Summarises already evaluated people. `staff` supplies department and employer for the breakdowns:
 * either the same array the people were evaluated from (same order) or a lookup by staff id.
 */
export function summariseCompliance(
  people: readonly PersonCompliance[],
  staff: readonly StaffMember[] | ReadonlyMap<number, StaffMember>,
  asOf: IsoDate,
): OrganisationMeasures {
  const lookup: (i: number, p: PersonCompliance) => StaffMember | undefined = Array.isArray(staff)
    ? (i, p) => ((staff as StaffMember[])[i]?.id === p.staffId ? (staff as StaffMember[])[i] : undefined)
    : (_i, p) => (staff as ReadonlyMap<number, StaffMember>).get(p.staffId);
  let byId: Map<number, StaffMember> | null = null;

  const countsByStatus = zeroStatusCounts();
  const countsByRag = zeroRagCounts();
  const countsByStatutory = zeroStatutoryCounts();
  const worstCaseStatutory = zeroStatutoryCounts();
  const ragInScope = zeroRagCounts();
  const inScopeByLevel = { 5: 0, 4: 0 };
  const department = new Map<string, Tally>();
  const category = new Map<string, Tally>();
  const employer = new Map<string, Tally>();
  const provider = new Map<string, Tally>();
  const unmapped = new Map<string, { jobTitle: string; n: number }>();
  let unmappedCount = 0;

  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    countsByStatus[p.status]++;
    countsByRag[p.rag]++;
    if (p.statutory) countsByStatutory[p.statutory]++;
    if (p.worstCaseStatutory) worstCaseStatutory[p.worstCaseStatutory]++;
    let member = lookup(i, p);
    if (!member && Array.isArray(staff)) {
      byId ??= new Map((staff as StaffMember[]).map((s) => [s.id, s]));
      member = byId.get(p.staffId);
    }
    if (p.status === "decision_needed") {
      unmappedCount++;
      const title = (member?.jobTitle ?? "").trim().replace(/\s+/g, " ");
      const key = title.toLowerCase();
      const entry = unmapped.get(key);
      if (entry) entry.n++;
      else unmapped.set(key, { jobTitle: title, n: 1 });
    }
    if (!isInScope(p.status)) continue;
    ragInScope[p.rag]++;
    if (p.requiredLevel === 5) inScopeByLevel[5]++;
    else if (p.requiredLevel === 4) inScopeByLevel[4]++;
    tallyInto(department, departmentKey(member), p);
    tallyInto(category, p.category, p);
    tallyInto(employer, employerKey(member), p);
    tallyInto(provider, providerKey(p), p);
  }

  const inScope = countsByStatus.qualified + countsByStatus.working_towards + countsByStatus.not_enrolled;
  const undecided = countsByStatus.decision_needed;
  const worstInScope = inScope + undecided;
  return {
    asOf,
    inScope,
    inScopeByLevel,
    qualified: countsByStatus.qualified,
    workingTowards: countsByStatus.working_towards,
    notEnrolled: countsByStatus.not_enrolled,
    pctQualified: percentage(countsByStatus.qualified, inScope),
    pctQualifiedOrEnrolled: percentage(countsByStatus.qualified + countsByStatus.working_towards, inScope),
    countsByStatus,
    countsByRag,
    countsByStatutory,
    pctStatutory: pctStatutoryOf(countsByStatutory),
    worstCase: {
      inScope: worstInScope,
      undecided,
      qualified: countsByStatus.qualified,
      workingTowards: countsByStatus.working_towards,
      notEnrolled: countsByStatus.not_enrolled + undecided,
      pctQualified: percentage(countsByStatus.qualified, worstInScope),
      pctQualifiedOrEnrolled: percentage(countsByStatus.qualified + countsByStatus.working_towards, worstInScope),
      countsByStatutory: worstCaseStatutory,
      pctStatutory: pctStatutoryOf(worstCaseStatutory),
    },
    ragInScope,
    outsideScope: {
      decisionNeeded: countsByStatus.decision_needed,
      notRequired: countsByStatus.not_required,
      leftOrNotStarted: countsByStatus.left + countsByStatus.not_started,
    },
    unmappedCount,
    unmappedTitles: [...unmapped.values()].sort((a, b) => b.n - a.n || (a.jobTitle < b.jobTitle ? -1 : 1)),
    breakdowns: { department: rows(department), category: rows(category), employer: rows(employer), provider: rows(provider) },
    people: people as PersonCompliance[],
  };
}

/** Evaluates every staff member on `asOf` and summarises the organisation. */
export function measureOrganisation(ctx: ComplianceContext, staff: readonly StaffMember[], asOf: IsoDate): OrganisationMeasures {
  return summariseCompliance(evaluateAll(staff, ctx, asOf), staff, asOf);
}
