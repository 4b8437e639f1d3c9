import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrgPermission } from "~/utils/access.server";
import { getDb } from "~/utils/db.server";
import { csvResponse } from "~/utils/csv.server";

/** The row errors of one import run, as the user can open them beside the file in a spreadsheet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrgPermission(request, params.slug, "org.read");
  const db = getDb();
  const run = await db.selectFrom("import_runs").select(["id", "file_name"]).where("organisation_id", "=", organisation.id).where("id", "=", Number(params.runId) || 0).executeTakeFirst();
  if (!run) throw new Response("Not found", { status: 404 });
  const errors = await db.selectFrom("import_row_errors").select(["row_number", "column_name", "value", "message"]).where("import_run_id", "=", run.id).orderBy("row_number").orderBy("id").execute();
  return csvResponse(`import-${run.id}-errors.csv`, ["row", "column", "value", "message"], errors.map((e) => [e.row_number, e.column_name, e.value, e.message]));
}
