/**
 * The workforce development plan (issue 8): course intakes an organisation can book, pins (a person fixed to an
 * intake by hand), and accepted plan runs with the enrolment records each created (so a run can be undone).
 * Frozen in time: never import application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now } = schemaFor(db);
  await db.schema
    .createTable("plan_intakes")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("qualification_id", "integer", (c) => c.notNull().references("qualifications.id").onDelete("cascade"))
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    /** Price per learner in pence (whole qualification; top-ups are charged pro rata by credits). */
    .addColumn("price_pence", "integer", (c) => c.notNull())
    /** null = the qualification's typical months, else the organisation's course length for its level. */
    .addColumn("course_months", "integer")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("plan_intakes_by_org").on("plan_intakes").columns(["organisation_id", "start_date"]).execute();

  await db.schema
    .createTable("plan_pins")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("intake_id", "integer", (c) => c.notNull().references("plan_intakes.id").onDelete("cascade"))
    .addColumn("pathway", "text")
    .addColumn("pinned_by", "text", (c) => c.notNull())
    .addColumn("pinned_at", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_pins_one_per_person", ["organisation_id", "staff_id"])
    .execute();

  await db.schema
    .createTable("plan_runs")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("summary_json", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .addColumn("undone_by", "text")
    .execute();
  await db.schema.createIndex("plan_runs_by_org").on("plan_runs").columns(["organisation_id", "id"]).execute();

  await db.schema
    .createTable("plan_run_records")
    .addColumn("id", "integer", identity)
    .addColumn("plan_run_id", "integer", (c) => c.notNull().references("plan_runs.id").onDelete("cascade"))
    // No foreign key: undo deletes the record, and the run keeps what it created.
    .addColumn("record_id", "integer", (c) => c.notNull())
    .addColumn("staff_id", "integer", (c) => c.notNull())
    .addColumn("intake_id", "integer")
    /** The record exactly as the run wrote it; undo refuses when the row differs. */
    .addColumn("row_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_run_records_by_run").on("plan_run_records").column("plan_run_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("plan_run_records").execute();
  await db.schema.dropTable("plan_runs").execute();
  await db.schema.dropTable("plan_pins").execute();
  await db.schema.dropTable("plan_intakes").execute();
}
