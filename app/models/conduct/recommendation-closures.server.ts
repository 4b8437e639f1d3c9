/**
 * A completed course closes the matching skills-audit recommendation: when a completion is written (recorded on the
 * training page or the person page, or imported), every campaign (open or closed) that includes the person and
 * recommends that course for their gaps gets a closure naming the completion, in the same `scope.write`, with an
 * audit event. The rules are `recommendCourses` (app/skills: is the course recommended for these gaps) and
 * `closesRecommendation` (app/conduct/training.ts: does a completion close it on the date). Decision 0048.
 */
import { closesRecommendation, type TrainingCompletion } from "../../conduct";
import { personGaps, recommendCourses, type Rating } from "../../skills";
import type { OrganisationReader, OrganisationWriter } from "../organisation-scope.server";
import { campaignAreas, campaignRatings } from "../skills-audits/campaign-data.server";
import { listCourses } from "../skills-audits/courses.server";

/** A completion just inserted in the caller's write. */
export interface CompletionWritten {
  id: number;
  staffId: number;
  courseId: number;
  completedOn: string;
  expiresOn: string | null;
}

export interface RecommendationClosed {
  campaignId: number;
  campaignName: string;
  staffId: number;
  courseId: number;
  courseTitle: string;
  completionId: number;
  closedOn: string;
  recordedBy: string;
}

const IN_BATCH = 500;

async function inBatches<T>(values: readonly number[], read: (batch: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += IN_BATCH) out.push(...(await read(values.slice(i, i + IN_BATCH))));
  return out;
}

/**
 * Call inside the `scope.write` that inserted `written` (recordCompletion; the training import with every row it
 * inserted). Writes one closure per (campaign, person, course) not closed before, and one audit event for them.
 * Returns the closures written (none when the person is in no campaign, or the course was not recommended).
 */
export async function closeRecommendations(w: OrganisationWriter, written: readonly CompletionWritten[], asOf: string): Promise<RecommendationClosed[]> {
  if (written.length === 0) return [];
  const staffIds = [...new Set(written.map((c) => c.staffId))];
  const participations = await inBatches(staffIds, (batch) => w.selectWhereIn("skills_audit_participants", "staff_id", batch).select(["campaign_id", "staff_id", "category"]).execute());
  if (participations.length === 0) return [];
  const campaignIds = [...new Set(participations.map((p) => p.campaign_id))];
  const campaigns = new Map(
    (await w.selectFrom("skills_audit_campaigns").selectAll().where("id", "in", campaignIds).where("status", "<>", "draft").execute()).map((c) => [c.id, c]),
  );
  if (campaigns.size === 0) return [];

  const [courses, completionRows, closedRows] = await Promise.all([
    listCourses(w),
    inBatches(staffIds, (batch) => w.selectWhereIn("training_completions", "staff_id", batch).select(["id", "staff_id", "course_id", "completed_on", "expires_on", "recorded_by"]).execute()),
    inBatches(staffIds, (batch) => w.selectWhereIn("skill_recommendation_closures", "staff_id", batch).select(["campaign_id", "staff_id", "course_id"]).execute()),
  ]);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const refresh = new Map((await w.selectFrom("skill_courses").select(["id", "refresh_months"]).execute()).map((c) => [c.id, c.refresh_months]));
  const completionsOf = new Map<number, Array<TrainingCompletion & { id: number; recordedBy: string }>>();
  for (const r of completionRows) {
    const list = completionsOf.get(r.staff_id) ?? [];
    list.push({ id: r.id, staffId: r.staff_id, courseId: r.course_id, completedOn: r.completed_on, expiresOn: r.expires_on, recordedBy: r.recorded_by });
    completionsOf.set(r.staff_id, list);
  }
  const closedBefore = new Set(closedRows.map((r) => `${r.campaign_id}:${r.staff_id}:${r.course_id}`));
  const writtenOf = new Map<number, CompletionWritten[]>();
  for (const c of written) writtenOf.set(c.staffId, [...(writtenOf.get(c.staffId) ?? []), c]);

  const closures: RecommendationClosed[] = [];
  for (const campaign of campaigns.values()) {
    const people = participations.filter((p) => p.campaign_id === campaign.id);
    const [areas, ratings] = await Promise.all([
      campaignAreas(w, campaign),
      campaignRatings(w, campaign.id, people.length === 1 ? people[0].staff_id : undefined),
    ]);
    for (const p of people) {
      const gaps = personGaps(areas, ratings.get(p.staff_id) ?? new Map<number, Rating>(), p.category);
      if (gaps.length === 0) continue;
      for (const courseId of new Set((writtenOf.get(p.staff_id) ?? []).map((c) => c.courseId))) {
        const course = courseById.get(courseId);
        const key = `${campaign.id}:${p.staff_id}:${courseId}`;
        if (!course || closedBefore.has(key) || recommendCourses(gaps, [course]).length === 0) continue;
        const mine = completionsOf.get(p.staff_id) ?? [];
        const closing = closesRecommendation({ staffId: p.staff_id, courseId, campaignOpensOn: campaign.opens_on }, mine, { refreshMonths: refresh.get(courseId) ?? null }, asOf);
        const completion = closing && mine.find((c) => c.courseId === courseId && c.completedOn === closing.completedOn);
        if (!completion) continue;
        closedBefore.add(key);
        closures.push({ campaignId: campaign.id, campaignName: campaign.name, staffId: p.staff_id, courseId, courseTitle: course.title, completionId: completion.id, closedOn: completion.completedOn, recordedBy: completion.recordedBy });
      }
    }
  }
  if (closures.length === 0) return [];

  const inserted = await w
    .insertInto(
      "skill_recommendation_closures",
      closures.map((c) => ({ campaign_id: c.campaignId, staff_id: c.staffId, course_id: c.courseId, completion_id: c.completionId, closed_on: c.closedOn, recorded_by: c.recordedBy })),
    )
    .returning("id")
    .execute();
  const refs = new Map(
    (await inBatches([...new Set(closures.map((c) => c.staffId))], (batch) => w.selectWhereIn("staff", "id", batch).select(["id", "employee_ref"]).execute())).map((s) => [s.id, s.employee_ref]),
  );
  const one = closures[0];
  await w.audit({
    action: "skills_recommendation.close",
    entity: "skill_recommendation_closure",
    entityId: closures.length === 1 ? inserted[0].id : null,
    summary:
      closures.length === 1
        ? `Completing "${one.courseTitle}" on ${one.closedOn} closed the skills-audit recommendation of ${refs.get(one.staffId) ?? one.staffId} in "${one.campaignName}"`
        : `Completed courses closed ${closures.length} skills-audit recommendations`,
    after: closures.map((c) => ({ campaign: c.campaignName, employeeRef: refs.get(c.staffId), course: c.courseTitle, completedOn: c.closedOn })),
  });
  return closures;
}

export interface ClosureShown {
  courseId: number;
  closedOn: string;
  /** The completion's source: recorded, import or seed. */
  source: string;
}

/** The closures of one person's recommendations in one campaign, by course (the audit person page). */
export async function recommendationClosures(scope: OrganisationReader, campaignId: number, staffId: number): Promise<Map<number, ClosureShown>> {
  const rows = await scope
    .selectFrom("skill_recommendation_closures")
    .innerJoin(scope.selectFrom("training_completions").select(["id", "source"]).as("c"), (j) => j.onRef("c.id", "=", "skill_recommendation_closures.completion_id"))
    .select(["skill_recommendation_closures.course_id", "skill_recommendation_closures.closed_on", "c.source"])
    .where("skill_recommendation_closures.campaign_id", "=", campaignId)
    .where("skill_recommendation_closures.staff_id", "=", staffId)
    .execute();
  return new Map(rows.map((r) => [r.course_id, { courseId: r.course_id, closedOn: r.closed_on, source: r.source }]));
}
