/** Policies: every version with who approved it and when, its review date, where tenants can read it; history kept. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { POLICY_KINDS, POLICY_KIND_LABELS } from "~/conduct/labels";
import { addPolicyVersion, policyRegister, setPolicyReviewDate } from "~/models/conduct/policies.server";
import { conductAction } from "~/models/conduct/form-response.server";
import { errorsFor, Field, Notice, StateTag } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Policies · Conduct · Competence & Conduct" }];

const REVIEW_LABELS: Record<string, string> = { current: "Current", due_soon: "Review due soon", overdue: "Review overdue", no_review_date: "No review date", superseded: "Superseded" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope } = await requireOrgPermission(request, params.slug, "org.read");
  return { canEdit: can(user.role, "org.settings"), today: scope.today, policies: await policyRegister(scope, scope.today) };
}

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: ["kind", "version", "approvedBy", "approvedOn", "reviewBy", "tenantUrl", "documentRef", "note", "versionId"],
    otherwise: "org.settings",
    intents: {
      "add-version": {
        permission: "org.settings",
        run: addPolicyVersion,
        done: (_, v) => `Recorded ${POLICY_KIND_LABELS[v.kind as keyof typeof POLICY_KIND_LABELS] ?? "the policy"} version "${v.version.trim()}".`,
      },
      "set-review": { permission: "org.settings", run: (scope, v) => setPolicyReviewDate(scope, { versionId: v.versionId, reviewBy: v.reviewBy }), done: () => "Review date saved." },
    },
  });
}

export default function Policies() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsFor(result, "add-version");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Policies</h1>
          <p>
            The written policies the direction asks for (learning and development, appraisal and performance review, managing poor performance) and the code of conduct: each version, who
            approved it and when, when it is next reviewed and where tenants can read it.
          </p>
        </div>
      </div>
      <Notice result={result} intent="set-review" />
      {POLICY_KINDS.map((kind) => {
        const versions = d.policies.filter((p) => p.kind === kind);
        return (
          <section className="panel" key={kind} aria-labelledby={`kind-${kind}`} data-kind={kind}>
            <h2 id={`kind-${kind}`} style={{ marginTop: 0 }}>
              {POLICY_KIND_LABELS[kind]}
            </h2>
            {versions.length === 0 ? (
              <p>
                <StateTag state="missing">None recorded</StateTag> No version of this policy is recorded yet.
              </p>
            ) : (
              <div className="table-wrap">
                <table data-testid={`policy-${kind}`}>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Approved</th>
                      <th scope="col">Review by</th>
                      <th scope="col">State</th>
                      <th scope="col">Tenants can read it</th>
                      <th scope="col">Document</th>
                    </tr>
                  </thead>
                  <tbody>
                    {versions.map((p) => (
                      <tr key={p.id} data-version={p.version}>
                        <th scope="row">{p.version}</th>
                        <td>
                          {formatDateLong(p.approvedOn)}
                          {p.approvedBy ? ` by ${p.approvedBy}` : ""}
                        </td>
                        <td>
                          {d.canEdit && p.current ? (
                            <Form method="post" className="inline-form">
                              <input type="hidden" name="intent" value="set-review" />
                              <input type="hidden" name="versionId" value={p.id} />
                              <label className="visually-hidden" htmlFor={`review-${p.id}`}>
                                Review by for {p.version}
                              </label>
                              <input id={`review-${p.id}`} name="reviewBy" type="date" defaultValue={p.reviewBy ?? ""} />
                              <button type="submit" className="secondary">
                                Save
                              </button>
                            </Form>
                          ) : p.reviewBy ? (
                            formatDateLong(p.reviewBy)
                          ) : (
                            "–"
                          )}
                        </td>
                        <td>
                          <StateTag state={p.review.state}>{REVIEW_LABELS[p.review.state]}</StateTag>
                          <div className="muted">{p.review.reason}</div>
                        </td>
                        <td>{p.tenantUrl ? <a href={p.tenantUrl} rel="noreferrer noopener" target="_blank">{p.tenantUrl}</a> : <span className="muted">No link</span>}</td>
                        <td>{p.documentRef ?? "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      {d.canEdit ? (
        <section className="panel" aria-labelledby="add-version-title">
          <h2 id="add-version-title" style={{ marginTop: 0 }}>
            Record a new version
          </h2>
          <p className="muted">A new code of conduct version means everyone owes an acknowledgement of it.</p>
          <Notice result={result} intent="add-version" />
          <Form method="post">
            <input type="hidden" name="intent" value="add-version" />
            <div className="form-row">
              <Field id="policy-kind" name="kind" label="Policy" errors={errors}>
                <select id="policy-kind" name="kind" defaultValue="code_of_conduct">
                  {POLICY_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {POLICY_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="policy-version" name="version" label="Version" errors={errors} required />
              <Field id="policy-approved-by" name="approvedBy" label="Approved by (board or committee)" errors={errors} />
              <Field id="policy-approved-on" name="approvedOn" label="Approved on" type="date" errors={errors} required />
              <Field id="policy-review-by" name="reviewBy" label="Review by" type="date" errors={errors} />
            </div>
            <div className="form-row">
              <Field id="policy-url" name="tenantUrl" label="Where tenants can read it (link)" type="url" errors={errors} />
              <Field id="policy-ref" name="documentRef" label="Document reference" errors={errors} />
            </div>
            <Field id="policy-note" name="note" label="Note" errors={errors}>
              <textarea id="policy-note" name="note" rows={2} />
            </Field>
            <button type="submit">Record version</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
