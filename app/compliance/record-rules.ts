/**
 * The rules a qualification record, a unit result, an absence, an individual scope decision and a job-title scope
 * decision must satisfy before they are stored, whoever stores them: the person and role-mapping forms and the
 * importers use these same rules, so an import refuses what the form refuses.
 *
 * Two layers:
 * - `check*` functions take typed values (dates as ISO strings, blanks as null) and return the broken rules as
 *   field errors keyed by field name (the database column name). An importer calls them once per row and maps each
 *   field to its CSV column; a form gets them through the zod schemas below.
 * - `*Form` zod schemas parse what a form posts (strings; a blank field may arrive as "" or be missing, as Conform
 *   sends it) into those typed values and add the `check*` errors as issues on the same fields.
 *
 * A plain module (no database, no clock): `today` is always passed in (the scope's date).
 */
import { z } from "zod";
import type { FieldErrors } from "../models/result";
import { isIsoDate } from "./dates";
import { CATEGORIES, RECORD_STATUSES, type Category, type IsoDate, type RecordStatus } from "./types";

/** Broken rules, one message per field (the first broken rule on that field): the one shape, from app/models/result.ts. */
export type { FieldErrors };

export interface RuleContext {
  /** Today's date (ISO): achievements and verifications cannot be after it. */
  today: IsoDate;
}

export const ABSENCE_KINDS = ["parental", "long_term_sickness", "other"] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
export const UNIT_RESULTS = ["pass", "refer", "fail", "exempt"] as const;
export type UnitResult = (typeof UNIT_RESULTS)[number];

/** Statuses of a record that is still running (it needs an enrolment date). */
export const OPEN_RECORD_STATUSES: readonly RecordStatus[] = ["enrolled", "in_progress", "referred"];

export const MESSAGES = {
  realDate: "Enter a real date as YYYY-MM-DD",
  enrolledOnRequired: "Enter the date they enrolled",
  startBeforeEnrolment: "The start date cannot be before the enrolment date",
  completionNotAfterEnrolment: "The expected completion must be after the enrolment date",
  achievedOnRequired: "Enter the date it was achieved",
  achievedInFuture: "The achieved date cannot be in the future",
  achievedBeforeEnrolment: "The achieved date cannot be before the enrolment date",
  certificateRequired: "Enter the certificate reference",
  achievedOnNotAchieved: "Only an achieved record has an achieved date (or choose the status Achieved)",
  verifiedInFuture: "The verification date cannot be in the future",
  verifiedByRequired: "Say who verified the evidence",
  verifiedOnRequired: "Enter the date the evidence was verified",
  verifiedBeforeAchieved: "The evidence cannot be verified before the achieved date",
  unitDateInFuture: "The date cannot be in the future",
  unitNotOfQualification: "Choose a unit of this qualification",
  absenceEndsBeforeStart: "The last day cannot be before the first day",
  absenceAlreadyEnded: "This absence has already ended",
  qualificationNotInCatalogue: "Choose a qualification from the catalogue",
} as const;

const add = (errors: FieldErrors, field: string, message: string) => {
  errors[field] ??= message;
};

// ---------------------------------------------------------------------------------------------
// Qualification records

/** A qualification record's values as stored (the evidence fields may be absent, e.g. in an import file). */
export interface QualificationRecordValues {
  status: RecordStatus;
  enrolled_on: IsoDate | null;
  started_on: IsoDate | null;
  expected_completion: IsoDate | null;
  achieved_on: IsoDate | null;
  certificate_ref: string | null;
  evidence_verified_by?: string | null;
  evidence_verified_on?: IsoDate | null;
}

/**
 * The rules of one qualification record: a running record has an enrolment date; start on or after enrolment;
 * expected completion after enrolment; an achieved record has an achieved date (not in the future, not before
 * enrolment) and a certificate reference, and only an achieved record has an achieved date; verified evidence says
 * who and when (not in the future).
 */
export function checkQualificationRecord(r: QualificationRecordValues, { today }: RuleContext): FieldErrors {
  const errors: FieldErrors = {};
  if (OPEN_RECORD_STATUSES.includes(r.status) && !r.enrolled_on) add(errors, "enrolled_on", MESSAGES.enrolledOnRequired);
  if (r.started_on && r.enrolled_on && r.started_on < r.enrolled_on) add(errors, "started_on", MESSAGES.startBeforeEnrolment);
  if (r.expected_completion && r.enrolled_on && r.expected_completion <= r.enrolled_on) add(errors, "expected_completion", MESSAGES.completionNotAfterEnrolment);
  if (r.status === "achieved") {
    if (!r.achieved_on) add(errors, "achieved_on", MESSAGES.achievedOnRequired);
    else if (r.achieved_on > today) add(errors, "achieved_on", MESSAGES.achievedInFuture);
    else if (r.enrolled_on && r.achieved_on < r.enrolled_on) add(errors, "achieved_on", MESSAGES.achievedBeforeEnrolment);
    if (!r.certificate_ref) add(errors, "certificate_ref", MESSAGES.certificateRequired);
  } else if (r.achieved_on) {
    add(errors, "achieved_on", MESSAGES.achievedOnNotAchieved);
  }
  const verifiedBy = r.evidence_verified_by ?? null;
  const verifiedOn = r.evidence_verified_on ?? null;
  if (verifiedOn && verifiedOn > today) add(errors, "evidence_verified_on", MESSAGES.verifiedInFuture);
  if (verifiedOn && !verifiedBy) add(errors, "evidence_verified_by", MESSAGES.verifiedByRequired);
  if (verifiedBy && !verifiedOn) add(errors, "evidence_verified_on", MESSAGES.verifiedOnRequired);
  return errors;
}

/** What the pathway rule needs to know about the record's qualification. */
export interface QualificationPathways {
  title: string;
  pathways: readonly string[];
}

/**
 * A pathway belongs to the record's qualification (compared without case). Returns the catalogue's spelling of
 * the pathway, or the error for the `pathway` field.
 */
export function checkPathway(qualification: QualificationPathways, pathway: string | null): { pathway: string | null } | { error: string } {
  if (!pathway) return { pathway: null };
  if (qualification.pathways.length === 0) return { error: `${qualification.title} has no pathways: leave this blank` };
  const found = qualification.pathways.find((p) => p.toLowerCase() === pathway.toLowerCase());
  if (!found) return { error: `Choose one of the pathways of ${qualification.title}: ${qualification.pathways.join(", ")}` };
  return { pathway: found };
}

/**
 * One record, all rules: the record's own (`checkQualificationRecord`) and, when its qualification is known, the
 * pathway. `qualification` undefined means the qualification named is not in the catalogue. For importers: the
 * keys are field names (status, enrolled_on, …, pathway, qualification_id).
 */
export function qualificationRecordErrors(
  r: QualificationRecordValues & { pathway?: string | null },
  context: RuleContext & { qualification?: QualificationPathways | null },
): FieldErrors {
  const errors = checkQualificationRecord(r, context);
  if (context.qualification === undefined) return errors;
  if (context.qualification === null) {
    add(errors, "qualification_id", MESSAGES.qualificationNotInCatalogue);
    return errors;
  }
  const pathway = checkPathway(context.qualification, r.pathway ?? null);
  if ("error" in pathway) add(errors, "pathway", pathway.error);
  return errors;
}

/** Marking a running record achieved: the evidence is required, and verified on or after the achievement. */
export interface AchievementValues {
  achieved_on: IsoDate;
  certificate_ref: string;
  evidence_verified_by: string;
  evidence_verified_on: IsoDate;
}

export function checkAchievement(a: AchievementValues, { today, enrolledOn }: RuleContext & { enrolledOn?: IsoDate | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (a.achieved_on > today) add(errors, "achieved_on", MESSAGES.achievedInFuture);
  else if (enrolledOn && a.achieved_on < enrolledOn) add(errors, "achieved_on", MESSAGES.achievedBeforeEnrolment);
  if (a.evidence_verified_on > today) add(errors, "evidence_verified_on", MESSAGES.verifiedInFuture);
  else if (a.evidence_verified_on < a.achieved_on) add(errors, "evidence_verified_on", MESSAGES.verifiedBeforeAchieved);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Unit results

export interface UnitResultValues {
  unit_ref: string;
  result: UnitResult;
  achieved_on: IsoDate | null;
}

export function checkUnitResult(u: UnitResultValues, { today }: RuleContext): FieldErrors {
  const errors: FieldErrors = {};
  if (u.achieved_on && u.achieved_on > today) add(errors, "achieved_on", MESSAGES.unitDateInFuture);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Absences

export interface AbsenceValues {
  kind: AbsenceKind;
  from_date: IsoDate;
  to_date: IsoDate | null;
}

export function checkAbsence(a: AbsenceValues): FieldErrors {
  const errors: FieldErrors = {};
  if (a.to_date && a.to_date < a.from_date) add(errors, "to_date", MESSAGES.absenceEndsBeforeStart);
  return errors;
}

/** Ending an absence: it must still be open, and end on or after its first day. */
export function checkEndAbsence(absence: { from_date: IsoDate; to_date: IsoDate | null }, toDate: IsoDate): FieldErrors {
  if (absence.to_date) return { to_date: MESSAGES.absenceAlreadyEnded };
  if (toDate < absence.from_date) return { to_date: MESSAGES.absenceEndsBeforeStart };
  return {};
}

// ---------------------------------------------------------------------------------------------
// Form schemas (strings in, typed values out)

/** A field left blank arrives as "" (a plain form post) or not at all (Conform drops empty strings). */
const blank = (v: string | undefined): boolean => v === undefined || v.trim() === "";
const tooLong = (max: number) => `Keep this under ${max} characters`;

export const formText = {
  optional: (max: number) =>
    z
      .string()
      .optional()
      .transform((v) => (blank(v) ? null : v!.trim()))
      .refine((v) => v === null || v.length <= max, tooLong(max)),
  /* Required fields accept a missing value at the type level and refuse it with a refinement, so the other fields'
     rules (the object's refinement) still run and the form shows every error at once. */
  required: (max: number, message: string, min?: { length: number; message: string }) =>
    z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v.length > 0, message)
      .refine((v) => v.length <= max, tooLong(max))
      .refine((v) => v === "" || !min || v.length >= min.length, min?.message ?? message),
  optionalDate: (message: string = MESSAGES.realDate) =>
    z
      .string()
      .optional()
      .transform((v) => (blank(v) ? null : v!.trim()))
      .refine((v) => v === null || isIsoDate(v), message),
  requiredDate: (message: string) =>
    z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v.length > 0, message)
      .refine((v) => v === "" || isIsoDate(v), MESSAGES.realDate),
  id: (message = "Choose one") =>
    z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => /^\d+$/.test(v), message)
      .transform(Number),
  choice: <T extends string>(values: readonly [T, ...T[]], message: string) => z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) }),
  optionalWhole: (min: number, max: number, message: string) =>
    z
      .string()
      .optional()
      .refine((v) => blank(v) || (/^\d+$/.test(v!.trim()) && Number(v) >= min && Number(v) <= max), message)
      .transform((v) => (blank(v) ? null : Number(v))),
};

/** Adds each error of a `check*` function as a zod issue on its field. */
function refineWith<T>(check: (value: T) => FieldErrors) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const [field, message] of Object.entries(check(value))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
  };
}

export const RECORD_FORM_FIELDS = [
  "qualification_id",
  "provider",
  "status",
  "enrolled_on",
  "started_on",
  "expected_completion",
  "achieved_on",
  "certificate_ref",
  "evidence_verified_by",
  "evidence_verified_on",
  "pathway",
] as const;

/** Adding or editing a qualification record (the pathway is checked against the qualification afterwards). */
export function qualificationRecordForm(context: RuleContext) {
  return z
    .object({
      qualification_id: formText.id(),
      provider: formText.optional(200),
      status: formText.choice(RECORD_STATUSES as [RecordStatus, ...RecordStatus[]], "Choose a status"),
      enrolled_on: formText.optionalDate(),
      started_on: formText.optionalDate(),
      expected_completion: formText.optionalDate(),
      achieved_on: formText.optionalDate(),
      certificate_ref: formText.optional(200),
      evidence_verified_by: formText.optional(200),
      evidence_verified_on: formText.optionalDate(),
      pathway: formText.optional(200),
    })
    .superRefine(refineWith((r) => checkQualificationRecord(r, context)));
}
export type QualificationRecordInput = z.output<ReturnType<typeof qualificationRecordForm>>;

/** Marking a record achieved (the enrolment-date rule needs the record: `checkAchievement` with `enrolledOn`). */
export function achievementForm(context: RuleContext) {
  return z
    .object({
      record_id: formText.id(),
      achieved_on: formText.requiredDate(MESSAGES.achievedOnRequired),
      certificate_ref: formText.required(200, MESSAGES.certificateRequired),
      evidence_verified_by: formText.required(200, MESSAGES.verifiedByRequired),
      evidence_verified_on: formText.requiredDate(MESSAGES.verifiedOnRequired),
    })
    .superRefine(refineWith((a) => checkAchievement(a, context)));
}

export function unitResultForm(context: RuleContext) {
  return z
    .object({
      record_id: formText.id(),
      unit_ref: formText.required(40, "Choose a unit"),
      result: formText.choice(UNIT_RESULTS, "Choose a result"),
      achieved_on: formText.optionalDate(),
    })
    .superRefine(refineWith((u) => checkUnitResult(u, context)));
}

export const absenceForm = z
  .object({
    kind: formText.choice(ABSENCE_KINDS, "Choose the kind of absence"),
    from_date: formText.requiredDate("Enter the first day of absence"),
    to_date: formText.optionalDate(),
    note: formText.optional(500),
  })
  .superRefine(refineWith(checkAbsence));

export const endAbsenceForm = z.object({ absence_id: formText.id(), to_date: formText.requiredDate("Enter the last day of absence") });

// ---------------------------------------------------------------------------------------------
// Scope decisions

/** An individual decision for one person (overrides the job-title decision): a category and the reason. */
export const personOverrideForm = z.object({
  category: formText.choice(CATEGORIES as [Category, ...Category[]], "Choose a category"),
  rationale: formText.required(1000, "Give the reason for this individual decision", { length: 5, message: "Give the reason in a few words" }),
});

export const clearPersonOverrideForm = z.object({
  reason: formText.required(1000, "Give the reason for clearing the individual decision", { length: 5, message: "Give the reason in a few words" }),
});

export interface ScopeDecisionValues {
  category: Category;
  time_managing_pct: number | null;
  rationale: string | null;
  review_date: IsoDate | null;
}

export const SCOPE_DECISION_MESSAGES = {
  category: "Choose a category",
  timeManagingPct: "Enter a whole number from 0 to 100, or leave it blank",
  rationaleRequired: "Give the rationale: the regulator may ask you to justify who is in scope",
  rationaleTooLong: "Keep the rationale under 2,000 characters",
  reviewDate: "Enter a real date (or leave it blank)",
} as const;

/**
 * A job-title scope decision's own values: time managing housing a whole percentage 0–100, a rationale under
 * 2,000 characters, a real review date. (The form also requires a rationale for every decision it records;
 * whether an imported decision needs one depends on its category: `rationaleRequiredFor` in scope-consistency.)
 */
export function checkScopeDecision(d: ScopeDecisionValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!CATEGORIES.includes(d.category)) add(errors, "category", SCOPE_DECISION_MESSAGES.category);
  if (d.time_managing_pct != null && !(Number.isInteger(d.time_managing_pct) && d.time_managing_pct >= 0 && d.time_managing_pct <= 100)) {
    add(errors, "time_managing_pct", SCOPE_DECISION_MESSAGES.timeManagingPct);
  }
  if (d.rationale != null && d.rationale.length > 2000) add(errors, "rationale", SCOPE_DECISION_MESSAGES.rationaleTooLong);
  if (d.review_date != null && !isIsoDate(d.review_date)) add(errors, "review_date", SCOPE_DECISION_MESSAGES.reviewDate);
  return errors;
}

/** The role-mapping form: one decision for the job titles ticked. */
export const scopeDecisionForm = z.object({
  titles: z
    .array(z.string().trim().min(1).max(200), { required_error: "Tick at least one job title", invalid_type_error: "Tick at least one job title" })
    .min(1, "Tick at least one job title")
    .max(1000, "Too many job titles at once"),
  category: formText.choice(CATEGORIES as [Category, ...Category[]], SCOPE_DECISION_MESSAGES.category),
  timeManagingPct: formText.optionalWhole(0, 100, SCOPE_DECISION_MESSAGES.timeManagingPct),
  rationale: z
    .string({ required_error: SCOPE_DECISION_MESSAGES.rationaleRequired })
    .trim()
    .min(1, SCOPE_DECISION_MESSAGES.rationaleRequired)
    .max(2000, SCOPE_DECISION_MESSAGES.rationaleTooLong),
  reviewDate: formText.optionalDate(SCOPE_DECISION_MESSAGES.reviewDate),
});

