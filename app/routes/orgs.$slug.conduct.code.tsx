/** Code of conduct acknowledgements: % acknowledged overall, by department and employer, and who is overdue. */
import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { asOfFrom } from "~/models/compliance.server";
import { acknowledgementPicture, recordAcknowledgement } from "~/models/conduct/acknowledgements.server";
import { setAckDays } from "~/models/conduct/policies.server";
import { conductAction } from "~/models/conduct/form-response.server";
import { errorsFor, Field, IntentFormPanel, Notice, PersonRowHeader, SelectField, StateTag } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Code of conduct · Conduct · Competence & Conduct" }];

const STATE_LABELS = { acknowledged: "Acknowledged", due: "Due", overdue: "Overdue" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const asOf = asOfFrom(url.searchParams.get("asOf"));
  const p = await acknowledgementPicture(scope, asOf);
  const showParam = url.searchParams.get("show");
  const show = showParam === "all" || showParam === "overdue" ? showParam : "owing";
  return {
    slug: organisation.slug,
    today: scope.today,
    asOf,
    canRecord: can(user.role, "org.records"),
    canSettings: can(user.role, "org.settings"),
    show,
    code: p.code ? { id: p.code.id, version: p.code.version, approvedOn: p.code.approvedOn, approvedBy: p.code.approvedBy } : null,
    versions: p.versions.map((v) => ({ id: v.id, version: v.version })),
    ackDays: p.ackDays,
    required: p.required,
    acknowledged: p.acknowledged,
    due: p.due,
    overdue: p.overdue,
    pct: p.pct,
    byDepartment: p.byDepartment,
    byEmployer: p.byEmployer,
    people: p.people
      .filter((r) => show === "all" || (show === "overdue" ? r.status.state === "overdue" : r.status.state !== "acknowledged"))
      .sort((a, b) => (a.status.state === b.status.state ? a.person.employeeRef.localeCompare(b.person.employeeRef) : a.status.state === "overdue" ? -1 : 1))
      .slice(0, 500)
      .map((r) => ({ ref: r.person.employeeRef, name: r.person.name, department: r.person.department, employer: r.person.employer, ...r.status })),
  };
}

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: ["employeeRef", "versionId", "acknowledgedOn", "days"],
    otherwise: "org.read",
    intents: {
      acknowledge: { permission: "org.records", run: recordAcknowledgement, done: (_, v) => `Recorded the acknowledgement by ${v.employeeRef.trim()}.` },
      "ack-days": { permission: "org.settings", run: setAckDays, done: (r) => `Everyone now has ${plural(r.days, "day")} to acknowledge a new code of conduct.` },
    },
  });
}

function pct(v: number | null): string {
  return v === null ? "–" : `${v}%`;
}

function GroupTable({ caption, groups, testId }: { caption: string; groups: Array<{ name: string; required: number; acknowledged: number; overdue: number; pct: number | null }>; testId: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption.replace("By ", "").replace(/^./, (c) => c.toUpperCase())}</th>
            <th scope="col">People</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Overdue</th>
            <th scope="col">%</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.name}>
              <th scope="row">{g.name}</th>
              <td>{g.required}</td>
              <td>{g.acknowledged}</td>
              <td>{g.overdue}</td>
              <td>{pct(g.pct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CodeOfConduct() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/orgs/${d.slug}`;
  const asOfQuery = d.asOf === d.today ? "" : `asOf=${d.asOf}&`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Code of conduct</h1>
          {d.asOf !== d.today ? <p className="notice info">As of {formatDateLong(d.asOf)}.</p> : null}
          <p>
            Every active person, frontline and contractor staff included, acknowledges each approved version within {plural(d.ackDays, "day")} (or {plural(d.ackDays, "day")} from starting, if they join later).
          </p>
        </div>
      </div>
      {d.code ? (
        <>
          <p>
            In force: <strong>version {d.code.version}</strong>, approved {formatDateLong(d.code.approvedOn)}
            {d.code.approvedBy ? ` by ${d.code.approvedBy}` : ""}.
          </p>
          <section className="tiles" aria-label="Acknowledgements" data-testid="ack-tiles">
            <div className="tile" data-measure="pct-acknowledged">
              <div className="label">Acknowledged</div>
              <div className="value">{pct(d.pct)}</div>
              <div className="sub">
                {d.acknowledged} of {d.required} active people
              </div>
            </div>
            <div className="tile" data-measure="ack-due">
              <div className="label">Still within the {plural(d.ackDays, "day")}</div>
              <div className="value">{d.due}</div>
            </div>
            <div className="tile" data-measure="ack-overdue">
              <div className="label">Overdue</div>
              <div className="value">{d.overdue}</div>
            </div>
          </section>
          <div className="grid-2">
            <section className="panel">
              <GroupTable caption="By department" groups={d.byDepartment} testId="ack-by-department" />
            </section>
            <section className="panel">
              <GroupTable caption="By employer" groups={d.byEmployer} testId="ack-by-employer" />
            </section>
          </div>
          <section className="panel" aria-labelledby="ack-people-title">
            <h2 id="ack-people-title" style={{ marginTop: 0 }}>
              {d.show === "all" ? "Everyone" : d.show === "overdue" ? "Who is overdue" : "Who still owes an acknowledgement"}
            </h2>
            <p>
              {d.show === "owing" ? <Link to={`?${asOfQuery}show=all`}>Show everyone</Link> : <Link to={`?${asOfQuery}`}>Show only who still owes one</Link>}
              {d.show !== "overdue" ? (
                <>
                  {" · "}
                  <Link to={`?${asOfQuery}show=overdue`}>Only who is overdue</Link>
                </>
              ) : null}
            </p>
            {d.people.length === 0 ? (
              <p>Nobody owes an acknowledgement of this version.</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="ack-people">
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Department</th>
                      <th scope="col">Employer</th>
                      <th scope="col">State</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.people.map((p) => (
                      <tr key={p.ref} data-ref={p.ref}>
                        <PersonRowHeader slug={d.slug} employeeRef={p.ref} name={p.name} detail={p.ref} />
                        <td>{p.department ?? "–"}</td>
                        <td>{p.employer || "Employed directly"}</td>
                        <td>
                          <StateTag state={p.state}>{STATE_LABELS[p.state]}</StateTag>
                        </td>
                        <td>{p.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : (
        <p className="notice">
          No code of conduct version is in force yet.{" "}
          {d.canSettings ? (
            <>
              <Link to={`${base}/conduct/policies`}>Record the approved version</Link> first.
            </>
          ) : null}
        </p>
      )}
      {d.canRecord && d.versions.length > 0 ? (
        <IntentFormPanel
          id="ack-record"
          title="Record an acknowledgement"
          intent="acknowledge"
          result={result}
          submit="Record acknowledgement"
          intro={
            <p className="muted">
              Many at once? <Link to={`${base}/conduct/import`}>Import a CSV</Link>.
            </p>
          }
        >
          <div className="form-row">
            <Field id="ack-ref" name="employeeRef" label="Employee reference" errors={errorsFor(result, "acknowledge")} required />
            <SelectField id="ack-version" name="versionId" label="Version" errors={errorsFor(result, "acknowledge")} defaultValue={d.code?.id ?? d.versions[0].id} options={d.versions.map((v) => ({ value: v.id, label: v.version }))} />
            <Field id="ack-on" name="acknowledgedOn" label="Acknowledged on" type="date" defaultValue={d.today} errors={errorsFor(result, "acknowledge")} required />
          </div>
        </IntentFormPanel>
      ) : null}
      {d.canSettings ? (
        <section className="panel" aria-labelledby="ack-days-title">
          <h2 id="ack-days-title" style={{ marginTop: 0 }}>
            Days to acknowledge
          </h2>
          <Notice result={result} intent="ack-days" />
          <Form method="post" className="form-row">
            <input type="hidden" name="intent" value="ack-days" />
            <Field id="ack-days" name="days" label="Days after a version is approved (or a person starts)" type="number" defaultValue={String(d.ackDays)} errors={errorsFor(result, "ack-days")} />
            <div className="field">
              <button type="submit">Save</button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
