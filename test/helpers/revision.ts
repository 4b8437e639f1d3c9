/**
 * Tests that write an organisation's rows behind the app's back (straight SQL, another connection) bump its
 * revision here, as `scope.write` does, so caches keyed by the revision see the change.
 */
import { sql } from "kysely";
import type { DB } from "../../db/connection";

export async function bumpRevision(db: DB, organisationId: number): Promise<void> {
  await sql`update organisations set revision = revision + 1 where id = ${organisationId}`.execute(db);
}
