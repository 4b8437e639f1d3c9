/**
 * The person page's conduct panel: code-of-conduct acknowledgements, supervisions and appraisals with their due
 * dates, training with expiry. HR records here through the conduct pages' own actions (a fetcher: the person page
 * reloads in place; without JavaScript the form lands on the conduct page with its notice).
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDateLong } from "~/compliance/dates";
import { MEETING_KIND_LABELS, MEETING_KINDS } from "~/conduct/labels";
import type { ConductPanelData } from "~/models/conduct/person-panel.server";
import type { PanelProps } from "~/components/person/types";
import { errorsFor, Field, Notice, type ActionNotice } from "./form-bits";

const STATE_WORDS: Record<string, string> = {
  acknowledged: "Acknowledged",
  due: "Due",
  overdue: "Overdue",
  not_expected: "Not expected",
  current: "Up to date",
  due_soon: "Due soon",
  compliant: "Current",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  missing: "Not completed",
  not_required: "Not required",
};

function State({ state }: { state: string }) {
  const bad = state === "overdue" || state === "expired" || state === "missing";
  return (
    <span className="tag" data-state={state} style={bad ? { background: "#b3261e", borderColor: "#b3261e", color: "#fff" } : undefined}>
      {STATE_WORDS[state] ?? state}
    </span>
  );
}

const date = (d: string | null) => (d ? formatDateLong(d) : "–");

/** One recording form posting to a conduct page's action; cleared after a success. */
function useConductForm(intent: string) {
  const fetcher = useFetcher<ActionNotice>();
  const form = useRef<HTMLFormElement>(null);
  const result = fetcher.data && fetcher.data.intent === intent ? fetcher.data : undefined;
  // Cleared once per success, as soon as it arrives (not when the page's revalidation ends: by then HR may be typing the next one).
  const cleared = useRef<ActionNotice | undefined>(undefined);
  useEffect(() => {
    if (result?.ok && cleared.current !== result) {
      cleared.current = result;
      form.current?.reset();
    }
  }, [result]);
  return { fetcher, form, result, errors: errorsFor(result, intent), busy: fetcher.state !== "idle" };
}

export function ConductPanel({ d }: PanelProps) {
  const c = d.panels.conduct as unknown as ConductPanelData | null | undefined;
  if (!c) return null;
  const base = `/orgs/${d.organisation.slug}/conduct`;
  const ref = d.person.employeeRef;
  const canRecord = d.canRecords && c.active;
  return (
    <section className="panel" aria-labelledby="conduct-title" data-testid="person-conduct">
      <h2 id="conduct-title">Conduct</h2>
      <div className="grid-2">
        <div>
          <h3>Code of conduct</h3>
          {c.code ? (
            <p data-testid="person-code">
              <State state={c.code.state} /> {c.code.reason}
            </p>
          ) : (
            <p>No code of conduct version has been approved yet.</p>
          )}
          {c.acknowledgements.length > 0 ? (
            <ul>
              {c.acknowledgements.map((a) => (
                <li key={a.version}>
                  Version {a.version}: acknowledged {date(a.acknowledgedOn)}
                </li>
              ))}
            </ul>
          ) : null}
          {canRecord && c.versions.length > 0 ? <AcknowledgeForm action={`${base}/code`} employeeRef={ref} versions={c.versions} current={c.code?.versionId ?? null} today={d.today} /> : null}
        </div>
        <div>
          <h3>Supervision and appraisal</h3>
          <div className="table-wrap">
            <table data-testid="person-meetings">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">State</th>
                  <th scope="col">Last held</th>
                  <th scope="col">Next due</th>
                </tr>
              </thead>
              <tbody>
                {c.meetings.map((m) => (
                  <tr key={m.kind} data-kind={m.kind} title={m.reason}>
                    <th scope="row">{MEETING_KIND_LABELS[m.kind]}</th>
                    <td>
                      <State state={m.state} />
                    </td>
                    <td>{date(m.lastHeldOn)}</td>
                    <td>{m.state === "not_expected" ? "–" : date(m.dueBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canRecord ? <MeetingForm action={`${base}/supervision`} employeeRef={ref} today={d.today} /> : null}
        </div>
      </div>
      <h3>Training</h3>
      {c.training.length === 0 ? (
        <p>No course is required of this person and none is recorded.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="person-training">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">State</th>
                <th scope="col">Completed</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {c.training.map((t) => (
                <tr key={t.courseId} data-course={t.title} title={t.reason}>
                  <th scope="row">{t.title}</th>
                  <td>
                    <State state={t.state} />
                  </td>
                  <td>{date(t.completedOn)}</td>
                  <td>{t.completedOn ? (t.expiresOn ? date(t.expiresOn) : "Does not expire") : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRecord && c.courses.length > 0 ? <CompletionForm action={`${base}/training`} employeeRef={ref} courses={c.courses} today={d.today} /> : null}
    </section>
  );
}

function AcknowledgeForm({ action, employeeRef, versions, current, today }: { action: string; employeeRef: string; versions: ConductPanelData["versions"]; current: number | null; today: string }) {
  const { fetcher, form, result, errors, busy } = useConductForm("acknowledge");
  return (
    <details className="subforms" open={Boolean(result && !result.ok)}>
      <summary>Record an acknowledgement</summary>
      <Notice result={result} />
      <fetcher.Form method="post" action={action} ref={form} className="subform">
        <input type="hidden" name="intent" value="acknowledge" />
        <input type="hidden" name="employeeRef" value={employeeRef} />
        <div className="form-row">
          <Field id="person-ack-version" name="versionId" label="Version" errors={errors}>
            <select id="person-ack-version" name="versionId" defaultValue={current ?? undefined}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.version}
                </option>
              ))}
            </select>
          </Field>
          <Field id="person-ack-on" name="acknowledgedOn" label="Acknowledged on" type="date" defaultValue={today} errors={errors} required />
        </div>
        <button type="submit" disabled={busy}>
          Record acknowledgement
        </button>
      </fetcher.Form>
    </details>
  );
}

function MeetingForm({ action, employeeRef, today }: { action: string; employeeRef: string; today: string }) {
  const { fetcher, form, result, errors, busy } = useConductForm("record-meeting");
  return (
    <details className="subforms" open={Boolean(result && !result.ok)}>
      <summary>Record a supervision or appraisal</summary>
      <Notice result={result} />
      <fetcher.Form method="post" action={action} ref={form} className="subform">
        <input type="hidden" name="intent" value="record-meeting" />
        <input type="hidden" name="employeeRef" value={employeeRef} />
        <div className="form-row">
          <Field id="person-meeting-kind" name="kind" label="Kind" errors={errors}>
            <select id="person-meeting-kind" name="kind" defaultValue="supervision">
              {MEETING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MEETING_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="person-meeting-on" name="heldOn" label="Held on" type="date" defaultValue={today} errors={errors} required />
          <Field id="person-meeting-note" name="note" label="Note" errors={errors} />
        </div>
        <button type="submit" disabled={busy}>
          Record meeting
        </button>
      </fetcher.Form>
    </details>
  );
}

function CompletionForm({ action, employeeRef, courses, today }: { action: string; employeeRef: string; courses: ConductPanelData["courses"]; today: string }) {
  const { fetcher, form, result, errors, busy } = useConductForm("record-completion");
  return (
    <details className="subforms" open={Boolean(result && !result.ok)}>
      <summary>Record a training completion</summary>
      <Notice result={result} />
      <fetcher.Form method="post" action={action} ref={form} className="subform">
        <input type="hidden" name="intent" value="record-completion" />
        <input type="hidden" name="employeeRef" value={employeeRef} />
        <div className="form-row">
          <Field id="person-completion-course" name="courseId" label="Course" errors={errors}>
            <select id="person-completion-course" name="courseId">
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          <Field id="person-completion-on" name="completedOn" label="Completed on" type="date" defaultValue={today} errors={errors} required />
          <Field id="person-completion-expires" name="expiresOn" label="Expires on (if the certificate says)" type="date" errors={errors} />
        </div>
        <button type="submit" disabled={busy}>
          Record completion
        </button>
      </fetcher.Form>
    </details>
  );
}
