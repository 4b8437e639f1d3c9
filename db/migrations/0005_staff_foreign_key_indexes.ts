/**
 * Indexes on the columns that point at a staff row, so deleting a person (undoing an import that added them)
 * checks its foreign keys by index instead of scanning every record. Frozen in time.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("records_by_staff").on("qualification_records").column("staff_id").execute();
  await db.schema.createIndex("absences_by_staff").on("absences").column("staff_id").execute();
  await db.schema.createIndex("import_changes_by_entity").on("import_changes").columns(["entity", "entity_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["records_by_staff", "absences_by_staff", "import_changes_by_entity"]) await db.schema.dropIndex(name).ifExists().execute();
}
