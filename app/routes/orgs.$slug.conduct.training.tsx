/** The training matrix: courses, who they are required of, refresh intervals, compliance % per course and a people × courses heat map. */
import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CATEGORIES } from "~/compliance/types";
import { CATEGORY_LABELS } from "~/compliance/status";
import { formatDateLong } from "~/compliance/dates";
import { asOfFrom } from "~/models/compliance.server";
import { REQUIREMENT_BASES, REQUIREMENT_BASIS_LABELS } from "~/conduct/labels";
import { isBehind, requirementReason } from "~/conduct/training";
import { addRequirement, addTrainingCourse, recordCompletion, removeRequirement, setCourseTraining, trainingPicture } from "~/models/conduct/training.server";
import { conductAction } from "~/models/conduct/form-response.server";
import { errorsFor, Field, IntentFormPanel, Notice, PersonRowHeader, SelectField } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Training · Conduct · Competence & Conduct" }];

const CELL: Record<string, { text: string; label: string }> = {
  compliant: { text: "✓", label: "Current" },
  expiring_soon: { text: "!", label: "Expiring soon" },
  expired: { text: "✗", label: "Expired" },
  missing: { text: "✗", label: "Not completed" },
  not_required: { text: "·", label: "Not required" },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const p = await trainingPicture(scope, asOf);
  const courseFilter = Number(url.searchParams.get("course")) || null;
  // ?show=behind: everyone with a required course expired or not done (the dashboard's training figure links here).
  const behind = url.searchParams.get("show") === "behind";
  const rows = p.rows
    .filter((r) => (courseFilter === null || r.cells.some((c) => c.courseId === courseFilter && isBehind(c))) && (!behind || r.cells.some(isBehind)))
    .slice(0, 300)
    .map((r) => ({ ref: r.person.employeeRef, name: r.person.name, jobTitle: r.person.jobTitle, cells: r.cells.map((c) => ({ state: c.state, reason: c.reason })) }));
  return {
    slug: organisation.slug,
    today: scope.today,
    asOf,
    behind,
    canRecord: can(user.role, "org.records"),
    canSettings: can(user.role, "org.settings"),
    courses: p.courses.map((c) => ({ ...c.course, required: c.required, compliant: c.compliant, expired: c.expired, missing: c.missing, pct: c.pct })),
    requirements: p.requirements.map((r) => ({ id: r.id, courseId: r.courseId, reason: requirementReason(r, r.displayValue) })),
    pct: p.pct,
    rows,
    totalRows: p.rows.length,
    courseFilter,
  };
}

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: ["employeeRef", "courseId", "completedOn", "expiresOn", "title", "code", "refreshMonths", "provider", "appliesTo", "value", "requirementId"],
    otherwise: "org.read",
    intents: {
      "record-completion": {
        permission: "org.records",
        run: recordCompletion,
        done: (r, v) =>
          `Recorded the completion by ${v.employeeRef.trim()}.${r.closedRecommendations ? ` It closed ${r.closedRecommendations === 1 ? "a skills-audit recommendation" : `${r.closedRecommendations} skills-audit recommendations`}.` : ""}`,
      },
      "add-course": { permission: "org.settings", run: addTrainingCourse, done: (_, v) => `Added "${v.title.trim()}".` },
      "set-course": { permission: "org.settings", run: setCourseTraining, done: () => "Course saved." },
      "add-requirement": { permission: "org.settings", run: addRequirement, done: () => "Requirement added." },
      "remove-requirement": { permission: "org.settings", run: removeRequirement, done: () => "Requirement removed." },
    },
  });
}

const pct = (v: number | null) => (v === null ? "–" : `${v}%`);

export default function Training() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const asOfQuery = d.asOf === d.today ? "" : `asOf=${d.asOf}&`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Training</h1>
          {d.asOf !== d.today ? <p className="notice info">As of {formatDateLong(d.asOf)}.</p> : null}
          <p>
            Courses from the organisation's course list (the same list skills audits recommend from), who each is required of, how long a completion lasts, and who is current. Overall:{" "}
            <strong data-testid="training-pct">{pct(d.pct)}</strong> of required training current.
          </p>
        </div>
      </div>
      <Notice result={result} intent="set-course" />
      <Notice result={result} intent="remove-requirement" />
      <section className="panel" aria-labelledby="courses-title">
        <h2 id="courses-title" style={{ marginTop: 0 }}>
          Compliance per course
        </h2>
        {d.courses.length === 0 ? <p>No courses yet{d.canSettings ? ": add one below" : ""}.</p> : null}
        <div className="table-wrap">
          <table data-testid="training-courses">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Code · refresh</th>
                <th scope="col">Required of</th>
                <th scope="col">Current</th>
                <th scope="col">Expired</th>
                <th scope="col">Not done</th>
                <th scope="col">%</th>
              </tr>
            </thead>
            <tbody>
              {d.courses.map((c) => (
                <tr key={c.id} data-course={c.title}>
                  <th scope="row">{c.title}</th>
                  <td>
                    {d.canSettings ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="set-course" />
                        <input type="hidden" name="courseId" value={c.id} />
                        <label className="visually-hidden" htmlFor={`code-${c.id}`}>
                          Code of {c.title}
                        </label>
                        <input id={`code-${c.id}`} name="code" size={6} defaultValue={c.code ?? ""} placeholder="code" />
                        <label className="visually-hidden" htmlFor={`refresh-${c.id}`}>
                          Refresh months of {c.title}
                        </label>
                        <input id={`refresh-${c.id}`} name="refreshMonths" size={3} inputMode="numeric" defaultValue={c.refreshMonths == null ? "" : String(c.refreshMonths)} placeholder="months" />
                        <button type="submit" className="secondary">
                          Save
                        </button>
                      </Form>
                    ) : (
                      <>
                        {c.code ?? "–"} · {c.refreshMonths ? `every ${plural(c.refreshMonths, "month")}` : "does not expire"}
                      </>
                    )}
                  </td>
                  <td>
                    {d.requirements.filter((r) => r.courseId === c.id).map((r) => (
                      <div key={r.id}>
                        {r.reason.replace(/^required (of|in) /, "")}
                        {d.canSettings ? (
                          <Form method="post" className="inline-form" style={{ display: "inline" }}>
                            <input type="hidden" name="intent" value="remove-requirement" />
                            <input type="hidden" name="requirementId" value={r.id} />
                            <button type="submit" className="secondary" aria-label={`Remove: ${r.reason}`}>
                              ×
                            </button>
                          </Form>
                        ) : null}
                      </div>
                    ))}
                  </td>
                  <td>
                    {c.compliant} of {c.required}
                  </td>
                  <td>{c.expired}</td>
                  <td>{c.missing ? <Link to={`?${asOfQuery}course=${c.id}`}>{c.missing}</Link> : 0}</td>
                  <td>{pct(c.pct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="matrix-title">
        <h2 id="matrix-title" style={{ marginTop: 0 }}>
          People × courses
        </h2>
        <p className="muted">
          {Object.values(CELL).map((c) => `${c.text} ${c.label}`).join(" · ")}.{" "}
          {d.courseFilter || d.behind ? (
            <Link to={`?${asOfQuery}`}>Show everyone</Link>
          ) : (
            <>
              <Link to={`?${asOfQuery}show=behind`}>Only who is behind</Link>
              {d.totalRows > d.rows.length ? ` · Showing the first ${d.rows.length} of ${plural(d.totalRows, "person")}.` : null}
            </>
          )}
        </p>
        <div className="table-wrap">
          <table className="training-matrix" data-testid="training-matrix">
            <thead>
              <tr>
                <th scope="col">Person</th>
                {d.courses.map((c) => (
                  <th scope="col" key={c.id} title={c.title}>
                    {c.code ?? c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.ref} data-ref={r.ref}>
                  <PersonRowHeader slug={d.slug} employeeRef={r.ref} name={r.name} detail={r.jobTitle} />
                  {r.cells.map((c, i) => (
                    <td key={d.courses[i].id} className={`cell ${c.state.replace(/_/g, "-")}`} title={c.reason} data-state={c.state}>
                      <span aria-hidden="true">{CELL[c.state].text}</span>
                      <span className="visually-hidden">{c.reason}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {d.canRecord && d.courses.length > 0 ? (
        <IntentFormPanel id="record-completion" title="Record a completion" intent="record-completion" result={result} submit="Record completion">
          <div className="form-row">
            <Field id="completion-ref" name="employeeRef" label="Employee reference" errors={errorsFor(result, "record-completion")} required />
            <SelectField id="completion-course" name="courseId" label="Course" errors={errorsFor(result, "record-completion")} options={d.courses.map((c) => ({ value: c.id, label: c.title }))} />
            <Field id="completion-on" name="completedOn" label="Completed on" type="date" defaultValue={d.today} errors={errorsFor(result, "record-completion")} required />
            <Field id="completion-expires" name="expiresOn" label="Expires on (if the certificate says)" type="date" errors={errorsFor(result, "record-completion")} />
          </div>
        </IntentFormPanel>
      ) : null}
      {d.canSettings ? (
        <div className="grid-2">
          <section className="panel" aria-labelledby="add-requirement-title">
            <h2 id="add-requirement-title" style={{ marginTop: 0 }}>
              Require a course
            </h2>
            <Notice result={result} intent="add-requirement" />
            <Form method="post">
              <input type="hidden" name="intent" value="add-requirement" />
              <Field id="req-course" name="courseId" label="Course" errors={errorsFor(result, "add-requirement")}>
                <select id="req-course" name="courseId">
                  {d.courses.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="req-basis" name="appliesTo" label="Required of" errors={errorsFor(result, "add-requirement")}>
                <select id="req-basis" name="appliesTo">
                  {REQUIREMENT_BASES.map((b) => (
                    <option key={b} value={b}>
                      {REQUIREMENT_BASIS_LABELS[b]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="req-value" name="value" label="Which job title, department or category" hint={`Categories: ${CATEGORIES.map((c) => `${c} (${CATEGORY_LABELS[c]})`).join(", ")}`} errors={errorsFor(result, "add-requirement")} />
              <button type="submit">Add requirement</button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="add-course-title">
            <h2 id="add-course-title" style={{ marginTop: 0 }}>
              Add a course
            </h2>
            <Notice result={result} intent="add-course" />
            <Form method="post">
              <input type="hidden" name="intent" value="add-course" />
              <Field id="course-title" name="title" label="Title" errors={errorsFor(result, "add-course")} required />
              <div className="form-row">
                <Field id="course-code" name="code" label="Code" errors={errorsFor(result, "add-course")} />
                <Field id="course-refresh" name="refreshMonths" label="Refresh every (months)" errors={errorsFor(result, "add-course")} />
              </div>
              <Field id="course-provider" name="provider" label="Provider" errors={errorsFor(result, "add-course")} />
              <button type="submit">Add course</button>
            </Form>
          </section>
        </div>
      ) : null}
      <p className="muted">Completions before {formatDateLong(d.today)} count; a completion lasts the course's refresh interval unless the certificate gives an expiry.</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
