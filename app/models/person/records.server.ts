/**
 * A person's qualification records: add one, edit one, mark a running one achieved, record a unit result. Each
 * command checks the shared record rules (app/compliance/record-rules.ts) and the catalogue, then writes in one
 * `scope.write` with its audit event. Commands: `(scope, input) → Result`.
 */
import type { QualificationRecordRow, Staff } from "../../../db/schema";
import {
  checkAchievement,
  checkPathway,
  checkQualificationRecord,
  checkUnitResult,
  MESSAGES,
  type AchievementValues,
  type QualificationRecordInput,
  type UnitResultValues,
} from "../../compliance/record-rules";
import { normaliseUnitRef } from "../../compliance/rules-of-combination";
import { nameWithRef } from "../../utils/person-name";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { invalid, notFound, ok, type Result } from "../result";
import { findPerson, organisationCatalogue, type CatalogueEntry } from "./detail.server";
import { RECORD_STATUS_LABELS, UNIT_RESULT_LABELS } from "./labels";

const now = () => new Date().toISOString();
const hasErrors = (errors: Record<string, string>) => Object.keys(errors).length > 0;

async function recordOf(scope: OrganisationReader, staff: Staff, recordId: number): Promise<QualificationRecordRow | undefined> {
  return scope.selectFrom("qualification_records").selectAll().where("staff_id", "=", staff.id).where("id", "=", recordId).executeTakeFirst();
}

/** The record's rules, its qualification from the catalogue and its pathway in the catalogue's spelling. */
async function checkedRecord(scope: OrganisationScope, record: QualificationRecordInput): Promise<Result<{ record: QualificationRecordInput; qualification: CatalogueEntry }>> {
  const errors = checkQualificationRecord(record, { today: scope.today });
  if (hasErrors(errors)) return invalid(errors);
  const { entries } = await organisationCatalogue(scope);
  const qualification = entries.find((q) => q.id === record.qualification_id);
  if (!qualification) return invalid({ qualification_id: MESSAGES.qualificationNotInCatalogue });
  const pathway = checkPathway(qualification, record.pathway);
  if ("error" in pathway) return invalid({ pathway: pathway.error });
  return ok({ record: { ...record, pathway: pathway.pathway }, qualification });
}

export async function addQualificationRecord(scope: OrganisationScope, input: { employeeRef: string; record: QualificationRecordInput }): Promise<Result<{ id: number; title: string }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const checked = await checkedRecord(scope, input.record);
  if (!checked.ok) return checked;
  const { record, qualification } = checked.value;
  const id = await scope.write(async (w) => {
    const stamp = now();
    const row = await w.insertInto("qualification_records", { staff_id: staff.id, ...record, created_at: stamp, updated_at: stamp }).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: "qualification_record.create",
      entity: "qualification_record",
      entityId: row.id,
      summary: `Added a qualification record for ${nameWithRef(staff)}: ${qualification.title} (${RECORD_STATUS_LABELS[record.status].toLowerCase()})`,
      before: null,
      after: row,
    });
    return row.id;
  });
  return ok({ id, title: qualification.title });
}

export async function editQualificationRecord(
  scope: OrganisationScope,
  input: { employeeRef: string; recordId: number; record: QualificationRecordInput },
): Promise<Result<{ title: string }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const checked = await checkedRecord(scope, input.record);
  if (!checked.ok) return checked;
  const { record, qualification } = checked.value;
  const before = await recordOf(scope, staff, input.recordId);
  if (!before) return notFound("No such record for this person");
  await scope.write(async (w) => {
    const after = await w.updateTable("qualification_records").set({ ...record, updated_at: now() }).where("id", "=", before.id).returningAll().executeTakeFirstOrThrow();
    await w.audit({
      action: "qualification_record.update",
      entity: "qualification_record",
      entityId: before.id,
      summary: `Updated the ${qualification.title} record of ${staff.employee_ref}`,
      before,
      after,
    });
  });
  return ok({ title: qualification.title });
}

export async function markRecordAchieved(scope: OrganisationScope, input: { employeeRef: string; recordId: number; achievement: AchievementValues }): Promise<Result<null>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const before = await recordOf(scope, staff, input.recordId);
  if (!before) return notFound("No such record for this person");
  const a = input.achievement;
  const errors = checkAchievement(a, { today: scope.today, enrolledOn: before.enrolled_on });
  if (hasErrors(errors)) return invalid(errors);
  await scope.write(async (w) => {
    const after = await w
      .updateTable("qualification_records")
      .set({ status: "achieved", ...a, updated_at: now() })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "qualification_record.achieve",
      entity: "qualification_record",
      entityId: before.id,
      summary: `Marked record ${before.id} of ${staff.employee_ref} achieved on ${a.achieved_on} (certificate ${a.certificate_ref}; evidence verified by ${a.evidence_verified_by})`,
      before,
      after,
    });
  });
  return ok(null);
}

export async function addUnitResult(
  scope: OrganisationScope,
  input: { employeeRef: string; recordId: number; unit: UnitResultValues },
): Promise<Result<{ unitRef: string; result: UnitResultValues["result"] }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const record = await recordOf(scope, staff, input.recordId);
  if (!record) return notFound("No such record for this person");
  const errors = checkUnitResult(input.unit, { today: scope.today });
  if (hasErrors(errors)) return invalid(errors);
  const { entries } = await organisationCatalogue(scope);
  const qualification = entries.find((q) => q.id === record.qualification_id);
  const unit = qualification?.units.find((u) => normaliseUnitRef(u.unitRef) === normaliseUnitRef(input.unit.unit_ref));
  if (!unit) return invalid({ unit_ref: MESSAGES.unitNotOfQualification });
  const values = { unit_ref: unit.unitRef, result: input.unit.result, achieved_on: input.unit.achieved_on };
  await scope.write(async (w) => {
    const previous = await w.selectFrom("unit_results").selectAll().where("record_id", "=", record.id).execute();
    const same = previous.filter((u) => normaliseUnitRef(u.unit_ref) === normaliseUnitRef(values.unit_ref));
    const row = await w.insertInto("unit_results", { record_id: record.id, ...values }).returningAll().executeTakeFirstOrThrow();
    await w.updateTable("qualification_records").set({ updated_at: now() }).where("id", "=", record.id).execute();
    await w.audit({
      action: "unit_result.create",
      entity: "qualification_record",
      entityId: record.id,
      summary: `Recorded ${UNIT_RESULT_LABELS[values.result].toLowerCase()} for unit ${values.unit_ref} (${unit.title}) for ${nameWithRef(staff)}`,
      before: { unit_results: same },
      after: { unit_results: [...same, row] },
    });
  });
  return ok({ unitRef: unit.unitRef, result: values.result });
}
