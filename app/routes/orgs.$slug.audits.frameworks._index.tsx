import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireOrgPermission } from "~/utils/access.server";
import { andThen } from "~/models/result";
import { parseForm, refuse, respond } from "~/utils/respond.server";
import { textForm } from "~/utils/text-form";
import { formWideError } from "~/utils/form-refusal";
import { can } from "~/utils/permissions";
import { copyFramework, listFrameworks } from "~/models/skills-audits/frameworks.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Skills frameworks · Competence & Conduct" }];

const copySchema = textForm({
  source_id: z.string().trim().regex(/^\d{1,9}$/, "Choose a framework to copy").transform(Number),
  name: z.string().trim().min(1, "Name the copy").max(120, "Keep the name under 120 characters"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, scope } = await requireOrgPermission(request, params.slug, "org.read");
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    canDecide: can(user.role, "org.decide"),
    frameworks: await listFrameworks(scope),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation, scope } = await requireOrgPermission(request, params.slug, "org.decide");
  const form = await request.formData();
  const values = { source_id: String(form.get("source_id") ?? ""), name: String(form.get("name") ?? "") };
  if (String(form.get("intent") ?? "") !== "copy") return refuse({ form: "Unknown action." }, { values });
  const copied = await andThen(parseForm(form, copySchema), (v) => copyFramework(scope, { sourceId: v.source_id, name: v.name }));
  return respond(copied, (frameworkId) => redirect(`/orgs/${organisation.slug}/audits/frameworks/${frameworkId}`), { values });
}

export default function Frameworks() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/orgs/${d.organisation.slug}/audits`;
  // A refusal of the copy itself (the source framework is gone) is shown beside the source.
  const copyRefused = formWideError(actionData);
  const errors: Record<string, string> = actionData ? (copyRefused && !actionData.errors.form ? { source_id: copyRefused } : actionData.errors) : {};
  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link to={base}>Skills audits</Link>
          </p>
          <h1>Frameworks and target levels</h1>
          <p>
            The default framework is the apprenticeship standard's 7 knowledge, 11 skills and 9 behaviour areas plus the code of conduct, shared by every organisation and read-only. Copy it to rename, add or retire
            areas and to set your own targets.
          </p>
        </div>
      </div>
      {errors.form ? (
        <p className="notice error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <section className="panel">
        <table data-testid="frameworks">
          <thead>
            <tr>
              <th>Framework</th>
              <th>Owner</th>
              <th className="num">Areas</th>
              <th className="num">Retired areas</th>
              <th className="num">Campaigns</th>
            </tr>
          </thead>
          <tbody>
            {d.frameworks.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link to={`${base}/frameworks/${f.id}`}>{f.name}</Link>
                  {f.basedOn ? <div className="muted">copied from {f.basedOn}</div> : null}
                </td>
                <td>{f.shared ? "Shared default (read-only)" : d.organisation.name}</td>
                <td className="num">{f.areas}</td>
                <td className="num">{f.retired}</td>
                <td className="num">{f.campaigns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {d.canDecide ? (
        <section className="panel">
          <h2 style={{ marginTop: 0 }}>Copy a framework</h2>
          <Form method="post" className="form-row">
            <input type="hidden" name="intent" value="copy" />
            <div className="field">
              <label htmlFor="source_id">Copy</label>
              <select id="source_id" name="source_id" defaultValue={actionData?.values.source_id ?? String(d.frameworks[0]?.id ?? "")} aria-describedby={errors.source_id ? "source_id-error" : undefined}>
                {d.frameworks.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
              {errors.source_id ? (
                <span className="field-error" id="source_id-error">
                  {errors.source_id}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="name">Name of the copy</label>
              <input id="name" name="name" type="text" maxLength={120} defaultValue={actionData?.values.name ?? `${d.organisation.name} framework`} aria-describedby={errors.name ? "name-error" : undefined} />
              {errors.name ? (
                <span className="field-error" id="name-error">
                  {errors.name}
                </span>
              ) : null}
            </div>
            <button type="submit">Copy</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
