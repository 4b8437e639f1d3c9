/** A fresh migrated SQLite file per test, with one organisation, and table dumps to compare states. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { createDatabase, migrateToLatest } from "../../../db/connection";
import type { Database } from "../../../db/schema";

export interface TestDb {
  db: Kysely<Database>;
  organisationId: number;
  addOrganisation(slug: string, dateOrder?: "day_first" | "month_first"): Promise<number>;
  close(): Promise<void>;
}

export async function openTestDb(opts: { dateOrder?: "day_first" | "month_first" } = {}): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "importers-it-"));
  const { db } = createDatabase(path.join(dir, "test.db"));
  await migrateToLatest(db);
  const addOrganisation = async (slug: string, dateOrder: "day_first" | "month_first" = "day_first") =>
    (await db.insertInto("organisations").values({ slug, name: `Org ${slug}`, homes_owned: 2500, date_order: dateOrder }).returning("id").executeTakeFirstOrThrow()).id;
  const organisationId = await addOrganisation("acme", opts.dateOrder);
  return {
    db,
    organisationId,
    addOrganisation,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DATA_TABLES = ["staff", "scope_decisions", "qualification_records", "unit_results", "qualifications"] as const;

/** Every row of the data tables an import can touch, ordered by id. */
export async function dumpData(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = await db.selectFrom(t).selectAll().orderBy("id").execute();
  return out;
}

/** The data tables plus the import bookkeeping tables. */
export async function dumpAll(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out = await dumpData(db);
  for (const t of ["import_runs", "import_row_errors", "import_changes", "audit_events", "mapping_profiles"] as const) {
    out[t] = await db.selectFrom(t).selectAll().orderBy("id").execute();
  }
  return out;
}

export const csv = (lines: string[]): Buffer => Buffer.from(lines.join("\r\n") + "\r\n", "utf8");

export const fixture = (name: string): Buffer => fs.readFileSync(path.join(__dirname, "../../fixtures", name));
