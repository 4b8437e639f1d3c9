import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "~/utils/db.server";
import { createUserSession } from "~/utils/session.server";
import { setPasswordForm, setPasswordWithToken, userForSetPasswordToken } from "~/models/users.server";
import { parseForm, respond } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Set your password · Competence & Conduct compliance" }];

// Public route: the one-time token in the link is the credential.
export async function loader({ params }: LoaderFunctionArgs) {
  const user = await userForSetPasswordToken(getDb(), params.token ?? "");
  if (!user) throw new Response("This link has expired or has already been used. Ask your administrator for a new one.", { status: 404 });
  return { email: user.email, name: user.name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Never echo passwords back into the form.
  return respond(parseForm(await request.formData(), setPasswordForm), async ({ password }) => {
    const user = await setPasswordWithToken(getDb(), params.token ?? "", password);
    if (!user) throw new Response("This link has expired or has already been used.", { status: 404 });
    return createUserSession(request, user.id, "/");
  });
}

export default function SetPassword() {
  const { email, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="page narrow" id="main">
      <div className="panel" style={{ marginTop: "3rem" }}>
        <h1>Set your password</h1>
        <p>
          {name} ({email})
        </p>
        <Form method="post">
          <div className="field">
            <label htmlFor="password">New password (at least 12 characters)</label>
            <input id="password" name="password" type="password" autoComplete="new-password" required aria-describedby="password-error" />
            {actionData?.errors?.password ? <span className="field-error" id="password-error">{actionData.errors.password}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="confirm">Type it again</label>
            <input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-describedby="confirm-error" />
            {actionData?.errors?.confirm ? <span className="field-error" id="confirm-error">{actionData.errors.confirm}</span> : null}
          </div>
          <button type="submit">Set password and sign in</button>
        </Form>
      </div>
    </main>
  );
}
