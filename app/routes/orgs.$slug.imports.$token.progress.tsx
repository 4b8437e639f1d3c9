import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { importProgress } from "~/models/import-staging.server";

/** How far an import being applied has got (polled by the import page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.import");
  return { progress: await importProgress(scope, params.token ?? "") };
}
