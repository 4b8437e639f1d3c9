/**
 * A completed course closes the matching skills-audit recommendation (issue [2.7]): which completion closed which
 * person's course recommendation in which campaign. Written in the completion's own transaction (decision 0048).
 * Frozen in time: never import application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now } = schemaFor(db);
  await db.schema
    .createTable("skill_recommendation_closures")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("skills_audit_campaigns.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("course_id", "integer", (c) => c.notNull().references("skill_courses.id").onDelete("cascade"))
    /** Removing the completion (an import undone) reopens the recommendation. */
    .addColumn("completion_id", "integer", (c) => c.notNull().references("training_completions.id").onDelete("cascade"))
    .addColumn("closed_on", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("skill_recommendation_closures_one_per_recommendation", ["campaign_id", "staff_id", "course_id"])
    .execute();
  await db.schema.createIndex("skill_recommendation_closures_by_staff").on("skill_recommendation_closures").columns(["organisation_id", "staff_id"]).execute();
  await db.schema.createIndex("skill_recommendation_closures_by_completion").on("skill_recommendation_closures").column("completion_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("skill_recommendation_closures").ifExists().execute();
}
