/**
 * Multi-row INSERT statements with their SQL text built once per shape: the hot path of large imports skips
 * building a Kysely query tree per cell. Used only by the organisation scope's writer (bulk methods), which
 * supplies `organisation_id` itself; table and column names are the caller's constants, never input.
 */
import { CompiledQuery, type QueryResult, type Transaction } from "kysely";
import type { Database } from "./schema";
import { dialectOf, placeholder } from "./dialect";

/** Rows per multi-row statement: SQLite allows 32,766 bound values, PostgreSQL 65,535; batches stay under 30,000. */
export const BATCH_ROWS = 1000;

export function batchSizeFor(columns: number): number {
  return Math.max(1, Math.min(BATCH_ROWS, Math.floor(30_000 / columns)));
}

export interface BulkInsertOptions {
  returning?: readonly string[];
  /**
   * `on conflict (id) do update` of every column but `id` and the constant ones (organisation_id is never
   * rewritten), and only where the stored row has the same constant values (never another organisation's row).
   */
  upsertById?: boolean;
}

const statementText = new Map<string, string>();
const q = (c: string) => `"${c}"`;

/**
 * Inserts `rows` (arrays in `columns` order, or objects keyed by column) with `constants` (column → value, e.g.
 * organisation_id) appended to every row.
 */
export async function bulkInsert<R = unknown>(
  trx: Transaction<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[],
  constants: Readonly<Record<string, unknown>>,
  opts: BulkInsertOptions = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  return (await bulkInsertResult<R>(trx, table, columns, rows, constants, opts)).rows as R[];
}

async function bulkInsertResult<R = unknown>(
  trx: Transaction<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[],
  constants: Readonly<Record<string, unknown>>,
  opts: BulkInsertOptions = {},
): Promise<QueryResult<R>> {
  const constantColumns = Object.keys(constants);
  const constantValues = Object.values(constants);
  const all = [...columns, ...constantColumns];
  const dialect = dialectOf(trx);
  const key = `${dialect}|${table}|${all.join(",")}|${rows.length}|${opts.returning?.join(",") ?? ""}|${opts.upsertById ? "u" : ""}`;
  let text = statementText.get(key);
  if (text === undefined) {
    let n = 0;
    const tuples = Array.from({ length: rows.length }, () => `(${all.map(() => placeholder(dialect, ++n)).join(",")})`);
    text = `insert into ${q(table)} (${all.map(q).join(",")}) values ${tuples.join(",")}`;
    if (opts.upsertById) {
      const set = columns.filter((c) => c !== "id" && !constantColumns.includes(c)).map((c) => `${q(c)} = excluded.${q(c)}`);
      const same = constantColumns.map((c) => `${q(table)}.${q(c)} = excluded.${q(c)}`);
      text += ` on conflict ("id") do update set ${set.join(", ")}${same.length ? ` where ${same.join(" and ")}` : ""}`;
    }
    if (opts.returning) text += ` returning ${opts.returning.map(q).join(",")}`;
    if (statementText.size < 256) statementText.set(key, text);
  }
  const width = all.length;
  const params: unknown[] = new Array(rows.length * width);
  let n = 0;
  for (const r of rows) {
    if (Array.isArray(r)) for (let i = 0; i < columns.length; i++) params[n++] = r[i];
    else for (let i = 0; i < columns.length; i++) params[n++] = (r as Record<string, unknown>)[columns[i]];
    for (let i = 0; i < constantValues.length; i++) params[n++] = constantValues[i];
  }
  return trx.executeQuery<R>(CompiledQuery.raw(text, params));
}

/**
 * Inserts `rows` like `bulkInsert` and answers the new rows' ids in the order of `rows`. On SQLite the statement has
 * no RETURNING (which costs SQLite and the driver about a third of the insert): the table's integer key is
 * AUTOINCREMENT and the transaction holds the write lock, so the rows of one statement take consecutive ids in
 * VALUES order, ending at the statement's last insert rowid. On PostgreSQL the ids come back with `keyColumn`, a
 * column unique among `rows`, and are matched by it (RETURNING promises no order there).
 */
export async function bulkInsertIds(
  trx: Transaction<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
  constants: Readonly<Record<string, unknown>>,
  keyColumn: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  if (dialectOf(trx) === "sqlite") {
    const result = await bulkInsertResult(trx, table, columns, rows, constants);
    const last = Number(result.insertId);
    if (Number(result.numAffectedRows) !== rows.length || !Number.isSafeInteger(last)) throw new Error(`${table}: inserted ${String(result.numAffectedRows)} of ${rows.length} rows`);
    const ids = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) ids[i] = last - rows.length + 1 + i;
    return ids;
  }
  const returned = await bulkInsert<Record<string, unknown> & { id: number }>(trx, table, columns, rows, constants, { returning: ["id", keyColumn] });
  const idOf = new Map(returned.map((r) => [r[keyColumn], r.id]));
  return rows.map((r) => {
    const id = idOf.get(r[keyColumn]);
    if (id === undefined) throw new Error(`${table}: no id came back for ${keyColumn} ${String(r[keyColumn])}`);
    return id;
  });
}
