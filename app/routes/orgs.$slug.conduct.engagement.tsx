/** Tenant engagement log: dated entries of how tenants influenced or scrutinised a policy or code version, with outcome. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { ENGAGEMENT_KINDS, ENGAGEMENT_KIND_LABELS, POLICY_KIND_LABELS } from "~/conduct/labels";
import { listEngagements, recordEngagement, removeEngagement } from "~/models/conduct/engagements.server";
import { listPolicyVersions } from "~/models/conduct/policies.server";
import { conductAction } from "~/models/conduct/form-response.server";
import { ConductTable, errorsFor, Field, IntentButton, IntentFormPanel, Notice, SelectField, TextAreaField, typedFor } from "~/components/conduct/form-bits";
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

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: FIELDS,
    otherwise: "org.records",
    intents: {
      "record-engagement": { permission: "org.records", run: recordEngagement, done: (_, v) => `Recorded "${v.title.trim()}".`, keepTyped: true },
      "remove-engagement": { permission: "org.records", run: removeEngagement, done: (r) => `Removed "${r.title}".` },
    },
  });
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
          <ConductTable
            testId="engagement-log"
            columns={["Held", "Kind", "Engagement", "About", "How tenants influenced or scrutinised it", "Outcome", d.canRecord ? <span className="visually-hidden">Remove</span> : null]}
          >
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
                    <IntentButton intent="remove-engagement" fields={{ engagementId: e.id }} label={`Remove "${e.title}"`}>
                      Remove
                    </IntentButton>
                  </td>
                ) : null}
              </tr>
            ))}
          </ConductTable>
        )}
      </section>
      {d.canRecord ? (
        <IntentFormPanel id="record-engagement" title="Record an engagement" intent="record-engagement" result={result} submit="Record engagement">
          <div className="form-row">
            <Field id="engagement-held-on" name="heldOn" label="Held on" type="date" defaultValue={typed.heldOn ?? d.today} errors={errors} required />
            <SelectField id="engagement-kind" name="kind" label="Kind" errors={errors} defaultValue={typed.kind ?? "panel"} options={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: ENGAGEMENT_KIND_LABELS[k] }))} />
            <Field id="engagement-title" name="title" label="Title" defaultValue={typed.title} errors={errors} required />
            <SelectField
              id="engagement-policy"
              name="policyVersionId"
              label="About (policy or code version)"
              errors={errors}
              defaultValue={typed.policyVersionId ?? ""}
              options={[{ value: "", label: "The approach in general" }, ...d.versions.map((v) => ({ value: v.id, label: v.name }))]}
            />
          </div>
          <TextAreaField id="engagement-influence" name="influence" label="How tenants influenced or scrutinised it" errors={errors} defaultValue={typed.influence} />
          <TextAreaField id="engagement-outcome" name="outcome" label="Outcome" errors={errors} defaultValue={typed.outcome} />
        </IntentFormPanel>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
