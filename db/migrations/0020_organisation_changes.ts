/**
 * What each write to an organisation changed (issue [2.6], decision 0056): one row per revision, written by
 * `scope.write` in the write's own transaction, naming the parts of the evaluated data it touched. A process whose
 * copy of the organisation is at revision r reads the rows after r and reloads only those parts; a gap (a revision
 * with no row) means a full load. Old rows are pruned by the writer. Frozen in time: never import application code.
 */
import { type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation_changes")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    /** Comma-separated part names ("staff,records"); empty when the write touched nothing the rules read. */
    .addColumn("parts", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_changes_pk", ["organisation_id", "revision"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organisation_changes").ifExists().execute();
}
