/**
 * What closes a person's gaps: the CIH Level 4 Managing Housing Maintenance units that the specification maps to
 * the gap areas, ranked by how many of the person's gaps each closes (as top-ups for people already qualified),
 * and short courses from the organisation's catalogue tagged with those areas.
 */
import { MHM_UNITS, type QualificationUnit } from "./standard";
import type { Gap } from "./types";

export type UnitRecommendationKind = "qualification_unit" | "top_up";

export interface UnitRecommendation {
  unit: QualificationUnit;
  kind: UnitRecommendationKind;
  /** The person's gaps this unit covers, largest first. */
  closes: Gap[];
  /** Sum of those gaps (levels). */
  closesLevels: number;
}

export interface RecommendOptions {
  /** Qualified people (status `qualified` from the rules) take units as top-ups. */
  qualified: boolean;
  /** Units already passed or exempted: not recommended again. */
  achievedUnitRefs?: ReadonlySet<string>;
  units?: readonly QualificationUnit[];
}

/**
 * Units covering at least one gap, ranked by the number of gaps they close, then the levels closed, then the
 * mandatory unit first, then the specification's order.
 */
export function recommendUnits(gaps: readonly Gap[], opts: RecommendOptions): UnitRecommendation[] {
  const units = opts.units ?? MHM_UNITS;
  const achieved = opts.achievedUnitRefs ?? new Set<string>();
  const kind: UnitRecommendationKind = opts.qualified ? "top_up" : "qualification_unit";
  return units
    .map((unit, order) => {
      const closes = gaps.filter((g) => unit.areaCodes.includes(g.code));
      return { rec: { unit, kind, closes, closesLevels: closes.reduce((s, g) => s + g.gap, 0) }, order };
    })
    .filter(({ rec }) => rec.closes.length > 0 && !achieved.has(rec.unit.unitRef))
    .sort(
      (a, b) =>
        b.rec.closes.length - a.rec.closes.length ||
        b.rec.closesLevels - a.rec.closesLevels ||
        (a.rec.unit.group === "mandatory" ? 0 : 1) - (b.rec.unit.group === "mandatory" ? 0 : 1) ||
        a.order - b.order,
    )
    .map(({ rec }) => rec);
}

/** The gaps no unit of the qualification covers (e.g. the code of conduct, or an area the organisation added). */
export function gapsNoUnitCovers(gaps: readonly Gap[], units: readonly QualificationUnit[] = MHM_UNITS): Gap[] {
  return gaps.filter((g) => !units.some((u) => u.areaCodes.includes(g.code)));
}

export interface CourseForRecommendation {
  id: number;
  title: string;
  provider: string | null;
  hours: number | null;
  areaCodes: readonly string[];
}

export interface CourseRecommendation {
  course: CourseForRecommendation;
  closes: Gap[];
  closesLevels: number;
}

export function recommendCourses(gaps: readonly Gap[], courses: readonly CourseForRecommendation[]): CourseRecommendation[] {
  return courses
    .map((course, order) => {
      const closes = gaps.filter((g) => course.areaCodes.includes(g.code));
      return { rec: { course, closes, closesLevels: closes.reduce((s, g) => s + g.gap, 0) }, order };
    })
    .filter(({ rec }) => rec.closes.length > 0)
    .sort((a, b) => b.rec.closes.length - a.rec.closes.length || b.rec.closesLevels - a.rec.closesLevels || a.order - b.order)
    .map(({ rec }) => rec);
}

export interface UnitDemand {
  unit: QualificationUnit;
  /** People for whom the unit closes at least one gap. */
  people: number;
  /** Of those, people already qualified (top-ups). */
  topUps: number;
  /** Gaps closed across everyone. */
  gapsClosed: number;
}

/** Across a campaign: how many people each unit would help, most first. */
export function unitDemand(
  people: ReadonlyArray<{ gaps: readonly Gap[]; qualified: boolean; achievedUnitRefs?: ReadonlySet<string> }>,
  units: readonly QualificationUnit[] = MHM_UNITS,
): UnitDemand[] {
  const demand = new Map(units.map((u) => [u.unitRef, { unit: u, people: 0, topUps: 0, gapsClosed: 0 }]));
  for (const p of people) {
    for (const rec of recommendUnits(p.gaps, { qualified: p.qualified, achievedUnitRefs: p.achievedUnitRefs, units })) {
      const d = demand.get(rec.unit.unitRef)!;
      d.people++;
      if (p.qualified) d.topUps++;
      d.gapsClosed += rec.closes.length;
    }
  }
  return [...demand.values()].filter((d) => d.people > 0).sort((a, b) => b.people - a.people || b.gapsClosed - a.gapsClosed || units.indexOf(a.unit) - units.indexOf(b.unit));
}
