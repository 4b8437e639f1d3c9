/** Administrators create an organisation (name, slug, homes owned, in-force date) and its first users. */
import type { FieldErrors } from "~/models/result";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { wholeNumber } from "~/components/labels";
import { FIRST_USER_ROWS, FIRST_USER_ROLE_OPTIONS } from "~/models/first-users";
import { createOrganisationWithUsers, firstUserSchema, type FirstUser } from "~/models/organisation-setup.server";
import { organisationInputSchema } from "~/models/organisations.server";
import { mapFailureFields } from "~/models/result";
import { refuse, respond } from "~/utils/respond.server";
import { parseFields } from "~/utils/zod-field-errors";
import { setPasswordPath } from "~/models/users.server";
import { requirePermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/plural";

export const meta: MetaFunction = () => [{ title: "Organisations · Competence & Conduct compliance" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "organisations.create");
  const db = getDb();
  const organisations = await db
    .selectFrom("organisations")
    .leftJoin("staff", (join) => join.onRef("staff.organisation_id", "=", "organisations.id"))
    .select((eb) => ["organisations.id", "organisations.slug", "organisations.name", "organisations.homes_owned", "organisations.in_force_date", eb.fn.count<number>("staff.id").as("staff")])
    .groupBy("organisations.id")
    .orderBy("organisations.name")
    .execute();
  return { me: { name: admin.name, email: admin.email, role: admin.role }, organisations };
}

type Errors = FieldErrors;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "organisations.create");
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const values = {
    name: text("name"),
    slug: text("slug"),
    homesOwned: text("homesOwned"),
    inForceDate: text("inForceDate"),
    users: Array.from({ length: FIRST_USER_ROWS }, (_, i) => ({ email: text(`user${i}.email`), name: text(`user${i}.name`), role: text(`user${i}.role`) })),
  };
  const errors: Errors = {};
  const organisation = parseFields(organisationInputSchema, {
    name: values.name,
    slug: values.slug.toLowerCase(),
    homesOwned: values.homesOwned.trim() === "" ? undefined : values.homesOwned.replace(/,/g, ""),
    inForceDate: values.inForceDate.trim() === "" ? undefined : values.inForceDate.trim(),
  });
  if (!organisation.ok) {
    for (const [field, message] of Object.entries(organisation.fieldErrors)) {
      errors[field] = field === "homesOwned" && values.homesOwned.trim() === "" ? "Enter the number of homes owned" : message;
    }
  }
  // The rows the administrator filled in, with their place on the form (empty rows are skipped).
  const filled = values.users.map((row, formRow) => ({ row, formRow })).filter(({ row }) => row.email.trim() !== "" || row.name.trim() !== "");
  const users: FirstUser[] = [];
  for (const { row, formRow } of filled) {
    const parsed = parseFields(firstUserSchema, row);
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.fieldErrors)) {
        errors[`user${formRow}.${field}`] = `User ${formRow + 1}, ${field}: ${message} (${JSON.stringify((row as Record<string, string>)[field])})`;
      }
    } else users.push(parsed.value);
  }
  if (Object.keys(errors).length > 0 || !organisation.ok) return refuse(errors, { values });
  const result = await createOrganisationWithUsers(getDb(), { organisation: organisation.value, users }, { userId: admin.id, name: admin.email });
  // The model names a refused first user by its place in the list it was given; the form by its row.
  const onTheForm = mapFailureFields(result, (field) => {
    const user = /^users\.(\d+)\.(\w+)$/.exec(field);
    const formRow = user ? filled[Number(user[1])]?.formRow : undefined;
    return formRow === undefined ? null : { field: `user${formRow}.${user![2]}`, prefix: `User ${formRow + 1}: ` };
  });
  const origin = new URL(request.url).origin;
  return respond(
    onTheForm,
    (setup) => ({
      ok: true as const,
      organisation: { slug: setup.organisation.slug, name: setup.organisation.name },
      created: setup.created.map((u) => ({ email: u.email, name: u.name, role: u.role, link: `${origin}${setPasswordPath(u.token)}` })),
      joined: setup.joined,
    }),
    { values },
  );
}

export default function Organisations() {
  const { me, organisations } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const failed = a && !a.ok ? a : null;
  const errors: Errors = failed?.errors ?? {};
  const values = failed?.values;
  const fieldError = (name: string) =>
    errors[name] ? (
      <span id={`${name}-error`} className="field-error">
        {errors[name]}
      </span>
    ) : null;
  return (
    <AppShell
      user={me}
      nav={[
        { to: "/portfolio", label: "Portfolio" },
        { to: "/organisations", label: "Organisations" },
        { to: "/users", label: "Users" },
      ]}
    >
      <div className="page-header">
        <div>
          <h1>Organisations</h1>
          <p>Set up a new landlord and the people who will use it. The command line (`npm run cli -- org create`) does the same.</p>
        </div>
      </div>
      {a?.ok ? (
        <div className="notice success" role="status" data-testid="organisation-created">
          <p>
            Created <Link to={`/orgs/${a.organisation.slug}`}>{a.organisation.name}</Link>.{" "}
            {a.created.length === 0 && a.joined.length === 0 ? "Add its users on the Users page." : null}
          </p>
          {a.created.length > 0 ? (
            <>
              <p>Pass each new user their one-time link to set a password (valid 72 hours):</p>
              <ul>
                {a.created.map((u) => (
                  <li key={u.email}>
                    {u.name} ({u.role}, {u.email}): <code data-testid="set-password-link">{u.link}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {a.joined.length > 0 ? (
            <p>
              {plural(a.joined.length, "existing user")} now {a.joined.length === 1 ? "has" : "have"} access: {a.joined.map((u) => `${u.name} (${u.email})`).join(", ")}.
            </p>
          ) : null}
        </div>
      ) : null}
      {failed ? (
        <div className="notice error" role="alert">
          Nothing was created: {plural(Object.keys(errors).length, "problem")} below.
        </div>
      ) : null}
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>New organisation</h2>
        <Form method="post" key={a?.ok ? a.organisation.slug : "form"}>
          <div className="form-row">
            <div className="field">
              <label htmlFor="org-name">Name</label>
              <input id="org-name" name="name" type="text" defaultValue={values?.name} aria-describedby="name-error" />
              {fieldError("name")}
            </div>
            <div className="field">
              <label htmlFor="org-slug">Short name for web addresses (slug)</label>
              <input id="org-slug" name="slug" type="text" placeholder="e.g. northgate" defaultValue={values?.slug} aria-describedby="slug-error" />
              {fieldError("slug")}
            </div>
            <div className="field">
              <label htmlFor="org-homes">Homes owned</label>
              <input id="org-homes" name="homesOwned" type="text" inputMode="numeric" defaultValue={values?.homesOwned} aria-describedby="homesOwned-error" />
              {fieldError("homesOwned")}
            </div>
            <div className="field">
              <label htmlFor="org-in-force">Competence requirements in force from</label>
              <input id="org-in-force" name="inForceDate" type="date" defaultValue={values?.inForceDate || "2026-10-01"} aria-describedby="inForceDate-error" />
              {fieldError("inForceDate")}
            </div>
          </div>
          <fieldset className="field">
            <legend>First users (optional; leave a row empty to skip it). Someone who already has an account just gets access.</legend>
            {Array.from({ length: FIRST_USER_ROWS }, (_, i) => (
              <div className="form-row" key={i} data-testid={`first-user-${i}`}>
                <div className="field">
                  <label htmlFor={`user${i}-email`}>User {i + 1} email</label>
                  <input id={`user${i}-email`} name={`user${i}.email`} type="email" defaultValue={values?.users[i]?.email} aria-describedby={`user${i}.email-error`} />
                  {fieldError(`user${i}.email`)}
                </div>
                <div className="field">
                  <label htmlFor={`user${i}-name`}>Name</label>
                  <input id={`user${i}-name`} name={`user${i}.name`} type="text" defaultValue={values?.users[i]?.name} aria-describedby={`user${i}.name-error`} />
                  {fieldError(`user${i}.name`)}
                </div>
                <div className="field">
                  <label htmlFor={`user${i}-role`}>Role</label>
                  <select id={`user${i}-role`} name={`user${i}.role`} defaultValue={values?.users[i]?.role || (i === 0 ? "hr" : "executive")}>
                    {FIRST_USER_ROLE_OPTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                  {fieldError(`user${i}.role`)}
                </div>
              </div>
            ))}
          </fieldset>
          <button type="submit">Create organisation</button>
        </Form>
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>All organisations</h2>
        <div className="table-wrap">
          <table data-testid="organisations">
            <thead>
              <tr>
                <th>Organisation</th>
                <th>Slug</th>
                <th className="num">Homes owned</th>
                <th>In force from</th>
                <th className="num">Staff on record</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id} data-slug={o.slug}>
                  <td>
                    <Link to={`/orgs/${o.slug}`}>{o.name}</Link>
                  </td>
                  <td>{o.slug}</td>
                  <td className="num">{wholeNumber(o.homes_owned)}</td>
                  <td>{o.in_force_date}</td>
                  <td className="num">{wholeNumber(Number(o.staff))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="page narrow" id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
