/**
 * A person's equivalence assessments: an older or other qualification assessed against the criteria (met, or
 * partly met with top-up units tracked to completion). What it means for the status is the rules'
 * (app/compliance/equivalence.ts). Commands: `(scope, input) → Result`.
 */
import type { EquivalenceAssessmentInput } from "../../compliance/edge-forms";
import { EQUIVALENCE_OUTCOME_LABELS, type EquivalenceOutcome } from "../../compliance/equivalence";
import { MESSAGES } from "../../compliance/record-rules";
import { nameWithRef } from "../../utils/person-name";
import type { OrganisationReader, OrganisationScope } from "../organisation-scope.server";
import { conflict, invalid, notFound, ok, type Result } from "../result";
import { findPerson, organisationCatalogue } from "./detail.server";

export interface EquivalenceView {
  id: number;
  qualificationId: number;
  qualificationTitle: string;
  level: number;
  assessedBy: string;
  assessedOn: string;
  evidenceRef: string;
  tqtHours: number | null;
  outcome: EquivalenceOutcome;
  note: string | null;
  topUps: Array<{ id: number; unit: string; completedOn: string | null }>;
}

/** The person's assessments, newest first, with their top-up units in order. */
export async function personEquivalences(scope: OrganisationReader, staffId: number): Promise<EquivalenceView[]> {
  const rows = await scope
    .selectFrom("equivalence_assessments")
    .innerJoin("qualifications", "qualifications.id", "equivalence_assessments.qualification_id")
    .select([
      "equivalence_assessments.id",
      "equivalence_assessments.qualification_id",
      "qualifications.title",
      "qualifications.level",
      "equivalence_assessments.assessed_by",
      "equivalence_assessments.assessed_on",
      "equivalence_assessments.evidence_ref",
      "equivalence_assessments.tqt_hours",
      "equivalence_assessments.outcome",
      "equivalence_assessments.note",
    ])
    .where("equivalence_assessments.staff_id", "=", staffId)
    .orderBy("equivalence_assessments.assessed_on", "desc")
    .orderBy("equivalence_assessments.id", "desc")
    .execute();
  const ids = rows.map((r) => r.id);
  const topUps =
    ids.length === 0
      ? []
      : await scope.selectFrom("equivalence_top_ups").select(["id", "assessment_id", "unit", "completed_on"]).where("assessment_id", "in", ids).orderBy("position").execute();
  return rows.map((r) => ({
    id: r.id,
    qualificationId: r.qualification_id,
    qualificationTitle: r.title,
    level: r.level,
    assessedBy: r.assessed_by,
    assessedOn: r.assessed_on,
    evidenceRef: r.evidence_ref,
    tqtHours: r.tqt_hours,
    outcome: r.outcome,
    note: r.note,
    topUps: topUps.filter((t) => t.assessment_id === r.id).map((t) => ({ id: t.id, unit: t.unit, completedOn: t.completed_on })),
  }));
}

/** Records an assessment (one per person and qualification) with its top-up units. */
export async function addEquivalence(scope: OrganisationScope, input: { employeeRef: string; assessment: EquivalenceAssessmentInput }): Promise<Result<{ id: number; title: string }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const a = input.assessment;
  if (a.assessed_on > scope.today) return invalid({ assessed_on: "The assessment date cannot be in the future" });
  const { entries } = await organisationCatalogue(scope);
  const qualification = entries.find((q) => q.id === a.qualification_id);
  if (!qualification) return invalid({ qualification_id: MESSAGES.qualificationNotInCatalogue });
  const existing = await scope
    .selectFrom("equivalence_assessments")
    .select("id")
    .where("staff_id", "=", staff.id)
    .where("qualification_id", "=", qualification.id)
    .executeTakeFirst();
  if (existing) return conflict(`${qualification.title} is already assessed for ${nameWithRef(staff)}: remove that assessment first to record a new one`);
  return scope.write(async (w) => {
    const stamp = new Date().toISOString();
    const row = await w
      .insertInto("equivalence_assessments", {
        staff_id: staff.id,
        qualification_id: qualification.id,
        assessed_by: a.assessed_by,
        assessed_on: a.assessed_on,
        evidence_ref: a.evidence_ref,
        tqt_hours: a.tqt_hours,
        outcome: a.outcome,
        note: a.note,
        created_at: stamp,
        updated_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const units = a.outcome === "partly_met" ? a.top_ups : [];
    if (units.length > 0) {
      await w.insertInto("equivalence_top_ups", units.map((unit, position) => ({ assessment_id: row.id, unit, completed_on: null, position }))).execute();
    }
    await w.audit({
      action: "equivalence.create",
      entity: "equivalence_assessment",
      entityId: row.id,
      summary: `Recorded an equivalence assessment for ${nameWithRef(staff)}: ${qualification.title}, ${EQUIVALENCE_OUTCOME_LABELS[a.outcome].toLowerCase()}${units.length > 0 ? ` (top-up: ${units.join("; ")})` : ""}`,
      before: null,
      after: { ...row, top_ups: units },
    });
    return ok({ id: row.id, title: qualification.title });
  });
}

/** Marks one top-up unit of this person's assessment completed. */
export async function completeTopUp(scope: OrganisationScope, input: { employeeRef: string; topUpId: number; completedOn: string }): Promise<Result<{ unit: string }>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const topUp = await scope
    .selectFrom("equivalence_top_ups")
    .innerJoin("equivalence_assessments", "equivalence_assessments.id", "equivalence_top_ups.assessment_id")
    .select(["equivalence_top_ups.id", "equivalence_top_ups.unit", "equivalence_top_ups.completed_on", "equivalence_assessments.assessed_on"])
    .where("equivalence_top_ups.organisation_id", "=", scope.organisationId)
    .where("equivalence_assessments.staff_id", "=", staff.id)
    .where("equivalence_top_ups.id", "=", input.topUpId)
    .executeTakeFirst();
  if (!topUp) return notFound("No such top-up unit for this person");
  if (topUp.completed_on) return conflict(`${topUp.unit} is already recorded as completed`);
  if (input.completedOn > scope.today) return invalid({ completed_on: "The completion date cannot be in the future" });
  if (input.completedOn < topUp.assessed_on) return invalid({ completed_on: "A top-up unit is completed on or after the assessment that asked for it" });
  await scope.write(async (w) => {
    await w.updateTable("equivalence_top_ups").set({ completed_on: input.completedOn }).where("id", "=", topUp.id).execute();
    await w.audit({
      action: "equivalence.top_up_completed",
      entity: "equivalence_top_up",
      entityId: topUp.id,
      summary: `${nameWithRef(staff)} completed the top-up unit ${topUp.unit} on ${input.completedOn}`,
      before: { completed_on: null },
      after: { completed_on: input.completedOn },
    });
  });
  return ok({ unit: topUp.unit });
}

/** Removes an assessment of this person (and its top-up units). */
export async function removeEquivalence(scope: OrganisationScope, input: { employeeRef: string; assessmentId: number }): Promise<Result<null>> {
  const person = await findPerson(scope, input.employeeRef);
  if (!person.ok) return person;
  const staff = person.value;
  const before = await scope.selectFrom("equivalence_assessments").selectAll().where("staff_id", "=", staff.id).where("id", "=", input.assessmentId).executeTakeFirst();
  if (!before) return notFound("No such assessment for this person");
  await scope.write(async (w) => {
    await w.deleteFrom("equivalence_top_ups").where("assessment_id", "=", before.id).execute();
    await w.deleteFrom("equivalence_assessments").where("id", "=", before.id).execute();
    await w.audit({ action: "equivalence.delete", entity: "equivalence_assessment", entityId: before.id, summary: `Removed an equivalence assessment of ${nameWithRef(staff)}`, before, after: null });
  });
  return ok(null);
}
