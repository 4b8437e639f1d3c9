/**
 * A revision per organisation, bumped in the same transaction as every write to that organisation's data, so
 * any process can tell whether what it cached for the organisation is stale. Frozen in time.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").dropColumn("revision").execute();
}
