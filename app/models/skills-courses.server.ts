/** The organisation's catalogue of short courses, each tagged with the framework areas (by code) it covers. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { CourseForRecommendation } from "../skills";
import { recordAudit, type Actor } from "./audit.server";
import { SkillsInputError } from "./skills-audits.server";

type Db = Kysely<Database>;

export interface Course extends CourseForRecommendation {
  description: string | null;
  retired: boolean;
}

export async function listCourses(db: Db, organisationId: number, opts: { includeRetired?: boolean } = {}): Promise<Course[]> {
  let q = db.selectFrom("skill_courses").selectAll().where("organisation_id", "=", organisationId);
  if (!opts.includeRetired) q = q.where("retired_at", "is", null);
  const rows = await q.orderBy("title").orderBy("id").execute();
  const tags = await db.selectFrom("skill_course_areas").select(["course_id", "area_code"]).where("organisation_id", "=", organisationId).orderBy("area_code").execute();
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

export interface CourseInput {
  title: string;
  provider: string | null;
  hours: number | null;
  description: string | null;
  areaCodes: string[];
}

async function writeTags(trx: Db, organisationId: number, courseId: number, codes: readonly string[]): Promise<void> {
  await trx.deleteFrom("skill_course_areas").where("course_id", "=", courseId).where("organisation_id", "=", organisationId).execute();
  const unique = [...new Set(codes)];
  if (unique.length) await trx.insertInto("skill_course_areas").values(unique.map((area_code) => ({ course_id: courseId, organisation_id: organisationId, area_code }))).execute();
}

export async function addCourse(db: Db, organisationId: number, input: CourseInput, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("skill_courses")
      .values({ organisation_id: organisationId, title: input.title, provider: input.provider, hours: input.hours, description: input.description, retired_at: null, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeTags(trx, organisationId, id, input.areaCodes);
    await recordAudit(trx, actor, { organisationId, action: "skill_course.add", entity: "skill_course", entityId: id, summary: `Added the course "${input.title}"`, after: input });
    return id;
  });
}

async function courseOf(trx: Db, organisationId: number, courseId: number) {
  const row = Number.isSafeInteger(courseId)
    ? await trx.selectFrom("skill_courses").selectAll().where("id", "=", courseId).where("organisation_id", "=", organisationId).executeTakeFirst()
    : undefined;
  if (!row) throw new SkillsInputError("Choose a course of this organisation.");
  return row;
}

export async function updateCourse(db: Db, organisationId: number, courseId: number, input: CourseInput, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await courseOf(trx, organisationId, courseId);
    const beforeTags = (await trx.selectFrom("skill_course_areas").select("area_code").where("course_id", "=", courseId).where("organisation_id", "=", organisationId).execute()).map((t) => t.area_code);
    await trx
      .updateTable("skill_courses")
      .set({ title: input.title, provider: input.provider, hours: input.hours, description: input.description })
      .where("id", "=", courseId)
      .where("organisation_id", "=", organisationId)
      .execute();
    await writeTags(trx, organisationId, courseId, input.areaCodes);
    await recordAudit(trx, actor, {
      organisationId,
      action: "skill_course.update",
      entity: "skill_course",
      entityId: courseId,
      summary: `Updated the course "${input.title}"`,
      before: { title: before.title, provider: before.provider, hours: before.hours, description: before.description, areaCodes: beforeTags },
      after: input,
    });
  });
}

export async function setCourseRetired(db: Db, organisationId: number, courseId: number, retired: boolean, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await courseOf(trx, organisationId, courseId);
    if ((before.retired_at !== null) === retired) return;
    const at = retired ? new Date().toISOString() : null;
    await trx.updateTable("skill_courses").set({ retired_at: at }).where("id", "=", courseId).where("organisation_id", "=", organisationId).execute();
    await recordAudit(trx, actor, {
      organisationId,
      action: retired ? "skill_course.retire" : "skill_course.restore",
      entity: "skill_course",
      entityId: courseId,
      summary: `${retired ? "Retired" : "Restored"} the course "${before.title}"`,
      before: { retired_at: before.retired_at },
      after: { retired_at: at },
    });
  });
}
