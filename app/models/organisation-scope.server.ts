/**
 * The organisation scope: the only way into one organisation's data. Reads start from a table and carry the
 * organisation filter by construction; writes happen inside `scope.write(fn)`, which opens the one transaction,
 * records the audit event(s) through the one audit writer and bumps the organisation's revision in that same
 * transaction (the revision keys every per-process cache, so any process knows when its copy is stale).
 *
 * See docs/decisions/0020-organisation-scope.md and docs/models.md.
 */
import { sql } from "kysely";
import type { DeleteQueryBuilder, DeleteResult, InsertQueryBuilder, InsertResult, Insertable, Kysely, SelectQueryBuilder, Transaction, UpdateQueryBuilder, UpdateResult } from "kysely";
import type { Database, Organisation } from "../../db/schema";
import { batchSizeFor, bulkInsert, bulkInsertIds } from "../../db/bulk-insert";
import { dialectOf, type DialectName } from "../../db/dialect";
import { partsChangedBy, type ChangedPart } from "./organisation-data.server";

export interface Actor {
  userId: number | null;
  /** Email of the person, or "cli" / "system" / "seed". */
  name: string;
}

/** Tables whose every row belongs to exactly one organisation. */
export type OrganisationTable = {
  [K in keyof Database]: Database[K] extends { organisation_id: number } ? (null extends Database[K]["organisation_id"] ? never : K) : never;
}[keyof Database];

/** Tables holding shared rows (organisation_id null, read-only to everyone) beside each organisation's own. */
export type SharedOrOwnTable = "qualifications" | "skill_frameworks" | "skill_areas";

/** Tables with rows this organisation owns: `selectFrom`, `insertInto`, `updateTable` and `deleteFrom` reach only
 * its own rows (the shared rows of a SharedOrOwnTable are never written through a scope). */
export type OwnedTable = OrganisationTable | SharedOrOwnTable;

/** Tables without an organisation column: each row belongs to a parent row that has one. */
export const CHILD_TABLES = {
  import_row_errors: { foreignKey: "import_run_id", parent: "import_runs" },
  import_changes: { foreignKey: "import_run_id", parent: "import_runs" },
  snapshot_people: { foreignKey: "snapshot_id", parent: "snapshots" },
  snapshot_reason_lists: { foreignKey: "snapshot_id", parent: "snapshots" },
  plan_run_records: { foreignKey: "plan_run_id", parent: "plan_runs" },
  skills_audit_campaign_areas: { foreignKey: "campaign_id", parent: "skills_audit_campaigns" },
} as const satisfies Record<string, { foreignKey: string; parent: OrganisationTable }>;
export type ChildTable = keyof typeof CHILD_TABLES;

type RowWithoutOrganisation<T extends OwnedTable> = Omit<Insertable<Database[T]>, "organisation_id">;

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

type AnyDb = Kysely<Database> | Transaction<Database>;

/* The organisation filter is added through an untyped builder: Kysely cannot prove that a generic table has an
   `organisation_id` column, but OrganisationTable only admits tables that do. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;

/** Reads within one organisation. */
export class OrganisationReader {
  constructor(
    protected readonly db: AnyDb,
    readonly organisationId: number,
  ) {}

  /** `select … from table where table.organisation_id = this organisation`. */
  selectFrom<T extends OwnedTable>(table: T): SelectQueryBuilder<Database, T, {}> {
    return (this.db.selectFrom(table) as Untyped).where(`${table}.organisation_id`, "=", this.organisationId);
  }

  /** Rows of a child table whose parent row belongs to this organisation. */
  selectFromChild<T extends ChildTable>(table: T): SelectQueryBuilder<Database, T, {}> {
    const { foreignKey, parent } = CHILD_TABLES[table];
    return (this.db.selectFrom(table) as Untyped).where(`${table}.${foreignKey}`, "in", this.parentIds(parent));
  }

  /** The shared rows and this organisation's own (the catalogue, skill frameworks). */
  selectVisible<T extends SharedOrOwnTable>(table: T): SelectQueryBuilder<Database, T, {}> {
    return (this.db.selectFrom(table) as Untyped).where((eb: Untyped) =>
      eb.or([eb(`${table}.organisation_id`, "is", null), eb(`${table}.organisation_id`, "=", this.organisationId)]),
    );
  }

  /** This organisation's own row (its settings and revision), as the database has it now. */
  selectOrganisation(): SelectQueryBuilder<Database, "organisations", {}> {
    return (this.db.selectFrom("organisations") as Untyped).where("organisations.id", "=", this.organisationId);
  }

  /** This organisation's audit trail (`audit_events` of this organisation; events outside any organisation are
   * not reached). Read-only: events are written by `w.audit` alone. */
  selectAuditEvents(): SelectQueryBuilder<Database, "audit_events", {}> {
    return (this.db.selectFrom("audit_events") as Untyped).where("audit_events.organisation_id", "=", this.organisationId);
  }

  /** Which database this reads (SQLite or PostgreSQL), for the few queries spelled differently on each (db/dialect.ts). */
  get dialect(): DialectName {
    return dialectOf(this.db);
  }

  /**
   * The database this reader reads, as an opaque key for per-process caches (a test may open several databases in
   * one process): an object to compare and to key a WeakMap by, not a handle to query. Reads go through `selectFrom`.
   */
  get databaseKey(): object {
    return this.db;
  }

  /**
   * Rows of this organisation whose `column` is one of `values`, found through that column's index (look-ups of
   * many rows by id): the organisation filter is written `+organisation_id` so SQLite does not walk the
   * organisation's whole index instead. Batch `values` (at most a few thousand per call).
   */
  selectWhereIn<T extends OwnedTable>(table: T, column: string, values: readonly (number | string)[]): SelectQueryBuilder<Database, T, {}> {
    return (this.db.selectFrom(table) as Untyped).where(`${table}.${column}`, "in", values).where(this.ownRowByKey(table));
  }

  protected ownRowByKey(table: string) {
    return sql<boolean>`+${sql.ref(`${table}.organisation_id`)} = ${this.organisationId}`;
  }

  protected parentIds(parent: OrganisationTable) {
    return (this.db.selectFrom(parent) as Untyped).select(`${parent}.id`).where(`${parent}.organisation_id`, "=", this.organisationId);
  }
}

/** Reads and writes inside one `scope.write` transaction. */
export class OrganisationWriter extends OrganisationReader {
  readonly auditEvents: AuditEvent[] = [];
  /** The tables this write reached through the writer (each method below names its table here), from which
   * `scope.write` records the parts of the evaluated data the write changed (organisation_changes, decision 0056). */
  readonly touchedTables = new Set<string>();

  constructor(
    private readonly trx: Transaction<Database>,
    organisationId: number,
    private readonly actor: Actor,
  ) {
    super(trx, organisationId);
  }

  /** Inserts rows of this organisation: `organisation_id` is set here, never by the caller. */
  insertInto<T extends OwnedTable>(table: T, rows: RowWithoutOrganisation<T> | readonly RowWithoutOrganisation<T>[]): InsertQueryBuilder<Database, T, InsertResult> {
    this.touchedTables.add(table);
    const list = (Array.isArray(rows) ? rows : [rows]) as Record<string, unknown>[];
    const values = list.map((row) => ({ ...row, organisation_id: this.organisationId }));
    return (this.trx.insertInto(table) as Untyped).values(values);
  }

  /** `update table … where organisation_id = this organisation` (add the row filter yourself). */
  updateTable<T extends OwnedTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    this.touchedTables.add(table);
    return (this.trx.updateTable(table) as Untyped).where(`${table}.organisation_id`, "=", this.organisationId);
  }

  deleteFrom<T extends OwnedTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    this.touchedTables.add(table);
    return (this.trx.deleteFrom(table) as Untyped).where(`${table}.organisation_id`, "=", this.organisationId);
  }

  /** `update organisations … where id = this organisation` (its settings; never another organisation's row). */
  updateOrganisation(): UpdateQueryBuilder<Database, "organisations", "organisations", UpdateResult> {
    this.touchedTables.add("organisations");
    return (this.trx.updateTable("organisations") as Untyped).where("organisations.id", "=", this.organisationId);
  }

  /** Deletes this organisation's rows whose `column` is one of `values`, through that column's index (see selectWhereIn). */
  deleteWhereIn<T extends OrganisationTable>(table: T, column: string, values: readonly (number | string)[]): DeleteQueryBuilder<Database, T, DeleteResult> {
    this.touchedTables.add(table);
    return (this.trx.deleteFrom(table) as Untyped).where(`${table}.${column}`, "in", values).where(this.ownRowByKey(table));
  }

  /** Inserts child rows after checking that every parent id named belongs to this organisation. */
  async insertIntoChild<T extends ChildTable>(table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
    if (rows.length === 0) return;
    this.touchedTables.add(table);
    const { foreignKey, parent } = CHILD_TABLES[table];
    const parentIds = [...new Set(rows.map((r) => (r as Record<string, unknown>)[foreignKey] as number))];
    const owned = await (this.trx.selectFrom(parent) as Untyped)
      .select("id")
      .where("organisation_id", "=", this.organisationId)
      .where("id", "in", parentIds)
      .execute();
    if (owned.length !== parentIds.length) throw new Error(`${table}: a ${parent} row named does not belong to this organisation`);
    await (this.trx.insertInto(table) as Untyped).values(rows).execute();
  }

  updateChild<T extends ChildTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    this.touchedTables.add(table);
    const { foreignKey, parent } = CHILD_TABLES[table];
    return (this.trx.updateTable(table) as Untyped).where(`${table}.${foreignKey}`, "in", this.parentIds(parent));
  }

  deleteFromChild<T extends ChildTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    this.touchedTables.add(table);
    const { foreignKey, parent } = CHILD_TABLES[table];
    return (this.trx.deleteFrom(table) as Untyped).where(`${table}.${foreignKey}`, "in", this.parentIds(parent));
  }

  /**
   * Bulk imports: multi-row INSERTs (batched, SQL text built once per shape) of this organisation's rows;
   * `organisation_id` is appended here. Rows are arrays in `columns` order or objects keyed by column.
   */
  async insertRows<R = unknown>(table: OrganisationTable, columns: readonly string[], rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[], opts: { returning?: readonly string[] } = {}): Promise<R[]> {
    if (columns.includes("organisation_id")) throw new Error(`${table}: organisation_id is set by the scope, not the caller`);
    this.touchedTables.add(table);
    const out: R[] = [];
    const size = batchSizeFor(columns.length + 1);
    for (let i = 0; i < rows.length; i += size) out.push(...(await bulkInsert<R>(this.trx, table, columns, rows.slice(i, i + size), { organisation_id: this.organisationId }, opts)));
    return out;
  }

  /**
   * Bulk insert of this organisation's rows (objects keyed by column) that answers their new ids in row order
   * (`bulkInsertIds`: on SQLite without a RETURNING clause); `keyColumn` is unique among the rows.
   */
  async insertRowsWithIds(table: OrganisationTable, columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[], keyColumn: string): Promise<number[]> {
    if (columns.includes("organisation_id")) throw new Error(`${table}: organisation_id is set by the scope, not the caller`);
    this.touchedTables.add(table);
    const out: number[] = [];
    const size = batchSizeFor(columns.length + 1);
    for (let i = 0; i < rows.length; i += size) out.push(...(await bulkInsertIds(this.trx, table, columns, rows.slice(i, i + size), { organisation_id: this.organisationId }, keyColumn)));
    return out;
  }

  /**
   * Bulk rewrite of whole rows by id (INSERT … ON CONFLICT(id) DO UPDATE): never rewrites `organisation_id`, and
   * refuses (throws, so the write rolls back) when any id named is another organisation's row.
   */
  async upsertRowsById(table: OrganisationTable, columns: readonly string[], rows: readonly (readonly unknown[] | Readonly<Record<string, unknown>>)[]): Promise<void> {
    if (!columns.includes("id")) throw new Error(`${table}: rows rewritten by id need the id column`);
    this.touchedTables.add(table);
    const cols = columns.filter((c) => c !== "organisation_id");
    const idAt = columns.indexOf("id");
    const ids = rows.map((r) => (Array.isArray(r) ? r[idAt] : (r as Record<string, unknown>).id) as number);
    const size = batchSizeFor(cols.length + 1);
    for (let i = 0; i < ids.length; i += size) {
      const foreign = await (this.trx.selectFrom(table) as Untyped)
        .select("id")
        .where("id", "in", ids.slice(i, i + size))
        .where("organisation_id", "<>", this.organisationId)
        .executeTakeFirst();
      if (foreign) throw new Error(`${table} row ${foreign.id} belongs to another organisation`);
    }
    const values = rows.map((r) => (Array.isArray(r) ? cols.map((c) => r[columns.indexOf(c)]) : r));
    for (let i = 0; i < values.length; i += size) await bulkInsert(this.trx, table, cols, values.slice(i, i + size), { organisation_id: this.organisationId }, { upsertById: true });
  }

  /** Bulk child rows (the same checks as insertIntoChild: every parent named is this organisation's). */
  async insertChildRows(table: ChildTable, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    if (rows.length === 0) return;
    this.touchedTables.add(table);
    const { foreignKey, parent } = CHILD_TABLES[table];
    const at = columns.indexOf(foreignKey);
    if (at < 0) throw new Error(`${table}: rows need ${foreignKey}`);
    const parentIds = [...new Set(rows.map((r) => r[at] as number))];
    const owned = await (this.trx.selectFrom(parent) as Untyped).select("id").where("organisation_id", "=", this.organisationId).where("id", "in", parentIds).execute();
    if (owned.length !== parentIds.length) throw new Error(`${table}: a ${parent} row named does not belong to this organisation`);
    const size = batchSizeFor(columns.length);
    for (let i = 0; i < rows.length; i += size) await bulkInsert(this.trx, table, columns, rows.slice(i, i + size), {});
  }

  /** Records an audit event in this transaction (the one audit writer). */
  async audit(event: AuditEvent): Promise<void> {
    this.auditEvents.push(event);
    await writeAuditEvent(this.trx, this.organisationId, this.actor, event);
  }
}

export interface WriteOptions {
  /** Bookkeeping writes that change nothing a user would audit (progress counters, caches) say why here. */
  unaudited?: string;
}

/** Thrown when a `scope.write` finishes without recording what it changed. */
export class UnauditedWriteError extends Error {}

/** Carries a refusal out of `writeOrRefuse`'s transaction so it rolls back; never leaves this module. */
class RefusedWrite extends Error {
  constructor(readonly reason: unknown) {
    super("The write was refused part-way through");
  }
}

export class OrganisationScope extends OrganisationReader {
  constructor(
    private readonly database: Kysely<Database>,
    readonly organisation: Organisation,
    readonly actor: Actor,
    /** Today's date (ISO), fixed for the request or command. */
    readonly today: string,
  ) {
    super(database, organisation.id);
  }

  /**
   * Runs `fn` in one transaction: bumps the organisation's revision first (so the write lock is taken at once and
   * every cache keyed by the revision goes stale when this commits), then `fn`, which must record at least one
   * audit event unless `options.unaudited` says why not. A thrown error rolls everything back.
   */
  async write<R>(fn: (writer: OrganisationWriter) => Promise<R>, options: WriteOptions = {}): Promise<R> {
    const inTransaction = async (trx: Transaction<Database>) => {
      const bumped = await trx
        .updateTable("organisations")
        .set((eb) => ({ revision: eb("revision", "+", 1) }))
        .where("id", "=", this.organisationId)
        .returning("revision")
        .executeTakeFirstOrThrow();
      const writer = new OrganisationWriter(trx, this.organisationId, this.actor);
      const result = await fn(writer);
      if (writer.auditEvents.length === 0 && !options.unaudited) {
        throw new UnauditedWriteError(`A write to organisation ${this.organisation.slug} recorded no audit event`);
      }
      await recordChange(trx, this.organisationId, Number(bumped.revision), writer.touchedTables);
      return result;
    };
    // A scope opened on a transaction (the demo seed: every organisation in one transaction) writes in it.
    if (this.database.isTransaction) return inTransaction(this.database as Transaction<Database>);
    return this.database.transaction().execute(inTransaction);
  }

  /**
   * A write that may find part-way through that it must change nothing (an import whose rows no longer fit, an undo
   * that would lose later changes): `refuse(reason)` rolls back everything the body wrote, the revision bump and the
   * audit events included, and the call answers `{ refused: reason }`; otherwise `{ done: value }` as `write` commits
   * it. The one way a scope write refuses after it began (transactionResult is the same for writes outside any
   * organisation, docs/decisions/0022).
   */
  async writeOrRefuse<R, F>(fn: (writer: OrganisationWriter, refuse: (reason: F) => never) => Promise<R>, options: WriteOptions = {}): Promise<{ done: R } | { refused: F }> {
    const refuse = (reason: F): never => {
      throw new RefusedWrite(reason);
    };
    try {
      return { done: await this.write((w) => fn(w, refuse), options) };
    } catch (error) {
      if (error instanceof RefusedWrite) return { refused: error.reason as F };
      throw error;
    }
  }

  /**
   * Records that someone read or took away organisation data (a report PDF downloaded): an audit event that changes
   * no data, so it is written outside `write` and the revision stays (every cache stays warm). Changes are audited
   * inside `write`, with the change.
   */
  async recordAccess(event: AuditEvent): Promise<void> {
    await writeAuditEvent(this.database, this.organisationId, this.actor, event);
  }

  /**
   * The handle for this organisation's upload staging rows alone (`staged_uploads`: a file, its mapping, preview
   * and apply progress while the user checks it), used only by app/models/import-staging.server.ts, always with
   * this organisation's id. They are not organisation data: no audit and no revision (a preview must not make every
   * cache stale), and progress is written outside the import's transaction so another server can read it.
   */
  get stagingHandle(): Kysely<Database> {
    return this.database;
  }

  /** The organisation's revision as the database has it now (every process reads the same number). */
  async currentRevision(): Promise<number> {
    const row = await this.database.selectFrom("organisations").select("revision").where("id", "=", this.organisationId).executeTakeFirstOrThrow();
    return Number(row.revision);
  }
}

/** How many revisions of organisation_changes each organisation keeps: a process further behind loads in full. */
export const CHANGES_KEPT = 200;

/** The parts of the evaluated data a write to these tables changed (sorted, without repeats). */
export function partsOfTables(tables: Iterable<string>): ChangedPart[] {
  const parts = new Set<ChangedPart>();
  for (const t of tables) for (const p of partsChangedBy(t)) parts.add(p);
  return [...parts].sort();
}

/** One organisation_changes row for the revision this write made, and the oldest rows let go now and then. */
async function recordChange(trx: Transaction<Database>, organisationId: number, revision: number, tables: ReadonlySet<string>): Promise<void> {
  await trx.insertInto("organisation_changes").values({ organisation_id: organisationId, revision, parts: partsOfTables(tables).join(",") }).execute();
  if (revision % 50 === 0) await trx.deleteFrom("organisation_changes").where("organisation_id", "=", organisationId).where("revision", "<=", revision - CHANGES_KEPT).execute();
}

export function openOrganisationScope(db: Kysely<Database>, organisation: Organisation, actor: Actor, today: string): OrganisationScope {
  return new OrganisationScope(db, organisation, actor, today);
}

/** The one audit writer. Organisation events go through `OrganisationWriter.audit`; this is exported only for
 * events outside any organisation (users, sign-in), with `organisationId` null. */
export async function writeAuditEvent(db: AnyDb, organisationId: number | null, actor: Actor, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      organisation_id: organisationId,
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
