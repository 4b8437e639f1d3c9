/** Works out which getting-started steps an organisation has done, from what is on record. */
import type { OrganisationReader } from "./organisation-scope.server";
import { plural } from "../utils/plural";
import type { GettingStartedStep } from "./getting-started";

export async function gettingStartedSteps(scope: OrganisationReader, counts: { unmappedTitles: number }): Promise<GettingStartedStep[]> {
  const [staff, records, settings] = await Promise.all([
    scope.selectFrom("staff").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    scope.selectFrom("qualification_records").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    scope
      .selectAuditEvents()
      .select("at")
      .where((eb) => eb.or([eb("action", "like", "settings.%"), eb("action", "like", "milestone.%"), eb("action", "like", "milestones.%")]))
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const staffCount = Number(staff.n);
  const recordCount = Number(records.n);
  return [
    { key: "staff", done: staffCount > 0, detail: staffCount > 0 ? `${plural(staffCount, "person")} on record` : "Nobody on record yet" },
    {
      key: "titles",
      done: staffCount > 0 && counts.unmappedTitles === 0,
      detail: staffCount === 0 ? "After the staff import" : counts.unmappedTitles === 0 ? "Every job title is decided" : `${plural(counts.unmappedTitles, "job title")} still to decide`,
    },
    { key: "qualifications", done: recordCount > 0, detail: recordCount > 0 ? `${plural(recordCount, "qualification record")} on record` : "No qualification records yet" },
    { key: "settings", done: settings != null, detail: settings ? `Checked on ${settings.at.slice(0, 10)}` : "Not checked yet" },
  ];
}
