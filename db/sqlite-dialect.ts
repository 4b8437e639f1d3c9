/**
 * Kysely's SQLite dialect with writers that wait. Every transaction starts with `BEGIN IMMEDIATE`, so it takes the
 * write lock first and waits for it, instead of starting as a reader and failing with SQLITE_BUSY(_SNAPSHOT) when it
 * first writes. The wait is asynchronous (short synchronous busy timeouts, then a pause), so a web worker keeps
 * serving other requests meanwhile, and bounded: after `waitMs` a DatabaseBusyError says so. Statements outside a
 * transaction are retried the same way (a statement that failed with SQLITE_BUSY changed nothing). A rollback after
 * SQLite has already rolled back (disk full) is skipped, so the real error is the one reported.
 */
import type SQLite from "better-sqlite3";
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDialectConfig } from "kysely";

/** How long a writer waits for the database by default (DATABASE_WAIT_MS overrides it). */
export const DEFAULT_WAIT_MS = 20_000;

export class DatabaseBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`The database is busy (another import, backup or change is writing) and did not become free within ${Math.round(waitedMs / 100) / 10} seconds. Nothing was written; try again in a moment.`);
    this.name = "DatabaseBusyError";
  }
}

export class DatabaseWriteError extends Error {
  constructor(cause: Error) {
    super(`The database could not be written (${cause.message}): the disk may be full. Nothing was written.`);
    this.name = "DatabaseWriteError";
  }
}

const BUSY = /^SQLITE_(BUSY|LOCKED)/;
const FULL = /^SQLITE_(FULL|IOERR)/;

export function isBusyError(error: unknown): boolean {
  return error instanceof DatabaseBusyError || (typeof (error as { code?: unknown })?.code === "string" && BUSY.test((error as { code: string }).code));
}

function isFullError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && FULL.test(code);
}

export function waitMsFromEnv(): number {
  const configured = Number(process.env.DATABASE_WAIT_MS);
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_WAIT_MS;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not fail with SQLITE_BUSY, pausing between tries, for at most `waitMs`. */
async function whileBusy<T>(waitMs: number, attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new DatabaseBusyError(waited);
      await pause(Math.min(25 * 2 ** Math.min(tries, 3), 200, Math.max(1, waitMs - waited)));
    }
  }
}

class WaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly sqlite: SQLite.Database,
    private readonly waitMs: number,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction we already hold the write lock (BEGIN IMMEDIATE); a retry there could repeat half of it.
    if (this.sqlite.inTransaction) return this.run(query);
    return whileBusy(this.waitMs, () => this.run(query));
  }

  private async run<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (isFullError(error)) throw new DatabaseWriteError(error);
      throw error;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  /** BEGIN IMMEDIATE, waiting for the write lock. */
  begin(): Promise<unknown> {
    return whileBusy(this.waitMs, () => this.inner.executeQuery(CompiledQuery.raw("begin immediate")));
  }
}

class WaitingSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new WaitingConnection(await super.acquireConnection(), this.sqlite, this.waitMs);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WaitingConnection).begin();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After SQLITE_FULL (and some I/O errors) SQLite has already rolled the transaction back.
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

export class WritersWaitSqliteDialect extends SqliteDialect {
  constructor(
    private readonly options: { database: SQLite.Database; waitMs?: number },
  ) {
    super({ database: options.database });
  }

  override createDriver(): Driver {
    return new WaitingSqliteDriver({ database: this.options.database }, this.options.database, this.options.waitMs ?? waitMsFromEnv());
  }
}
