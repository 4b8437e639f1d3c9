/**
 * Kysely's PostgreSQL dialect over a `pg` pool, made to behave like our SQLite dialect where callers notice:
 * values come back as SQLite's types (dialect.ts), a writer waits for a lock at most DATABASE_WAIT_MS and then gets
 * the same DatabaseBusyError, and a full disk is the same DatabaseWriteError.
 */
import { createRequire } from "node:module";
import type pg from "pg";
import { CompiledQuery, type DatabaseConnection, type Driver, PostgresDialect, PostgresDriver, type QueryResult } from "kysely";
import { POSTGRES_TYPE_PARSERS } from "./dialect";
import { DatabaseBusyError, DatabaseWriteError, waitMsFromEnv } from "./sqlite-dialect";

/** Connections each process keeps open by default (DATABASE_POOL_SIZE overrides it). */
export const DEFAULT_POOL_SIZE = 10;

export function poolSizeFromEnv(): number {
  const configured = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_POOL_SIZE;
}

// 55P03 lock_not_available (lock_timeout), 40P01 deadlock_detected, 40001 serialization_failure.
const BUSY_CODES = new Set(["55P03", "40P01", "40001"]);
// 53100 disk_full, 53xxx insufficient resources.
const FULL_CODES = /^53/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function isPostgresBusyError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && BUSY_CODES.has(code);
}

/** `pg` is required when a pool is made, not at start-up: SQLite installations and the CLI never pay for it (0057). */
function loadPg(): typeof pg {
  return createRequire(import.meta.url)("pg") as typeof pg;
}

export function createPool(url: string, size = poolSizeFromEnv()): pg.Pool {
  const { Pool, types } = loadPg();
  return new Pool({
    connectionString: url,
    max: size,
    types: { getTypeParser: ((oid: number, format?: string) => POSTGRES_TYPE_PARSERS[oid] ?? types.getTypeParser(oid, format as "text")) as typeof types.getTypeParser },
  });
}

class MappedConnection implements DatabaseConnection {
  constructor(private readonly inner: DatabaseConnection, private readonly waitMs: number) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (isPostgresBusyError(error)) throw new DatabaseBusyError(Math.max(Date.now() - started, this.waitMs));
      if (FULL_CODES.test(codeOf(error) ?? "") && error instanceof Error) throw new DatabaseWriteError(error);
      throw error;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class MappedPostgresDriver extends PostgresDriver {
  private readonly wrapped = new WeakMap<DatabaseConnection, MappedConnection>();
  private readonly innerOf = new WeakMap<MappedConnection, DatabaseConnection>();

  constructor(config: ConstructorParameters<typeof PostgresDriver>[0], private readonly waitMs: number) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    let mapped = this.wrapped.get(inner);
    if (!mapped) {
      mapped = new MappedConnection(inner, this.waitMs);
      this.wrapped.set(inner, mapped);
      this.innerOf.set(mapped, inner);
    }
    return mapped;
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await super.releaseConnection((this.innerOf.get(connection as MappedConnection) ?? connection) as Parameters<PostgresDriver["releaseConnection"]>[0]);
  }
}

export class WaitingPostgresDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool, private readonly waitMs = waitMsFromEnv()) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new MappedPostgresDriver(
      {
        pool: this.pool,
        // A writer waits for another's row locks at most this long, then gets DatabaseBusyError (as on SQLite).
        onCreateConnection: async (connection) => {
          await connection.executeQuery(CompiledQuery.raw(`set lock_timeout = ${Math.max(1, Math.round(this.waitMs))}`));
        },
      },
      this.waitMs,
    );
  }
}
