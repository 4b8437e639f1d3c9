/**
 * A snapshot keeps each distinct list of reasons once (snapshot_reason_lists, numbered within the snapshot) and each
 * person names theirs by number (snapshot_people.reasons_list), instead of every person carrying a copy of the JSON
 * (decision 0072). People in one role share their reasons, so 100,000 people need a few hundred lists, not 8.5 MB of
 * repeated text. Existing snapshots are converted: their people keep the same reasons. Both tables refuse updates, as
 * snapshots do. Frozen in time: never import application code here.
 */
import { type Kysely, sql } from "kysely";
import { schemaFor } from "../dialect";

const PEOPLE_COLUMNS = "snapshot_id, staff_id, employee_ref, name, category, status, rag, enrol_by, qualify_by";

async function createPeopleTable(db: Kysely<any>, name: string, reasons: "list" | "json"): Promise<void> {
  // No foreign key from a person to their list: it would need an index on (snapshot_id, reasons_list), whose scattered
  // inserts cost a snapshot as much as the text saved, and without that index deleting a snapshot's lists would scan
  // its people once per list. A snapshot's people and lists are written together and deleted together (with the
  // snapshot), and neither can be updated.
  const [reasonsColumn, reasonsType] = reasons === "list" ? (["reasons_list", "integer"] as const) : (["reasons_json", "text"] as const);
  await db.schema
    .createTable(name)
    .addColumn("snapshot_id", "integer", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull())
    .addColumn("employee_ref", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rag", "text", (c) => c.notNull())
    .addColumn("enrol_by", "text")
    .addColumn("qualify_by", "text")
    .addColumn(reasonsColumn, reasonsType, (c) => c.notNull())
    .execute();
}

/** The new table takes the old one's name, its index and its refusal of updates (dropping a table drops both). */
async function replacePeopleTable(db: Kysely<any>): Promise<void> {
  const { refuseUpdates } = schemaFor(db);
  await db.schema.dropTable("snapshot_people").execute();
  await db.schema.alterTable("snapshot_people_new").renameTo("snapshot_people").execute();
  await db.schema.createIndex("snapshot_people_by_snapshot").on("snapshot_people").column("snapshot_id").execute();
  await refuseUpdates("snapshot_people_immutable", "snapshot_people", "snapshots are immutable");
}

export async function up(db: Kysely<any>): Promise<void> {
  const { refuseUpdates } = schemaFor(db);
  await db.schema
    .createTable("snapshot_reason_lists")
    .addColumn("snapshot_id", "integer", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("reasons_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("snapshot_reason_lists_key", ["snapshot_id", "position"])
    .execute();
  await refuseUpdates("snapshot_reason_lists_immutable", "snapshot_reason_lists", "snapshots are immutable");
  await sql`insert into snapshot_reason_lists (snapshot_id, position, reasons_json)
    select snapshot_id, row_number() over (partition by snapshot_id order by reasons_json) - 1, reasons_json
    from (select distinct snapshot_id, reasons_json from snapshot_people) as lists`.execute(db);

  // Each person finds their list by its text once, through an index that goes when the conversion is done.
  await db.schema.createIndex("snapshot_reason_lists_by_text").on("snapshot_reason_lists").columns(["snapshot_id", "reasons_json"]).execute();
  await createPeopleTable(db, "snapshot_people_new", "list");
  await sql`insert into snapshot_people_new (${sql.raw(PEOPLE_COLUMNS)}, reasons_list)
    select ${sql.raw(PEOPLE_COLUMNS.split(", ").map((c) => `p.${c}`).join(", "))}, l.position
    from snapshot_people p join snapshot_reason_lists l on l.snapshot_id = p.snapshot_id and l.reasons_json = p.reasons_json
    order by p.snapshot_id, p.staff_id`.execute(db);
  await db.schema.dropIndex("snapshot_reason_lists_by_text").execute();
  await replacePeopleTable(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await createPeopleTable(db, "snapshot_people_new", "json");
  await sql`insert into snapshot_people_new (${sql.raw(PEOPLE_COLUMNS)}, reasons_json)
    select ${sql.raw(PEOPLE_COLUMNS.split(", ").map((c) => `p.${c}`).join(", "))}, l.reasons_json
    from snapshot_people p join snapshot_reason_lists l on l.snapshot_id = p.snapshot_id and l.position = p.reasons_list
    order by p.snapshot_id, p.staff_id`.execute(db);
  await replacePeopleTable(db);
  await db.schema.dropTable("snapshot_reason_lists").execute();
  if (schemaFor(db).pg) await sql`drop function if exists snapshot_reason_lists_immutable()`.execute(db);
}
