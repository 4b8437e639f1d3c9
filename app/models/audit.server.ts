/** Audit events: who changed what, when, with the before and after. Written in the same transaction as the change. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { writeAuditEvent } from "./organisation-scope.server";

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
  const { organisationId, ...rest } = event;
  await writeAuditEvent(db, organisationId, actor, rest);
}
