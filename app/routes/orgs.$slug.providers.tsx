/**
 * Service providers: the register of contractors whose staff appear in the staff file (the `employer` field).
 * A provider that gives a comprehensive housing management service is held to the qualification requirement for
 * its staff; any other provider's staff need no qualification, and the landlord takes steps instead (contractor
 * assurance on the conduct side).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { deleteServiceProviderForm, serviceProviderForm } from "~/compliance/edge-forms";
import { formatDateLong } from "~/compliance/dates";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, describedBy } from "~/components/person/form-parts";
import { deleteServiceProvider, saveServiceProvider, serviceProviderRegister } from "~/models/service-providers/register.server";
import { andThen } from "~/models/result";
import { requireOrgPermission } from "~/utils/access.server";
import { can } from "~/utils/permissions";
import { formValues, parseForm, respond } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Service providers · Competence & Conduct" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  const url = new URL(request.url);
  const register = await serviceProviderRegister(scope, scope.today);
  const editParam = url.searchParams.get("edit");
  const editing = editParam ? register.providers.find((p) => String(p.id) === editParam) ?? null : null;
  if (editParam && !editing) throw new Response("No such service provider", { status: 404 });
  return {
    slug: organisation.slug,
    canEdit: can(user.role, "org.settings"),
    register,
    editing,
    suggestedName: (url.searchParams.get("add") ?? "").slice(0, 200),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.settings");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  if (intent === "save") {
    return respond(
      await andThen(parseForm(form, serviceProviderForm), (v) => saveServiceProvider(scope, v)),
      (r) => ({ ok: true as const, intent, message: `Saved ${r.name} in the register: the people it employs are evaluated again.` }),
      { values, context: { intent } },
    );
  }
  if (intent === "delete") {
    return respond(
      await andThen(parseForm(form, deleteServiceProviderForm), (v) => deleteServiceProvider(scope, v)),
      (r) => ({ ok: true as const, intent, message: `Removed ${r.name} from the register: its staff are treated as their job titles say.` }),
      { values, context: { intent } },
    );
  }
  throw new Response("Unknown action", { status: 400 });
}

export default function ServiceProviders() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const refusal = result && !result.ok && result.intent === "save" ? result : null;
  const e = refusal?.errors ?? {};
  const initial = refusal?.values ?? {
    provider_id: d.editing ? String(d.editing.id) : "",
    name: d.editing?.name ?? d.suggestedName,
    comprehensive: d.editing ? (d.editing.comprehensive ? "yes" : "no") : "",
    contract_ref: d.editing?.contractRef ?? "",
    review_date: d.editing?.reviewDate ?? "",
    note: d.editing?.note ?? "",
  };
  const formKey = `${d.editing?.id ?? "new"}-${d.suggestedName}-${result && result.ok ? result.message : ""}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Service providers</h1>
          <p>
            Contractors whose staff deliver housing services. The qualification requirement reaches the staff of a provider that gives a <strong>comprehensive housing management service</strong>; for any
            other provider the landlord takes steps to secure the same competence and conduct through the contract. A person is matched to a provider by the employer in the staff file.
          </p>
        </div>
      </div>
      {result ? (
        result.ok ? (
          <p className="notice success" role="status">
            {result.message}
          </p>
        ) : (
          <p className="notice error" role="alert">
            Nothing was saved: {Object.keys(result.errors).length > 0 ? "please correct the fields marked below." : result.message}
          </p>
        )
      ) : null}
      <section className="panel" aria-labelledby="register-title">
        <h2 id="register-title" style={{ marginTop: 0 }}>
          The register
        </h2>
        {d.register.providers.length === 0 ? (
          <p>No service providers recorded yet: every contractor's staff are treated as their job titles say.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="providers">
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Comprehensive housing management</th>
                  <th scope="col">Contract</th>
                  <th scope="col">Review by</th>
                  <th scope="col">Active staff</th>
                  {d.canEdit ? <th scope="col">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.register.providers.map((p) => (
                  <tr key={p.id} data-provider={p.name}>
                    <th scope="row">
                      {p.name}
                      {p.note ? <div className="muted">{p.note}</div> : null}
                    </th>
                    <td>{p.comprehensive ? "Yes: its staff need the qualification" : "No: its staff need no qualification"}</td>
                    <td>{p.contractRef ?? "–"}</td>
                    <td>
                      {p.reviewDate ? formatDateLong(p.reviewDate) : "–"}
                      {p.reviewOverdue ? <span className="tag red"> Review overdue</span> : null}
                    </td>
                    <td>
                      <Link to={`/orgs/${d.slug}/people?q=${encodeURIComponent(p.name)}`}>{p.activeStaff}</Link>
                    </td>
                    {d.canEdit ? (
                      <td>
                        <div className="form-row">
                          <Link to={`?edit=${p.id}#provider-form`} className="button secondary">
                            Edit
                          </Link>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="delete" />
                            <input type="hidden" name="provider_id" value={p.id} />
                            <button type="submit" className="secondary" disabled={busy} aria-label={`Remove ${p.name}`}>
                              Remove
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {d.register.unregistered.length > 0 ? (
        <section className="panel" aria-labelledby="unregistered-title">
          <h2 id="unregistered-title" style={{ marginTop: 0 }}>
            Employers in the staff file not in the register
          </h2>
          <p className="muted">Their staff are treated as their job titles say until the provider is recorded.</p>
          <ul data-testid="unregistered">
            {d.register.unregistered.map((u) => (
              <li key={u.employer}>
                {u.employer}: {u.activeStaff} active {u.activeStaff === 1 ? "person" : "people"}
                {d.canEdit ? (
                  <>
                    {" "}
                    <Link to={`?add=${encodeURIComponent(u.employer)}#provider-form`}>Record this provider</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.canEdit ? (
        <section className="panel" aria-labelledby="provider-form-title" id="provider-form">
          <h2 id="provider-form-title" style={{ marginTop: 0 }}>
            {d.editing ? `Change ${d.editing.name}` : "Record a service provider"}
          </h2>
          <Form method="post" key={formKey} noValidate>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="provider_id" value={initial.provider_id ?? ""} />
            <div className="form-grid">
              <Field id="provider-name" label="Name, as the staff file's employer column writes it" error={e.name}>
                <input id="provider-name" name="name" type="text" defaultValue={initial.name ?? ""} {...describedBy("provider-name", e.name)} />
              </Field>
              <Field id="provider-comprehensive" label="Provides a comprehensive housing management service?" error={e.comprehensive}>
                <select id="provider-comprehensive" name="comprehensive" defaultValue={initial.comprehensive ?? ""} {...describedBy("provider-comprehensive", e.comprehensive)}>
                  <option value="">Choose</option>
                  <option value="yes">Yes: its staff need the qualification</option>
                  <option value="no">No: the landlord takes steps instead</option>
                </select>
              </Field>
              <Field id="provider-contract" label="Contract reference (optional)" error={e.contract_ref}>
                <input id="provider-contract" name="contract_ref" type="text" defaultValue={initial.contract_ref ?? ""} {...describedBy("provider-contract", e.contract_ref)} />
              </Field>
              <Field id="provider-review" label="Review date (optional)" error={e.review_date}>
                <input id="provider-review" name="review_date" type="date" defaultValue={initial.review_date ?? ""} {...describedBy("provider-review", e.review_date)} />
              </Field>
              <Field id="provider-note" label="Note (optional)" error={e.note}>
                <input id="provider-note" name="note" type="text" defaultValue={initial.note ?? ""} {...describedBy("provider-note", e.note)} />
              </Field>
            </div>
            <div className="form-row">
              <button type="submit" disabled={busy}>
                {d.editing ? "Save changes" : "Add to the register"}
              </button>
              {d.editing ? (
                <Link to="." className="button secondary">
                  Cancel
                </Link>
              ) : null}
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
