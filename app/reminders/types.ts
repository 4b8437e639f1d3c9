// Inputs and outputs of the reminder rules: what is due or overdue, for whom, and who must hear of it.
// Pure types: no storage, no mail. Dates are ISO `YYYY-MM-DD`.
import type { IsoDate } from "../compliance/types";

export type ActionKind =
  | "enrol_by_passed"
  | "enrol_by_soon"
  | "latest_start_passed"
  | "completion_passed"
  | "completion_missing"
  | "enrolled_without_start"
  | "evidence_unverified"
  | "conduct_due"
  | "supervision_due"
  | "appraisal_due"
  | "training_due"
  | "scope_review_overdue"
  | "job_title_undecided";

export interface ActionItem {
  kind: ActionKind;
  /** The person the item is about; null for items about a job title or a decision. */
  staffId: number | null;
  employeeRef: string | null;
  personName: string | null;
  /** The job title (the person's, or the title the item is about). */
  jobTitle: string | null;
  /** The reason in plain words, ready to read in a list or an email. */
  reason: string;
  /** The date that matters (deadline passed or coming); null when there is none (e.g. a missing date). */
  date: IsoDate | null;
  /** True when the date has passed (or the thing is missing); false when it is coming within the lead time. */
  overdue: boolean;
}

/** Reminder settings of one organisation (the rules read only these). */
export interface ReminderSettings {
  /** Enrol-by within this many days is "due soon". */
  enrolLeadDays: number;
  /** Other dates (expected completion, conduct, supervision, appraisal, training) within this many days are due soon. */
  dueLeadDays: number;
  /** An enrolment without a start date needs chasing once it is this many months old (the organisation's
   * "working towards without a start" setting, shared with the RAG). */
  startChaseMonths: number;
}

/** The lead times HR sets on the reminders page. */
export type LeadTimes = Pick<ReminderSettings, "enrolLeadDays" | "dueLeadDays">;

export const DEFAULT_LEAD_TIMES: LeadTimes = { enrolLeadDays: 60, dueLeadDays: 30 };

/** An achieved record whose evidence (certificate) nobody has verified yet. */
export interface UnverifiedAchievement {
  staffId: number;
  qualificationTitle: string;
  achievedOn: IsoDate | null;
}

/** A conduct obligation that falls due (from the conduct rules, when they run): an acknowledgement, a
 * supervision, an appraisal or a training course. */
export interface ConductObligation {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  kind: "conduct_due" | "supervision_due" | "appraisal_due" | "training_due";
  /** What is owed, in words: "Code of conduct v3 acknowledgement", "Supervision", "Damp and mould course". */
  what: string;
  dueOn: IsoDate | null;
}

/** A scope decision with its review date and how many active people hold the title. */
export interface DecisionUnderReview {
  jobTitle: string;
  reviewDate: IsoDate | null;
  people: number;
}

/** A job title still waiting for a scope decision, with the active people who hold it. */
export interface UndecidedTitle {
  jobTitle: string;
  people: number;
}
