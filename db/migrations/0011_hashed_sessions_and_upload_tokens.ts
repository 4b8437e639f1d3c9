/**
 * Session ids are stored as their SHA-256 (the cookie keeps the id itself), so a copy of the database cannot be used
 * to take over a session; existing sessions are hashed in place, nobody is signed out. Import runs remember the staged
 * upload they came from, and one upload can give at most one applied run. Frozen in time.
 */
import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const sessions = await db.selectFrom("sessions").select("id").execute();
  for (const { id } of sessions as Array<{ id: string }>) {
    await db.updateTable("sessions").set({ id: createHash("sha256").update(id).digest("hex") }).where("id", "=", id).execute();
  }
  await db.schema.alterTable("import_runs").addColumn("upload_token", "text").execute();
  await sql`CREATE UNIQUE INDEX import_runs_one_apply_per_upload ON import_runs (upload_token) WHERE upload_token IS NOT NULL AND status <> 'rejected'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("import_runs_one_apply_per_upload").ifExists().execute();
  await db.schema.alterTable("import_runs").dropColumn("upload_token").execute();
  // Hashed session ids cannot be turned back into cookies.
  await db.deleteFrom("sessions").execute();
}
