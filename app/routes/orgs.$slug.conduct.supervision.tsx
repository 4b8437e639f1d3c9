/** Supervision, one-to-ones and appraisals: who is overdue and why, the expected interval per category, and recording a meeting. */
import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CATEGORIES } from "~/compliance/types";
import { CATEGORY_LABELS } from "~/compliance/status";
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from "~/conduct/labels";
import type { MeetingStatus } from "~/conduct/supervision";
import { formatDateLong } from "~/compliance/dates";
import { asOfFrom } from "~/models/compliance.server";
import { meetingPicture, recordMeeting, setMeetingInterval } from "~/models/conduct/meetings.server";
import { formResponse, formValues, unknownIntent } from "~/models/conduct/form-response.server";
import { errorsFor, Field, Notice, StateTag } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Supervision and appraisal · Conduct · Competence & Conduct" }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const kindParam = url.searchParams.get("kind");
  const kind = (MEETING_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as MeetingKind) : null;
  const p = await meetingPicture(scope, asOf);
  const isShown = (s: MeetingStatus) => s.state === "overdue" && (kind === null || s.kind === kind);
  const overdue = p.people
    .filter((r) => r.statuses.some(isShown))
    .slice(0, 500)
    .map((r) => ({ ref: r.person.employeeRef, name: r.person.name, jobTitle: r.person.jobTitle, statuses: r.statuses.filter(isShown).map((s) => ({ kind: s.kind, reason: s.reason })) }));
  return {
    slug: organisation.slug,
    today: scope.today,
    asOf,
    kind,
    canRecord: can(user.role, "org.records"),
    canSettings: can(user.role, "org.settings"),
    expected: p.expected,
    overdueCounts: p.overdue,
    intervals: p.intervals,
    overdue,
    active: p.people.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const v = formValues(form, ["employeeRef", "kind", "heldOn", "note", "category", "months"]);
  if (intent === "record-meeting") {
    const { scope } = await requireOrgPermission(request, params.slug, "org.records");
    return formResponse(intent, await recordMeeting(scope, v), () => `Recorded the ${MEETING_KIND_LABELS[v.kind as keyof typeof MEETING_KIND_LABELS]?.toLowerCase() ?? "meeting"} of ${v.employeeRef.trim()}.`);
  }
  if (intent === "set-interval") {
    const { scope } = await requireOrgPermission(request, params.slug, "org.settings");
    return formResponse(intent, await setMeetingInterval(scope, v), (r) => (r.months === null ? "Saved: not expected." : `Saved: every ${plural(r.months, "month")}.`));
  }
  await requireOrgPermission(request, params.slug, "org.read");
  return unknownIntent(intent);
}

export default function Supervision() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsFor(result, "record-meeting");
  const asOfQuery = d.asOf === d.today ? "" : `asOf=${d.asOf}&`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Supervision and appraisal</h1>
          {d.asOf !== d.today ? <p className="notice info">As of {formatDateLong(d.asOf)}.</p> : null}
          <p>Dates held per person against the interval the organisation expects for each category of role.</p>
        </div>
      </div>
      <section className="tiles" aria-label="Meetings overdue" data-testid="meeting-tiles">
        {MEETING_KINDS.map((k) => (
          <div className="tile" key={k} data-measure={`${k}-overdue`}>
            <div className="label">{MEETING_KIND_LABELS[k]} overdue</div>
            <div className="value">{d.overdueCounts[k]}</div>
            <div className="sub">of {plural(d.expected[k], "person")} it is expected of</div>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="overdue-title">
        <h2 id="overdue-title" style={{ marginTop: 0 }}>
          Who is overdue{d.kind ? `: ${MEETING_KIND_LABELS[d.kind].toLowerCase()}` : ""}
        </h2>
        <p className="no-print">
          {d.kind ? <Link to={`?${asOfQuery}`}>Every kind</Link> : "Every kind"}
          {MEETING_KINDS.map((k) => (
            <span key={k}>
              {" · "}
              {d.kind === k ? MEETING_KIND_LABELS[k] : <Link to={`?${asOfQuery}kind=${k}`}>{MEETING_KIND_LABELS[k]}</Link>}
            </span>
          ))}
        </p>
        {d.overdue.length === 0 ? (
          <p>Nobody is overdue.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="meetings-overdue">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Job title</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {d.overdue.map((p) => (
                  <tr key={p.ref} data-ref={p.ref}>
                    <th scope="row">
                      <Link to={`/orgs/${d.slug}/people/${encodeURIComponent(p.ref)}`}>{p.name}</Link> <span className="muted">{p.ref}</span>
                    </th>
                    <td>{p.jobTitle}</td>
                    <td>
                      {p.statuses.map((s) => (
                        <div key={s.kind}>
                          <StateTag state="overdue">{MEETING_KIND_LABELS[s.kind]}</StateTag> {s.reason}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {d.canRecord ? (
        <section className="panel" aria-labelledby="record-meeting-title">
          <h2 id="record-meeting-title" style={{ marginTop: 0 }}>
            Record a meeting
          </h2>
          <Notice result={result} intent="record-meeting" />
          <Form method="post">
            <input type="hidden" name="intent" value="record-meeting" />
            <div className="form-row">
              <Field id="meeting-ref" name="employeeRef" label="Employee reference" errors={errors} required />
              <Field id="meeting-kind" name="kind" label="Kind" errors={errors}>
                <select id="meeting-kind" name="kind" defaultValue="supervision">
                  {MEETING_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {MEETING_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="meeting-held-on" name="heldOn" label="Held on" type="date" defaultValue={d.today} errors={errors} required />
              <Field id="meeting-note" name="note" label="Note" errors={errors} />
            </div>
            <button type="submit">Record meeting</button>
          </Form>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="intervals-title">
        <h2 id="intervals-title" style={{ marginTop: 0 }}>
          Expected intervals
        </h2>
        <Notice result={result} intent="set-interval" />
        <div className="table-wrap">
          <table data-testid="meeting-intervals">
            <thead>
              <tr>
                <th scope="col">Category</th>
                {MEETING_KINDS.map((k) => (
                  <th scope="col" key={k}>
                    {MEETING_KIND_LABELS[k]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((c) => (
                <tr key={c}>
                  <th scope="row">{CATEGORY_LABELS[c]}</th>
                  {MEETING_KINDS.map((k) => {
                    const months = d.intervals[k][c];
                    return (
                      <td key={k}>
                        {d.canSettings ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="set-interval" />
                            <input type="hidden" name="kind" value={k} />
                            <input type="hidden" name="category" value={c} />
                            <label className="visually-hidden" htmlFor={`interval-${k}-${c}`}>
                              {MEETING_KIND_LABELS[k]} for {CATEGORY_LABELS[c]}, months
                            </label>
                            <input id={`interval-${k}-${c}`} name="months" inputMode="numeric" size={3} defaultValue={months === null ? "" : String(months)} placeholder="–" />
                            <button type="submit" className="secondary">
                              Save
                            </button>
                          </Form>
                        ) : months === null ? (
                          "Not expected"
                        ) : (
                          `Every ${plural(months, "month")}`
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Months between meetings; blank = not expected. Someone whose job title is undecided is held to the out-of-scope intervals.</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
