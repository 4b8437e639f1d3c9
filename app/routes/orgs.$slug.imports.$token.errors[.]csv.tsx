import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { getStaged, stagedPreview } from "~/models/import-staging.server";

/** Every error the preview found in an uploaded file, before anything is applied. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.import");
  const staged = await getStaged(scope, params.token ?? "");
  if (!staged) throw new Response("Not found", { status: 404 });
  const { preview } = await stagedPreview(scope, staged);
  return csvResponse(`${staged.fileName.replace(/\.[^.]*$/, "")}-errors.csv`, ["row", "column", "value", "message"], preview.errors.map((e) => [e.row, e.column, e.value, e.message]));
}
