/** An organisation's import runs and a run's row errors, read through its scope. */
import type { OrganisationReader } from "../app/models/organisation-scope.server";

/** The most recent runs, newest first. */
export async function listImportRuns(scope: OrganisationReader, limit = 100) {
  const runs = await scope
    .selectFrom("import_runs")
    .select(["id", "kind", "mode", "file_name", "file_sha256", "status", "counts_json", "actor", "created_at", "undone_at", "undone_by"])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return runs.map(({ counts_json, ...r }) => ({ ...r, counts: JSON.parse(counts_json) as Record<string, number> }));
}

/** One run of this organisation and its row errors in file order; null when the run is not this organisation's. */
export async function importRunErrors(scope: OrganisationReader, runId: number) {
  const run = await scope.selectFrom("import_runs").select(["id", "file_name"]).where("id", "=", runId).executeTakeFirst();
  if (!run) return null;
  const errors = await scope
    .selectFromChild("import_row_errors")
    .select(["row_number", "column_name", "value", "message"])
    .where("import_run_id", "=", run.id)
    .orderBy("row_number")
    .orderBy("id")
    .execute();
  return { run, errors };
}
