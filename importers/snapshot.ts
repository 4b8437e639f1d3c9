/**
 * The compliance snapshot an applied import takes, in the import's own transaction (decision 0061). A staff import
 * already holds every person as they are after the apply (the rows it read before it, with its inserts, updates
 * and leavers), so it reads again only the other parts the rules take (settings, scope decisions, records…), never
 * the people it has just written. Any other import reads the organisation's data inside the transaction. Either
 * way the status of every person comes from the pure rules in app/compliance/, evaluated here once.
 */
import { buildComplianceContext } from "../app/compliance/context";
import { measureOrganisation } from "../app/compliance/measures";
import type { OrganisationWriter } from "../app/models/organisation-scope.server";
import { loadOrganisationData, reloadOrganisationData, type OrganisationData, type OrganisationDataPart, type StaffDetails } from "../app/models/organisation-data.server";
import { writeSnapshot, type SnapshotMeasures } from "../app/models/snapshots.server";
import type { Plan } from "./plan";

/** Every part of the evaluated data but the people (checked against the list of parts when it grows). */
const PARTS_BUT_STAFF = Object.keys({
  settings: true,
  decisions: true,
  overrides: true,
  qualifications: true,
  records: true,
  absences: true,
  serviceProviders: true,
  equivalences: true,
} satisfies Record<Exclude<OrganisationDataPart, "staff">, true>) as OrganisationDataPart[];

/** The organisation's data after the apply, read through the transaction; the people from `staff` when given. */
export async function organisationDataAfter(w: OrganisationWriter, staff: StaffDetails[] | undefined): Promise<OrganisationData> {
  if (!staff) return loadOrganisationData(w);
  // reloadOrganisationData takes from `previous` only the parts it is not told to read again: here the people.
  const people = { staff, staffById: new Map(staff.map((s) => [s.id, s])) } as Pick<OrganisationData, "staff" | "staffById">;
  return reloadOrganisationData(w, people as OrganisationData, new Set(PARTS_BUT_STAFF));
}

export async function snapshotAfterImport(
  w: OrganisationWriter,
  plan: Plan,
  o: { kind: string; importRunId: number; asOf: string; actor: string },
): Promise<{ id: number; measures: SnapshotMeasures }> {
  const data = await organisationDataAfter(w, plan.staffAfter?.());
  const ctx = buildComplianceContext(data);
  const measures = measureOrganisation(ctx, data.staff, o.asOf);
  return writeSnapshot(w, { data, ctx, measures }, { label: `After ${o.kind} import ${o.importRunId}`, trigger: "import", importRunId: o.importRunId, asOf: o.asOf }, o.actor);
}
