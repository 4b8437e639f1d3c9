/**
 * The benchmark organisations built in SQLite by large-organisation.ts, copied row for row into a new database on a
 * throwaway PostgreSQL cluster (test/setup/postgres-cluster.ts), for the benches that print PostgreSQL beside SQLite.
 */
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type DB } from "../../db/connection";
import { binDirectory, startPostgresCluster, type PostgresCluster } from "../setup/postgres-cluster";

/** A cluster to measure on, or why there is none (a bench only measures what the machine has; it installs nothing). */
export async function benchCluster(): Promise<{ cluster: PostgresCluster | null; skipped: string | null }> {
  if (!binDirectory()) return { cluster: null, skipped: "no initdb (install Debian's postgresql, or set PG_BIN to its bin folder)" };
  try {
    return { cluster: await startPostgresCluster(), skipped: null };
  } catch (error) {
    return { cluster: null, skipped: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/** Creates database `name` on the cluster, migrated, and returns its URL. */
export async function freshPostgresDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const admin = openDatabase(cluster.url("postgres"), { poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin);
  await admin.destroy();
  const url = cluster.url(name);
  const db = openDatabase(url);
  await migrateToLatest(db);
  await db.destroy();
  return url;
}

/** Copies the benchmark organisations from the SQLite `file` into `db`, row for row, ids kept. */
export async function copyInto(db: DB, file: string): Promise<void> {
  const source = new SQLite(file, { readonly: true });
  for (const table of ["users", "organisations", "memberships", "scope_decisions", "staff", "qualification_records"] as const) {
    const rows = source.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const batch = Math.floor(30_000 / Object.keys(rows[0]).length);
    for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute();
    if ("id" in rows[0]) await sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`).execute(db);
  }
  source.close();
  // Statistics for the planner, as a database that has run a while has them.
  await sql`analyze`.execute(db);
}

/** The organisations of the SQLite `file` in a new PostgreSQL database `name`; its URL. */
export async function largeOrganisationOnPostgres(cluster: PostgresCluster, file: string, name: string): Promise<string> {
  const url = await freshPostgresDatabase(cluster, name);
  const db = openDatabase(url);
  try {
    await copyInto(db, file);
  } finally {
    await db.destroy();
  }
  return url;
}
