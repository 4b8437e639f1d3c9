/**
 * The conduct half of the Standard (issue [2.7]): policy versions with review dates, code-of-conduct
 * acknowledgements (and the organisation's days to acknowledge), supervision / one-to-one / appraisal meetings
 * with the expected interval per category, the training matrix (refresh intervals and codes on the skills-audit
 * course list, requirements by job title / category / department, completions), the tenant engagement log and
 * contractor assurance on the service providers. Frozen in time: never import application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now } = schemaFor(db);
  await db.schema
    .createTable("conduct_settings")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().unique().references("organisations.id").onDelete("cascade"))
    /** Days everyone has to acknowledge a newly approved code of conduct. */
    .addColumn("code_ack_days", "integer", (c) => c.notNull().defaultTo(60))
    .execute();

  await db.schema
    .createTable("policy_versions")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    /** code_of_conduct | learning_development | appraisal | poor_performance */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("approved_by", "text")
    .addColumn("approved_on", "text", (c) => c.notNull())
    .addColumn("review_by", "text")
    .addColumn("tenant_url", "text")
    .addColumn("document_ref", "text")
    .addColumn("note", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("policy_versions_one_per_kind_and_version", ["organisation_id", "kind", "version"])
    .execute();

  await db.schema
    .createTable("conduct_acknowledgements")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("policy_version_id", "integer", (c) => c.notNull().references("policy_versions.id").onDelete("cascade"))
    .addColumn("acknowledged_on", "text", (c) => c.notNull())
    /** recorded | import | seed */
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("conduct_acknowledgements_one_per_person_and_version", ["staff_id", "policy_version_id"])
    .execute();
  await db.schema.createIndex("conduct_acknowledgements_by_org").on("conduct_acknowledgements").column("organisation_id").execute();

  await db.schema
    .createTable("supervision_meetings")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    /** supervision | one_to_one | appraisal */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("supervision_meetings_one_per_day", ["staff_id", "kind", "held_on"])
    .execute();
  await db.schema.createIndex("supervision_meetings_by_org").on("supervision_meetings").column("organisation_id").execute();

  await db.schema
    .createTable("conduct_intervals")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    /** Months between meetings; null = not expected for this category. */
    .addColumn("months", "integer")
    .addUniqueConstraint("conduct_intervals_one_per_kind_and_category", ["organisation_id", "kind", "category"])
    .execute();

  await db.schema.alterTable("skill_courses").addColumn("code", "text").execute();
  /** Months a completion stays current; null = it does not expire. */
  await db.schema.alterTable("skill_courses").addColumn("refresh_months", "integer").execute();

  await db.schema
    .createTable("training_requirements")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("skill_courses.id").onDelete("cascade"))
    /** everyone | job_title | category | department */
    .addColumn("applies_to", "text", (c) => c.notNull())
    .addColumn("value", "text")
    .addColumn("value_normalised", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("training_requirements_by_org").on("training_requirements").column("organisation_id").execute();

  await db.schema
    .createTable("training_completions")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("skill_courses.id").onDelete("cascade"))
    .addColumn("completed_on", "text", (c) => c.notNull())
    /** Given by the provider or the file; null = derived from the course's refresh interval. */
    .addColumn("expires_on", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("training_completions_one_per_day", ["staff_id", "course_id", "completed_on"])
    .execute();
  await db.schema.createIndex("training_completions_by_org").on("training_completions").column("organisation_id").execute();

  await db.schema
    .createTable("tenant_engagements")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("held_on", "text", (c) => c.notNull())
    /** panel | survey | scrutiny_meeting | other */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("policy_version_id", "integer", (c) => c.references("policy_versions.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("influence", "text")
    .addColumn("outcome", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("tenant_engagements_by_org").on("tenant_engagements").column("organisation_id").execute();

  await db.schema.alterTable("service_providers").addColumn("competence_clause", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("service_providers").addColumn("conduct_clause", "integer", (c) => c.notNull().defaultTo(0)).execute();
  /** Months between assurance returns the contract asks for. */
  await db.schema.alterTable("service_providers").addColumn("assurance_months", "integer", (c) => c.notNull().defaultTo(12)).execute();

  await db.schema
    .createTable("provider_assurance_returns")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("provider_id", "integer", (c) => c.notNull().references("service_providers.id").onDelete("cascade"))
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("provider_assurance_returns_by_provider").on("provider_assurance_returns").column("provider_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("provider_assurance_returns").ifExists().execute();
  await db.schema.alterTable("service_providers").dropColumn("assurance_months").execute();
  await db.schema.alterTable("service_providers").dropColumn("conduct_clause").execute();
  await db.schema.alterTable("service_providers").dropColumn("competence_clause").execute();
  await db.schema.dropTable("tenant_engagements").ifExists().execute();
  await db.schema.dropTable("training_completions").ifExists().execute();
  await db.schema.dropTable("training_requirements").ifExists().execute();
  await db.schema.alterTable("skill_courses").dropColumn("refresh_months").execute();
  await db.schema.alterTable("skill_courses").dropColumn("code").execute();
  await db.schema.dropTable("conduct_intervals").ifExists().execute();
  await db.schema.dropTable("supervision_meetings").ifExists().execute();
  await db.schema.dropTable("conduct_acknowledgements").ifExists().execute();
  await db.schema.dropTable("policy_versions").ifExists().execute();
  await db.schema.dropTable("conduct_settings").ifExists().execute();
}
