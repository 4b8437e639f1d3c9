/**
 * The integration-pg project's global setup: one throwaway PostgreSQL cluster for the run (postgres-cluster.ts), a
 * template database migrated once, and each test's database made from it with CREATE DATABASE … TEMPLATE (see
 * test/helpers/database.ts). The cluster and everything in it are removed afterwards.
 */
import { sql } from "kysely";
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { ensurePostgres, startPostgresCluster } from "./postgres-cluster";

export interface PostgresTemplate {
  /** postgres://…/ without a database name: add one. */
  serverUrl: string;
  template: string;
  /** Folder of the PostgreSQL client binaries (createdb, pg_dump). */
  bin: string;
  port: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: PostgresTemplate;
  }
}

export const TEMPLATE_NAME = "cc_template";

export default async function setup(project: TestProject) {
  const bin = ensurePostgres();
  const cluster = await startPostgresCluster();
  try {
    const admin = openDatabase(cluster.url("postgres"));
    await sql.raw(`create database ${TEMPLATE_NAME}`).execute(admin);
    await admin.destroy();
    const db = openDatabase(cluster.url(TEMPLATE_NAME));
    await migrateToLatest(db);
    await db.destroy();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide("postgresTemplate", { serverUrl: cluster.url(""), template: TEMPLATE_NAME, bin, port: cluster.port });
  return () => cluster.stop();
}
