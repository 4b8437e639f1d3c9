/**
 * A private copy of the migrated template database for one test, optionally installed as the app's database.
 * On SQLite (the integration project) a copy of the template file; on PostgreSQL (the integration-pg project, whose
 * global setup provides `postgresTemplate`) a database made with CREATE DATABASE … TEMPLATE on the run's cluster.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { sql } from "kysely";
import { inject, test } from "vitest";
import { createDatabase, openDatabase, type DB } from "../../db/connection";

export interface TestDatabase {
  db: DB;
  /** What DATABASE_URL would say for this database: the SQLite file, or on PostgreSQL its postgres:// URL. */
  file: string;
  /** The same as `file`, by its honest name. */
  url: string;
  kind: "sqlite" | "postgres";
  close: () => Promise<void>;
}

let counter = 0;

/** True in the integration-pg project: tests run on PostgreSQL. */
export const onPostgres: boolean = Boolean(inject("postgresTemplate"));

/**
 * `test` for a test that is about SQLite itself (file modes, WAL, its backup API, its lock): on PostgreSQL it is
 * skipped, and its name says why.
 */
export function sqliteOnly(reason: string): typeof test {
  if (!onPostgres) return test;
  const skipped = ((name: string, ...rest: unknown[]) => (test.skip as (...a: unknown[]) => void)(`${name} [skipped on PostgreSQL: ${reason}]`, ...rest)) as unknown as typeof test;
  return skipped;
}

let admin: DB | null = null;

function freshPostgres(): TestDatabase {
  const pgTemplate = inject("postgresTemplate");
  // Unique across the worker threads of one process (they share its pid).
  const name = `cc_test_${process.pid}_${threadId}_${counter++}`;
  // Synchronous, so freshDatabase() stays a plain call on both databases; FILE_COPY is the quick strategy for a small template.
  execFileSync(path.join(pgTemplate.bin, "createdb"), ["-h", "127.0.0.1", "-p", String(pgTemplate.port), "-U", "postgres", "-T", pgTemplate.template, "-S", "FILE_COPY", name], { stdio: ["ignore", "ignore", "pipe"] });
  const url = `${pgTemplate.serverUrl}${name}`;
  process.env.PG_BIN ??= pgTemplate.bin;
  const handle: TestDatabase = {
    db: openDatabase(url, { poolSize: 5 }),
    file: url,
    url,
    kind: "postgres",
    close: async () => {
      // The test's current handle (a test that reopens the database replaces t.db).
      await handle.db.destroy();
      admin ??= openDatabase(`${pgTemplate.serverUrl}postgres`, { poolSize: 1 });
      // Not WITH (FORCE): the pool's connections may still be closing, and a forced drop would fail them loudly.
      // PostgreSQL itself waits up to 5 s for them to go; one still open after that (a test left a connection, or a
      // child process is still running) keeps its database until the cluster is removed at the end of the run.
      await sql.raw(`drop database if exists ${name}`).execute(admin).catch(() => undefined);
    },
  };
  return handle;
}

export function freshDatabase(): TestDatabase {
  if (onPostgres) return freshPostgres();
  const template = inject("templateDatabase");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-test-"));
  const file = path.join(dir, `test-${process.pid}-${counter++}.db`);
  fs.copyFileSync(template, file);
  const { db } = createDatabase(file);
  return {
    db,
    file,
    url: file,
    kind: "sqlite",
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Makes route loaders and actions (which call getDb()) use this database. */
export function useAsAppDatabase(db: DB): void {
  globalThis.__complianceDb = db;
  if (onPostgres) {
    // The app's configuration names PostgreSQL too (SESSION_SECRET is then required); its local files go to DATA_DIR.
    process.env.DATABASE_URL ??= `${inject("postgresTemplate").serverUrl}postgres`;
    process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "cc-appdata-"));
  }
  // Files the app keeps beside its database (staged uploads) go to a temporary folder, not the project's data/.
  process.env.DATABASE_URL ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cc-appdata-")), "app.db");
  process.env.SESSION_SECRET ??= "test-session-secret-0123456789";
}
