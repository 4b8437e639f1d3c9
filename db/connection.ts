/** Opens the SQLite database named by DATABASE_URL (a file path) through Kysely, with WAL and foreign keys on. */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import type { Database } from "./schema";
import { staticMigrationProvider } from "./migrations/index";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_URL = "./data/compliance.db";

export function databasePath(url = process.env.DATABASE_URL): string {
  const raw = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  const withoutScheme = raw.replace(/^(file:|sqlite:)(\/\/)?/, "");
  return path.resolve(withoutScheme);
}

export function openSqlite(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
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

export function createDatabase(file = databasePath()): { db: DB; sqlite: SQLite.Database } {
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite };
}

export async function migrateToLatest(db: DB): Promise<string[]> {
  // Migration numbers are handed out to parallel work in advance, so a lower number can land after a higher
  // one (0006 after 0010): apply whichever have not run yet, in name order.
  const migrator = new Migrator({ db, provider: staticMigrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
