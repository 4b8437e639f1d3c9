/** One database handle per process, kept across dev rebuilds. */
import { openDatabase, type DB } from "../../db/connection";
import { appEnv } from "./env.server";

declare global {
  // eslint-disable-next-line no-var
  var __complianceDb: DB | undefined;
}

export function getDb(): DB {
  if (!globalThis.__complianceDb) {
    globalThis.__complianceDb = openDatabase(appEnv().database);
  }
  return globalThis.__complianceDb;
}
