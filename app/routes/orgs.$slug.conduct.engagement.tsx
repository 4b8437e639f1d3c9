/** Tenant engagement log: dated entries of how tenants influenced or scrutinised a policy or code version, with outcome. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { ENGAGEMENT_KINDS, ENGAGEMENT_KIND_LABELS, POLICY_KIND_LABELS } from "~/conduct/labels";
import { listEngagements, recordEngagement, removeEngagement } from "~/models/conduct/engagements.server";
import { listPolicyVersions } from "~/models/conduct/policies.server";
import { formResponse, formValues, unknownIntent } from "~/models/conduct/form-response.server";
import { errorsFor, Field, Notice, typedFor } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Tenant engagement · Conduct · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const [entries, versions] = await Promise.all([listEngagements(scope), listPolicyVersions(scope)]);
  return {
    canRecord: can(user.role, "org.records"),
    today: scope.today,
    entries,
    versions: versions.map((v) => ({ id: v.id, name: `${POLICY_KIND_LABELS[v.kind]} ${v.version}` })),
  };
}

const FIELDS = ["heldOn", "kind", "title", "policyVersionId", "influence", "outcome", "engagementId"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.records");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const v = formValues(form, FIELDS);
  switch (intent) {
    case "record-engagement":
      return formResponse(intent, await recordEngagement(scope, v), () => `Recorded "${v.title.trim()}".`, form);
    case "remove-engagement":
      return formResponse(intent, await removeEngagement(scope, v), (r) => `Removed "${r.title}".`);
    default:
      return unknownIntent(intent);
  }
}

export default function TenantEngagement() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsFor(result, "record-engagement");
  const typed = typedFor(result, "record-engagement");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Tenant engagement</h1>
          <p>
            How tenants influenced or scrutinised the policies and the code of conduct: tenant panels, surveys, scrutiny meetings and other engagement, each dated, with what tenants said
            and what changed as a result.
          </p>
        </div>
      </div>
      <Notice result={result} intent="remove-engagement" />
      <section className="panel" aria-labelledby="engagement-log-title">
        <h2 id="engagement-log-title" style={{ marginTop: 0 }}>
          Log
        </h2>
        {d.entries.length === 0 ? (
          <p data-testid="engagement-empty">No tenant engagement recorded yet{d.canRecord ? ": record the first below" : ""}.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="engagement-log">
              <thead>
                <tr>
                  <th scope="col">Held</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Engagement</th>
                  <th scope="col">About</th>
                  <th scope="col">How tenants influenced or scrutinised it</th>
                  <th scope="col">Outcome</th>
                  {d.canRecord ? <th scope="col"><span className="visually-hidden">Remove</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  <tr key={e.id} data-engagement={e.title}>
                    <td>{formatDateLong(e.heldOn)}</td>
                    <td>{ENGAGEMENT_KIND_LABELS[e.kind]}</td>
                    <th scope="row">{e.title}</th>
                    <td>{e.policy ? `${POLICY_KIND_LABELS[e.policy.kind]} ${e.policy.version}` : <span className="muted">The approach in general</span>}</td>
                    <td>{e.influence ?? "–"}</td>
                    <td>{e.outcome ?? <span className="muted">Not recorded yet</span>}</td>
                    {d.canRecord ? (
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove-engagement" />
                          <input type="hidden" name="engagementId" value={e.id} />
                          <button type="submit" className="secondary" aria-label={`Remove "${e.title}"`}>
                            Remove
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {d.canRecord ? (
        <section className="panel" aria-labelledby="record-engagement-title">
          <h2 id="record-engagement-title" style={{ marginTop: 0 }}>
            Record an engagement
          </h2>
          <Notice result={result} intent="record-engagement" />
          <Form method="post">
            <input type="hidden" name="intent" value="record-engagement" />
            <div className="form-row">
              <Field id="engagement-held-on" name="heldOn" label="Held on" type="date" defaultValue={typed.heldOn ?? d.today} errors={errors} required />
              <Field id="engagement-kind" name="kind" label="Kind" errors={errors}>
                <select id="engagement-kind" name="kind" defaultValue={typed.kind ?? "panel"}>
                  {ENGAGEMENT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {ENGAGEMENT_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="engagement-title" name="title" label="Title" defaultValue={typed.title} errors={errors} required />
              <Field id="engagement-policy" name="policyVersionId" label="About (policy or code version)" errors={errors}>
                <select id="engagement-policy" name="policyVersionId" defaultValue={typed.policyVersionId ?? ""}>
                  <option value="">The approach in general</option>
                  {d.versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Field id="engagement-influence" name="influence" label="How tenants influenced or scrutinised it" errors={errors}>
              <textarea id="engagement-influence" name="influence" rows={2} defaultValue={typed.influence} />
            </Field>
            <Field id="engagement-outcome" name="outcome" label="Outcome" errors={errors}>
              <textarea id="engagement-outcome" name="outcome" rows={2} defaultValue={typed.outcome} />
            </Field>
            <button type="submit">Record engagement</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
