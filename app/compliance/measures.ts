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

function tallyInto(map: Map<string, Tally>, key: string, person: PersonCompliance, sign: 1 | -1): void {
  let t = map.get(key);
  if (!t) {
    t = { n: 0, qualified: 0, workingTowards: 0, notEnrolled: 0, byRag: zeroRagCounts(), countsByStatutory: zeroStatutoryCounts() };
    map.set(key, t);
  }
  t.n += sign;
  if (person.status === "qualified") t.qualified += sign;
  else if (person.status === "working_towards") t.workingTowards += sign;
  else t.notEnrolled += sign;
  t.byRag[person.rag] += sign;
  if (person.statutory) t.countsByStatutory[person.statutory] += sign;
  if (t.n === 0) map.delete(key);
}

/**
 * The counts behind the measures: each person adds to them on their own, so after a change to a few people their
 * old results are counted out and their new ones in (`countPerson` with -1 and 1) instead of counting everyone.
 */
export interface ComplianceTally {
  countsByStatus: Record<ComplianceStatus, number>;
  countsByRag: Record<Rag, number>;
  countsByStatutory: StatutoryCounts;
  worstCaseStatutory: StatutoryCounts;
  ragInScope: Record<Rag, number>;
  inScopeByLevel: { 5: number; 4: number };
  department: Map<string, Tally>;
  category: Map<string, Tally>;
  employer: Map<string, Tally>;
  provider: Map<string, Tally>;
  /** Undecided job titles (normalised key) → people, by each spelling seen. */
  unmapped: Map<string, Map<string, number>>;
}

export function emptyTally(): ComplianceTally {
  return {
    countsByStatus: zeroStatusCounts(),
    countsByRag: zeroRagCounts(),
    countsByStatutory: zeroStatutoryCounts(),
    worstCaseStatutory: zeroStatutoryCounts(),
    ragInScope: zeroRagCounts(),
    inScopeByLevel: { 5: 0, 4: 0 },
    department: new Map(),
    category: new Map(),
    employer: new Map(),
    provider: new Map(),
    unmapped: new Map(),
  };
}

/** A copy that can be changed without changing `tally`. */
export function copyTally(tally: ComplianceTally): ComplianceTally {
  const copyMap = (m: Map<string, Tally>) => new Map([...m].map(([k, t]) => [k, { ...t, byRag: { ...t.byRag }, countsByStatutory: { ...t.countsByStatutory } }] as const));
  return {
    countsByStatus: { ...tally.countsByStatus },
    countsByRag: { ...tally.countsByRag },
    countsByStatutory: { ...tally.countsByStatutory },
    worstCaseStatutory: { ...tally.worstCaseStatutory },
    ragInScope: { ...tally.ragInScope },
    inScopeByLevel: { ...tally.inScopeByLevel },
    department: copyMap(tally.department),
    category: copyMap(tally.category),
    employer: copyMap(tally.employer),
    provider: copyMap(tally.provider),
    unmapped: new Map([...tally.unmapped].map(([k, m]) => [k, new Map(m)] as const)),
  };
}

/** Counts one evaluated person in (sign 1) or out (sign -1); `member` gives department, employer and job title. */
/** Job titles as typed → [the title tidied, its key]: a few hundred titles shared by 100,000 people. */
const unmappedSpellings = new Map<string, readonly [string, string]>();

function unmappedSpelling(raw: string): readonly [string, string] {
  let known = unmappedSpellings.get(raw);
  if (known === undefined) {
    const title = raw.trim().replace(/\s+/g, " ");
    known = [title, title.toLowerCase()] as const;
    if (unmappedSpellings.size >= 10_000) unmappedSpellings.clear();
    unmappedSpellings.set(raw, known);
  }
  return known;
}

export function countPerson(tally: ComplianceTally, p: PersonCompliance, member: StaffMember | undefined, sign: 1 | -1): void {
  tally.countsByStatus[p.status] += sign;
  tally.countsByRag[p.rag] += sign;
  if (p.statutory) tally.countsByStatutory[p.statutory] += sign;
  if (p.worstCaseStatutory) tally.worstCaseStatutory[p.worstCaseStatutory] += sign;
  if (p.status === "decision_needed") {
    const [title, key] = unmappedSpelling(member?.jobTitle ?? "");
    let spellings = tally.unmapped.get(key);
    if (!spellings) tally.unmapped.set(key, (spellings = new Map()));
    const n = (spellings.get(title) ?? 0) + sign;
    if (n === 0) spellings.delete(title);
    else spellings.set(title, n);
    if (spellings.size === 0) tally.unmapped.delete(key);
  }
  if (!isInScope(p.status)) return;
  tally.ragInScope[p.rag] += sign;
  if (p.requiredLevel === 5) tally.inScopeByLevel[5] += sign;
  else if (p.requiredLevel === 4) tally.inScopeByLevel[4] += sign;
  tallyInto(tally.department, departmentKey(member), p, sign);
  tallyInto(tally.category, p.category, p, sign);
  tallyInto(tally.employer, employerKey(member), p, sign);
  tallyInto(tally.provider, providerKey(p), p, sign);
}

function rows(map: Map<string, Tally>): BreakdownRow[] {
  const out: BreakdownRow[] = [];
  for (const [key, t] of map) {
    out.push({
      key,
      ...t,
      byRag: { ...t.byRag },
      countsByStatutory: { ...t.countsByStatutory },
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

/** The member of staff each evaluated person was evaluated from: `staff` in the same order, or a lookup by id. */
function memberLookup(staff: readonly StaffMember[] | ReadonlyMap<number, StaffMember>): (i: number, p: PersonCompliance) => StaffMember | undefined {
  if (!Array.isArray(staff)) return (_i, p) => (staff as ReadonlyMap<number, StaffMember>).get(p.staffId);
  const list = staff as StaffMember[];
  let byId: Map<number, StaffMember> | null = null;
  return (i, p) => {
    if (list[i]?.id === p.staffId) return list[i];
    byId ??= new Map(list.map((s) => [s.id, s]));
    return byId.get(p.staffId);
  };
}

/** The counts over already evaluated people (see summariseCompliance for `staff`). */
export function tallyCompliance(people: readonly PersonCompliance[], staff: readonly StaffMember[] | ReadonlyMap<number, StaffMember>): ComplianceTally {
  const tally = emptyTally();
  const lookup = memberLookup(staff);
  for (let i = 0; i < people.length; i++) countPerson(tally, people[i], lookup(i, people[i]), 1);
  return tally;
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
  return measuresFromTally(tallyCompliance(people, staff), people, staff, asOf);
}

/**
 * The measures from the counts over `people` (`tally` must be what tallyCompliance gives for them). `staff` is
 * read only when an undecided job title has several spellings (the first person's spelling is shown).
 */
export function measuresFromTally(
  tally: ComplianceTally,
  people: readonly PersonCompliance[],
  staff: readonly StaffMember[] | ReadonlyMap<number, StaffMember>,
  asOf: IsoDate,
): OrganisationMeasures {
  const { countsByStatus, countsByRag, countsByStatutory, worstCaseStatutory, ragInScope } = tally;
  const unmappedTitles: Array<{ jobTitle: string; n: number }> = [];
  let spelledSeveralWays: Set<string> | null = null;
  for (const [key, spellings] of tally.unmapped) {
    let n = 0;
    for (const count of spellings.values()) n += count;
    if (spellings.size === 1) unmappedTitles.push({ jobTitle: spellings.keys().next().value as string, n });
    else (spelledSeveralWays ??= new Set()).add(key);
  }
  if (spelledSeveralWays) {
    // The spelling of the first undecided person with the title, as counting everyone in order shows it.
    const lookup = memberLookup(staff);
    for (let i = 0; i < people.length && spelledSeveralWays.size > 0; i++) {
      const p = people[i];
      if (p.status !== "decision_needed") continue;
      const title = (lookup(i, p)?.jobTitle ?? "").trim().replace(/\s+/g, " ");
      const key = title.toLowerCase();
      if (!spelledSeveralWays.has(key)) continue;
      spelledSeveralWays.delete(key);
      let n = 0;
      for (const count of tally.unmapped.get(key)!.values()) n += count;
      unmappedTitles.push({ jobTitle: title, n });
    }
  }

  const inScope = countsByStatus.qualified + countsByStatus.working_towards + countsByStatus.not_enrolled;
  const undecided = countsByStatus.decision_needed;
  const worstInScope = inScope + undecided;
  return {
    asOf,
    inScope,
    inScopeByLevel: { ...tally.inScopeByLevel },
    qualified: countsByStatus.qualified,
    workingTowards: countsByStatus.working_towards,
    notEnrolled: countsByStatus.not_enrolled,
    pctQualified: percentage(countsByStatus.qualified, inScope),
    pctQualifiedOrEnrolled: percentage(countsByStatus.qualified + countsByStatus.working_towards, inScope),
    countsByStatus: { ...countsByStatus },
    countsByRag: { ...countsByRag },
    countsByStatutory: { ...countsByStatutory },
    pctStatutory: pctStatutoryOf(countsByStatutory),
    worstCase: {
      inScope: worstInScope,
      undecided,
      qualified: countsByStatus.qualified,
      workingTowards: countsByStatus.working_towards,
      notEnrolled: countsByStatus.not_enrolled + undecided,
      pctQualified: percentage(countsByStatus.qualified, worstInScope),
      pctQualifiedOrEnrolled: percentage(countsByStatus.qualified + countsByStatus.working_towards, worstInScope),
      countsByStatutory: { ...worstCaseStatutory },
      pctStatutory: pctStatutoryOf(worstCaseStatutory),
    },
    ragInScope: { ...ragInScope },
    outsideScope: {
      decisionNeeded: countsByStatus.decision_needed,
      notRequired: countsByStatus.not_required,
      leftOrNotStarted: countsByStatus.left + countsByStatus.not_started,
    },
    unmappedCount: undecided,
    unmappedTitles: unmappedTitles.sort((a, b) => b.n - a.n || (a.jobTitle < b.jobTitle ? -1 : 1)),
    breakdowns: { department: rows(tally.department), category: rows(tally.category), employer: rows(tally.employer), provider: rows(tally.provider) },
    people: people as PersonCompliance[],
  };
}

/** Evaluates every staff member on `asOf` and summarises the organisation. */
export function measureOrganisation(ctx: ComplianceContext, staff: readonly StaffMember[], asOf: IsoDate): OrganisationMeasures {
  return summariseCompliance(evaluateAll(staff, ctx, asOf), staff, asOf);
}
