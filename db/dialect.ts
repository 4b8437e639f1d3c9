/**
 * Everything that differs between SQLite and PostgreSQL, in one place: which database DATABASE_URL names, the
 * schema pieces migrations need (identity keys, timestamp defaults, floating point, refusing updates), the few query
 * fragments that are spelt differently (case-insensitive like, bound-parameter placeholders) and how PostgreSQL's
 * values are read back so they are the same JavaScript types as SQLite's (counts and sums numbers, booleans 0/1).
 * Migrations may import this file (it holds no application code).
 */
import path from "node:path";
import { type ColumnDefinitionBuilder, type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

export type DialectName = "sqlite" | "postgres";

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "./data/compliance.db";

/** A DATABASE_URL that names neither a SQLite file nor a PostgreSQL server. */
export class DatabaseUrlError extends Error {
  constructor(url: string) {
    super(
      `DATABASE_URL ${JSON.stringify(redactUrl(url))} names no database this product can open. Use a file path or file: URL for SQLite (e.g. ./data/compliance.db), or postgres://user:password@host:5432/dbname for PostgreSQL.`,
    );
    this.name = "DatabaseUrlError";
  }
}

/** postgres:// or postgresql:// → PostgreSQL; a path, file: or sqlite: URL → SQLite; any other scheme is refused. */
export function databaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const raw = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: "postgres", url: raw };
  if (/^(file|sqlite):/i.test(raw)) return { kind: "sqlite", file: path.resolve(raw.replace(/^(file|sqlite):(\/\/)?/i, "")) };
  // Any other scheme (mysql://, http://, postgres:/ with one slash…) is a mistake, not a folder to create.
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw)) throw new DatabaseUrlError(raw);
  return { kind: "sqlite", file: path.resolve(raw) };
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

/** Which database a Kysely handle (or transaction) talks to. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** The schema pieces a migration needs, for the database it runs on. */
export function schemaFor(db: Kysely<any>) {
  const pg = dialectOf(db) === "postgres";
  return {
    pg,
    /** An integer key the database hands out (SQLite AUTOINCREMENT; PostgreSQL an identity column). */
    identity: <B extends ColumnDefinitionBuilder>(c: B): ColumnDefinitionBuilder => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()),
    /** Default for text timestamps: the current UTC time as ISO 8601 with milliseconds (2026-10-01T09:30:00.000Z). */
    now: pg ? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    /** A double-precision number (PostgreSQL's "real" is single precision: 0.1 would come back 0.100000001). */
    real: (pg ? "double precision" : "real") as "double precision" | "real",
    /** Bytes (an uploaded file): SQLite blob, PostgreSQL bytea; both read back as a Buffer. */
    bytes: (pg ? "bytea" : "blob") as "bytea" | "blob",
    /** Makes the database itself refuse every UPDATE of `table` with `message` (SQLite trigger; PL/pgSQL on PostgreSQL). */
    async refuseUpdates(name: string, table: string, message: string): Promise<void> {
      if (pg) {
        await sql.raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`).execute(db);
        await sql.raw(`CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(db);
      } else {
        await sql.raw(`CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`).execute(db);
      }
    },
  };
}

/**
 * `value like pattern`, case-insensitively on both (SQLite's like ignores ASCII case, PostgreSQL's does not, and
 * ilike is not SQLite): both sides lowered. The pattern escapes % and _ with a backslash (see escapeLike).
 */
export function likeIgnoringCase(value: Expression<unknown> | RawBuilder<unknown>, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${value}) like lower(${pattern}) escape '\\'`;
}

/** Escapes like's wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The text of bound parameter `n` (1-based) in hand-written SQL: SQLite `?`, PostgreSQL `$n`. */
export function placeholder(dialect: DialectName, n: number): string {
  return dialect === "postgres" ? `$${n}` : "?";
}

/** The values of one row, typed from the expressions that select them. */
export type TupleOf<E extends readonly Expression<unknown>[]> = { -readonly [K in keyof E]: E[K] extends Expression<infer V> ? V : never };

/** What `tuplesOf` selects: JSON text on SQLite, the parsed JSON on PostgreSQL (pg parses json), null for no rows there. */
export type JsonTuples<T> = { readonly __tuples: T } | string | null;

/**
 * Every row the query finds as one JSON value, an array with one array of `values` per row, in the rows' order:
 * SQLite `json_group_array(json_array(…))`, PostgreSQL `json_agg(json_build_array(…))`. Read it with `readTuples`.
 * For the organisation load (decision 0062): the drivers build one object per row and one value per column in
 * native code (better-sqlite3) or per field in JavaScript (pg), about twice the time JSON.parse takes to build the
 * same values from one text, which also keeps each short string (a date, a first name) once. Numbers, text and null
 * come back as they are; integer 0/1 flags stay numbers. Text the same on both databases, up to 1 GB per query.
 */
export function tuplesOf<const E extends readonly Expression<unknown>[]>(dialect: DialectName, values: E): RawBuilder<JsonTuples<TupleOf<E>>> {
  const list = sql.join(values);
  return dialect === "postgres" ? sql`json_agg(json_build_array(${list}))` : sql`json_group_array(json_array(${list}))`;
}

/** The rows `tuplesOf` selected. */
export function readTuples<T>(value: JsonTuples<T>): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}

/** PostgreSQL types read back as SQLite's: int8 (count, sum of integers) and numeric (avg, sum) as numbers, booleans as 0/1. */
export const POSTGRES_TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  16: (v) => (v === "t" || v === "true" ? 1 : 0), // bool
  20: (v) => Number(v), // int8: counts and sums; ids stay far below 2^53
  1700: (v) => Number(v), // numeric
};
