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
import { conductAction } from "~/models/conduct/form-response.server";
import { ConductTable, errorsFor, Field, IntentFormPanel, Notice, PersonRowHeader, SelectField, StateTag } from "~/components/conduct/form-bits";
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

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: ["employeeRef", "kind", "heldOn", "note", "category", "months"],
    otherwise: "org.read",
    intents: {
      "record-meeting": {
        permission: "org.records",
        run: recordMeeting,
        done: (_, v) => `Recorded the ${MEETING_KIND_LABELS[v.kind as keyof typeof MEETING_KIND_LABELS]?.toLowerCase() ?? "meeting"} of ${v.employeeRef.trim()}.`,
      },
      "set-interval": { permission: "org.settings", run: setMeetingInterval, done: (r) => (r.months === null ? "Saved: not expected." : `Saved: every ${plural(r.months, "month")}.`) },
    },
  });
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
          <ConductTable testId="meetings-overdue" columns={["Person", "Job title", "Why"]}>
            {d.overdue.map((p) => (
              <tr key={p.ref} data-ref={p.ref}>
                <PersonRowHeader slug={d.slug} employeeRef={p.ref} name={p.name} detail={p.ref} />
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
          </ConductTable>
        )}
      </section>
      {d.canRecord ? (
        <IntentFormPanel id="record-meeting" title="Record a meeting" intent="record-meeting" result={result} submit="Record meeting">
          <div className="form-row">
            <Field id="meeting-ref" name="employeeRef" label="Employee reference" errors={errors} required />
            <SelectField id="meeting-kind" name="kind" label="Kind" errors={errors} defaultValue="supervision" options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
            <Field id="meeting-held-on" name="heldOn" label="Held on" type="date" defaultValue={d.today} errors={errors} required />
            <Field id="meeting-note" name="note" label="Note" errors={errors} />
          </div>
        </IntentFormPanel>
      ) : null}
      <section className="panel" aria-labelledby="intervals-title">
        <h2 id="intervals-title" style={{ marginTop: 0 }}>
          Expected intervals
        </h2>
        <Notice result={result} intent="set-interval" />
        <ConductTable testId="meeting-intervals" columns={["Category", ...MEETING_KINDS.map((k) => MEETING_KIND_LABELS[k])]}>
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
        </ConductTable>
        <p className="muted">Months between meetings; blank = not expected. Someone whose job title is undecided is held to the out-of-scope intervals.</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
