/** A private copy of the migrated template database for one test, optionally installed as the app's database. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createDatabase, type DB } from "../../db/connection";

export interface TestDatabase {
  db: DB;
  file: string;
  close: () => Promise<void>;
}

let counter = 0;

export function freshDatabase(): TestDatabase {
  const template = inject("templateDatabase");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-test-"));
  const file = path.join(dir, `test-${process.pid}-${counter++}.db`);
  fs.copyFileSync(template, file);
  const { db } = createDatabase(file);
  return {
    db,
    file,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Makes route loaders and actions (which call getDb()) use this database. */
export function useAsAppDatabase(db: DB): void {
  globalThis.__complianceDb = db;
  // Files the app keeps beside its database (staged uploads) go to a temporary folder, not the project's data/.
  process.env.DATABASE_URL ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cc-appdata-")), "app.db");
  process.env.SESSION_SECRET ??= "test-session-secret-0123456789";
}
