/** A person's absences: record one, end an open one. Commands: `(scope, input) → Result`. */
import { checkAbsence, checkEndAbsence, MESSAGES, type AbsenceKind } from "../../compliance/record-rules";
import { nameWithRef } from "../../utils/person-name";
import type { OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, notFound, ok, type Result } from "../result";
import { findPerson } from "./detail.server";
import { ABSENCE_KIND_LABELS } from "./labels";

export interface AbsenceInput {
  employeeRef: string;
  kind: AbsenceKind;
  from_date: string;
  to_date: string | null;
  note: string | null;
}

export async function addAbsence(scope: OrganisationScope, input: AbsenceInput): Promise<Result<{ id: number }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const errors = checkAbsence(input);
  if (Object.keys(errors).length > 0) return invalid(errors);
  const { employeeRef: _ref, ...values } = input;
  return scope.write(async (w) => {
    const row = await w.insertInto("absences", { staff_id: staff.id, ...values }).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: "absence.create",
      entity: "absence",
      entityId: row.id,
      summary: `Recorded an absence for ${nameWithRef(staff)}: ${ABSENCE_KIND_LABELS[input.kind].toLowerCase()} from ${input.from_date}${input.to_date ? ` to ${input.to_date}` : " (open)"}`,
      before: null,
      after: row,
    });
    return ok({ id: row.id });
  });
}

/** Ends an open absence of this person (an absence of someone else, or of another organisation, is not found). */
export async function endAbsence(scope: OrganisationScope, input: { employeeRef: string; absenceId: number; to_date: string }): Promise<Result<null>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const before = await scope.selectFrom("absences").selectAll().where("staff_id", "=", staff.id).where("id", "=", input.absenceId).executeTakeFirst();
  if (!before) return notFound("No such absence for this person");
  // Ended since the page was shown (the form is only offered for open absences): the state moved on.
  if (before.to_date) return conflict(MESSAGES.absenceAlreadyEnded);
  const errors = checkEndAbsence(before, input.to_date);
  if (Object.keys(errors).length > 0) return invalid(errors);
  await scope.write(async (w) => {
    const after = await w.updateTable("absences").set({ to_date: input.to_date }).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: "absence.end",
      entity: "absence",
      entityId: before.id,
      summary: `Ended the absence of ${nameWithRef(staff)} from ${before.from_date} on ${input.to_date}`,
      before,
      after,
    });
  });
  return ok(null);
}
