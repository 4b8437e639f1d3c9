/** What each person with gaps should do next (qualification units, top-up units, short courses), for the pages and the CSV. */
import { CATEGORY_LABELS } from "../../compliance/status";
import { STATUS_LABELS } from "../../components/labels";
import { gapsNoUnitCovers, personGaps, recommendCourses, recommendUnits, type CourseForRecommendation, type CourseRecommendation, type Gap, type UnitRecommendation } from "../../skills";
import type { OrganisationReader } from "../organisation-scope.server";
import type { CampaignData, Participant } from "./campaign-data.server";
import { evaluateScope } from "./database-handle.server";

/** Today's status from the rules, per staff id (to know who is already qualified). */
export async function qualificationStatuses(scope: OrganisationReader, asOf: string): Promise<Map<number, string>> {
  const { measures } = await evaluateScope(scope, asOf);
  return new Map(measures.people.map((p) => [p.staffId, p.status]));
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
  units: UnitRecommendation[];
  /** Gaps no unit of the qualification covers. */
  uncovered: Gap[];
  courses: CourseRecommendation[];
}

export function recommendationsFor(gaps: readonly Gap[], ctx: { status: string; achievedUnitRefs?: ReadonlySet<string>; courses: readonly CourseForRecommendation[] }): PersonRecommendations {
  const qualified = ctx.status === "qualified";
  return {
    qualified,
    status: ctx.status,
    units: recommendUnits(gaps, { qualified, achievedUnitRefs: ctx.achievedUnitRefs }),
    uncovered: gapsNoUnitCovers(gaps),
    courses: recommendCourses(gaps, ctx.courses),
  };
}

export interface CampaignRecommendationContext {
  statuses: Map<number, string>;
  achieved: Map<number, Set<string>>;
  courses: readonly CourseForRecommendation[];
}

export async function recommendationContext(scope: OrganisationReader, asOf: string, courses: readonly CourseForRecommendation[]): Promise<CampaignRecommendationContext> {
  const [statuses, achieved] = await Promise.all([qualificationStatuses(scope, asOf), achievedUnits(scope)]);
  return { statuses, achieved, courses };
}

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
    const recs = recommendationsFor(gaps, { status, achievedUnitRefs: ctx.achieved.get(p.staffId), courses: ctx.courses });
    const base = [p.employeeRef, p.name, p.department ?? "", CATEGORY_LABELS[p.category], status, status ? (STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status) : "", gaps.map((g) => `${g.area} (${g.gap})`).join("; ")];
    recs.units.forEach((u, i) =>
      rows.push([...base, u.kind === "top_up" ? "top-up unit" : "qualification unit", i + 1, u.unit.unitRef, u.unit.title, u.closes.length, u.closes.map((g) => g.area).join("; ")]),
    );
    recs.courses.forEach((c, i) => rows.push([...base, "short course", i + 1, String(c.course.id), c.course.title, c.closes.length, c.closes.map((g) => g.area).join("; ")]));
    for (const g of recs.uncovered) rows.push([...base, "no unit covers this gap", "", g.code, g.area, 1, g.area]);
  }
  return rows;
}
