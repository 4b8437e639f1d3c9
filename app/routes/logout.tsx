import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroyUserSession } from "~/utils/session.server";

// Public route: signing out needs no permission, only a session to end.
export async function action({ request }: ActionFunctionArgs) {
  return destroyUserSession(request);
}

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}
