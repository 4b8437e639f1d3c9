import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { formValues, refuse, respond } from "~/utils/respond.server";
import { formWideError } from "~/utils/form-refusal";
import { parseFields } from "~/utils/zod-field-errors";
import { changeUserRole, createUser, issueSetPasswordToken, listUsersWithMemberships, removeUser, setPasswordPath, userInputSchema } from "~/models/users.server";
import { USER_ROLES } from "~/models/user-roles";

export const meta: MetaFunction = () => [{ title: "Users · Competence & Conduct compliance" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "users.manage");
  const db = getDb();
  const [users, organisations, events] = await Promise.all([
    listUsersWithMemberships(db),
    db.selectFrom("organisations").select(["id", "slug", "name"]).orderBy("name").execute(),
    db.selectFrom("audit_events").select(["id", "at", "actor", "summary"]).where("entity", "in", ["user", "membership"]).orderBy("id", "desc").limit(20).execute(),
  ]);
  return { me: { id: admin.id, name: admin.name, email: admin.email, role: admin.role }, users, organisations, events };
}

const idSchema = z.coerce.number().int().positive();
const INTENTS = ["create", "reset", "remove", "role"] as const;
type Intent = (typeof INTENTS)[number];

/** What a successful action tells the administrator, with the one-time link when one was issued. */
const done = (intent: Intent, message: string, link: string | null = null) => ({ ok: true as const, intent, message, link });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "users.manage");
  const actor = { userId: admin.id, name: admin.email };
  const form = await request.formData();
  const values = formValues(form);
  const intent = z.enum(INTENTS).safeParse(values.intent);
  if (!intent.success) throw new Response("Unknown action", { status: 400 });
  const context = { context: { intent: intent.data }, values };
  const db = getDb();
  const origin = new URL(request.url).origin;
  const organisationIds = form.getAll("organisationIds").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (intent.data === "create") {
    const parsed = parseFields(userInputSchema, { email: values.email ?? "", name: values.name ?? "", role: values.role ?? "", organisationIds });
    if (!parsed.ok) return refuse(parsed.fieldErrors, context);
    if (parsed.value.role !== "admin" && organisationIds.length === 0) return refuse({ organisationIds: "Choose at least one organisation for this role" }, context);
    return respond(
      await createUser(db, parsed.value, actor),
      ({ user, token }) => done("create", `Created ${user.email}. Pass them this one-time link to set their password (valid 72 hours):`, `${origin}${setPasswordPath(token)}`),
      context,
    );
  }
  const userId = idSchema.safeParse(values.userId);
  if (!userId.success) return refuse({ userId: "Choose a user" }, context);
  if (intent.data === "reset") {
    return respond(
      await issueSetPasswordToken(db, userId.data, actor),
      (token) => done("reset", "New one-time link to set a password (valid 72 hours; the current password works until it is used):", `${origin}${setPasswordPath(token)}`),
      context,
    );
  }
  if (intent.data === "remove") {
    if (userId.data === admin.id) return refuse({ userId: "You cannot remove your own account" }, context);
    return respond(await removeUser(db, userId.data, actor), () => done("remove", "User removed; their sessions have ended."), context);
  }
  const role = userInputSchema.shape.role.safeParse(values.role);
  if (!role.success) return refuse({ role: "Choose a role" }, context);
  if (userId.data === admin.id && role.data !== "admin") return refuse({ role: "You cannot remove your own administrator role" }, context);
  return respond(await changeUserRole(db, userId.data, role.data, organisationIds, actor), () => done("role", "Role and organisations saved; the user signs in again."), context);
}

export default function Users() {
  const { me, users, organisations, events } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const refused = a && !a.ok ? a : null;
  const createErrors = refused?.intent === "create" ? refused.errors : null;
  const createValues = refused?.intent === "create" ? refused.values : null;
  return (
    <AppShell user={me} nav={[{ to: "/portfolio", label: "Portfolio" }, { to: "/organisations", label: "Organisations" }, { to: "/users", label: "Users" }]}>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p>Invite people, reset their access, change what they can do.</p>
        </div>
      </div>
      {a?.ok ? (
        <div className="notice success" role="status">
          {a.message}
          {a.link ? (
            <p>
              <code data-testid="set-password-link">{a.link}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      {refused && (refused.intent !== "create" || formWideError(refused)) ? (
        <div className="notice error" role="alert">
          {refused.intent === "create" ? formWideError(refused) : (formWideError(refused) ?? Object.values(refused.errors).join(" "))}
        </div>
      ) : null}
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Invite a user</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="create" />
          <div className="form-row">
            <div className="field">
              <label htmlFor="new-email">Email</label>
              <input id="new-email" name="email" type="email" defaultValue={createValues?.email ?? ""} aria-describedby="new-email-error" />
              {createErrors?.email ? <span id="new-email-error" className="field-error">{createErrors.email}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="new-name">Name</label>
              <input id="new-name" name="name" type="text" defaultValue={createValues?.name ?? ""} aria-describedby="new-name-error" />
              {createErrors?.name ? <span id="new-name-error" className="field-error">{createErrors.name}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="new-role">Role</label>
              <select id="new-role" name="role" defaultValue={createValues?.role ?? "hr"}>
                {USER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              {createErrors?.role ? <span className="field-error">{createErrors.role}</span> : null}
            </div>
          </div>
          <fieldset className="field">
            <legend>Organisations (not needed for admins, who see all)</legend>
            {organisations.map((o) => (
              <label key={o.id} style={{ fontWeight: "normal" }}>
                <input type="checkbox" name="organisationIds" value={o.id} /> {o.name}
              </label>
            ))}
            {createErrors?.organisationIds ? <span className="field-error">{createErrors.organisationIds}</span> : null}
          </fieldset>
          <button type="submit">Create user and get a set-password link</button>
        </Form>
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Everyone</h2>
        <div className="table-wrap">
          <table data-testid="users">
            <thead>
              <tr>
                <th>User</th>
                <th>Role and organisations</th>
                <th>Access</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    {u.name}
                    <div className="muted">{u.email}</div>
                  </td>
                  <td>
                    <Form method="post" className="form-row" style={{ marginBottom: 0 }}>
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={u.id} />
                      <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                        Role of {u.email}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {USER_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                      {organisations.map((o) => (
                        <label key={o.id} style={{ fontWeight: "normal" }}>
                          <input type="checkbox" name="organisationIds" value={o.id} defaultChecked={u.organisations.some((m) => m.id === o.id)} /> {o.slug}
                        </label>
                      ))}
                      <button type="submit" className="secondary">
                        Save
                      </button>
                    </Form>
                  </td>
                  <td>
                    {u.hasPassword ? "Password set" : "No password yet"}
                    {u.linkPending ? " · link pending" : ""}
                    <div className="form-row" style={{ marginTop: "0.3rem", marginBottom: 0 }}>
                      <Form method="post">
                        <input type="hidden" name="intent" value="reset" />
                        <input type="hidden" name="userId" value={u.id} />
                        <button type="submit" className="secondary">
                          New set-password link
                        </button>
                      </Form>
                      {u.id !== me.id ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="userId" value={u.id} />
                          <button type="submit" className="danger">
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel">
        <h2 style={{ marginTop: 0 }}>Recent account changes</h2>
        <ul>
          {events.map((e) => (
            <li key={e.id}>
              {e.at.slice(0, 16).replace("T", " ")} · {e.actor}: {e.summary}
            </li>
          ))}
        </ul>
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
