/** The whole domain model (described in docs/compliance-rules.md; typed in db/schema.ts). Frozen in time: never import application code here. */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now, real, refuseUpdates } = schemaFor(db);
  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", identity)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("homes_owned", "integer", (c) => c.notNull())
    .addColumn("in_force_date", "text", (c) => c.notNull().defaultTo("2026-10-01"))
    .addColumn("transition_years_override", "integer")
    .addColumn("qualified_deadline_override", "text")
    .addColumn("grace_months", "integer", (c) => c.notNull().defaultTo(6))
    .addColumn("probation_grace_months", "integer", (c) => c.notNull().defaultTo(9))
    .addColumn("late_joiner_months", "integer", (c) => c.notNull().defaultTo(36))
    .addColumn("course_months_level4", "integer", (c) => c.notNull().defaultTo(12))
    .addColumn("course_months_level5", "integer", (c) => c.notNull().defaultTo(18))
    .addColumn("absences_pause_clocks", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("date_order", "text", (c) => c.notNull().defaultTo("day_first"))
    .addColumn("working_towards_start_months", "integer", (c) => c.notNull().defaultTo(6))
    .addColumn("custom_milestones", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("target_pct", real, (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("milestones_by_org").on("milestones").column("organisation_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", identity)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("set_password_token_hash", "text")
    .addColumn("set_password_expires_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("memberships_pk", ["user_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("id", "integer", identity)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_attempts_by_email").on("sign_in_attempts").columns(["email", "at"]).execute();
  await db.schema.createIndex("sign_in_attempts_by_address").on("sign_in_attempts").columns(["address", "at"]).execute();

  await db.schema
    .createTable("staff")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("employee_ref", "text", (c) => c.notNull())
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("email", "text")
    .addColumn("job_title", "text", (c) => c.notNull())
    .addColumn("job_title_normalised", "text", (c) => c.notNull())
    .addColumn("department", "text")
    .addColumn("location", "text")
    .addColumn("manager_ref", "text")
    .addColumn("employer", "text")
    .addColumn("fte", real)
    .addColumn("start_date", "text")
    .addColumn("role_start_date", "text")
    .addColumn("end_date", "text")
    .addColumn("on_probation", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("staff_ref_unique", ["organisation_id", "employee_ref"])
    .execute();
  await db.schema.createIndex("staff_by_title").on("staff").columns(["organisation_id", "job_title_normalised"]).execute();

  await db.schema
    .createTable("scope_decisions")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("job_title", "text", (c) => c.notNull())
    .addColumn("job_title_normalised", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("time_managing_pct", real)
    .addColumn("rationale", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_on", "text")
    .addColumn("review_date", "text")
    .addUniqueConstraint("scope_decision_title_unique", ["organisation_id", "job_title_normalised"])
    .execute();

  await db.schema
    .createTable("person_overrides")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().unique().references("staff.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_on", "text")
    .execute();

  await db.schema
    .createTable("qualifications")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("code", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("awarding_body", "text")
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("ofqual_number", "text")
    .addColumn("recognised", "integer", (c) => c.notNull())
    .addColumn("typical_months", "integer")
    .addColumn("rules_of_combination", "text")
    .addColumn("note", "text")
    .execute();

  await db.schema
    .createTable("qualification_records")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("qualification_id", "integer", (c) => c.notNull().references("qualifications.id"))
    .addColumn("provider", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("enrolled_on", "text")
    .addColumn("started_on", "text")
    .addColumn("expected_completion", "text")
    .addColumn("achieved_on", "text")
    .addColumn("certificate_ref", "text")
    .addColumn("evidence_verified_by", "text")
    .addColumn("evidence_verified_on", "text")
    .addColumn("pathway", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("records_by_org_staff").on("qualification_records").columns(["organisation_id", "staff_id"]).execute();

  await db.schema
    .createTable("unit_results")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("record_id", "integer", (c) => c.notNull().references("qualification_records.id").onDelete("cascade"))
    .addColumn("unit_ref", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("achieved_on", "text")
    .execute();
  await db.schema.createIndex("unit_results_by_record").on("unit_results").column("record_id").execute();

  await db.schema
    .createTable("absences")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_date", "text", (c) => c.notNull())
    .addColumn("to_date", "text")
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("absences_by_org_staff").on("absences").columns(["organisation_id", "staff_id"]).execute();

  await db.schema
    .createTable("mapping_profiles")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mapping_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("mapping_profile_name_unique", ["organisation_id", "kind", "name"])
    .execute();

  await db.schema
    .createTable("import_runs")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("mapping_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("counts_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("undone_at", "text")
    .addColumn("undone_by", "text")
    .execute();
  await db.schema.createIndex("import_runs_by_org").on("import_runs").columns(["organisation_id", "id"]).execute();

  await db.schema
    .createTable("import_row_errors")
    .addColumn("id", "integer", identity)
    .addColumn("import_run_id", "integer", (c) => c.notNull().references("import_runs.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("column_name", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("import_row_errors_by_run").on("import_row_errors").column("import_run_id").execute();

  await db.schema
    .createTable("import_changes")
    .addColumn("id", "integer", identity)
    .addColumn("import_run_id", "integer", (c) => c.notNull().references("import_runs.id").onDelete("cascade"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("import_changes_by_run").on("import_changes").column("import_run_id").execute();

  await db.schema
    .createTable("snapshots")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("taken_at", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("import_run_id", "integer", (c) => c.references("import_runs.id").onDelete("set null"))
    .addColumn("taken_by", "text", (c) => c.notNull())
    .addColumn("measures_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("snapshots_by_org").on("snapshots").columns(["organisation_id", "taken_at"]).execute();

  await db.schema
    .createTable("snapshot_people")
    .addColumn("snapshot_id", "integer", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull())
    .addColumn("employee_ref", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rag", "text", (c) => c.notNull())
    .addColumn("enrol_by", "text")
    .addColumn("qualify_by", "text")
    .addColumn("reasons_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("snapshot_people_by_snapshot").on("snapshot_people").column("snapshot_id").execute();

  // Snapshots are board and regulator evidence: the database itself refuses to change them.
  await refuseUpdates("snapshots_immutable", "snapshots", "snapshots are immutable");
  await refuseUpdates("snapshot_people_immutable", "snapshot_people", "snapshots are immutable");

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("audit_events_by_org").on("audit_events").columns(["organisation_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_events", "snapshot_people", "snapshots", "import_changes", "import_row_errors", "import_runs",
    "mapping_profiles", "absences", "unit_results", "qualification_records", "qualifications",
    "person_overrides", "scope_decisions", "staff", "sign_in_attempts", "sessions", "memberships", "users",
    "milestones", "organisations",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
