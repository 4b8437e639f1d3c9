/**
 * Revisions only go up, across a restore too. Every cache is keyed by an organisation's revision
 * (docs/decisions/0030-revision-keyed-cache.md): a restore brings back the backup's revisions, lower than the ones
 * running servers hold, and a server would take the restored data for "nothing changed" and keep serving what it
 * held. So the restore reads each organisation's revision before it replaces the data and afterwards moves each one
 * past both: every process sees a revision it has not held, finds no change log for it, and loads in full.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema";

export type RevisionsBefore = Map<number, number>;

/** Each organisation's revision in the database about to be replaced (none when it is empty or new). */
export async function revisionsBeforeRestore(db: Kysely<Database>): Promise<RevisionsBefore> {
  try {
    const rows = await db.selectFrom("organisations").select(["id", "revision"]).execute();
    return new Map(rows.map((r) => [r.id, Number(r.revision)]));
  } catch {
    return new Map();
  }
}

/** After the restore: each organisation's revision past both its restored one and the one it had before. */
export async function moveRevisionsPastRestore(db: Kysely<Database>, before: RevisionsBefore): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("organisations").select(["id", "revision"]).execute();
    for (const row of rows) {
      const next = Math.max(Number(row.revision), before.get(row.id) ?? 0) + 1;
      await trx.updateTable("organisations").set({ revision: next }).where("id", "=", row.id).execute();
    }
  });
}
