/** `import <kind> <file>`: one import through the importers library, its snapshot taken in the same transaction. */
import { todayIso } from "../app/models/compliance.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { runImport, ImportUsageError, IMPORT_KINDS, isImportKind, validateMapping, type ImportKind, type ImportResult } from "./index";
import { EXIT_OK, EXIT_REJECTED, RejectedError, UsageError } from "./cli-usage";
import { CLI_ACTOR, orgFromSlug, parse, readFileOrReject, requireString, type CommandContext } from "./cli-shared";

function readMappingFile(kind: ImportKind, file: string | undefined): Record<string, string> | undefined {
  if (file === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileOrReject(file).toString("utf8"));
  } catch (error) {
    if (error instanceof RejectedError) throw error;
    throw new UsageError(`--mapping ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return validateMapping(kind, parsed);
  } catch (error) {
    throw new UsageError(`--mapping ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function importSummaryLine(result: ImportResult, fileName: string): string {
  const c = result.counts;
  const verb = result.status === "applied" ? "Imported" : result.status === "dry_run" ? "Dry run of" : "Rejected";
  const leavers = result.kind === "staff" && result.mode === "full" ? `, ${c.leavers} leavers` : "";
  const read = result.detected.format === "xlsx" ? `Excel sheet '${result.detected.sheet ?? ""}'` : `${result.detected.encoding}, "${result.detected.delimiter === "\t" ? "tab" : result.detected.delimiter}"-separated`;
  return `${verb} ${fileName} (${result.kind}, ${read}): ${c.rows} rows, ${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged${leavers}, ${c.errors} errors`;
}

export async function importCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (!isImportKind(kind)) throw new UsageError(`import takes ${IMPORT_KINDS.join(", ")} (got "${kind ?? ""}")`);
  const { positionals, values } = parse(rest, { org: { type: "string" }, mode: { type: "string" }, mapping: { type: "string" }, sheet: { type: "string" }, "dry-run": { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError(`import ${kind} takes one CSV or .xlsx file`);
  if (values.mode !== undefined && kind !== "staff") throw new UsageError("--mode applies to staff imports only");
  if (values.mode !== undefined && values.mode !== "full" && values.mode !== "partial") throw new UsageError(`--mode must be full or partial (got "${String(values.mode)}")`);
  if (values.mapping !== undefined && kind === "roles") throw new UsageError("--mapping is not taken by role imports");
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const file = positionals[0];
  const bytes = readFileOrReject(file);
  const mapping = readMappingFile(kind, values.mapping as string | undefined);
  let lastShown = 0;
  let result: ImportResult;
  try {
    const today = todayIso();
    result = await runImport(openOrganisationScope(ctx.db, organisation, CLI_ACTOR, today), {
      kind,
      fileName: file.split(/[\\/]/).pop() ?? file,
      bytes,
      mode: values.mode as "full" | "partial" | undefined,
      mapping,
      sheet: values.sheet as string | undefined,
      dryRun: values["dry-run"] === true,
      // The snapshot in the import's own transaction (a conduct import changes no qualification figure: none).
      snapshot: true,
      onProgress: ctx.io.isTTY
        ? (done, total) => {
            if (done - lastShown < 5000 && done !== total) return;
            lastShown = done;
            ctx.io.stderr(`\r${done.toLocaleString("en-GB")}${total ? ` of ${total.toLocaleString("en-GB")}` : ""} rows…`);
          }
        : undefined,
    });
  } catch (error) {
    if (error instanceof ImportUsageError) throw new UsageError(error.message);
    throw error;
  }
  if (ctx.io.isTTY && lastShown > 0) ctx.io.stderr("\n");
  const snapshotId = result.snapshotId;
  const summary = { ok: result.ok, status: result.status, importRunId: result.importRunId, snapshotId, kind, mode: result.mode, detected: result.detected, counts: result.counts, errors: result.errors, changes: result.changes, warnings: result.warnings };
  if (ctx.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  if (!result.ok) {
    for (const e of result.errors.slice(0, 200)) ctx.io.stderr(`row ${e.row}${e.column ? `, column "${e.column}"` : ""}${e.value ? `, value "${e.value}"` : ""}: ${e.message}\n`);
    if (result.errors.length > 200) ctx.io.stderr(`… and ${result.counts.errors - 200} more errors\n`);
    ctx.io.stderr(`${importSummaryLine(result, file)}. Nothing was written.\n`);
    return EXIT_REJECTED;
  }
  for (const w of result.warnings) ctx.io.stderr(`warning: ${w}\n`);
  if (!ctx.json) ctx.io.stdout(`${importSummaryLine(result, file)}${result.dryRun ? ". Nothing was written (dry run)." : `. Import ${result.importRunId}${snapshotId === null ? "" : `; snapshot ${snapshotId}`}.`}\n`);
  return EXIT_OK;
}
