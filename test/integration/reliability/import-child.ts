/**
 * Child process for the killed-import test: runs a real import against DATABASE_FILE and, the moment the apply
 * transaction writes its first staff row, says so on stdout and stalls, so the parent can kill it mid-transaction.
 */
import fs from "node:fs";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../../../db/schema";
import { openSqlite } from "../../../db/connection";
import { runImport } from "../../../importers";

const [file, csvFile] = process.argv.slice(2);
let announced = false;
const sqlite = openSqlite(file);
// Watch the statements the driver prepares: the first write of a staff row happens inside the apply transaction.
const watched = new Proxy(sqlite, {
  get(target, prop, receiver) {
    if (prop === "prepare") {
      return (text: string) => {
        if (!announced && /^insert into "?staff"? /i.test(text)) {
          announced = true;
          fs.writeSync(1, `IN_APPLY in transaction=${target.inTransaction}\n`);
          // Block this process (inside the open transaction) until the parent kills it.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
        }
        return target.prepare(text);
      };
    }
    const value = Reflect.get(target, prop, receiver);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: watched }) });
const organisation = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
await runImport({ db, organisationId: organisation.id, kind: "staff", fileName: "big.csv", bytes: fs.readFileSync(csvFile), mode: "full", actor: "child", today: "2026-11-23" });
fs.writeSync(1, "FINISHED\n");
