/**
 * Child process for the killed-import test: runs a real import, with its snapshot, against the database named by its
 * first argument (a SQLite file or a postgres:// URL) and, the moment the apply transaction first writes to the
 * table named by its third argument (default staff; snapshot_people: after every staff row and the change set are
 * written), says so on stdout and stalls, so the parent can kill it mid-transaction.
 */
import fs from "node:fs";
import { Kysely, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../../db/schema";
import { openDatabase, openSqlite } from "../../../db/connection";
import { runImport } from "../../../importers";
import { organisationScope } from "../../helpers/scope";

const [target, csvFile, table = "staff"] = process.argv.slice(2);
let announced = false;
const isStaffInsert = (text: string) => new RegExp(`^insert into "?${table}"? `, "i").test(text);
/** Block this process (inside the open transaction) until the parent kills it. */
const stall = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);

function sqliteDb(): Kysely<Database> {
  const sqlite = openSqlite(target);
  // Watch the statements the driver prepares: the first write of a staff row happens inside the apply transaction.
  const watched = new Proxy(sqlite, {
    get(inner, prop, receiver) {
      if (prop === "prepare") {
        return (text: string) => {
          if (!announced && isStaffInsert(text)) {
            announced = true;
            fs.writeSync(1, `IN_APPLY in transaction=${inner.inTransaction}\n`);
            stall();
          }
          return inner.prepare(text);
        };
      }
      const value = Reflect.get(inner, prop, receiver);
      return typeof value === "function" ? value.bind(inner) : value;
    },
  });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: watched }) });
}

function postgresDb(): Kysely<Database> {
  // The same watch on PostgreSQL: every statement goes through pg's Client.query.
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client & { getTransactionStatus?: () => string }, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    if (!announced && isStaffInsert(text)) {
      announced = true;
      fs.writeSync(1, `IN_APPLY in transaction=${this.getTransactionStatus?.() === "T"}\n`);
      stall();
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return openDatabase(target) as Kysely<Database>;
}

const db = /^postgres(ql)?:\/\//.test(target) ? postgresDb() : sqliteDb();
const organisation = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
await runImport(await organisationScope(db, organisation.id, { actor: "child", today: "2026-11-23" }), { kind: "staff", fileName: "big.csv", bytes: fs.readFileSync(csvFile), mode: "full", snapshot: true });
fs.writeSync(1, "FINISHED\n");
