/**
 * Works out which getting-started steps an organisation has done, from what is on record. The counts of people and
 * qualification records come from the caller's evaluated data (the dashboard has it in memory, kept by revision), so
 * the checklist costs no count over every row of the organisation on each request.
 */
import type { OrganisationReader } from "./organisation-scope.server";
import { plural } from "../utils/plural";
import type { GettingStartedStep } from "./getting-started";

export async function gettingStartedSteps(
  scope: OrganisationReader,
  counts: { unmappedTitles: number; staff: number; qualificationRecords: number },
): Promise<GettingStartedStep[]> {
  const settings = await scope
    .selectAuditEvents()
    .select("at")
    .where((eb) => eb.or([eb("action", "like", "settings.%"), eb("action", "like", "milestone.%"), eb("action", "like", "milestones.%")]))
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const staffCount = counts.staff;
  const recordCount = counts.qualificationRecords;
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
