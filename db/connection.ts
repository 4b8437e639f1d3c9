/**
 * Opens the database named by DATABASE_URL through Kysely (dialect.ts says which): a PostgreSQL server through a `pg`
 * pool (postgres-dialect.ts), or a SQLite file with WAL and foreign keys on, writers that wait (sqlite-dialect.ts)
 * and private files (directory 0700, database, WAL and shared memory 0600).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { DEFAULT_MIGRATION_TABLE, Kysely, Migrator, sql } from "kysely";
import type { Database } from "./schema";
import { staticMigrationProvider } from "./migrations/index";
import { WritersWaitSqliteDialect } from "./sqlite-dialect";
import { type DatabaseTarget, databaseTarget, DEFAULT_DATABASE_URL, redactUrl } from "./dialect";
import { createPool, WaitingPostgresDialect } from "./postgres-dialect";

export type DB = Kysely<Database>;

export { DEFAULT_DATABASE_URL, databaseTarget, type DatabaseTarget };

/** The SQLite file DATABASE_URL names (refuses a PostgreSQL URL: the caller needs a file). */
export function databasePath(url = process.env.DATABASE_URL): string {
  const target = databaseTarget(url);
  if (target.kind !== "sqlite") throw new Error(`DATABASE_URL ${redactUrl(target.url)} is a PostgreSQL server; this needs a SQLite file`);
  return target.file;
}

/**
 * The folder for files the app keeps on local disk (mail outbox, request bodies being read): beside the SQLite
 * file, or DATA_DIR (default ./data) with PostgreSQL.
 */
export function dataDirectory(target: DatabaseTarget = databaseTarget()): string {
  return target.kind === "sqlite" ? path.dirname(target.file) : path.resolve(process.env.DATA_DIR?.trim() || "./data");
}

/** What to show for the database in logs: the file, or the URL without its password. */
export function describeDatabase(target: DatabaseTarget = databaseTarget()): string {
  return target.kind === "sqlite" ? target.file : redactUrl(target.url);
}

/** Opens whichever database `url` (default DATABASE_URL) names. */
export function openDatabase(url: string | DatabaseTarget | undefined = process.env.DATABASE_URL, opts: { waitMs?: number; poolSize?: number } = {}): DB {
  const target = typeof url === "object" ? url : databaseTarget(url);
  if (target.kind === "postgres") return new Kysely<Database>({ dialect: new WaitingPostgresDialect(createPool(target.url, opts.poolSize), opts.waitMs) });
  return createDatabase(target.file, opts.waitMs).db;
}

/**
 * A shared folder the database merely sits in (the project, the home or temporary directory) keeps its mode; a
 * folder of its own (./data by default) is made private.
 */
function isDedicatedDirectory(dir: string): boolean {
  const shared = [process.cwd(), os.homedir(), os.tmpdir(), path.parse(dir).root].map((d) => path.resolve(d));
  return !shared.includes(path.resolve(dir));
}

/** The data directory 0700 and the database with its WAL and shared-memory files 0600 (they hold personal data and password hashes). */
export function makePrivate(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isDedicatedDirectory(dir)) fs.chmodSync(dir, 0o700);
  // Create the file ourselves so it never exists with the default mode; SQLite gives -wal and -shm the same mode.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

export function openSqlite(file: string): SQLite.Database {
  makePrivate(file);
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Short on purpose: a longer wait happens asynchronously in the dialect (DATABASE_WAIT_MS), so a waiting writer
  // does not block the process.
  sqlite.pragma("busy_timeout = 100");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query afresh; SQLite statements are reusable, so keep the most recent ones by their SQL
 * text (an import's batches repeat the same few statements thousands of times).
 */
export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === "prepare") {
        return (text: string) => {
          let statement = cache.get(text);
          if (statement) {
            cache.delete(text);
          } else {
            statement = target.prepare(text);
            if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          }
          cache.set(text, statement);
          return statement;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function createDatabase(file = databasePath(), waitMs?: number): { db: DB; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new WritersWaitSqliteDialect({ database: withStatementCache(sqlite), waitMs }) });
  return { db, sqlite };
}

/** Whether every migration has been applied: one read, where the migrator creates its tables and takes its lock. */
async function migrationsUpToDate(db: DB): Promise<boolean> {
  const known = Object.keys(await staticMigrationProvider.getMigrations());
  let applied: Set<string>;
  try {
    // sql.table: kysely_migration is Kysely's own table, not in the typed schema.
    const rows = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    applied = new Set(rows.rows.map((r) => r.name));
  } catch {
    return false; // a new database: no migration table yet
  }
  return known.every((name) => applied.has(name));
}

export async function migrateToLatest(db: DB): Promise<string[]> {
  // Every CLI command and server start comes here: most find nothing to do, and one read says so.
  if (await migrationsUpToDate(db)) return [];
  // Migration numbers are handed out to parallel work in advance, so a lower number can land after a higher
  // one (0006 after 0010): apply whichever have not run yet, in name order.
  const migrator = new Migrator({ db, provider: staticMigrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // 42501 insufficient_privilege: since PostgreSQL 15 only the database's owner may create tables in `public`.
    if ((error as { code?: unknown }).code === "42501") {
      throw new Error(`The database user may not create the tables (${(error as Error).message}). Make it the database's owner (createdb --owner=<user> …, or ALTER DATABASE <db> OWNER TO <user>), or GRANT CREATE ON SCHEMA public TO <user>; see docs/deployment.md.`);
    }
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
