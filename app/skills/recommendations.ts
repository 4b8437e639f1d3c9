/**
 * What closes a person's gaps: the CIH Level 4 Managing Housing Maintenance units that the specification maps to
 * the gap areas, ranked by how many of the person's gaps each closes (as top-ups for people already qualified),
 * and short courses from the organisation's catalogue tagged with those areas. Both respect the person's required
 * level and role (app/planning/role-fit.ts): an executive is pointed at Level 5 and the Level 4 units are
 * development only; a housing manager gets housing units, not units that only cover repairs and maintenance.
 */
import type { Qualification, RequiredLevel } from "../compliance/types";
import { isMaintenanceRole, isRepairsOnlyUnit, qualificationsForRole } from "../planning/role-fit";
import { MHM_UNITS, type QualificationUnit } from "./standard";
import type { Gap } from "./types";

/**
 * qualification_unit: a unit towards the Level 4 qualification the person needs; top_up: the person is qualified;
 * development: it closes gaps but cannot meet the person's requirement (a Level 4 unit for a Level 5 requirement,
 * or someone who needs no qualification).
 */
export type UnitRecommendationKind = "qualification_unit" | "top_up" | "development";

/** What the recommendations need to know of the person: their required level (from the rules) and role. */
export interface RecommendationRole {
  requiredLevel: RequiredLevel | null;
  jobTitle: string;
  department: string | null;
}

export interface UnitFit {
  kind: UnitRecommendationKind;
  /** Units that only cover repairs and maintenance are offered (a repairs, maintenance or asset role). */
  repairsUnits: boolean;
}

/** Which units to offer a person and as what: by qualified or not, required level and role. */
export function unitFit(role: RecommendationRole | undefined, qualified: boolean): UnitFit {
  const repairsUnits = role ? isMaintenanceRole(role) : true;
  if (qualified) return { kind: "top_up", repairsUnits };
  if (role && role.requiredLevel !== 4) return { kind: "development", repairsUnits };
  return { kind: "qualification_unit", repairsUnits };
}

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
  /** The person's required level and role; without it every unit is offered as before (no role known). */
  role?: RecommendationRole;
}

/**
 * Units covering at least one gap, ranked by the number of gaps they close, then the levels closed, then the
 * mandatory unit first, then the specification's order. Repairs-only units are left out for a role outside
 * repairs, maintenance and assets.
 */
export function recommendUnits(gaps: readonly Gap[], opts: RecommendOptions): UnitRecommendation[] {
  const fit = unitFit(opts.role, opts.qualified);
  const units = (opts.units ?? MHM_UNITS).filter((u) => fit.repairsUnits || !isRepairsOnlyUnit(u));
  const achieved = opts.achievedUnitRefs ?? new Set<string>();
  const kind = fit.kind;
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

/**
 * The gaps no unit offered covers (e.g. the code of conduct, or an area the organisation added); with a role,
 * only the units that fit it count (a housing manager's gap that only a repairs unit lists goes to courses).
 */
export function gapsNoUnitCovers(gaps: readonly Gap[], units: readonly QualificationUnit[] = MHM_UNITS, role?: RecommendationRole): Gap[] {
  const offered = role && !isMaintenanceRole(role) ? units.filter((u) => !isRepairsOnlyUnit(u)) : units;
  return gaps.filter((g) => !offered.some((u) => u.areaCodes.includes(g.code)));
}

export interface QualificationAdvice {
  /** The qualifications to point the person at, best first (catalogue titles). */
  qualifications: Array<{ id: number; title: string; level: number }>;
  /** One plain sentence for the page and the CSV. */
  text: string;
}

/**
 * Which qualification a person with gaps should be pointed at, from their required level and role: null when
 * they are qualified or need none. Executives: Level 5 (the Level 4 units are development only); maintenance
 * roles: the maintenance certificate first; housing managers: general housing qualifications.
 */
export function qualificationAdvice(role: RecommendationRole, status: string, catalogue: readonly Qualification[]): QualificationAdvice | null {
  if (status === "qualified" || role.requiredLevel == null) return null;
  const chosen = qualificationsForRole({ ...role, requiredLevel: role.requiredLevel }, catalogue);
  const titles = chosen.map((q) => q.title);
  const list = titles.length === 0 ? "no recognised qualification in the catalogue yet" : titles.join(", ");
  const qualifications = chosen.map((q) => ({ id: q.id, title: q.title, level: q.level }));
  if (role.requiredLevel === 5) {
    return { qualifications, text: `Level 5 required: ${list}. The Level 4 units below close gaps as development only; they do not meet a Level 5 requirement.` };
  }
  if (isMaintenanceRole(role)) {
    return { qualifications, text: `Level 4 required, in a repairs, maintenance or asset role: ${list}.` };
  }
  return { qualifications, text: `Level 4 required, in a housing role: ${list}. Units that only cover repairs and maintenance are left out.` };
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
  people: ReadonlyArray<{ gaps: readonly Gap[]; qualified: boolean; achievedUnitRefs?: ReadonlySet<string>; role?: RecommendationRole }>,
  units: readonly QualificationUnit[] = MHM_UNITS,
): UnitDemand[] {
  const demand = new Map(units.map((u) => [u.unitRef, { unit: u, people: 0, topUps: 0, gapsClosed: 0 }]));
  for (const p of people) {
    for (const rec of recommendUnits(p.gaps, { qualified: p.qualified, achievedUnitRefs: p.achievedUnitRefs, units, role: p.role })) {
      const d = demand.get(rec.unit.unitRef)!;
      d.people++;
      if (p.qualified) d.topUps++;
      d.gapsClosed += rec.closes.length;
    }
  }
  return [...demand.values()].filter((d) => d.people > 0).sort((a, b) => b.people - a.people || b.gapsClosed - a.gapsClosed || units.indexOf(a.unit) - units.indexOf(b.unit));
}
