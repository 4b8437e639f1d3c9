/** Code-of-conduct acknowledgements: recorded one at a time (person page, conduct page) or imported. */
import { z } from "zod";
import { acknowledgementDateProblem, acknowledgementSummary, currentVersions, type AcknowledgementSummary, type ConductPerson } from "../../conduct";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, ok, type Result } from "../result";
import { requiredDate } from "./inputs";
import { parseFields } from "../../utils/zod-field-errors";
import { loadConductPeople } from "./people.server";
import { ackDaysOf, listPolicyVersions, type PolicyVersionRow } from "./policies.server";

export interface AcknowledgementPicture extends AcknowledgementSummary {
  code: PolicyVersionRow | null;
  ackDays: number;
  /** Every code version, newest first, for the forms. */
  versions: PolicyVersionRow[];
}

/** The code in force on the date and everyone's position against it (`loaded`: the people, when the caller has them). */
export async function acknowledgementPicture(scope: OrganisationReader, asOf: string, loaded?: readonly ConductPerson[]): Promise<AcknowledgementPicture> {
  const versions = (await listPolicyVersions(scope)).filter((v) => v.kind === "code_of_conduct");
  const code = currentVersions(versions, asOf).get("code_of_conduct") ?? null;
  const [people, ackDays] = await Promise.all([loaded ?? loadConductPeople(scope), ackDaysOf(scope)]);
  const acknowledged = new Map<number, string>();
  if (code) {
    const rows = await scope.selectFrom("conduct_acknowledgements").select(["staff_id", "acknowledged_on"]).where("policy_version_id", "=", code.id).execute();
    for (const r of rows) acknowledged.set(r.staff_id, r.acknowledged_on);
  }
  return { ...acknowledgementSummary(people, code, acknowledged, ackDays, asOf), code, ackDays, versions };
}

export const acknowledgementInputSchema = z.object({
  employeeRef: z.string().trim().min(1, "Enter the employee reference"),
  versionId: z.coerce.number({ invalid_type_error: "Choose the version of the code" }).int().positive("Choose the version of the code"),
  acknowledgedOn: requiredDate("date they acknowledged it"),
});

export async function recordAcknowledgement(
  scope: OrganisationScope,
  input: { employeeRef: string; versionId: string | number; acknowledgedOn: string },
): Promise<Result<{ id: number }>> {
  const parsed = parseFields(acknowledgementInputSchema, input);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { employeeRef, versionId, acknowledgedOn } = parsed.value;
  const [person, version] = await Promise.all([
    scope.selectFrom("staff").select(["id", "employee_ref"]).where("employee_ref", "=", employeeRef).executeTakeFirst(),
    scope.selectFrom("policy_versions").selectAll().where("id", "=", versionId).where("kind", "=", "code_of_conduct").executeTakeFirst(),
  ]);
  if (!person) return invalid({ employeeRef: `There is nobody with the employee reference ${employeeRef}` });
  if (!version) return invalid({ versionId: "Choose a version of this organisation's code of conduct" });
  const dateProblem = acknowledgementDateProblem({ version: version.version, approvedOn: version.approved_on }, acknowledgedOn, scope.today);
  if (dateProblem) return invalid({ acknowledgedOn: dateProblem });
  const existing = await scope.selectFrom("conduct_acknowledgements").select(["id", "acknowledged_on"]).where("staff_id", "=", person.id).where("policy_version_id", "=", version.id).executeTakeFirst();
  if (existing) return conflict(`${employeeRef} already acknowledged code of conduct ${version.version} on ${existing.acknowledged_on}.`);
  const id = await scope.write(async (w) => {
    const row = await w
      .insertInto("conduct_acknowledgements", { staff_id: person.id, policy_version_id: version.id, acknowledged_on: acknowledgedOn, source: "recorded", recorded_by: scope.actor.name })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "conduct.acknowledge",
      entity: "conduct_acknowledgement",
      entityId: row.id,
      summary: `Recorded that ${employeeRef} acknowledged code of conduct ${version.version} on ${acknowledgedOn}`,
      after: { employeeRef, version: version.version, acknowledgedOn },
    });
    return row.id;
  });
  return ok({ id });
}
