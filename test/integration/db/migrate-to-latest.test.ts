import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createDatabase, migrateToLatest } from "../../../db/connection";
import { staticMigrationProvider } from "../../../db/migrations/index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-migrate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("migrateToLatest (every CLI command and server start)", () => {
  it("applies every migration to a new database, then finds nothing to do, and applies one that is missing", async () => {
    const { db } = createDatabase(path.join(dir, "app.db"));
    try {
      const all = Object.keys(await staticMigrationProvider.getMigrations()).sort();
      expect((await migrateToLatest(db)).sort()).toEqual(all);
      expect(await migrateToLatest(db)).toEqual([]);

      // A database one migration behind (as after an upgrade): the up-to-date check must not skip it.
      const last = all[all.length - 1];
      const { down } = (await staticMigrationProvider.getMigrations())[last];
      await down!(db);
      await sql`delete from kysely_migration where name = ${last}`.execute(db);
      expect(await migrateToLatest(db)).toEqual([last]);
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
