/**
 * The training matrix: the skills-audit course list (skill_courses) with a code and refresh interval, the
 * requirements by job title, category or department, and the completions.
 */
import { plural } from "../../utils/plural";
import { z } from "zod";
import { CATEGORIES, type Category } from "../../compliance/types";
import { normaliseJobTitle } from "../../compliance/scope";
import { completionDateProblems, normaliseText, REQUIREMENT_BASES, trainingMatrix, type RequirementBasis, type TrainingCompletion, type TrainingCourse, type TrainingMatrix, type TrainingRequirement, type ConductPerson } from "../../conduct";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { optionalDate, requiredDate, requiredText, optionalText } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";
import { loadConductPeople } from "./people.server";
import { closeRecommendations } from "./recommendation-closures.server";

/** The hook every completion write calls inside its scope.write (the training import too). */
export { closeRecommendations, type CompletionWritten, type RecommendationClosed } from "./recommendation-closures.server";

export interface RequirementRow extends TrainingRequirement {
  id: number;
  displayValue: string | null;
}

export async function trainingCourses(scope: OrganisationReader): Promise<TrainingCourse[]> {
  const rows = await scope.selectFrom("skill_courses").select(["id", "title", "code", "refresh_months"]).where("retired_at", "is", null).orderBy("title").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, title: r.title, code: r.code, refreshMonths: r.refresh_months }));
}

export async function trainingRequirements(scope: OrganisationReader): Promise<RequirementRow[]> {
  const rows = await scope.selectFrom("training_requirements").selectAll().orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, courseId: r.course_id, appliesTo: r.applies_to, value: r.value_normalised, displayValue: r.value }));
}

export async function trainingCompletions(scope: OrganisationReader): Promise<TrainingCompletion[]> {
  const rows = await scope.selectFrom("training_completions").select(["staff_id", "course_id", "completed_on", "expires_on"]).execute();
  return rows.map((r) => ({ staffId: r.staff_id, courseId: r.course_id, completedOn: r.completed_on, expiresOn: r.expires_on }));
}

export interface TrainingPicture extends TrainingMatrix {
  requirements: RequirementRow[];
}

/** `loaded`: the people, when the caller has them. */
export async function trainingPicture(scope: OrganisationReader, asOf: string, loaded?: readonly ConductPerson[]): Promise<TrainingPicture> {
  const [people, courses, requirements, completions] = await Promise.all([loaded ?? loadConductPeople(scope), trainingCourses(scope), trainingRequirements(scope), trainingCompletions(scope)]);
  return { ...trainingMatrix(people, courses, requirements, completions, asOf), requirements };
}

const refreshMonths = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 120), "Enter the refresh interval as whole months from 1 to 120, or leave blank if it does not expire")
  .transform((v) => (v === "" ? null : Number(v)));
const courseCode = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/.test(v), "Use up to 20 letters, digits, - or _ for the code")
  .transform((v) => (v === "" ? null : v.toUpperCase()));

async function codeTaken(scope: OrganisationReader, code: string | null, exceptId?: number): Promise<boolean> {
  if (!code) return false;
  const rows = await scope.selectFrom("skill_courses").select(["id", "code"]).where("code", "=", code).execute();
  return rows.some((r) => r.id !== exceptId);
}

export const courseInputSchema = z.object({ title: requiredText("course title"), code: courseCode, refreshMonths, provider: optionalText("provider", 200) });

/** Adds a course to the organisation's course list (the one the skills audits recommend from). */
export async function addTrainingCourse(scope: OrganisationScope, input: Partial<Record<"title" | "code" | "refreshMonths" | "provider", string>>): Promise<Result<{ id: number }>> {
  const parsed = parseFields(courseInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const c = parsed.value;
  if (await codeTaken(scope, c.code)) return invalid({ code: `Another course already has the code ${c.code}` });
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("skill_courses", { title: c.title, code: c.code, refresh_months: c.refreshMonths, provider: c.provider, hours: null, description: null, retired_at: null, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({ action: "skill_course.add", entity: "skill_course", entityId: row.id, summary: `Added the course "${c.title}" to the training matrix`, after: c });
    return row.id;
  });
  return ok({ id });
}

export const courseTrainingSchema = z.object({ courseId: z.coerce.number().int().positive("Choose a course"), code: courseCode, refreshMonths });

/** Sets a course's code and refresh interval. */
export async function setCourseTraining(scope: OrganisationScope, input: Partial<Record<"courseId" | "code" | "refreshMonths", string>>): Promise<Result<{ id: number }>> {
  const parsed = parseFields(courseTrainingSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { courseId, code, refreshMonths: months } = parsed.value;
  const before = await scope.selectFrom("skill_courses").select(["id", "title", "code", "refresh_months"]).where("id", "=", courseId).executeTakeFirst();
  if (!before) return invalid({ courseId: "Choose a course of this organisation" });
  if (await codeTaken(scope, code, courseId)) return invalid({ code: `Another course already has the code ${code}` });
  await scope.write(async (w) => {
    await w.updateTable("skill_courses").set({ code, refresh_months: months }).where("id", "=", courseId).execute();
    await w.audit({
      action: "skill_course.training",
      entity: "skill_course",
      entityId: courseId,
      summary: `"${before.title}": code ${code ?? "none"}, ${months === null ? "does not expire" : `refresh every ${plural(months, "month")}`}`,
      before: { code: before.code, refresh_months: before.refresh_months },
      after: { code, refresh_months: months },
    });
  });
  return ok({ id: courseId });
}

export const requirementInputSchema = z.object({
  courseId: z.coerce.number().int().positive("Choose a course"),
  appliesTo: z.enum(REQUIREMENT_BASES as [RequirementBasis, ...RequirementBasis[]], { errorMap: () => ({ message: "Choose who the course is required of" }) }),
  value: z.string().trim().max(200, "Keep it under 200 characters").optional().transform((v) => v ?? ""),
});

export async function addRequirement(scope: OrganisationScope, input: Partial<Record<"courseId" | "appliesTo" | "value", string>>): Promise<Result<{ id: number }>> {
  const parsed = parseFields(requirementInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { courseId, appliesTo, value } = parsed.value;
  const course = await scope.selectFrom("skill_courses").select(["id", "title"]).where("id", "=", courseId).executeTakeFirst();
  if (!course) return invalid({ courseId: "Choose a course of this organisation" });
  if (appliesTo !== "everyone" && value === "") return invalid({ value: "Say which job title, category or department" });
  if (appliesTo === "category" && !CATEGORIES.includes(value as Category)) return invalid({ value: `Choose a category: ${CATEGORIES.join(", ")}` });
  const normalised = appliesTo === "everyone" ? null : appliesTo === "job_title" ? normaliseJobTitle(value) : appliesTo === "department" ? normaliseText(value) : value;
  const existing = await trainingRequirements(scope);
  if (existing.some((r) => r.courseId === courseId && r.appliesTo === appliesTo && r.value === normalised)) return conflict(`"${course.title}" is already required of them.`);
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("training_requirements", { course_id: courseId, applies_to: appliesTo, value: appliesTo === "everyone" ? null : value, value_normalised: normalised })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({ action: "training.require", entity: "training_requirement", entityId: row.id, summary: `"${course.title}" required of ${appliesTo === "everyone" ? "everyone" : `${appliesTo.replace("_", " ")} ${value}`}`, after: { courseId, appliesTo, value } });
    return row.id;
  });
  return ok({ id });
}

export async function removeRequirement(scope: OrganisationScope, input: { requirementId: string }): Promise<Result<{ id: number }>> {
  const id = Number(input.requirementId);
  const before = Number.isSafeInteger(id) ? await scope.selectFrom("training_requirements").selectAll().where("id", "=", id).executeTakeFirst() : undefined;
  if (!before) return invalid({ requirementId: "Choose a requirement of this organisation" });
  await scope.write(async (w) => {
    await w.deleteFrom("training_requirements").where("id", "=", id).execute();
    await w.audit({ action: "training.unrequire", entity: "training_requirement", entityId: id, summary: `Removed a training requirement (${before.applies_to} ${before.value ?? ""})`.trim(), before });
  });
  return ok({ id });
}

export const completionInputSchema = z.object({
  employeeRef: z.string().trim().min(1, "Enter the employee reference"),
  courseId: z.coerce.number({ invalid_type_error: "Choose a course" }).int().positive("Choose a course"),
  completedOn: requiredDate("date it was completed"),
  expiresOn: optionalDate("expiry date"),
});

/** Records a completion; in the same write it closes the skills-audit recommendations the completion satisfies. */
export async function recordCompletion(
  scope: OrganisationScope,
  input: Partial<Record<"employeeRef" | "courseId" | "completedOn" | "expiresOn", string>>,
): Promise<Result<{ id: number; closedRecommendations: number }>> {
  const parsed = parseFields(completionInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const c = parsed.value;
  const dateProblems = completionDateProblems(c.completedOn, c.expiresOn, scope.today);
  if (dateProblems.completedOn) return invalid({ completedOn: dateProblems.completedOn });
  if (dateProblems.expiresOn) return invalid({ expiresOn: dateProblems.expiresOn });
  const [person, course] = await Promise.all([
    scope.selectFrom("staff").select("id").where("employee_ref", "=", c.employeeRef).executeTakeFirst(),
    scope.selectFrom("skill_courses").select(["id", "title"]).where("id", "=", c.courseId).executeTakeFirst(),
  ]);
  if (!person) return invalid({ employeeRef: `There is nobody with the employee reference ${c.employeeRef}` });
  if (!course) return invalid({ courseId: "Choose a course of this organisation" });
  const existing = await scope.selectFrom("training_completions").select("id").where("staff_id", "=", person.id).where("course_id", "=", course.id).where("completed_on", "=", c.completedOn).executeTakeFirst();
  if (existing) return conflict(`${c.employeeRef} completing "${course.title}" on ${c.completedOn} is already recorded.`);
  const written = await scope.write(async (w) => {
    const row = await w
      .insertInto("training_completions", { staff_id: person.id, course_id: course.id, completed_on: c.completedOn, expires_on: c.expiresOn, source: "recorded", recorded_by: scope.actor.name })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({ action: "training.complete", entity: "training_completion", entityId: row.id, summary: `Recorded that ${c.employeeRef} completed "${course.title}" on ${c.completedOn}`, after: c });
    const closed = await closeRecommendations(w, [{ id: row.id, staffId: person.id, courseId: course.id, completedOn: c.completedOn, expiresOn: c.expiresOn }], scope.today);
    return { id: row.id, closedRecommendations: closed.length };
  });
  return ok(written);
}
