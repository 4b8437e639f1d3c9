import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { withInvalidMessage } from "~/models/result";
import { parseForm, refuse, refused, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { can } from "~/utils/permissions";
import { addCourse, courseAreaChoices, listCourses, setCourseRetired, updateCourse } from "~/models/skills-audits/courses.server";
import { AREA_GROUP_LABELS } from "~/skills";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Short courses · Competence & Conduct" }];

const AREA_CODE = /^[A-Z]\d{1,3}$/;

const courseSchema = textForm({
  title: z.string().trim().min(1, "Give the course a title").max(200, "Keep the title under 200 characters"),
  provider: z.string().trim().max(200, "Keep the provider under 200 characters").transform((v) => (v === "" ? null : v)),
  hours: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{1,4}(\.\d{1,2})?$/.test(v) && Number(v) > 0 && Number(v) <= 1000), "Enter the hours as a number from 0.5 to 1000, or leave blank")
    .transform((v) => (v === "" ? null : Number(v))),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").transform((v) => (v === "" ? null : v)),
  areas: z.array(z.string().regex(AREA_CODE, "Choose areas from the list")).min(1, "Tag at least one area the course covers").max(100),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  return {
    organisation: { slug: organisation.slug },
    canDecide: can(user.role, "org.decide"),
    courses: await listCourses(scope, { includeRetired: true }),
    areas: await courseAreaChoices(scope),
  };
}

type Errors = Record<string, string>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const courseId = String(form.get("course_id") ?? "");
  const values = {
    title: String(form.get("title") ?? ""),
    provider: String(form.get("provider") ?? ""),
    hours: String(form.get("hours") ?? ""),
    description: String(form.get("description") ?? ""),
    areas: form.getAll("areas").map(String),
  };
  const options = { values, context: { intent, courseId } };
  const done = (message: string) => ({ ok: true as const, intent, courseId, message, errors: {} as Errors, values });
  switch (intent) {
    case "add-course":
    case "update-course": {
      const parsed = withInvalidMessage(parseForm(form, courseSchema), "Check the course details.");
      if (!parsed.ok) return refused(parsed, options);
      const { areas: areaCodes, ...course } = parsed.value;
      const input = { ...course, areaCodes };
      if (intent === "add-course") return respond(await addCourse(scope, input), () => done(`Added "${input.title}".`), options);
      return respond(await updateCourse(scope, { ...input, courseId: Number(courseId) }), () => done(`Saved "${input.title}".`), options);
    }
    case "retire-course":
    case "restore-course": {
      const retired = intent === "retire-course";
      return respond(await setCourseRetired(scope, { courseId: Number(courseId), retired }), () => done(retired ? "Course retired: it is no longer recommended." : "Course restored."), options);
    }
    default:
      return refuse({}, options, "Unknown action.");
  }
}

type Course = ReturnType<typeof useLoaderData<typeof loader>>["courses"][number];

function CourseFields({ prefix, course, errors, typed, areas }: { prefix: string; course: Course | null; errors: Errors; typed: { title: string; provider: string; hours: string; description: string; areas: string[] } | null; areas: Array<{ code: string; name: string; group: string }> }) {
  const id = (f: string) => `${prefix}-${f}`;
  const chosen = new Set(typed ? typed.areas : (course?.areaCodes ?? []));
  const err = (f: string) =>
    errors[f] ? (
      <span className="field-error" id={id(`${f}-error`)}>
        {errors[f]}
      </span>
    ) : null;
  return (
    <>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id("title")}>Title</label>
          <input id={id("title")} name="title" type="text" maxLength={200} defaultValue={typed?.title ?? course?.title ?? ""} aria-describedby={errors.title ? id("title-error") : undefined} />
          {err("title")}
        </div>
        <div className="field">
          <label htmlFor={id("provider")}>Provider</label>
          <input id={id("provider")} name="provider" type="text" maxLength={200} defaultValue={typed?.provider ?? course?.provider ?? ""} />
          {err("provider")}
        </div>
        <div className="field">
          <label htmlFor={id("hours")}>Hours</label>
          <input id={id("hours")} name="hours" type="text" inputMode="decimal" defaultValue={typed?.hours ?? (course?.hours == null ? "" : String(course.hours))} aria-describedby={errors.hours ? id("hours-error") : undefined} />
          {err("hours")}
        </div>
      </div>
      <div className="field">
        <label htmlFor={id("description")}>Description</label>
        <textarea id={id("description")} name="description" rows={2} defaultValue={typed?.description ?? course?.description ?? ""} />
        {err("description")}
      </div>
      <fieldset className="field">
        <legend>Areas it covers</legend>
        <div className="area-checks">
          {areas.map((a) => (
            <label key={a.code} className="check">
              <input type="checkbox" name="areas" value={a.code} defaultChecked={chosen.has(a.code)} /> <span className="muted">{a.code}</span> {a.name}
            </label>
          ))}
        </div>
        {err("areas")}
      </fieldset>
    </>
  );
}

export default function Courses() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/orgs/${d.organisation.slug}/audits`;
  const names = new Map(d.areas.map((a) => [a.code, a.name]));
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>Skills audits</Link>
          </p>
          <h1>Short courses</h1>
          <p>The organisation's own catalogue of short courses, each tagged with the framework areas it covers; recommended to people with gaps in those areas.</p>
        </div>
      </div>
      {actionData ? (
        <p className={`notice ${actionData.ok ? "success" : "error"}`} role={actionData.ok ? "status" : "alert"}>
          {actionData.message}
        </p>
      ) : null}
      <section className="panel">
        {d.courses.length === 0 ? <p>No courses yet.</p> : null}
        {d.courses.map((c) => (
          <details key={c.id} className="recommendation" data-course={c.id} open={failed?.courseId === String(c.id)}>
            <summary>
              <strong>{c.title}</strong> {c.provider ? `· ${c.provider}` : ""} {c.hours ? `· ${c.hours} hours` : ""} {c.retired ? "· retired" : ""}
              <div className="muted">Covers: {c.areaCodes.map((code) => names.get(code) ?? code).join(", ") || "no areas"}</div>
            </summary>
            {d.canDecide ? (
              <div className="recommendation-body">
                <Form method="post">
                  <input type="hidden" name="intent" value="update-course" />
                  <input type="hidden" name="course_id" value={c.id} />
                  <CourseFields prefix={`course-${c.id}`} course={c} errors={failed?.courseId === String(c.id) ? failed.errors : {}} typed={failed?.courseId === String(c.id) ? failed.values : null} areas={d.areas} />
                  <button type="submit">Save course</button>
                </Form>
                <Form method="post" style={{ marginTop: "0.5rem" }}>
                  <input type="hidden" name="intent" value={c.retired ? "restore-course" : "retire-course"} />
                  <input type="hidden" name="course_id" value={c.id} />
                  <button type="submit" className="secondary">
                    {c.retired ? "Restore" : "Retire"}
                  </button>
                </Form>
              </div>
            ) : null}
          </details>
        ))}
      </section>
      {d.canDecide ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Add a course</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="add-course" />
            <CourseFields prefix="new" course={null} errors={failed?.intent === "add-course" ? failed.errors : {}} typed={failed?.intent === "add-course" ? failed.values : null} areas={d.areas} />
            <button type="submit">Add course</button>
          </Form>
          <p className="muted">Area groups: {Object.values(AREA_GROUP_LABELS).join(", ")}.</p>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
