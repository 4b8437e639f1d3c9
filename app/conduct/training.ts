/**
 * The training matrix. The direction: staff who deliver housing services are competent, with ongoing learning.
 * Our model: a course is required of a person by job title, category, department or for everyone; a completion
 * lasts the course's refresh interval (or until the expiry the provider gave); a person is compliant with a course
 * when a completion is current on the date.
 */
import { addDays, addMonths, formatDateLong } from "../compliance/dates";
import type { IsoDate } from "../compliance/types";
import { CATEGORY_LABELS } from "../compliance/status";
import { isActiveOn, pct, type ConductPerson } from "./person";
import type { RequirementBasis } from "./labels";

export interface TrainingCourse {
  id: number;
  title: string;
  code: string | null;
  /** Months a completion stays current; null = it does not expire. */
  refreshMonths: number | null;
}

export interface TrainingRequirement {
  courseId: number;
  appliesTo: RequirementBasis;
  /** The job title, category code or department (normalised for job titles and departments); null for everyone. */
  value: string | null;
}

export interface TrainingCompletion {
  staffId: number;
  courseId: number;
  completedOn: IsoDate;
  /** Given by the provider or the file; null = derived from the course's refresh interval. */
  expiresOn: IsoDate | null;
}

/** Completions expiring within this many days are "expiring soon" (still compliant). */
export const EXPIRY_SOON_DAYS = 60;

/** Lower case, spaces collapsed: departments and job titles match whatever their capitals or spacing. */
export function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}

export function requirementApplies(req: TrainingRequirement, person: ConductPerson): boolean {
  switch (req.appliesTo) {
    case "everyone":
      return true;
    case "job_title":
      return req.value !== null && person.jobTitleNormalised === req.value;
    case "category":
      return req.value !== null && person.category === req.value;
    case "department":
      return req.value !== null && person.department !== null && normaliseText(person.department) === req.value;
  }
}

/** Why the course is required of the person, in words ("required of Senior housing manager"). */
export function requirementReason(req: TrainingRequirement, displayValue: string | null): string {
  switch (req.appliesTo) {
    case "everyone":
      return "required of everyone";
    case "job_title":
      return `required of the job title ${displayValue ?? req.value}`;
    case "category":
      return `required of ${CATEGORY_LABELS[req.value as keyof typeof CATEGORY_LABELS] ?? req.value}`;
    case "department":
      return `required in ${displayValue ?? req.value}`;
  }
}

/** The expiry of a completion: the given date, else completed + refresh months, else none. */
export function expiryOf(completion: Pick<TrainingCompletion, "completedOn" | "expiresOn">, course: Pick<TrainingCourse, "refreshMonths">): IsoDate | null {
  if (completion.expiresOn) return completion.expiresOn;
  return course.refreshMonths ? addMonths(completion.completedOn, course.refreshMonths) : null;
}

export type TrainingState = "not_required" | "compliant" | "expiring_soon" | "expired" | "missing";

export interface TrainingStatus {
  courseId: number;
  state: TrainingState;
  required: boolean;
  completedOn: IsoDate | null;
  expiresOn: IsoDate | null;
  reason: string;
}

/** One person and one course on a date: the latest completion on or before the date decides. */
export function trainingStatus(course: TrainingCourse, required: boolean, completions: readonly TrainingCompletion[], asOf: IsoDate): TrainingStatus {
  const latest = completions
    .filter((c) => c.courseId === course.id && c.completedOn <= asOf)
    .reduce<TrainingCompletion | null>((m, c) => (m === null || c.completedOn > m.completedOn ? c : m), null);
  const expiresOn = latest ? expiryOf(latest, course) : null;
  const base = { courseId: course.id, required, completedOn: latest?.completedOn ?? null, expiresOn };
  if (!latest) {
    return required
      ? { ...base, state: "missing", reason: `${course.title}: required, not completed.` }
      : { ...base, state: "not_required", reason: `${course.title}: not required for this role.` };
  }
  const done = `completed ${formatDateLong(latest.completedOn)}`;
  if (expiresOn && expiresOn <= asOf) {
    return { ...base, state: required ? "expired" : "not_required", reason: `${course.title}: ${done}, expired ${formatDateLong(expiresOn)}${required ? "; refresh it" : ""}.` };
  }
  if (!required) return { ...base, state: "not_required", reason: `${course.title}: ${done} (not required for this role).` };
  if (expiresOn && expiresOn <= addDays(asOf, EXPIRY_SOON_DAYS)) {
    return { ...base, state: "expiring_soon", reason: `${course.title}: ${done}, expires ${formatDateLong(expiresOn)}.` };
  }
  return { ...base, state: "compliant", reason: `${course.title}: ${done}${expiresOn ? `, current until ${formatDateLong(expiresOn)}` : ""}.` };
}

export const COMPLIANT_STATES: ReadonlySet<TrainingState> = new Set(["compliant", "expiring_soon"]);

/** Behind on a course: it is required and the completion has expired or there is none (the training page's "who is behind"). */
export function isBehind(status: Pick<TrainingStatus, "required" | "state">): boolean {
  return status.required && (status.state === "expired" || status.state === "missing");
}

export interface CourseCompliance {
  course: TrainingCourse;
  required: number;
  compliant: number;
  expired: number;
  missing: number;
  pct: number | null;
}

export interface TrainingMatrix {
  courses: CourseCompliance[];
  /** Active people with at least one course required, and their cell per course (same order as `courses`). */
  rows: Array<{ person: ConductPerson; cells: TrainingStatus[] }>;
  /** Compliant (person, course) pairs over required pairs. */
  required: number;
  compliant: number;
  pct: number | null;
}

/** The people × courses heat map on a date, with compliance % per course and overall. */
export function trainingMatrix(
  people: readonly ConductPerson[],
  courses: readonly TrainingCourse[],
  requirements: readonly TrainingRequirement[],
  completions: readonly TrainingCompletion[],
  asOf: IsoDate,
): TrainingMatrix {
  const byStaff = new Map<number, TrainingCompletion[]>();
  for (const c of completions) {
    const list = byStaff.get(c.staffId) ?? [];
    list.push(c);
    byStaff.set(c.staffId, list);
  }
  const reqByCourse = new Map<number, TrainingRequirement[]>();
  for (const r of requirements) reqByCourse.set(r.courseId, [...(reqByCourse.get(r.courseId) ?? []), r]);
  const totals = courses.map((course) => ({ course, required: 0, compliant: 0, expired: 0, missing: 0, pct: null as number | null }));
  const rows: TrainingMatrix["rows"] = [];
  for (const person of people) {
    if (!isActiveOn(person, asOf)) continue;
    const mine = byStaff.get(person.staffId) ?? [];
    let any = false;
    const cells = courses.map((course, i) => {
      const required = (reqByCourse.get(course.id) ?? []).some((r) => requirementApplies(r, person));
      const status = trainingStatus(course, required, mine, asOf);
      if (required) {
        any = true;
        totals[i].required++;
        if (COMPLIANT_STATES.has(status.state)) totals[i].compliant++;
        if (status.state === "expired") totals[i].expired++;
        if (status.state === "missing") totals[i].missing++;
      }
      return status;
    });
    if (any || mine.length > 0) rows.push({ person, cells });
  }
  const required = totals.reduce((s, t) => s + t.required, 0);
  const compliant = totals.reduce((s, t) => s + t.compliant, 0);
  return { courses: totals.map((t) => ({ ...t, pct: pct(t.compliant, t.required) })), rows, required, compliant, pct: pct(compliant, required) };
}

/**
 * A skills-audit recommendation of a course is closed once the person completes that course on or after the
 * campaign opened (and the completion has not expired by the date).
 */
export function closesRecommendation(
  recommendation: { staffId: number; courseId: number; campaignOpensOn: IsoDate },
  completions: readonly TrainingCompletion[],
  course: Pick<TrainingCourse, "refreshMonths">,
  asOf: IsoDate,
): TrainingCompletion | null {
  const found = completions
    .filter((c) => c.staffId === recommendation.staffId && c.courseId === recommendation.courseId && c.completedOn >= recommendation.campaignOpensOn && c.completedOn <= asOf)
    .filter((c) => {
      const expiry = expiryOf(c, course);
      return expiry === null || expiry > asOf;
    })
    .sort((a, b) => (a.completedOn < b.completedOn ? 1 : -1));
  return found[0] ?? null;
}
