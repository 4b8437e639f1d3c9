import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { createUserSession, getSessionUser } from "~/utils/session.server";
import { signIn } from "~/utils/sign-in.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Sign in · Competence & Conduct compliance" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public route: signed-in users go straight on.
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = signInSchema.safeParse(form);
  const email = typeof form.email === "string" ? form.email.slice(0, 320) : "";
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "Enter your email and password", email }, { status: 400 });
  }
  const address = context.clientAddress || "unknown";
  const outcome = await signIn(parsed.data.email, parsed.data.password, address);
  if (!outcome.ok) return data({ error: outcome.message, email }, { status: outcome.status });
  return createUserSession(request, outcome.userId, safeRedirect(parsed.data.redirectTo));
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <main className="page narrow" id="main">
      <div className="panel" style={{ marginTop: "3rem" }}>
        <h1>Sign in</h1>
        <p className="muted">Competence &amp; Conduct workforce compliance</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          {actionData?.error ? (
            <p className="notice error" role="alert" id="sign-in-error">
              {actionData.error}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="email">Email address</label>
            <input id="email" name="email" type="email" autoComplete="username" required defaultValue={actionData?.email ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Sign in
          </button>
        </Form>
      </div>
    </main>
  );
}
