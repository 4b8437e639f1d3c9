/**
 * Backup and restore of a PostgreSQL database with the server's own tools: `pg_dump --format=custom` writes a
 * consistent snapshot while the app keeps running; `pg_restore --clean --single-transaction` replaces the schema's
 * tables (all or nothing) after checking the file is a backup of this product. PG_BIN names their folder when they
 * are not on the PATH.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Kysely } from "kysely";
import type { Database } from "./schema";
import { BackupError } from "./backup-error";
import { redactUrl } from "./dialect";
import { createPool, WaitingPostgresDialect } from "./postgres-dialect";
import { staticMigrationProvider } from "./migrations/index";
import { moveRevisionsPastRestore, revisionsBeforeRestore } from "./restore-revisions";
import { Migrator } from "kysely";

function tool(name: "pg_dump" | "pg_restore"): string {
  return process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name;
}

function run(name: "pg_dump" | "pg_restore", args: string[]): string {
  const result = spawnSync(tool(name), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new BackupError(
      `${name} is not installed (needed to back up and restore a PostgreSQL database). Install the PostgreSQL client tools of the server's version or newer (Debian: apt-get install postgresql-client), or set PG_BIN to their folder.`,
    );
  }
  if (result.error) throw new BackupError(`${name} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new BackupError(`${name} failed: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

export async function backupPostgres(url: string, destination: string): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(destination);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A backup holds the same personal data and password hashes as the database: only its owner may read it.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`]);
  fs.chmodSync(file, 0o600);
  return { file, bytes: fs.statSync(file).size };
}

export async function restorePostgres(backupFile: string, url: string): Promise<{ from: string; to: string; organisations: number }> {
  const from = path.resolve(backupFile);
  if (!fs.existsSync(from)) throw new BackupError(`There is no backup file at ${from}`);
  let listing: string;
  try {
    listing = run("pg_restore", ["--list", from]);
  } catch (error) {
    if (error instanceof BackupError && /not installed/.test(error.message)) throw error;
    throw new BackupError(`${from} is not a pg_dump backup (custom format): ${(error as Error).message}`);
  }
  for (const required of ["organisations", "staff", "kysely_migration"]) {
    if (!new RegExp(`TABLE public ${required} `).test(listing)) throw new BackupError(`${from} is not a backup of this product (no ${required} table)`);
  }
  const db = new Kysely<Database>({ dialect: new WaitingPostgresDialect(createPool(url, 1)) });
  try {
    const before = await revisionsBeforeRestore(db);
    run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${url}`, from]);
    const { error } = await new Migrator({ db, provider: staticMigrationProvider, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    await moveRevisionsPastRestore(db, before);
    const { n } = await db.selectFrom("organisations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { from, to: redactUrl(url), organisations: Number(n) };
  } finally {
    await db.destroy();
  }
}
