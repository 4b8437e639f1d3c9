/** The CLI's commands as one function of (arguments, output streams) → exit status, so tests run it in-process. */
import fs from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { databaseTarget, type DatabaseTarget, dataDirectory, describeDatabase, migrateToLatest, openDatabase, type DB } from "../db/connection";
import { createOrganisation, getOrganisationBySlug, organisationInputSchema } from "../app/models/organisations.server";
import { createUser, setPasswordPath, userInputSchema } from "../app/models/users.server";
import type { Actor } from "../app/models/audit.server";
import type { Failure } from "../app/models/result";
import { evaluateOrganisation, todayIso } from "../app/models/compliance.server";
import { takeSnapshot } from "../app/models/snapshots.server";
import { openOrganisationScope } from "../app/models/organisation-scope.server";
import { conductMetrics, conductSummary } from "../app/models/conduct/summary.server";
import { organisationMilestoneChecks } from "../app/compliance/milestones";
import { isIsoDate } from "../app/compliance/dates";
import { backupDatabase, BackupError, restoreDatabase } from "../db/backup";
import { DatabaseBusyError, DatabaseWriteError } from "../db/sqlite-dialect";
import { BOM, toCsv } from "../app/utils/csv.server";
import { STATUS_EXPORT_COLUMNS, statusExportCells, statusExportRows } from "../app/models/people.server";
import { digestSend } from "./cli-digest";
import { exportEvidencePack } from "./cli-evidence-pack";
import { addPolicyVersion } from "../app/models/conduct/policies.server";
import { POLICY_KIND_LABELS } from "../app/conduct/labels";
import { runImport, ImportUsageError, IMPORT_KINDS, isConductKind, isImportKind, validateMapping, type ImportKind, type ImportResult } from "./index";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;
/** Another writer (a web import, a backup) kept the database for longer than DATABASE_WAIT_MS: nothing was written; run it again. */
export const EXIT_BUSY = 3;
/** The database could not be written (disk full, I/O error) or something unexpected failed: nothing was written. */
export const EXIT_FAILED = 4;

export const USAGE = `Usage: npm run cli -- <command>

  org create <slug> --name "<name>" --homes <n> [--in-force YYYY-MM-DD]
  import staff <file.csv|file.xlsx> --org <slug> [--mode full|partial] [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  import enrolments <file.csv|file.xlsx> --org <slug> [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  import roles <file.csv|file.xlsx> --org <slug> [--sheet <name>] [--dry-run]
  import acknowledgements|supervisions|training <file.csv|file.xlsx> --org <slug> [--mapping <mapping.json>] [--sheet <name>] [--dry-run]
  policy add --org <slug> --kind code_of_conduct|learning_development|appraisal|poor_performance --version "<text>" --approved-on YYYY-MM-DD
             [--review-by YYYY-MM-DD] [--url <link>] [--approved-by "<board or committee>"] [--document-ref "<ref>"]
  export status --org <slug> [--as-of YYYY-MM-DD] [--out <file.csv>]
  export evidence-pack --org <slug> [--as-of YYYY-MM-DD] --out <pack.zip>
  metrics --org <slug> [--as-of YYYY-MM-DD] --json
  snapshot --org <slug> [--label "<text>"]
  user create <email> --name "<name>" --role admin|hr|consultant|executive [--org <slug>]
  digest send --org <slug>|--all [--as-of YYYY-MM-DD] [--dry-run]
  backup <file.db>
  restore <file.db>

Every command takes --json for a machine-readable summary on stdout.
Exit status: 0 success, 1 input rejected (nothing written), 2 usage error,
3 database busy (another writer held it too long; nothing written, try again), 4 could not write (e.g. disk full),
5 a digest could not be delivered (logged; retried at the next run).
`;

export class UsageError extends Error {}
export class RejectedError extends Error {
  constructor(message: string, readonly details?: unknown) {
    super(message);
  }
}

const CLI_ACTOR: Actor = { userId: null, name: "cli" };

/** A model's refusal in one line: each field's message (named as the user typed it, through `label`), or the message. */
function failureText(failure: Failure, label: (field: string) => string = (field) => field): string {
  if (failure.kind !== "invalid") return failure.message;
  return Object.entries(failure.fieldErrors)
    .map(([field, text]) => `${label(field)}: ${text}`)
    .join("; ");
}

type Options = Record<string, string | boolean | undefined>;

function parse(args: string[], options: ParseArgsConfig["options"]): { positionals: string[]; values: Options } {
  try {
    const { positionals, values } = parseArgs({ args, options: { json: { type: "boolean" }, ...options }, allowPositionals: true, strict: true });
    return { positionals, values: values as Options };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function requireString(values: Options, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

export interface CommandContext {
  db: DB;
  io: CliIO;
  json: boolean;
  /** The database DATABASE_URL names, for backup and restore. */
  database: DatabaseTarget;
  /** The SQLite file, or on PostgreSQL a name in the data directory: local files (the mail outbox) go in its folder. */
  databaseFile: string;
}

export async function orgFromSlug(db: DB, slug: string) {
  const organisation = await getOrganisationBySlug(db, slug);
  if (!organisation) throw new RejectedError(`No organisation with the slug "${slug}". Create it with: npm run cli -- org create ${slug} --name "…" --homes <n>`);
  return organisation;
}

function print(ctx: CommandContext, summary: Record<string, unknown>, line: string): void {
  if (ctx.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else ctx.io.stdout(`${line}\n`);
}

async function orgCreate(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { name: { type: "string" }, homes: { type: "string" }, "in-force": { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("org create takes one slug");
  const parsed = organisationInputSchema.safeParse({
    slug: positionals[0],
    name: requireString(values, "name"),
    homesOwned: requireString(values, "homes"),
    inForceDate: values["in-force"],
  });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (value "${String((values as Record<string, unknown>)[String(i.path[0])] ?? positionals[0])}")`).join("; "));
  }
  const created = await createOrganisation(ctx.db, parsed.data, CLI_ACTOR);
  if (!created.ok) throw new RejectedError(failureText(created.failure));
  const organisation = created.value;
  print(
    ctx,
    { ok: true, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, homesOwned: organisation.homes_owned, inForceDate: organisation.in_force_date } },
    `Created ${organisation.name} (${organisation.slug}), ${organisation.homes_owned} homes, in force ${organisation.in_force_date}`,
  );
  return EXIT_OK;
}

async function userCreate(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { name: { type: "string" }, role: { type: "string" }, org: { type: "string", multiple: false } });
  if (positionals.length !== 1) throw new UsageError("user create takes one email address");
  const organisationIds: number[] = [];
  if (typeof values.org === "string") {
    for (const slug of values.org.split(",").map((s) => s.trim()).filter(Boolean)) organisationIds.push((await orgFromSlug(ctx.db, slug)).id);
  }
  const parsed = userInputSchema.safeParse({ email: positionals[0], name: requireString(values, "name"), role: requireString(values, "role"), organisationIds });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  if (parsed.data.role !== "admin" && organisationIds.length === 0) throw new UsageError(`--org is required for the ${parsed.data.role} role`);
  const created = await createUser(ctx.db, parsed.data, CLI_ACTOR);
  if (!created.ok) throw new RejectedError(failureText(created.failure));
  const { user, token } = created.value;
  const link = setPasswordPath(token);
  print(
    ctx,
    { ok: true, user: { id: user.id, email: user.email, role: user.role }, setPasswordPath: link },
    `Created ${user.role} ${user.email}. Give them this one-time link to set a password (valid 72 hours):\n  <your server address>${link}`,
  );
  return EXIT_OK;
}

function asOfOption(values: Options): string {
  const asOf = values["as-of"];
  if (asOf === undefined) return todayIso();
  if (typeof asOf !== "string" || !isIsoDate(asOf)) throw new UsageError(`--as-of must be a real date as YYYY-MM-DD (got "${String(asOf)}")`);
  return asOf;
}

async function metrics(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, "as-of": { type: "string" } });
  if (positionals.length) throw new UsageError(`metrics takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const { ctx: rules, data, measures } = await evaluateOrganisation(ctx.db, organisation.id, asOf);
  const milestones = organisationMilestoneChecks(rules, data.staff, measures).map((m) => ({ ...m, kind: m.measure === "statutory" ? "legal_test" : "internal_target" }));
  const { people: _people, ...withoutPeople } = measures;
  const conduct = conductMetrics(await conductSummary(openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso()), asOf));
  const summary = { ok: true, organisation: organisation.slug, ...withoutPeople, milestones, conduct };
  const s = measures.countsByStatutory;
  const w = measures.worstCase;
  const code = conduct.codeOfConduct;
  print(
    ctx,
    summary,
    [
      `${organisation.name} as of ${asOf}`,
      `  in scope: ${measures.inScope} (Level 5: ${measures.inScopeByLevel[5]}, Level 4: ${measures.inScopeByLevel[4]})`,
      `  the legal test: ${s.compliant + s.not_yet_due} meet it (${measures.pctStatutory ?? "–"}%): ${s.compliant} compliant, ${s.not_yet_due} not yet due, ${s.in_breach} in breach`,
      `  worst case (${w.undecided} undecided job titles counted as not enrolled): ${w.countsByStatutory.compliant + w.countsByStatutory.not_yet_due} of ${w.inScope} meet the legal test (${w.pctStatutory ?? "–"}%), ${w.countsByStatutory.in_breach} in breach`,
      `  internal targets:`,
      `    qualified: ${measures.qualified} (${measures.pctQualified ?? "–"}%)`,
      `    qualified or enrolled: ${measures.qualified + measures.workingTowards} (${measures.pctQualifiedOrEnrolled ?? "–"}%)`,
      `  not enrolled: ${measures.notEnrolled}; decisions needed: ${measures.unmappedCount}`,
      `  RAG against our targets: red ${measures.countsByRag.red}, amber ${measures.countsByRag.amber}, green ${measures.countsByRag.green}, grey ${measures.countsByRag.grey}`,
      ...milestones.map((m) => `  ${m.kind === "legal_test" ? "[legal test]" : "[internal target]"} ${m.name} (${m.date}, ${m.measure} ≥ ${m.targetPct}%): ${m.state}${m.actualPct == null ? "" : `, ${m.actualPct}%`}`),
      `  conduct:`,
      code.version
        ? `    code of conduct ${code.version}: ${code.acknowledged} of ${code.required} active people acknowledged (${code.pct ?? "–"}%), ${code.overdue} overdue`
        : `    code of conduct: no version in force (${code.required} active people)`,
      `    supervision overdue: ${conduct.supervisionOverdue}; appraisal overdue: ${conduct.appraisalOverdue}; training compliance: ${conduct.trainingCompliancePct ?? "–"}%; policies due for review: ${conduct.policiesDueForReview}`,
    ].join("\n"),
  );
  return EXIT_OK;
}

async function snapshot(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, label: { type: "string" }, "as-of": { type: "string" } });
  if (positionals.length) throw new UsageError(`snapshot takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const label = typeof values.label === "string" && values.label.trim() ? values.label.trim().slice(0, 200) : `Snapshot ${asOf}`;
  const { id, measures } = await takeSnapshot(ctx.db, { organisationId: organisation.id, label, trigger: "cli", asOf }, CLI_ACTOR);
  print(ctx, { ok: true, snapshotId: id, label, organisation: organisation.slug, measures }, `Snapshot ${id} "${label}" of ${organisation.slug} as of ${asOf}: ${measures.inScope} in scope, ${measures.pctQualified ?? "–"}% qualified, ${measures.pctQualifiedOrEnrolled ?? "–"}% qualified or enrolled`);
  return EXIT_OK;
}


async function backup(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError("backup takes one destination file");
  const result = await backupDatabase(ctx.database, positionals[0]);
  print(ctx, { ok: true, file: result.file, bytes: result.bytes, pages: result.pages }, `Backed up ${describeDatabase(ctx.database)} to ${result.file} (${result.bytes} bytes)`);
  return EXIT_OK;
}

async function restore(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError("restore takes one backup file");
  await ctx.db.destroy();
  const result = await restoreDatabase(positionals[0], ctx.database);
  print(ctx, { ok: true, from: result.from, to: result.to, organisations: result.organisations }, `Restored ${result.to} from ${result.from} (${result.organisations} organisations). Restart the app to be sure it reads the restored data.`);
  return EXIT_OK;
}

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

async function importCommand(ctx: CommandContext, args: string[]): Promise<number> {
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
    result = await runImport({
      db: ctx.db,
      organisationId: organisation.id,
      scope: openOrganisationScope(ctx.db, organisation, { userId: null, name: "cli" }, today),
      kind,
      fileName: file.split(/[\\/]/).pop() ?? file,
      bytes,
      mode: values.mode as "full" | "partial" | undefined,
      mapping,
      sheet: values.sheet as string | undefined,
      dryRun: values["dry-run"] === true,
      actor: CLI_ACTOR.name,
      userId: null,
      today,
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
  let snapshotId: number | null = null;
  // A conduct import changes no qualification figure, so it takes no compliance snapshot.
  if (result.status === "applied" && !isConductKind(kind)) {
    snapshotId = (await takeSnapshot(ctx.db, { organisationId: organisation.id, label: `After ${kind} import ${result.importRunId}`, trigger: "import", importRunId: result.importRunId }, CLI_ACTOR)).id;
  }
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

async function exportStatus(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals, values } = parse(args, { org: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" } });
  if (positionals.length) throw new UsageError(`export status takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  const asOf = asOfOption(values);
  const evaluated = await evaluateOrganisation(ctx.db, organisation.id, asOf);
  const rows = statusExportCells(statusExportRows(evaluated));
  const csv = BOM + toCsv(STATUS_EXPORT_COLUMNS, rows);
  if (typeof values.out === "string") {
    fs.writeFileSync(values.out, csv);
    if (ctx.json) ctx.io.stdout(`${JSON.stringify({ ok: true, file: values.out, rows: rows.length, asOf }, null, 2)}\n`);
    else ctx.io.stdout(`Wrote ${rows.length} people as of ${asOf} to ${values.out}\n`);
  } else {
    ctx.io.stdout(csv.slice(1));
  }
  return EXIT_OK;
}

/** policy add: one policy version through the policy model's command (the same checks as the policies page). */
async function policyAdd(ctx: CommandContext, args: string[]): Promise<number> {
  const options = { org: "", kind: "kind", version: "version", "approved-on": "approvedOn", "review-by": "reviewBy", url: "tenantUrl", "approved-by": "approvedBy", "document-ref": "documentRef" } as const;
  const { positionals, values } = parse(args, Object.fromEntries(Object.keys(options).map((k) => [k, { type: "string" as const }])));
  if (positionals.length) throw new UsageError(`policy add takes no positional arguments (got "${positionals.join(" ")}")`);
  const organisation = await orgFromSlug(ctx.db, requireString(values, "org"));
  requireString(values, "kind");
  requireString(values, "version");
  requireString(values, "approved-on");
  const input: Record<string, string> = {};
  for (const [option, field] of Object.entries(options)) if (field && typeof values[option] === "string") input[field] = values[option] as string;
  const scope = openOrganisationScope(ctx.db, organisation, CLI_ACTOR, todayIso());
  const result = await addPolicyVersion(scope, input);
  if (!result.ok) {
    const optionOf = (field: string) => Object.entries(options).find(([, f]) => f === field)?.[0] ?? field;
    const message = failureText(result.failure, (field) => `--${optionOf(field)} "${input[field] ?? ""}"`);
    throw new RejectedError(`${message}. Nothing was written.`, result.failure);
  }
  const kind = input.kind as keyof typeof POLICY_KIND_LABELS;
  print(
    ctx,
    { ok: true, policyVersionId: result.value.id, organisation: organisation.slug, kind, version: input.version.trim(), approvedOn: input.approvedOn.trim() },
    `Recorded ${POLICY_KIND_LABELS[kind]} version "${input.version.trim()}" for ${organisation.slug}, approved ${input.approvedOn.trim()} (policy version ${result.value.id})`,
  );
  return EXIT_OK;
}

type Handler = (ctx: CommandContext, args: string[]) => Promise<number>;

export const COMMANDS: Record<string, Handler> = {
  import: importCommand,
  "export status": exportStatus,
  "export evidence-pack": (ctx, args) => exportEvidencePack({ db: ctx.db, json: ctx.json, stdout: ctx.io.stdout }, args),
  "org create": orgCreate,
  "policy add": policyAdd,
  "user create": userCreate,
  metrics,
  snapshot,
  backup,
  restore,
  "digest send": (ctx, args) => digestSend({ db: ctx.db, json: ctx.json, databaseFile: ctx.databaseFile, stdout: ctx.io.stdout }, args),
};

export async function runCommand(argv: string[], io: CliIO, override?: { db: DB; databaseFile: string }): Promise<number> {
  const json = argv.includes("--json");
  const key2 = argv.slice(0, 2).join(" ");
  const key1 = argv[0] ?? "";
  const [handler, rest] = COMMANDS[key2] ? [COMMANDS[key2], argv.slice(2)] : COMMANDS[key1] ? [COMMANDS[key1], argv.slice(1)] : [undefined, []];
  if (!handler || argv.includes("--help") || argv.includes("-h")) {
    (handler || argv.includes("--help") || argv.includes("-h") ? io.stdout : io.stderr)(USAGE);
    return handler || argv.includes("--help") || argv.includes("-h") ? EXIT_OK : EXIT_USAGE;
  }
  let database: DatabaseTarget;
  try {
    database = databaseTarget(override?.databaseFile ?? process.env.DATABASE_URL);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const databaseFile = database.kind === "sqlite" ? database.file : path.join(dataDirectory(database), "postgresql");
  let db = override?.db;
  let opened: { destroy: () => Promise<void> } | null = null;
  try {
    if (!db) {
      db = openDatabase(database);
      opened = db;
      await migrateToLatest(db);
    }
    return await handler({ db, io, json, database, databaseFile }, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof BackupError) error = new RejectedError((error as Error).message);
    if (error instanceof RejectedError) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, error: error.message, details: error.details ?? null }, null, 2)}\n`);
      io.stderr(`${error.message}\n`);
      return EXIT_REJECTED;
    }
    if (error instanceof DatabaseBusyError || error instanceof DatabaseWriteError) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, error: error.message, busy: error instanceof DatabaseBusyError }, null, 2)}\n`);
      io.stderr(`${error.message}\n`);
      return error instanceof DatabaseBusyError ? EXIT_BUSY : EXIT_FAILED;
    }
    throw error;
  } finally {
    if (opened) await opened.destroy().catch(() => undefined);
  }
}

export function readFileOrReject(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new RejectedError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
