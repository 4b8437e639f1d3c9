/**
 * Demo course intakes for the workforce development plan (issue 8): per provider and qualification, start dates,
 * places and price per learner, for both demo organisations. Deterministic (absolute dates, no randomness) and
 * written inside the demo seed's transaction. Places are deliberately a little short at Level 5 so the plan
 * shows people who cannot meet their dates and why.
 *
 * It also gives two Riverside maintenance managers who are not enrolled some prior learning, so the plan shows
 * top-ups: one withdrew from the maintenance certificate after passing three units, the other holds an older
 * Level 3 certificate whose units exempt units of the maintenance certificate (its `exemptions`).
 *
 * Every row is written through its organisation's scope (`scope.write`; the seed's scopes join its transaction).
 */
import type { Insertable } from "kysely";
import type { OrganisationScope, OrganisationWriter } from "../../app/models/organisation-scope.server";
import type { PlanIntakeTable } from "../schema";

interface DemoIntake {
  code: string;
  provider: string;
  start: string;
  capacity: number;
  /** Whole pounds per learner. */
  price: number;
  courseMonths?: number;
  note?: string;
}

const CIH = "CIH Housing Academy";
const CONSORTIUM = "Northern Housing Consortium";
const UPKEEP = "Upkeep Training";
const COLLEGE = "Leeds College";

export const DEMO_INTAKES: Readonly<Record<string, readonly DemoIntake[]>> = {
  riverside: [
    { code: "CIH-L4-CH", provider: CIH, start: "2027-01-11", capacity: 12, price: 1650 },
    { code: "CIH-L4-CH", provider: CONSORTIUM, start: "2027-03-01", capacity: 10, price: 1495 },
    { code: "CIH-L4-CH", provider: CIH, start: "2027-04-12", capacity: 12, price: 1650 },
    { code: "CIH-L4-CH", provider: CIH, start: "2027-09-13", capacity: 12, price: 1695 },
    { code: "CIH-L4-CH", provider: CONSORTIUM, start: "2027-10-04", capacity: 10, price: 1495 },
    { code: "CIH-L4-CH", provider: CIH, start: "2028-01-10", capacity: 12, price: 1695 },
    { code: "CIH-L4-CH", provider: CONSORTIUM, start: "2028-04-03", capacity: 10, price: 1550 },
    { code: "CIH-L4-CH", provider: CIH, start: "2028-09-11", capacity: 12, price: 1750, note: "Last cohort that finishes before the October 2029 deadline" },
    { code: "CIH-L4-MHM", provider: UPKEEP, start: "2027-02-08", capacity: 8, price: 1890, note: "Day release at the Wakefield training centre" },
    { code: "CIH-L4-MHM", provider: UPKEEP, start: "2027-09-06", capacity: 8, price: 1890 },
    { code: "CIH-L4-MHM", provider: UPKEEP, start: "2028-03-06", capacity: 8, price: 1950 },
    { code: "APP-L4-SHPM", provider: COLLEGE, start: "2027-09-06", capacity: 6, price: 0, note: "Funded from the apprenticeship levy; 20% off-the-job training" },
    { code: "CIH-L5-DH", provider: CIH, start: "2027-02-01", capacity: 6, price: 3250 },
    { code: "CIH-L5-DH", provider: CIH, start: "2027-10-04", capacity: 6, price: 3250 },
    { code: "CIH-L5-DH", provider: CONSORTIUM, start: "2028-05-08", capacity: 6, price: 2950, note: "Starts too late for the October 2029 deadline for most executives" },
    { code: "FD-HOUSING", provider: COLLEGE, start: "2027-09-20", capacity: 3, price: 5400, note: "Part time over two years" },
  ],
  oakfield: [
    { code: "CIH-L4-CH", provider: CIH, start: "2027-04-12", capacity: 6, price: 1650 },
    { code: "CIH-L4-CH", provider: CONSORTIUM, start: "2028-01-10", capacity: 6, price: 1495 },
    { code: "CIH-L4-MHM", provider: UPKEEP, start: "2027-09-06", capacity: 4, price: 1890 },
    { code: "CIH-L5-DH", provider: CONSORTIUM, start: "2027-10-04", capacity: 3, price: 2950 },
  ],
};

/** Inserts the demo intakes (and the top-up prior learning) for the organisations given (slug → scope). */
export async function seedDemoIntakes(scopes: ReadonlyMap<string, OrganisationScope>, opts: { stamp: string; unaudited: string }): Promise<number> {
  let count = 0;
  for (const [slug, scope] of scopes) {
    const qualifications = await scope.selectVisible("qualifications").select(["id", "code"]).where("organisation_id", "is", null).execute();
    const idOf = new Map(qualifications.filter((q) => q.code).map((q) => [q.code!, q.id]));
    count += await scope.write(
      async (w) => {
        if (slug === "riverside") await seedPriorLearning(w, idOf, opts.stamp);
        return seedIntakes(w, DEMO_INTAKES[slug] ?? [], idOf, opts.stamp);
      },
      { unaudited: opts.unaudited },
    );
  }
  return count;
}

async function seedIntakes(w: OrganisationWriter, intakes: readonly DemoIntake[], idOf: ReadonlyMap<string, number>, stamp: string): Promise<number> {
  const rows: Array<Omit<Insertable<PlanIntakeTable>, "organisation_id">> = [];
  for (const i of intakes) {
    const qualificationId = idOf.get(i.code);
    if (qualificationId === undefined) throw new Error(`qualification ${i.code} missing from the shared catalogue (run the migrations first)`);
    rows.push({
      qualification_id: qualificationId,
      provider: i.provider,
      start_date: i.start,
      capacity: i.capacity,
      price_pence: i.price * 100,
      course_months: i.courseMonths ?? null,
      note: i.note ?? null,
      created_at: stamp,
      updated_at: stamp,
    });
  }
  if (rows.length > 0) await w.insertInto("plan_intakes", rows).execute();
  return rows.length;
}

/**
 * Two maintenance managers in post since before 2024, in scope, with no records at all (the first two by
 * employee reference): one withdrew from the maintenance certificate with three units passed, the other holds
 * the CIH Level 3 certificate with the older units that exempt three units of the maintenance certificate.
 */
async function seedPriorLearning(w: OrganisationWriter, idOf: ReadonlyMap<string, number>, stamp: string): Promise<void> {
  const people = await w
    .selectFrom("staff")
    .innerJoin("scope_decisions", (j) =>
      j.onRef("scope_decisions.organisation_id", "=", "staff.organisation_id").onRef("scope_decisions.job_title_normalised", "=", "staff.job_title_normalised"),
    )
    .select(["staff.id", "staff.employee_ref"])
    .where("scope_decisions.category", "=", "senior_manager")
    .where("staff.department", "in", ["Property Services", "Asset Management"])
    .where("staff.start_date", "<", "2024-01-01")
    .where((eb) => eb.or([eb("staff.role_start_date", "is", null), eb("staff.role_start_date", "<", "2024-01-01")]))
    .where("staff.end_date", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("qualification_records").select("qualification_records.id").whereRef("qualification_records.staff_id", "=", "staff.id"))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("person_overrides").select("person_overrides.id").whereRef("person_overrides.staff_id", "=", "staff.id"))))
    .orderBy("staff.employee_ref")
    .limit(2)
    .execute();
  const mhm = idOf.get("CIH-L4-MHM");
  const level3 = idOf.get("CIH-L3-CHP");
  if (people.length < 2 || mhm === undefined || level3 === undefined) return;
  const base = { created_at: stamp, updated_at: stamp, evidence_verified_by: null, evidence_verified_on: null };
  const withdrawn = await w
    .insertInto("qualification_records", {
      ...base,
      staff_id: people[0].id,
      qualification_id: mhm,
      provider: UPKEEP,
      status: "withdrawn",
      enrolled_on: "2024-09-09",
      started_on: "2024-09-23",
      expected_completion: "2025-09-30",
      achieved_on: null,
      certificate_ref: null,
      pathway: "Responsive repairs",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const older = await w
    .insertInto("qualification_records", {
      ...base,
      staff_id: people[1].id,
      qualification_id: level3,
      provider: CIH,
      status: "achieved",
      enrolled_on: "2018-09-10",
      started_on: "2018-09-24",
      expected_completion: "2019-07-31",
      achieved_on: "2019-07-12",
      certificate_ref: "CIH-2019-L3-40117",
      pathway: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await w
    .insertInto("unit_results", [
      { record_id: withdrawn.id, unit_ref: "F/507/9169", result: "pass", achieved_on: "2024-12-13" },
      { record_id: withdrawn.id, unit_ref: "Y/504/4184", result: "pass", achieved_on: "2025-03-14" },
      { record_id: withdrawn.id, unit_ref: "F/504/4180", result: "pass", achieved_on: "2025-05-16" },
      { record_id: older.id, unit_ref: "R/503/5242", result: "pass", achieved_on: "2018-12-14" },
      { record_id: older.id, unit_ref: "K/503/5246", result: "pass", achieved_on: "2019-03-15" },
      { record_id: older.id, unit_ref: "D/503/1176", result: "pass", achieved_on: "2019-06-14" },
    ])
    .execute();
}
