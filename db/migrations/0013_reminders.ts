/**
 * Reminders (issue 19): each organisation's digest settings, and the log of every digest sent, written to the
 * outbox or failed, one row per (digest, recipient, period) so a second run in the same period sends nothing.
 * Timestamps are written by the application (no dialect-specific defaults). Frozen in time.
 */
import type { Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { identity } = schemaFor(db);
  await db.schema
    .createTable("reminder_settings")
    .addColumn("organisation_id", "integer", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("line_manager_digest", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("hr_digest", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("executive_digest", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("frequency", "text", (c) => c.notNull().defaultTo("weekly"))
    .addColumn("enrol_lead_days", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("due_lead_days", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("copy_to", "text")
    .addColumn("executive_names", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("digest_sends")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("cc", "text")
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("item_count", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("message_id", "text")
    .addColumn("outbox_file", "text")
    .addColumn("sent_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("digest_sends_one_per_period")
    .on("digest_sends")
    .columns(["organisation_id", "digest", "recipient", "period"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("digest_sends").execute();
  await db.schema.dropTable("reminder_settings").execute();
}
