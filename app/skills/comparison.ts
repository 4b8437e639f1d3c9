/** Two campaigns side by side (e.g. this year and last): the change per area (matched by code) and per person. */
import { gapFor, targetFor } from "./gaps";
import type { AuditCategory, Rating, SkillArea } from "./types";

export interface CampaignResults {
  areas: readonly SkillArea[];
  people: ReadonlyArray<{ staffId: number; category: AuditCategory }>;
  ratingsByStaff: ReadonlyMap<number, ReadonlyMap<number, Rating>>;
}

export interface AreaChange {
  code: string;
  area: string;
  group: SkillArea["group"];
  before: { rated: number; meanAgreed: number | null; meanGap: number | null };
  after: { rated: number; meanAgreed: number | null; meanGap: number | null };
  /** after − before of the mean agreed rating (positive = better); null unless both are rated. */
  agreedChange: number | null;
  /** after − before of the mean gap (negative = better). */
  gapChange: number | null;
}

export interface PersonChange {
  staffId: number;
  /** Areas with an agreed rating in both campaigns. */
  areasCompared: number;
  gapBefore: number;
  gapAfter: number;
  /** Total gap after − before over the areas compared (negative = better). */
  gapChange: number;
  improved: string[];
  worse: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => (xs.length === 0 ? null : round2(xs.reduce((s, x) => s + x, 0) / xs.length));

function areaStats(results: CampaignResults, area: SkillArea | undefined) {
  if (!area) return { rated: 0, meanAgreed: null, meanGap: null };
  const agreed: number[] = [];
  const gaps: number[] = [];
  for (const p of results.people) {
    const a = results.ratingsByStaff.get(p.staffId)?.get(area.id)?.agreed;
    if (a == null) continue;
    agreed.push(a);
    gaps.push(gapFor(targetFor(area, p.category), a)!);
  }
  return { rated: agreed.length, meanAgreed: mean(agreed), meanGap: mean(gaps) };
}

export function compareAreas(before: CampaignResults, after: CampaignResults): AreaChange[] {
  const byCodeBefore = new Map(before.areas.map((a) => [a.code, a]));
  const byCodeAfter = new Map(after.areas.map((a) => [a.code, a]));
  const codes = [...new Set([...after.areas, ...before.areas].sort((a, b) => a.position - b.position).map((a) => a.code))];
  return codes.map((code) => {
    const shown = byCodeAfter.get(code) ?? byCodeBefore.get(code)!;
    const b = areaStats(before, byCodeBefore.get(code));
    const a = areaStats(after, byCodeAfter.get(code));
    return {
      code,
      area: shown.name,
      group: shown.group,
      before: b,
      after: a,
      agreedChange: a.meanAgreed != null && b.meanAgreed != null ? round2(a.meanAgreed - b.meanAgreed) : null,
      gapChange: a.meanGap != null && b.meanGap != null ? round2(a.meanGap - b.meanGap) : null,
    };
  });
}

/** People in both campaigns, biggest improvement first. Gaps use each campaign's own targets and category. */
export function comparePeople(before: CampaignResults, after: CampaignResults): PersonChange[] {
  const beforeAreas = new Map(before.areas.map((a) => [a.code, a]));
  const beforePeople = new Map(before.people.map((p) => [p.staffId, p]));
  const out: PersonChange[] = [];
  for (const p of after.people) {
    const q = beforePeople.get(p.staffId);
    if (!q) continue;
    let gapBefore = 0;
    let gapAfter = 0;
    let compared = 0;
    const improved: string[] = [];
    const worse: string[] = [];
    for (const area of after.areas) {
      const old = beforeAreas.get(area.code);
      if (!old) continue;
      const ga = gapFor(targetFor(area, p.category), after.ratingsByStaff.get(p.staffId)?.get(area.id)?.agreed);
      const gb = gapFor(targetFor(old, q.category), before.ratingsByStaff.get(q.staffId)?.get(old.id)?.agreed);
      if (ga == null || gb == null) continue;
      compared++;
      gapAfter += ga;
      gapBefore += gb;
      if (ga < gb) improved.push(area.name);
      else if (ga > gb) worse.push(area.name);
    }
    if (compared === 0) continue;
    out.push({ staffId: p.staffId, areasCompared: compared, gapBefore, gapAfter, gapChange: gapAfter - gapBefore, improved, worse });
  }
  return out.sort((a, b) => a.gapChange - b.gapChange || a.staffId - b.staffId);
}

export interface GroupOverlap {
  /** People who took part in both campaigns. */
  both: number;
  onlyBefore: number;
  onlyAfter: number;
  /** True when the two campaigns covered different groups of people. */
  differ: boolean;
}

/** Who took part in both campaigns and who in one only. */
export function groupOverlap(before: ReadonlyArray<{ staffId: number }>, after: ReadonlyArray<{ staffId: number }>): GroupOverlap {
  const a = new Set(before.map((p) => p.staffId));
  const b = new Set(after.map((p) => p.staffId));
  const both = [...a].filter((id) => b.has(id)).length;
  const onlyBefore = a.size - both;
  const onlyAfter = b.size - both;
  return { both, onlyBefore, onlyAfter, differ: onlyBefore > 0 || onlyAfter > 0 };
}

/** A default campaign name not yet used: "Skills audit 2026", then "Skills audit 2026 (2)", "(3)"… */
export function uniqueCampaignName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
