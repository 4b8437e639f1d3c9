/**
 * The individual scope decision for one person (it overrides the job-title decision): set it, or clear it so the
 * job-title decision applies again. Commands: `(scope, input) → Result`.
 */
import type { Category } from "../../compliance/types";
import { CATEGORY_LABELS } from "../../compliance/status";
import { nameWithRef } from "../../utils/person-name";
import type { OrganisationScope } from "../organisation-scope.server";
import { invalid, ok, type Result } from "../result";
import { findPerson } from "./detail.server";

export async function setPersonOverride(scope: OrganisationScope, input: { employeeRef: string; category: Category; rationale: string }): Promise<Result<{ category: Category }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  await scope.write(async (w) => {
    const before = await w.selectFrom("person_overrides").selectAll().where("staff_id", "=", staff.id).executeTakeFirst();
    const values = { category: input.category, rationale: input.rationale, decided_by: scope.actor.name, decided_on: scope.today };
    if (before) await w.updateTable("person_overrides").set(values).where("id", "=", before.id).execute();
    else await w.insertInto("person_overrides", { staff_id: staff.id, ...values }).execute();
    await w.audit({
      action: "person_override.set",
      entity: "person_override",
      entityId: staff.id,
      summary: `Set ${nameWithRef(staff)} to ${CATEGORY_LABELS[input.category]} (individual decision${before ? `, was ${CATEGORY_LABELS[before.category]}` : ""}): ${input.rationale}`,
      before: before ?? null,
      after: { staff_id: staff.id, ...values },
    });
  });
  return ok({ category: input.category });
}

export async function clearPersonOverride(scope: OrganisationScope, input: { employeeRef: string; reason: string }): Promise<Result<null>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const before = await scope.selectFrom("person_overrides").selectAll().where("staff_id", "=", staff.id).executeTakeFirst();
  if (!before) return invalid({ reason: "There is no individual decision to clear" });
  await scope.write(async (w) => {
    await w.deleteFrom("person_overrides").where("id", "=", before.id).execute();
    await w.audit({
      action: "person_override.clear",
      entity: "person_override",
      entityId: staff.id,
      summary: `Cleared the individual decision for ${nameWithRef(staff)} (was ${CATEGORY_LABELS[before.category]}); the job-title decision applies again: ${input.reason}`,
      before,
      after: null,
    });
  });
  return ok(null);
}
