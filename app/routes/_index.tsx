import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { organisationsFor } from "~/utils/access.server";
import { requireUser } from "~/utils/session.server";
import { can } from "~/utils/permissions";

/** The start page sends each user where their work is. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisations = await organisationsFor(user);
  if (can(user.role, "portfolio.read")) throw redirect("/portfolio");
  if (organisations.length === 0) throw new Response("Your account is not a member of any organisation yet. Ask your administrator.", { status: 403 });
  throw redirect(`/orgs/${organisations[0].slug}`);
}
