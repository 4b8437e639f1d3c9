/**
 * An index on staff(organisation_id) alone, so reading an organisation's people (the organisation load, decision
 * 0062) visits the table in the order the rows are stored (its entries for one organisation are in row-id order)
 * instead of jumping about the file in job-title order through staff_by_title: about 40% less CPU in SQLite for
 * 100,000 people. Cheap to keep up: a new person's entry goes at the end of their organisation's. Frozen in time.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("staff_by_organisation").on("staff").column("organisation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("staff_by_organisation").ifExists().execute();
}
