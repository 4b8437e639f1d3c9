/**
 * The CLI's commands as one function of (arguments, output streams) → exit status, so tests run it in-process. Each
 * command's modules are loaded when it runs (a dynamic import per command), so a command reads and compiles only
 * what it uses: `org create` never loads the importers, `import` never loads the mailer or the evidence pack
 * (decision 0060).
 */
import path from "node:path";
import { databaseTarget, type DatabaseTarget, dataDirectory, migrateToLatest, openDatabase, type DB } from "../db/connection";
import { BackupError } from "../db/backup";
import { DatabaseBusyError, DatabaseWriteError } from "../db/sqlite-dialect";
import { EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, RejectedError, USAGE, UsageError } from "./cli-usage";
import type { CliIO, CommandContext } from "./cli-shared";

export { EXIT_BUSY, EXIT_FAILED, EXIT_OK, EXIT_REJECTED, EXIT_USAGE, RejectedError, USAGE, UsageError } from "./cli-usage";
export { orgFromSlug, readFileOrReject, type CliIO, type CommandContext } from "./cli-shared";

type Handler = (ctx: CommandContext, args: string[]) => Promise<number>;

/** Each command and how to load it. */
export const COMMANDS: Record<string, () => Promise<Handler>> = {
  import: async () => (await import("./cli-import")).importCommand,
  "export status": async () => (await import("./cli-reports")).exportStatus,
  "export evidence-pack": async () => {
    const { exportEvidencePack } = await import("./cli-evidence-pack");
    return (ctx, args) => exportEvidencePack({ db: ctx.db, json: ctx.json, stdout: ctx.io.stdout }, args);
  },
  "org create": async () => (await import("./cli-admin")).orgCreate,
  "policy add": async () => (await import("./cli-admin")).policyAdd,
  "user create": async () => (await import("./cli-admin")).userCreate,
  metrics: async () => (await import("./cli-reports")).metrics,
  snapshot: async () => (await import("./cli-reports")).snapshot,
  backup: async () => (await import("./cli-admin")).backup,
  restore: async () => (await import("./cli-admin")).restore,
  "digest send": async () => {
    const { digestSend } = await import("./cli-digest");
    return (ctx, args) => digestSend({ db: ctx.db, json: ctx.json, databaseFile: ctx.databaseFile, stdout: ctx.io.stdout }, args);
  },
};

export async function runCommand(argv: string[], io: CliIO, override?: { db: DB; databaseFile: string }): Promise<number> {
  const json = argv.includes("--json");
  const key2 = argv.slice(0, 2).join(" ");
  const key1 = argv[0] ?? "";
  const [load, rest] = COMMANDS[key2] ? [COMMANDS[key2], argv.slice(2)] : COMMANDS[key1] ? [COMMANDS[key1], argv.slice(1)] : [undefined, []];
  if (!load || argv.includes("--help") || argv.includes("-h")) {
    (load || argv.includes("--help") || argv.includes("-h") ? io.stdout : io.stderr)(USAGE);
    return load || argv.includes("--help") || argv.includes("-h") ? EXIT_OK : EXIT_USAGE;
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
    // The command's modules load while nothing else is waiting: before the database is opened and migrated.
    const handler = await load();
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
