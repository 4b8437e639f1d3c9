/** Migrations are imported statically: Kysely's FileMigrationProvider cannot load .ts files under Vitest or in the Remix bundle. */
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_domain_model";
import * as m0002 from "./0002_qualification_catalogue";

export const migrations: Record<string, Migration> = {
  "0001_domain_model": m0001,
  "0002_qualification_catalogue": m0002,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
