/** The organisation's catalogue of short courses, each tagged with the framework areas (by code) it covers. */
import { STANDARD_AREAS, type CourseForRecommendation } from "../../skills";
import type { OrganisationReader, OrganisationScope, OrganisationWriter } from "../organisation-scope.server";
import { invalid, ok, type Result } from "../result";

export interface Course extends CourseForRecommendation {
  description: string | null;
  retired: boolean;
}

export async function listCourses(scope: OrganisationReader, opts: { includeRetired?: boolean } = {}): Promise<Course[]> {
  let q = scope.selectFrom("skill_courses").selectAll();
  if (!opts.includeRetired) q = q.where("retired_at", "is", null);
  const rows = await q.orderBy("title").orderBy("id").execute();
  const tags = await scope.selectFrom("skill_course_areas").select(["course_id", "area_code"]).orderBy("area_code").execute();
  const byCourse = new Map<number, string[]>();
  for (const t of tags) {
    const list = byCourse.get(t.course_id) ?? [];
    list.push(t.area_code);
    byCourse.set(t.course_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    provider: r.provider,
    hours: r.hours,
    description: r.description,
    retired: r.retired_at !== null,
    areaCodes: byCourse.get(r.id) ?? [],
  }));
}

/** Area codes a course can be tagged with: the standard's, plus any the organisation's frameworks added. */
export async function courseAreaChoices(scope: OrganisationReader): Promise<Array<{ code: string; name: string; group: string }>> {
  const own = await scope.selectFrom("skill_areas").select(["code", "name", "area_group"]).where("retired_at", "is", null).orderBy("code").execute();
  const known = new Set(STANDARD_AREAS.map((a) => a.code));
  const extra = new Map<string, { code: string; name: string; group: string }>();
  for (const a of own) if (!known.has(a.code) && !extra.has(a.code)) extra.set(a.code, { code: a.code, name: a.name, group: a.area_group });
  return [...STANDARD_AREAS.map((a) => ({ code: a.code, name: a.name, group: a.group as string })), ...extra.values()];
}

export interface CourseInput {
  title: string;
  provider: string | null;
  hours: number | null;
  description: string | null;
  areaCodes: string[];
}

async function unknownAreas(scope: OrganisationReader, codes: readonly string[]): Promise<Result<never> | null> {
  const known = new Set((await courseAreaChoices(scope)).map((a) => a.code));
  return codes.some((c) => !known.has(c)) ? invalid({ areas: "Choose areas from the list" }, "Check the course details.") : null;
}

async function writeTags(w: OrganisationWriter, courseId: number, codes: readonly string[]): Promise<void> {
  await w.deleteFrom("skill_course_areas").where("course_id", "=", courseId).execute();
  const unique = [...new Set(codes)];
  if (unique.length) await w.insertInto("skill_course_areas", unique.map((area_code) => ({ course_id: courseId, area_code }))).execute();
}

export async function addCourse(scope: OrganisationScope, input: CourseInput): Promise<Result<number>> {
  const refused = await unknownAreas(scope, input.areaCodes);
  if (refused) return refused;
  const id = await scope.write(async (w) => {
    const { id } = await w
      .insertInto("skill_courses", { title: input.title, provider: input.provider, hours: input.hours, description: input.description, retired_at: null, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeTags(w, id, input.areaCodes);
    await w.audit({ action: "skill_course.add", entity: "skill_course", entityId: id, summary: `Added the course "${input.title}"`, after: input });
    return id;
  });
  return ok(id);
}

async function courseOf(scope: OrganisationReader, courseId: number) {
  return Number.isSafeInteger(courseId) ? scope.selectFrom("skill_courses").selectAll().where("id", "=", courseId).executeTakeFirst() : undefined;
}

const NO_SUCH_COURSE = "Choose a course of this organisation.";

export async function updateCourse(scope: OrganisationScope, input: CourseInput & { courseId: number }): Promise<Result<void>> {
  const { courseId, ...course } = input;
  const refused = await unknownAreas(scope, course.areaCodes);
  if (refused) return refused;
  return scope.write(async (w) => {
    const before = await courseOf(w, courseId);
    if (!before) return invalid({}, NO_SUCH_COURSE);
    const beforeTags = (await w.selectFrom("skill_course_areas").select("area_code").where("course_id", "=", courseId).execute()).map((t) => t.area_code);
    await w.updateTable("skill_courses").set({ title: course.title, provider: course.provider, hours: course.hours, description: course.description }).where("id", "=", courseId).execute();
    await writeTags(w, courseId, course.areaCodes);
    await w.audit({
      action: "skill_course.update",
      entity: "skill_course",
      entityId: courseId,
      summary: `Updated the course "${course.title}"`,
      before: { title: before.title, provider: before.provider, hours: before.hours, description: before.description, areaCodes: beforeTags },
      after: course,
    });
    return ok(undefined);
  }, { unaudited: "an unknown course is not changed" });
}

export async function setCourseRetired(scope: OrganisationScope, input: { courseId: number; retired: boolean }): Promise<Result<void>> {
  const { courseId, retired } = input;
  return scope.write(async (w) => {
    const before = await courseOf(w, courseId);
    if (!before) return invalid({}, NO_SUCH_COURSE);
    if ((before.retired_at !== null) === retired) return ok(undefined);
    const at = retired ? new Date().toISOString() : null;
    await w.updateTable("skill_courses").set({ retired_at: at }).where("id", "=", courseId).execute();
    await w.audit({
      action: retired ? "skill_course.retire" : "skill_course.restore",
      entity: "skill_course",
      entityId: courseId,
      summary: `${retired ? "Retired" : "Restored"} the course "${before.title}"`,
      before: { retired_at: before.retired_at },
      after: { retired_at: at },
    });
    return ok(undefined);
  }, { unaudited: "retiring a retired course changes nothing" });
}
