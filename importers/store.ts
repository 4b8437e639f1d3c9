/**
 * Database helpers shared by the importers: batching, the run record, the row errors and the change set. Every
 * write goes through the organisation scope's writer (`scope.write(async (w) => …)`); the audit event is the
 * writer's `w.audit`, the one audit writer.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, ImportKind } from "../db/schema";
import type { OrganisationWriter } from "../app/models/organisation-scope.server";
import type { ChangeEntity, Counts, ImportMode, RowError } from "./types";

export { BATCH_ROWS, batchSizeFor } from "../db/bulk-insert";

export type Db = Kysely<Database> | Transaction<Database>;

export function nowIso(): string {
  return new Date().toISOString();
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size) as T[];
}

export interface ChangeRecord {
  entity: ChangeEntity;
  entityId: number;
  action: "insert" | "update" | "leaver";
  before: unknown;
  after: unknown;
}

const CHANGE_COLUMNS = ["import_run_id", "entity", "entity_id", "action", "before_json", "after_json"] as const;

export async function insertChanges(w: OrganisationWriter, importRunId: number, changes: readonly ChangeRecord[]): Promise<void> {
  const json = (v: unknown) => (v == null ? null : typeof v === "string" ? v : JSON.stringify(v));
  await w.insertChildRows(
    "import_changes",
    CHANGE_COLUMNS,
    changes.map((c) => [importRunId, c.entity, c.entityId, c.action, json(c.before), json(c.after)]),
  );
}

export async function insertRun(
  w: OrganisationWriter,
  run: {
    userId: number | null;
    actor: string;
    kind: ImportKind;
    mode: ImportMode;
    fileName: string;
    sha256: string;
    mapping: Record<string, string>;
    status: "applied" | "rejected";
    counts: Counts;
    uploadToken?: string | null;
    /** When the import wrote its rows (every row it writes has this `updated_at`); defaults to now. */
    createdAt?: string;
  },
): Promise<number> {
  const row = await w
    .insertInto("import_runs", {
      user_id: run.userId,
      actor: run.actor,
      kind: run.kind,
      mode: run.mode,
      file_name: run.fileName,
      file_sha256: run.sha256,
      mapping_json: JSON.stringify(run.mapping),
      status: run.status,
      counts_json: JSON.stringify(run.counts),
      created_at: run.createdAt ?? nowIso(),
      upload_token: run.uploadToken ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRowErrors(w: OrganisationWriter, importRunId: number, errors: readonly RowError[]): Promise<void> {
  await w.insertChildRows(
    "import_row_errors",
    ["import_run_id", "row_number", "column_name", "value", "message"],
    errors.map((e) => [importRunId, e.row, e.column, e.value, e.message]),
  );
}
