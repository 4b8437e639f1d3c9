/**
 * Staged uploads in the database instead of the receiving server's disk (issue [2.5], decision 0052): an upload
 * staged through one app server can be mapped, previewed and applied through another. One row per upload: its
 * bytes and settings while it waits, its cached preview and apply progress, and what happened to it (kept longer
 * than the upload, so Back and old links can say so). Frozen in time: never import application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { bytes } = schemaFor(db);
  await db.schema
    .createTable("staged_uploads")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    /** ISO time of the upload: the upload expires a day after it (later edits do not extend it). */
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    /** The file; null once applied, discarded or expired. */
    .addColumn("bytes", bytes)
    /** JSON: kind, mode, file name, uploader, mapping, sheet, saved mapping; null with the bytes. */
    .addColumn("settings", "text")
    /** JSON: detection and dry run for the current settings (cleared when they change). */
    .addColumn("preview", "text")
    /** JSON: rows done while it applies. */
    .addColumn("progress", "text")
    /** JSON: applied or discarded, by whom, when; kept 30 days. */
    .addColumn("outcome", "text")
    .addColumn("outcome_at", "text")
    .execute();
  await db.schema.createIndex("staged_uploads_by_organisation").on("staged_uploads").columns(["organisation_id", "uploaded_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("staged_uploads").ifExists().execute();
}
