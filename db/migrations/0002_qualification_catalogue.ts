/** The shared qualification catalogue every database starts with (copied from the product's domain notes). Frozen data. */
import type { Kysely } from "kysely";
import cihManagingHousingMaintenance from "../catalogue/cih-l4-managing-housing-maintenance.json";

const catalogue = [
  { code: "CIH-L4-CH", title: "CIH Level 4 Certificate in Housing", awarding_body: "Chartered Institute of Housing", level: 4, ofqual_number: null, recognised: 1, typical_months: 12, note: null },
  { code: "CIH-L4-MHM", title: "CIH Level 4 Certificate in Managing Housing Maintenance", awarding_body: "Chartered Institute of Housing", level: 4, ofqual_number: "603/1433/3", recognised: 1, typical_months: 12, note: "Rules of combination from the CIH qualification specification" },
  { code: "APP-L4-SHPM", title: "Senior Housing / Property Management Apprenticeship (Level 4)", awarding_body: "Apprenticeship standard", level: 4, ofqual_number: null, recognised: 1, typical_months: 21, note: "Typically 18 to 24 months" },
  { code: "CIH-L5-DH", title: "CIH Level 5 Diploma in Housing", awarding_body: "Chartered Institute of Housing", level: 5, ofqual_number: null, recognised: 1, typical_months: 18, note: null },
  { code: "FD-HOUSING", title: "Foundation Degree in Housing", awarding_body: "University", level: 5, ofqual_number: null, recognised: 1, typical_months: 24, note: "A foundation degree meets the executive requirement" },
  { code: "BSC-HOUSING", title: "BSc (Hons) Housing Studies", awarding_body: "University", level: 6, ofqual_number: null, recognised: 1, typical_months: 36, note: "Higher than the required level counts" },
  { code: "CIH-L3-CHP", title: "CIH Level 3 Certificate in Housing Practice", awarding_body: "Chartered Institute of Housing", level: 3, ofqual_number: null, recognised: 1, typical_months: 9, note: "Below Level 4: never meets a requirement" },
  { code: "ILM-L5-LM", title: "Level 5 Diploma in Leadership and Management", awarding_body: "Institute of Leadership", level: 5, ofqual_number: null, recognised: 0, typical_months: 12, note: "Not a housing management qualification" },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto("qualifications")
    .values(
      catalogue.map((q) => ({
        ...q,
        organisation_id: null,
        rules_of_combination: q.code === "CIH-L4-MHM" ? JSON.stringify(cihManagingHousingMaintenance) : null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("qualifications").where("organisation_id", "is", null).execute();
}
