/**
 * The Standard's edges (issue 12): the probation end date, the "other absence" setting, service providers
 * (contractors, comprehensive or not), equivalence assessments with their top-up units, and the catalogue's
 * basis and total qualification time, with the entries the seed names (CIH Level 5 Certificate in Housing,
 * the older CIH Level 4 units the Managing Housing Maintenance exemptions name, the Level 3 housing
 * apprenticeship). No Ofqual number is invented: those entries leave it blank. Frozen in time: never import
 * application code here.
 */
import { type Kysely } from "kysely";
import { schemaFor } from "../dialect";

/** Basis of each shared catalogue entry, by code, and its total qualification time where the source gives one. */
const BASIS: Array<{ code: string; basis: string; tqt: number | null }> = [
  { code: "CIH-L4-CH", basis: "regulated_housing", tqt: null },
  // 360 hours: the CIH specification ("The total qualification time is expected to be 360 hours").
  { code: "CIH-L4-MHM", basis: "regulated_housing", tqt: 360 },
  { code: "APP-L4-SHPM", basis: "apprenticeship", tqt: null },
  { code: "CIH-L5-DH", basis: "regulated_housing", tqt: null },
  { code: "FD-HOUSING", basis: "foundation_degree", tqt: null },
  { code: "BSC-HOUSING", basis: "degree", tqt: null },
  { code: "CIH-L3-CHP", basis: "regulated_housing", tqt: null },
  { code: "ILM-L5-LM", basis: "other", tqt: null },
];

const ADDED = [
  {
    code: "CIH-L5-CH",
    title: "CIH Level 5 Certificate in Housing",
    awarding_body: "Chartered Institute of Housing",
    level: 5,
    recognised: 1,
    typical_months: 12,
    basis: "regulated_housing",
    note: "Named in the CIH Level 4 specification as the progression route for experienced learners; Ofqual number not recorded here",
  },
  {
    code: "CIH-L4-UNIT-R5035242",
    title: "CIH Level 4 unit: Professional practice skills for housing (R/503/5242)",
    awarding_body: "Chartered Institute of Housing",
    level: 4,
    recognised: 0,
    typical_months: null,
    basis: "unit",
    note: "Older unit: on its own not a qualification; a pass exempts F/507/9169 of the Managing Housing Maintenance certificate",
  },
  {
    code: "CIH-L4-UNIT-K5035246",
    title: "CIH Level 4 unit: Customer care in a housing services context (K/503/5246)",
    awarding_body: "Chartered Institute of Housing",
    level: 4,
    recognised: 0,
    typical_months: null,
    basis: "unit",
    note: "Older unit: on its own not a qualification; a pass exempts F/507/9172 of the Managing Housing Maintenance certificate",
  },
  {
    code: "CIH-L4-UNIT-D5031176",
    title: "CIH Level 4 unit: Managing people (D/503/1176)",
    awarding_body: "Chartered Institute of Housing",
    level: 4,
    recognised: 0,
    typical_months: null,
    basis: "unit",
    note: "Older unit: on its own not a qualification; a pass exempts R/507/9256 of the Managing Housing Maintenance certificate",
  },
  {
    code: "APP-L3-HPM",
    title: "Housing / Property Management Apprenticeship (Level 3)",
    awarding_body: "Apprenticeship standard",
    level: 3,
    recognised: 1,
    typical_months: 18,
    basis: "apprenticeship",
    note: "Level 3: recorded for development, never meets a Level 4 or Level 5 requirement",
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const { identity, now } = schemaFor(db);
  await db.schema.alterTable("staff").addColumn("probation_end_date", "text").execute();
  await db.schema.alterTable("organisations").addColumn("other_absence_pauses_clocks", "integer", (c) => c.notNull().defaultTo(0)).execute();

  await db.schema.alterTable("qualifications").addColumn("basis", "text").execute();
  await db.schema.alterTable("qualifications").addColumn("tqt_hours", "integer").execute();
  for (const b of BASIS) {
    await db.updateTable("qualifications").set({ basis: b.basis, tqt_hours: b.tqt }).where("code", "=", b.code).where("organisation_id", "is", null).execute();
  }
  await db
    .insertInto("qualifications")
    .values(ADDED.map((q) => ({ ...q, organisation_id: null, ofqual_number: null, rules_of_combination: null, tqt_hours: null })))
    .execute();

  await db.schema
    .createTable("service_providers")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    /** Trimmed, spaces collapsed, lower case: what a staff member's `employer` is matched on. */
    .addColumn("name_normalised", "text", (c) => c.notNull())
    /** 1 = provides a comprehensive housing management service (its staff need the qualification). */
    .addColumn("comprehensive", "integer", (c) => c.notNull())
    .addColumn("contract_ref", "text")
    .addColumn("review_date", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("service_providers_one_per_name", ["organisation_id", "name_normalised"])
    .execute();

  await db.schema
    .createTable("equivalence_assessments")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("staff_id", "integer", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("qualification_id", "integer", (c) => c.notNull().references("qualifications.id").onDelete("cascade"))
    .addColumn("assessed_by", "text", (c) => c.notNull())
    .addColumn("assessed_on", "text", (c) => c.notNull())
    .addColumn("evidence_ref", "text", (c) => c.notNull())
    .addColumn("tqt_hours", "integer")
    /** met | partly_met */
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "text", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("equivalence_one_per_person_and_qualification", ["organisation_id", "staff_id", "qualification_id"])
    .execute();
  await db.schema.createIndex("equivalence_by_staff").on("equivalence_assessments").column("staff_id").execute();

  await db.schema
    .createTable("equivalence_top_ups")
    .addColumn("id", "integer", identity)
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("equivalence_assessments.id").onDelete("cascade"))
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("completed_on", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("equivalence_top_ups_by_assessment").on("equivalence_top_ups").column("assessment_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("equivalence_top_ups").ifExists().execute();
  await db.schema.dropTable("equivalence_assessments").ifExists().execute();
  await db.schema.dropTable("service_providers").ifExists().execute();
  await db.deleteFrom("qualifications").where("code", "in", ADDED.map((q) => q.code)).where("organisation_id", "is", null).execute();
  await db.schema.alterTable("qualifications").dropColumn("tqt_hours").execute();
  await db.schema.alterTable("qualifications").dropColumn("basis").execute();
  await db.schema.alterTable("organisations").dropColumn("other_absence_pauses_clocks").execute();
  await db.schema.alterTable("staff").dropColumn("probation_end_date").execute();
}
