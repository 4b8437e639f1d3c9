/**
 * What people owe under the conduct half of the Standard, as reminder obligations: supervisions, one-to-ones and
 * appraisals from the conduct meeting rules, training from the training matrix. Pure: the conduct rules decide
 * each status (app/conduct/); these only say which of them someone must act on and by when. The lead time is
 * applied by conductObligationItems (action-items.ts). See docs/reminders.md and decision 0041.
 */
import {
  MEETING_KIND_LABELS,
  meetingSummary,
  trainingMatrix,
  type ConductPerson,
  type MeetingIntervals,
  type MeetingKind,
  type TrainingCompletion,
  type TrainingCourse,
  type TrainingRequirement,
} from "../conduct";
import type { IsoDate } from "../compliance/types";
import type { ConductObligation } from "./types";

const MEETING_ACTION: Record<MeetingKind, ConductObligation["kind"]> = { supervision: "supervision_due", one_to_one: "supervision_due", appraisal: "appraisal_due" };

function who(person: ConductPerson): Pick<ConductObligation, "staffId" | "employeeRef" | "name" | "jobTitle"> {
  return { staffId: person.staffId, employeeRef: person.employeeRef, name: person.name, jobTitle: person.jobTitle };
}

export interface MeetingReminderInput {
  people: readonly ConductPerson[];
  intervals: MeetingIntervals;
  /** staff id → kind → dates held. */
  held: ReadonlyMap<number, Partial<Record<MeetingKind, IsoDate[]>>>;
  /** True once the organisation records meetings or sets an interval: until then nobody is chased (decision 0041). */
  tracked: boolean;
}

/**
 * Every expected meeting of every active person with the date the next one is due (null when none is recorded
 * and the start date is unknown). Meetings not expected for the role give nothing.
 */
export function meetingObligations(input: MeetingReminderInput, asOf: IsoDate): ConductObligation[] {
  if (!input.tracked) return [];
  const owed: ConductObligation[] = [];
  for (const { person, statuses } of meetingSummary(input.people, input.intervals, input.held, asOf).people) {
    for (const s of statuses) {
      if (s.state === "not_expected") continue;
      owed.push({ ...who(person), kind: MEETING_ACTION[s.kind], what: MEETING_KIND_LABELS[s.kind], dueOn: s.dueBy });
    }
  }
  return owed;
}

export interface TrainingReminderInput {
  people: readonly ConductPerson[];
  courses: readonly TrainingCourse[];
  requirements: readonly TrainingRequirement[];
  completions: readonly TrainingCompletion[];
}

/**
 * Every required course of every active person: not completed (no date: owed now), or completed with an expiry
 * (due by the expiry; passed when expired). A completion that never expires owes nothing.
 */
export function trainingObligations(input: TrainingReminderInput, asOf: IsoDate): ConductObligation[] {
  const matrix = trainingMatrix(input.people, input.courses, input.requirements, input.completions, asOf);
  const owed: ConductObligation[] = [];
  for (const { person, cells } of matrix.rows) {
    cells.forEach((cell, i) => {
      if (!cell.required) return;
      const what = `${matrix.courses[i].course.title} training`;
      if (cell.state === "missing") owed.push({ ...who(person), kind: "training_due", what, dueOn: null });
      else if (cell.expiresOn) owed.push({ ...who(person), kind: "training_due", what, dueOn: cell.expiresOn });
    });
  }
  return owed;
}
