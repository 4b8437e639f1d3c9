import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { getStaged, importProgress } from "~/models/import-staging.server";

/** How far an import being applied has got (polled by the import page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrgPermission(request, params.slug, "org.import");
  const staged = getStaged(organisation.id, params.token ?? "");
  return { progress: staged ? importProgress(staged.token) : null };
}
