/**
 * The person page's forms, one line each: parse the posted form with its shared schema
 * (app/compliance/record-rules.ts), run the model command, and say what was saved. The route dispatches on the
 * intent and turns the Result into the response (app/utils/respond.server.ts).
 */
import {
  absenceForm,
  achievementForm,
  clearPersonOverrideForm,
  endAbsenceForm,
  personOverrideForm,
  qualificationRecordForm,
  unitResultForm,
} from "../../compliance/record-rules";
import { deleteEquivalenceForm, equivalenceAssessmentForm, topUpCompletionForm } from "../../compliance/edge-forms";
import { CATEGORY_LABELS } from "../../compliance/status";
import { parseForm } from "../../utils/respond.server";
import type { OrganisationScope } from "../organisation-scope.server";
import { andThen, ok, type Result } from "../result";
import { addAbsence, endAbsence } from "./absences.server";
import type { PersonIntent } from "./intents";
import { UNIT_RESULT_LABELS } from "./labels";
import { addQualificationRecord, addUnitResult, editQualificationRecord, markRecordAchieved } from "./records.server";
import { addEquivalence, completeTopUp, removeEquivalence } from "./equivalence.server";
import { clearPersonOverride, setPersonOverride } from "./scope-override.server";

/** Runs one form of the person page for the person `employeeRef`: the notice to show when it succeeded. */
type PersonAction = (scope: OrganisationScope, employeeRef: string, form: FormData) => Promise<Result<string>>;

const saved = (message: string) => () => ok(message);

export const PERSON_ACTIONS: Record<PersonIntent, PersonAction> = {
  "set-override": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, personOverrideForm), (v) => setPersonOverride(scope, { employeeRef, ...v })),
      (r) => ok(`Individual decision saved: ${CATEGORY_LABELS[r.category]}.`),
    ),
  "clear-override": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, clearPersonOverrideForm), (v) => clearPersonOverride(scope, { employeeRef, reason: v.reason })),
      saved("Individual decision cleared: the job-title decision applies."),
    ),
  "add-record": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, qualificationRecordForm({ today: scope.today })), (record) => addQualificationRecord(scope, { employeeRef, record })),
      (r) => ok(`Record added: ${r.title}.`),
    ),
  "edit-record": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, qualificationRecordForm({ today: scope.today })), (record) =>
        editQualificationRecord(scope, { employeeRef, recordId: recordIdOf(form), record }),
      ),
      (r) => ok(`Record updated: ${r.title}.`),
    ),
  "mark-achieved": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, achievementForm({ today: scope.today })), ({ record_id, ...achievement }) =>
        markRecordAchieved(scope, { employeeRef, recordId: record_id, achievement }),
      ),
      saved("Marked as achieved."),
    ),
  "add-unit-result": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, unitResultForm({ today: scope.today })), ({ record_id, ...unit }) => addUnitResult(scope, { employeeRef, recordId: record_id, unit })),
      (r) => ok(`Unit ${r.unitRef}: ${UNIT_RESULT_LABELS[r.result].toLowerCase()} recorded.`),
    ),
  "add-absence": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, absenceForm), (v) => addAbsence(scope, { employeeRef, ...v })),
      saved("Absence recorded."),
    ),
  "end-absence": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, endAbsenceForm), (v) => endAbsence(scope, { employeeRef, absenceId: v.absence_id, to_date: v.to_date })),
      saved("Absence ended."),
    ),
  "add-equivalence": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, equivalenceAssessmentForm), (assessment) => addEquivalence(scope, { employeeRef, assessment })),
      (r) => ok(`Equivalence assessment recorded: ${r.title}.`),
    ),
  "complete-top-up": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, topUpCompletionForm), (v) => completeTopUp(scope, { employeeRef, topUpId: v.top_up_id, completedOn: v.completed_on })),
      (r) => ok(`Top-up unit completed: ${r.unit}.`),
    ),
  "remove-equivalence": (scope, employeeRef, form) =>
    andThen(
      andThen(parseForm(form, deleteEquivalenceForm), (v) => removeEquivalence(scope, { employeeRef, assessmentId: v.assessment_id })),
      saved("Equivalence assessment removed."),
    ),
};

/** An edit names its record; a record id that is not a number is a record that does not exist (404). */
function recordIdOf(form: FormData): number {
  const value = String(form.get("record_id") ?? "");
  return /^\d+$/.test(value) ? Number(value) : -1;
}
