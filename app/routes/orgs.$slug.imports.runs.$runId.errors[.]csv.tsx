import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { csvResponse } from "~/utils/csv.server";
import { importRunErrors } from "~/models/importers.server";

/** The row errors of one import run, as the user can open them beside the file in a spreadsheet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrgPermission(request, params.slug, "org.read");
  const found = await importRunErrors(scope, Number(params.runId) || 0);
  if (!found) throw new Response("Not found", { status: 404 });
  const { run, errors } = found;
  return csvResponse(`import-${run.id}-errors.csv`, ["row", "column", "value", "message"], errors.map((e) => [e.row_number, e.column_name, e.value, e.message]));
}
