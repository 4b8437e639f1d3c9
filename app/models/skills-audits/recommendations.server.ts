/** What each person with gaps should do next (qualification units, top-up units, short courses), for the pages and the CSV. */
import { CATEGORY_LABELS } from "../../compliance/status";
import { STATUS_LABELS } from "../../components/labels";
import type { Qualification, RequiredLevel } from "../../compliance/types";
import {
  gapsNoUnitCovers,
  personGaps,
  qualificationAdvice,
  recommendCourses,
  recommendUnits,
  type CourseForRecommendation,
  type CourseRecommendation,
  type Gap,
  type QualificationAdvice,
  type RecommendationRole,
  type UnitRecommendation,
} from "../../skills";
import type { OrganisationReader } from "../organisation-scope.server";
import type { CampaignData, Participant } from "./campaign-data.server";
import { evaluateOrganisation } from "../compliance.server";

export interface Standings {
  /** Today's status from the rules, per staff id (to know who is already qualified). */
  statuses: Map<number, string>;
  /** The level the rules require of each person (null: none). */
  requiredLevels: Map<number, RequiredLevel | null>;
  /** The organisation's catalogue as the rules see it (to name the qualification to aim for). */
  qualifications: Qualification[];
}

/** Status and required level from the rules, per staff id, and the catalogue: one evaluation. */
export async function standings(scope: OrganisationReader, asOf: string): Promise<Standings> {
  const { measures, ctx } = await evaluateOrganisation(scope, asOf);
  return {
    statuses: new Map(measures.people.map((p) => [p.staffId, p.status])),
    requiredLevels: new Map(measures.people.map((p) => [p.staffId, p.requiredLevel])),
    qualifications: [...ctx.qualificationsById.values()],
  };
}

/** The role the recommendations respect: the participant's job title and department, the rules' required level. */
export function roleOf(p: Pick<Participant, "staffId" | "jobTitle" | "department">, requiredLevels: ReadonlyMap<number, RequiredLevel | null>): RecommendationRole {
  return { requiredLevel: requiredLevels.get(p.staffId) ?? null, jobTitle: p.jobTitle, department: p.department };
}

/** Units each person has passed or been exempted from (not recommended again). */
export async function achievedUnits(scope: OrganisationReader, staffIds?: readonly number[]): Promise<Map<number, Set<string>>> {
  let q = scope
    .selectFrom("unit_results")
    .innerJoin(scope.selectFrom("qualification_records").select(["id", "staff_id"]).as("r"), (j) => j.onRef("r.id", "=", "unit_results.record_id"))
    .select(["r.staff_id", "unit_results.unit_ref"])
    .where("unit_results.result", "in", ["pass", "exempt"]);
  if (staffIds && staffIds.length <= 500) q = q.where("r.staff_id", "in", staffIds.length ? [...staffIds] : [-1]);
  const out = new Map<number, Set<string>>();
  for (const r of await q.execute()) {
    let s = out.get(r.staff_id);
    if (!s) out.set(r.staff_id, (s = new Set()));
    s.add(r.unit_ref.trim().toUpperCase());
  }
  return out;
}

export function gapsOf(data: CampaignData, p: Participant): Gap[] {
  return personGaps(data.areas, data.ratings.get(p.staffId) ?? new Map(), p.category);
}

export interface PersonRecommendations {
  qualified: boolean;
  status: string;
  /** The qualification to aim for (null when qualified or none is required). */
  advice: QualificationAdvice | null;
  units: UnitRecommendation[];
  /** Gaps no unit of the qualification covers. */
  uncovered: Gap[];
  courses: CourseRecommendation[];
}

export function recommendationsFor(
  gaps: readonly Gap[],
  ctx: { status: string; role: RecommendationRole; qualifications: readonly Qualification[]; achievedUnitRefs?: ReadonlySet<string>; courses: readonly CourseForRecommendation[] },
): PersonRecommendations {
  const qualified = ctx.status === "qualified";
  return {
    qualified,
    status: ctx.status,
    advice: gaps.length > 0 ? qualificationAdvice(ctx.role, ctx.status, ctx.qualifications) : null,
    units: recommendUnits(gaps, { qualified, achievedUnitRefs: ctx.achievedUnitRefs, role: ctx.role }),
    uncovered: gapsNoUnitCovers(gaps, undefined, ctx.role),
    courses: recommendCourses(gaps, ctx.courses),
  };
}

export interface CampaignRecommendationContext extends Standings {
  achieved: Map<number, Set<string>>;
  courses: readonly CourseForRecommendation[];
}

export async function recommendationContext(scope: OrganisationReader, asOf: string, courses: readonly CourseForRecommendation[]): Promise<CampaignRecommendationContext> {
  const [found, achieved] = await Promise.all([standings(scope, asOf), achievedUnits(scope)]);
  return { ...found, achieved, courses };
}

const UNIT_KIND_LABELS = { qualification_unit: "qualification unit", top_up: "top-up unit", development: "development unit" } as const;

export const RECOMMENDATIONS_CSV_HEADER = [
  "employee_ref",
  "name",
  "department",
  "category",
  "qualification_status",
  "qualification_status_label",
  "gaps",
  "recommendation",
  "rank",
  "ref",
  "title",
  "closes_gaps",
  "gap_areas",
] as const;

/** One row per person and recommended unit or course (and one per gap no unit covers). */
export function recommendationCsvRows(data: CampaignData, ctx: CampaignRecommendationContext): unknown[][] {
  const rows: unknown[][] = [];
  for (const p of data.participants) {
    const gaps = gapsOf(data, p);
    if (gaps.length === 0) continue;
    const status = ctx.statuses.get(p.staffId) ?? "";
    const recs = recommendationsFor(gaps, { status, role: roleOf(p, ctx.requiredLevels), qualifications: ctx.qualifications, achievedUnitRefs: ctx.achieved.get(p.staffId), courses: ctx.courses });
    const base = [p.employeeRef, p.name, p.department ?? "", CATEGORY_LABELS[p.category], status, status ? (STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status) : "", gaps.map((g) => `${g.area} (${g.gap})`).join("; ")];
    recs.advice?.qualifications.forEach((q, i) => rows.push([...base, `Level ${q.level} qualification`, i + 1, "", q.title, "", ""]));
    recs.units.forEach((u, i) =>
      rows.push([...base, UNIT_KIND_LABELS[u.kind], i + 1, u.unit.unitRef, u.unit.title, u.closes.length, u.closes.map((g) => g.area).join("; ")]),
    );
    recs.courses.forEach((c, i) => rows.push([...base, "short course", i + 1, String(c.course.id), c.course.title, c.closes.length, c.closes.map((g) => g.area).join("; ")]));
    for (const g of recs.uncovered) rows.push([...base, "no unit covers this gap", "", g.code, g.area, 1, g.area]);
  }
  return rows;
}
