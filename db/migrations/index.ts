/** Migrations are imported statically: Kysely's FileMigrationProvider cannot load .ts files under Vitest or in the Remix bundle. */
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_domain_model";
import * as m0002 from "./0002_qualification_catalogue";
import * as m0003 from "./0003_skills_audits";
import * as m0004 from "./0004_workforce_plan";
import * as m0005 from "./0005_staff_foreign_key_indexes";
import * as m0006 from "./0006_statutory_position_and_edges";
import * as m0010 from "./0010_organisation_revision";
import * as m0011 from "./0011_hashed_sessions_and_upload_tokens";
import * as m0012 from "./0012_conduct";
import * as m0013 from "./0013_reminders";
import * as m0016 from "./0016_recommendation_closures";
import * as m0018 from "./0018_staged_uploads";
import * as m0020 from "./0020_organisation_changes";
import * as m0025 from "./0025_staff_by_organisation";
import * as m0026 from "./0026_snapshot_reason_lists";

export const migrations: Record<string, Migration> = {
  "0001_domain_model": m0001,
  "0002_qualification_catalogue": m0002,
  "0003_skills_audits": m0003,
  "0004_workforce_plan": m0004,
  "0005_staff_foreign_key_indexes": m0005,
  "0006_statutory_position_and_edges": m0006,
  "0010_organisation_revision": m0010,
  "0011_hashed_sessions_and_upload_tokens": m0011,
  "0012_conduct": m0012,
  "0013_reminders": m0013,
  "0016_recommendation_closures": m0016,
  "0018_staged_uploads": m0018,
  "0020_organisation_changes": m0020,
  "0025_staff_by_organisation": m0025,
  "0026_snapshot_reason_lists": m0026,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
