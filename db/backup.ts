/**
 * Backup and restore. SQLite: the online backup API (consistent while the app keeps running). PostgreSQL:
 * `pg_dump --format=custom` and `pg_restore` (postgres-backup.ts). Either way a restore checks the file is one of
 * our databases before it replaces anything, then migrates it.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase, type DatabaseTarget, makePrivate, migrateToLatest } from "./connection";
import { BackupError } from "./backup-error";
import { moveRevisionsPastRestore, revisionsBeforeRestore, type RevisionsBefore } from "./restore-revisions";
import { backupPostgres, restorePostgres } from "./postgres-backup";

export { BackupError };

export async function backupDatabase(source: string | DatabaseTarget, destination: string): Promise<{ file: string; bytes: number; pages: number }> {
  if (typeof source === "object" && source.kind === "postgres") return { ...(await backupPostgres(source.url, destination)), pages: 0 };
  return backupSqlite(typeof source === "object" ? source.file : source, destination);
}

export async function restoreDatabase(backupFile: string, target: string | DatabaseTarget): Promise<{ from: string; to: string; organisations: number }> {
  if (typeof target === "object" && target.kind === "postgres") return restorePostgres(backupFile, target.url);
  return restoreSqlite(backupFile, typeof target === "object" ? target.file : target);
}

async function backupSqlite(sourceFile: string, destination: string): Promise<{ file: string; bytes: number; pages: number }> {
  const file = path.resolve(destination);
  if (path.resolve(sourceFile) === file) throw new BackupError("The backup file must not be the database itself");
  if (!fs.existsSync(sourceFile)) throw new BackupError(`There is no database at ${sourceFile}`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A backup holds the same personal data and password hashes as the database: only its owner may read it.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(file);
    fs.chmodSync(file, 0o600);
    return { file, bytes: fs.statSync(file).size, pages: result.totalPages };
  } finally {
    source.close();
  }
}

function checkBackupFile(file: string): number {
  let candidate: SQLite.Database;
  try {
    candidate = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`Cannot open ${file} as a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const integrity = candidate.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupError(`${file} fails SQLite's integrity check: ${String(integrity)}`);
    const tables = new Set((candidate.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    for (const required of ["organisations", "staff", "kysely_migration"]) {
      if (!tables.has(required)) throw new BackupError(`${file} is not a backup of this product (no ${required} table)`);
    }
    return (candidate.prepare("select count(*) as n from organisations").get() as { n: number }).n;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    candidate.close();
  }
}

/** The revisions in the database file about to be replaced (none when it cannot be read as one). */
async function revisionsOfFile(file: string): Promise<RevisionsBefore> {
  let current: ReturnType<typeof createDatabase>["db"] | undefined;
  try {
    current = createDatabase(file).db;
    return await revisionsBeforeRestore(current);
  } catch {
    return new Map();
  } finally {
    await current?.destroy();
  }
}

/** Replaces the database at `target` with the backup, through the backup API (so the WAL is handled), then migrates it. */
async function restoreSqlite(backupFile: string, target: string): Promise<{ from: string; to: string; organisations: number }> {
  const from = path.resolve(backupFile);
  const to = path.resolve(target);
  if (from === to) throw new BackupError("The backup file must not be the database itself");
  if (!fs.existsSync(from)) throw new BackupError(`There is no backup file at ${from}`);
  const organisations = checkBackupFile(from);
  const before = fs.existsSync(to) ? await revisionsOfFile(to) : new Map<number, number>();
  const source = new SQLite(from, { readonly: true, fileMustExist: true });
  makePrivate(to);
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
  const { db } = createDatabase(to);
  try {
    await migrateToLatest(db);
    await moveRevisionsPastRestore(db, before);
  } finally {
    await db.destroy();
  }
  return { from, to, organisations };
}
