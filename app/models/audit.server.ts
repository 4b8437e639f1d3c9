/** Audit events: who changed what, when, with the before and after. Written in the same transaction as the change. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

export interface Actor {
  userId: number | null;
  /** Email of the person, or "cli" / "system". */
  name: string;
}

export interface AuditInput {
  organisationId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, actor: Actor, event: AuditInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      organisation_id: event.organisationId,
      user_id: actor.userId,
      actor: actor.name,
      at: new Date().toISOString(),
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId == null ? null : String(event.entityId),
      summary: event.summary,
      before_json: event.before === undefined ? null : JSON.stringify(event.before),
      after_json: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}
