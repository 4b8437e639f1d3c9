/**
 * Contractor assurance: for each provider in the service-provider register, whether its contract carries competence
 * and conduct clauses, the last assurance return received and the next one due; overdue flagged with the reasons.
 */
import { plural } from "~/utils/plural";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateLong } from "~/compliance/dates";
import { contractorAssurance, recordAssuranceReturn, removeAssuranceReturn, setProviderClauses } from "~/models/conduct/provider-assurance.server";
import { conductAction } from "~/models/conduct/form-response.server";
import { ConductTable, errorsFor, Field, IntentButton, IntentFormPanel, Notice, SelectField, StateTag, TextAreaField, typedFor } from "~/components/conduct/form-bits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Contractor assurance · Conduct · Competence & Conduct" }];

const STATE_LABELS: Record<string, string> = { current: "Current", due_soon: "Return due soon", overdue: "Return overdue", none_received: "No return yet" };
const CLAUSE_LABELS: Record<string, string> = { both: "Competence and conduct", competence_only: "Competence only", conduct_only: "Conduct only", none: "Neither" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const picture = await contractorAssurance(scope, scope.today);
  return { slug: organisation.slug, today: scope.today, canRecord: can(user.role, "org.records"), canEditRegister: can(user.role, "org.settings"), ...picture };
}

export async function action(args: ActionFunctionArgs) {
  return conductAction(args, {
    fields: ["providerId", "competenceClause", "conductClause", "assuranceMonths", "receivedOn", "summary", "returnId"],
    otherwise: "org.records",
    intents: {
      "set-clauses": { permission: "org.records", run: setProviderClauses, done: (r) => `Saved the contract terms of ${r.name}.` },
      "record-return": { permission: "org.records", run: recordAssuranceReturn, done: (r) => `Recorded the assurance return from ${r.name}.`, keepTyped: true },
      "remove-return": { permission: "org.records", run: removeAssuranceReturn, done: (r) => `Removed an assurance return from ${r.name}.` },
    },
  });
}

export default function ContractorAssurance() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsFor(result, "record-return");
  const typed = typedFor(result, "record-return");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Contractor assurance</h1>
          <p>
            The steps taken to secure the same competence and conduct from contractors: whether each contract carries competence and conduct clauses, the assurance returns received
            and when the next is due. The providers are those in the <Link to={`/orgs/${d.slug}/providers`}>service-provider register</Link>.
          </p>
        </div>
      </div>
      <Notice result={result} intent="set-clauses" />
      <Notice result={result} intent="remove-return" />
      {d.providers.length === 0 ? (
        <section className="panel">
          <p data-testid="assurance-empty">
            No service providers in the register yet.{" "}
            {d.canEditRegister ? (
              <>
                <Link to={`/orgs/${d.slug}/providers`}>Add them to the register</Link> first.
              </>
            ) : null}
          </p>
        </section>
      ) : (
        <section className="panel" aria-labelledby="assurance-title">
          <h2 id="assurance-title" style={{ marginTop: 0 }}>
            Service providers
          </h2>
          <p data-testid="assurance-needing-action">
            {d.needingAction === 0 ? "Every provider's contract carries both clauses and its returns are up to date." : `${d.needingAction} of ${plural(d.providers.length, "provider")} need action.`}
          </p>
          <ConductTable testId="assurance" columns={["Provider", "Active staff", "Contract clauses", "Last return", "Next due", "State"]}>
            {d.providers.map(({ provider: p, assurance: a, returns }) => (
              <tr key={p.id} data-provider={p.name} data-state={a.state} data-clauses={a.clauses}>
                <th scope="row">{p.name}</th>
                <td>
                  <Link to={`/orgs/${d.slug}/people?q=${encodeURIComponent(p.name)}`}>{p.activeStaff}</Link>
                </td>
                <td>
                  {d.canRecord ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="set-clauses" />
                      <input type="hidden" name="providerId" value={p.id} />
                      <input id={`competence-${p.id}`} type="checkbox" name="competenceClause" value="yes" defaultChecked={p.competenceClause} />{" "}
                      <label htmlFor={`competence-${p.id}`}>Competence</label>{" "}
                      <input id={`conduct-${p.id}`} type="checkbox" name="conductClause" value="yes" defaultChecked={p.conductClause} />{" "}
                      <label htmlFor={`conduct-${p.id}`}>Conduct</label>{" "}
                      <label htmlFor={`months-${p.id}`}>every</label>{" "}
                      <input id={`months-${p.id}`} name="assuranceMonths" size={3} inputMode="numeric" defaultValue={String(p.assuranceMonths)} /> months{" "}
                      <button type="submit" className="secondary" aria-label={`Save the contract terms of ${p.name}`}>
                        Save
                      </button>
                      {result && !result.ok && typedFor(result, "set-clauses").providerId === String(p.id) ? (
                        <span className="field-error">{Object.values(result.errors)[0] ?? result.message}</span>
                      ) : null}
                    </Form>
                  ) : (
                    <>
                      {CLAUSE_LABELS[a.clauses]} · a return every {plural(p.assuranceMonths, "month")}
                    </>
                  )}
                </td>
                <td>
                  {a.lastReturnOn ? formatDateLong(a.lastReturnOn) : "–"}
                  {returns.length > 0 ? (
                    <details>
                      <summary>{returns.length === 1 ? "1 return" : `${returns.length} returns`}</summary>
                      <ul className="plain">
                        {returns.map((r) => (
                          <li key={r.id}>
                            {formatDateLong(r.receivedOn)}
                            {r.summary ? `: ${r.summary}` : ""}
                            {d.canRecord ? (
                              <IntentButton intent="remove-return" fields={{ returnId: r.id }} label={`Remove the return of ${r.receivedOn} from ${p.name}`} style={{ display: "inline" }}>
                                ×
                              </IntentButton>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
                <td>{a.nextDueOn ? formatDateLong(a.nextDueOn) : "Now"}</td>
                <td>
                  <StateTag state={a.state === "current" && a.clauses !== "both" ? "due" : a.state}>
                    {a.clauses !== "both" && a.state === "current" ? "Clauses missing" : STATE_LABELS[a.state]}
                  </StateTag>
                  {a.reasons.map((r) => (
                    <div className="muted" key={r}>
                      {r}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </ConductTable>
        </section>
      )}
      {d.canRecord && d.providers.length > 0 ? (
        <IntentFormPanel id="record-return" title="Record an assurance return" intent="record-return" result={result} submit="Record return">
          <div className="form-row">
            <SelectField
              id="return-provider"
              name="providerId"
              label="Provider"
              errors={errors}
              defaultValue={typed.providerId ?? String(d.providers[0].provider.id)}
              options={d.providers.map(({ provider: p }) => ({ value: p.id, label: p.name }))}
            />
            <Field id="return-received-on" name="receivedOn" label="Received on" type="date" defaultValue={typed.receivedOn ?? d.today} errors={errors} required />
          </div>
          <TextAreaField id="return-summary" name="summary" label="Summary (what it showed)" errors={errors} defaultValue={typed.summary} />
        </IntentFormPanel>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
