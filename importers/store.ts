/** Database helpers shared by the importers: batching, the run record, the change set, the audit event. */
import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { Database, ImportKind } from "../db/schema";
import type { ChangeEntity, Counts, ImportMode, RowError } from "./types";

export type Db = Kysely<Database> | Transaction<Database>;

export function nowIso(): string {
  return new Date().toISOString();
}

/** Rows per multi-row statement: SQLite allows 32,766 bound values; staff rows have 19 columns. */
export const BATCH_ROWS = 1000;

export function batchSizeFor(columns: number): number {
  return Math.max(1, Math.min(BATCH_ROWS, Math.floor(30_000 / columns)));
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

export async function insertChanges(trx: Db, importRunId: number, changes: readonly ChangeRecord[]): Promise<void> {
  const json = (v: unknown) => (v == null ? null : typeof v === "string" ? v : JSON.stringify(v));
  for (const batch of chunks(changes, batchSizeFor(CHANGE_COLUMNS.length))) {
    await insertRows(
      trx,
      "import_changes",
      CHANGE_COLUMNS,
      batch.map((c) => [importRunId, c.entity, c.entityId, c.action, json(c.before), json(c.after)]),
    );
  }
}

/**
 * Change records for rows just inserted, built by SQLite from the rows themselves (`json_object` of every
 * column): the after-state is exactly what was stored, and the JSON never passes through JavaScript.
 */
export async function insertChangesFromRows(
  trx: Db,
  importRunId: number,
  entity: ChangeEntity,
  table: string,
  columns: readonly string[],
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) return;
  const sorted = [...ids].sort((a, b) => a - b);
  // One multi-row INSERT inside a write transaction takes consecutive ids; a range is a much shorter statement.
  const contiguous = sorted[sorted.length - 1] - sorted[0] + 1 === sorted.length;
  const q = (c: string) => `"${c}"`;
  const text =
    `insert into "import_changes" ("import_run_id","entity","entity_id","action","before_json","after_json") ` +
    `select ?, ?, "id", 'insert', null, json_object(${columns.map((c) => `'${c}',${q(c)}`).join(",")}) ` +
    `from ${q(table)} where "id" ${contiguous ? "between ? and ?" : `in (${new Array(ids.length).fill("?").join(",")})`} order by "id"`;
  const params = contiguous ? [importRunId, entity, sorted[0], sorted[sorted.length - 1]] : [importRunId, entity, ...sorted];
  await trx.executeQuery(CompiledQuery.raw(text, params));
}

const statementText = new Map<string, string>();

/**
 * One multi-row INSERT through Kysely's connection (inside the caller's transaction), with the SQL text
 * built once per shape: the hot path of large imports skips building a query tree per cell. Table and
 * column names are this module's constants, never input.
 */
export async function insertRows<R = unknown>(
  trx: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[],
  opts: { returning?: readonly string[]; onConflictUpdateBy?: string } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const key = `${table}|${columns.join(",")}|${rows.length}|${opts.returning?.join(",") ?? ""}|${opts.onConflictUpdateBy ?? ""}`;
  let text = statementText.get(key);
  if (text === undefined) {
    const q = (c: string) => `"${c}"`;
    const tuple = `(${columns.map(() => "?").join(",")})`;
    text = `insert into ${q(table)} (${columns.map(q).join(",")}) values ${new Array(rows.length).fill(tuple).join(",")}`;
    if (opts.onConflictUpdateBy) {
      const by = opts.onConflictUpdateBy;
      text += ` on conflict (${q(by)}) do update set ${columns.filter((c) => c !== by).map((c) => `${q(c)} = excluded.${q(c)}`).join(", ")}`;
    }
    if (opts.returning) text += ` returning ${opts.returning.map(q).join(",")}`;
    if (statementText.size < 256) statementText.set(key, text);
  }
  const params: unknown[] = new Array(rows.length * columns.length);
  let n = 0;
  for (const r of rows) {
    if (Array.isArray(r)) for (let i = 0; i < columns.length; i++) params[n++] = r[i];
    else for (let i = 0; i < columns.length; i++) params[n++] = (r as Record<string, unknown>)[columns[i]];
  }
  const result = await trx.executeQuery<R>(CompiledQuery.raw(text, params));
  return result.rows as R[];
}

export async function insertRun(
  trx: Db,
  run: {
    organisationId: number;
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
  },
): Promise<number> {
  const row = await trx
    .insertInto("import_runs")
    .values({
      organisation_id: run.organisationId,
      user_id: run.userId,
      actor: run.actor,
      kind: run.kind,
      mode: run.mode,
      file_name: run.fileName,
      file_sha256: run.sha256,
      mapping_json: JSON.stringify(run.mapping),
      status: run.status,
      counts_json: JSON.stringify(run.counts),
      created_at: nowIso(),
      upload_token: run.uploadToken ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRowErrors(trx: Db, importRunId: number, errors: readonly RowError[]): Promise<void> {
  for (const batch of chunks(errors, batchSizeFor(5))) {
    await trx
      .insertInto("import_row_errors")
      .values(
        batch.map((e) => ({
          import_run_id: importRunId,
          row_number: e.row,
          column_name: e.column,
          value: e.value,
          message: e.message,
        })),
      )
      .execute();
  }
}

export async function insertAudit(
  trx: Db,
  event: {
    organisationId: number;
    userId: number | null;
    actor: string;
    action: string;
    entityId: number;
    summary: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      organisation_id: event.organisationId,
      user_id: event.userId,
      actor: event.actor,
      at: nowIso(),
      action: event.action,
      entity: "import_run",
      entity_id: String(event.entityId),
      summary: event.summary,
      before_json: event.before === undefined ? null : JSON.stringify(event.before),
      after_json: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}
