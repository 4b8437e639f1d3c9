/**
 * Skills audits against the Senior Housing / Property Management apprenticeship standard: frameworks of areas with
 * target levels per category, campaigns, their participants and ratings, a snapshot of the areas when a campaign
 * closes, the ratings CSV uploads, and an organisation's short-course catalogue. Also the shared default framework
 * (organisation_id null), built from the CIH specification's `apprenticeshipAreas`. Frozen in time: never import
 * application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";
import cihManagingHousingMaintenance from "../catalogue/cih-l4-managing-housing-maintenance.json";

/** Default targets (senior executive, senior manager, frontline) on the 0–4 scale, by area name. */
const DEFAULT_TARGETS: Record<string, [number, number, number]> = {
  "Legislation and regulation": [4, 3, 2],
  "Organisation background information": [3, 3, 2],
  Assets: [3, 3, 1],
  "Customers and stakeholders": [3, 3, 2],
  Context: [4, 3, 1],
  "Range of services": [3, 3, 2],
  "Organisational policies": [3, 3, 2],
  "Customer service": [3, 3, 3],
  Communication: [4, 3, 3],
  "Collaborative working": [3, 3, 2],
  "Respond to vulnerability": [3, 3, 3],
  "Information collection and sharing": [3, 3, 2],
  "Influencing and negotiating": [4, 3, 1],
  "Financial management": [4, 3, 1],
  "Performance and project management": [3, 3, 1],
  "People management": [4, 3, 1],
  "Decision making and prioritising": [4, 3, 2],
  "Tools and equipment": [2, 3, 2],
  Responsive: [3, 3, 3],
  "Trust and dependability": [4, 4, 3],
  Adaptability: [3, 3, 2],
  "Self motivation": [3, 3, 2],
  Resilience: [3, 3, 2],
  Leadership: [4, 3, 1],
  "Customer care": [3, 3, 3],
  "Team work": [3, 3, 3],
  "Personal development": [3, 3, 2],
  "Code of conduct": [4, 4, 3],
};

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now, real, bytes } = schemaFor(db);
  await db.schema
    .createTable("skill_frameworks")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("based_on_id", "integer", (c) => c.references("skill_frameworks.id").onDelete("set null"))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("skill_frameworks_by_org").on("skill_frameworks").column("organisation_id").execute();

  await db.schema
    .createTable("skill_areas")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("framework_id", "integer", (c) => c.notNull().references("skill_frameworks.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("area_group", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("target_senior_executive", "integer", (c) => c.notNull())
    .addColumn("target_senior_manager", "integer", (c) => c.notNull())
    .addColumn("target_frontline", "integer", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addUniqueConstraint("skill_areas_code_per_framework", ["framework_id", "code"])
    .execute();

  await db.schema
    .createTable("skills_audit_campaigns")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("framework_id", "integer", (c) => c.notNull().references("skill_frameworks.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("closes_on", "text", (c) => c.notNull())
    .addColumn("filter_json", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("opened_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .execute();
  await db.schema.createIndex("skills_audit_campaigns_by_org").on("skills_audit_campaigns").column("organisation_id").execute();

  await db.schema
    .createTable("skills_audit_participants")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("skills_audit_campaigns.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("department", "text")
    .addColumn("employer", "text")
    .addPrimaryKeyConstraint("skills_audit_participants_pk", ["campaign_id", "staff_id"])
    .execute();
  await db.schema.createIndex("skills_audit_participants_by_staff").on("skills_audit_participants").column("staff_id").execute();

  await db.schema
    .createTable("skills_audit_ratings")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("skills_audit_campaigns.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("area_id", "integer", (c) => c.notNull().references("skill_areas.id"))
    .addColumn("self_rating", "integer")
    .addColumn("manager_rating", "integer")
    .addColumn("agreed_rating", "integer")
    .addColumn("note", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("skills_audit_ratings_one_per_area", ["campaign_id", "staff_id", "area_id"])
    .execute();
  await db.schema.createIndex("skills_audit_ratings_by_staff").on("skills_audit_ratings").columns(["organisation_id", "staff_id"]).execute();

  await db.schema
    .createTable("skills_audit_campaign_areas")
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("skills_audit_campaigns.id").onDelete("cascade"))
    .addColumn("area_id", "integer", (c) => c.notNull().references("skill_areas.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("area_group", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("target_senior_executive", "integer", (c) => c.notNull())
    .addColumn("target_senior_manager", "integer", (c) => c.notNull())
    .addColumn("target_frontline", "integer", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("skills_audit_campaign_areas_pk", ["campaign_id", "area_id"])
    .execute();

  await db.schema
    .createTable("skills_audit_uploads")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("campaign_id", "integer", (c) => c.notNull().references("skills_audit_campaigns.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("content", bytes, (c) => c.notNull())
    .addColumn("mapping_json", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("staged"))
    .addColumn("counts_json", "text")
    .addColumn("errors_json", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("skills_audit_uploads_by_campaign").on("skills_audit_uploads").columns(["organisation_id", "campaign_id"]).execute();

  await db.schema
    .createTable("skill_courses")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("provider", "text")
    .addColumn("hours", real)
    .addColumn("description", "text")
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("skill_courses_by_org").on("skill_courses").column("organisation_id").execute();

  await db.schema
    .createTable("skill_course_areas")
    .addColumn("course_id", "integer", (c) => c.notNull().references("skill_courses.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("area_code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("skill_course_areas_pk", ["course_id", "area_code"])
    .execute();

  // The shared default framework: the standard's 7 knowledge, 11 skills and 9 behaviour areas, and the code of conduct.
  const { id: frameworkId } = await db
    .insertInto("skill_frameworks")
    .values({
      organisation_id: null,
      name: "Senior Housing / Property Management standard (default)",
      description:
        "The knowledge, skills and behaviours of the Senior Housing / Property Management apprenticeship standard, plus the Competence & Conduct Standard's conduct expectations.",
      created_by: "system",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const spec = cihManagingHousingMaintenance.apprenticeshipAreas;
  const groups: Array<[string, string, string[]]> = [
    ["knowledge", "K", spec.knowledge],
    ["skills", "S", spec.skills],
    ["behaviours", "B", spec.behaviours],
    ["conduct", "C", ["Code of conduct"]],
  ];
  let position = 0;
  const rows = groups.flatMap(([group, prefix, names]) =>
    names.map((name, i) => {
      const [se, sm, fl] = DEFAULT_TARGETS[name] ?? [3, 3, 2];
      position += 1;
      return {
        organisation_id: null,
        framework_id: frameworkId,
        code: `${prefix}${i + 1}`,
        name,
        area_group: group,
        position,
        target_senior_executive: se,
        target_senior_manager: sm,
        target_frontline: fl,
      };
    }),
  );
  await db.insertInto("skill_areas").values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "skill_course_areas",
    "skill_courses",
    "skills_audit_uploads",
    "skills_audit_campaign_areas",
    "skills_audit_ratings",
    "skills_audit_participants",
    "skills_audit_campaigns",
    "skill_areas",
    "skill_frameworks",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
