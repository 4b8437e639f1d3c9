/**
 * The action list: what someone must do, person by person, at a date. Pure functions of the compliance
 * evaluation (status, personal dates, deciding record) and a few plain inputs; the model gathers the inputs and
 * the pages, digests and CLI only show what these return. See docs/reminders.md.
 */
import { addMonths, daysBetween, formatDateLong } from "../compliance/dates";
import type { IsoDate, PersonCompliance } from "../compliance/types";
import { plural } from "../utils/plural";
import type {
  ActionItem,
  ActionKind,
  ConductObligation,
  DecisionUnderReview,
  ReminderSettings,
  UndecidedTitle,
  UnverifiedAchievement,
} from "./types";

export interface PersonForReminders {
  staffId: number;
  employeeRef: string;
  name: string;
  jobTitle: string;
  compliance: Pick<PersonCompliance, "status" | "enrolBy" | "latestStart" | "qualifyBy" | "decidingRecord">;
}

function item(person: PersonForReminders, kind: ActionKind, reason: string, date: IsoDate | null, overdue: boolean): ActionItem {
  return { kind, staffId: person.staffId, employeeRef: person.employeeRef, personName: person.name, jobTitle: person.jobTitle, reason, date, overdue };
}

function inDays(asOf: IsoDate, date: IsoDate): string {
  const days = daysBetween(asOf, date);
  return days === 0 ? "today" : `in ${plural(days, "day")}`;
}

/** The qualification items of one person who needs a qualification (not enrolled, or working towards). */
export function personActionItems(person: PersonForReminders, asOf: IsoDate, settings: ReminderSettings): ActionItem[] {
  const { status, enrolBy, latestStart, qualifyBy, decidingRecord: record } = person.compliance;
  const items: ActionItem[] = [];
  const notStarted = status === "not_enrolled" || (status === "working_towards" && record != null && record.startedOn == null);
  if (status === "not_enrolled" && enrolBy) {
    if (asOf > enrolBy) {
      items.push(item(person, "enrol_by_passed", `Not enrolled, and the enrol-by date (${formatDateLong(enrolBy)}) has passed: the legal test is not met`, enrolBy, true));
    } else if (daysBetween(asOf, enrolBy) <= settings.enrolLeadDays) {
      items.push(item(person, "enrol_by_soon", `Not enrolled: must enrol by ${formatDateLong(enrolBy)} (${inDays(asOf, enrolBy)})`, enrolBy, false));
    }
  }
  if (status === "working_towards" && record) {
    if (record.status === "enrolled" && record.startedOn == null && (record.enrolledOn == null || addMonths(record.enrolledOn, settings.startChaseMonths) < asOf)) {
      const since = record.enrolledOn ? ` on ${formatDateLong(record.enrolledOn)}` : "";
      items.push(item(person, "enrolled_without_start", `Enrolled on ${record.qualificationTitle}${since} but no start date is recorded`, record.enrolledOn, true));
    }
    if (record.expectedCompletion == null) {
      items.push(item(person, "completion_missing", `No expected completion date is recorded for ${record.qualificationTitle}`, null, true));
    } else if (record.expectedCompletion < asOf) {
      items.push(
        item(person, "completion_passed", `Expected to complete ${record.qualificationTitle} by ${formatDateLong(record.expectedCompletion)}: that date has passed with no achievement recorded`, record.expectedCompletion, true),
      );
    }
  }
  if (notStarted && latestStart && asOf > latestStart) {
    const by = qualifyBy ? ` by the qualify-by date (${formatDateLong(qualifyBy)}, an internal target)` : "";
    items.push(item(person, "latest_start_passed", `The latest start date (${formatDateLong(latestStart)}) has passed: a course started now would not finish${by}`, latestStart, true));
  }
  return items;
}

/** Achieved records whose certificate nobody has verified. */
export function unverifiedEvidenceItems(achievements: readonly UnverifiedAchievement[], people: ReadonlyMap<number, PersonForReminders>): ActionItem[] {
  const items: ActionItem[] = [];
  for (const a of achievements) {
    const person = people.get(a.staffId);
    if (!person) continue;
    const on = a.achievedOn ? ` (achieved ${formatDateLong(a.achievedOn)})` : "";
    items.push(item(person, "evidence_unverified", `Evidence for ${a.qualificationTitle}${on} has not been verified`, a.achievedOn, true));
  }
  return items;
}

/** Conduct obligations (acknowledgements, supervisions, appraisals, training) of anyone employed, frontline and
 * contractor staff included, overdue or due within the lead time. */
export function conductObligationItems(obligations: readonly ConductObligation[], asOf: IsoDate, settings: ReminderSettings): ActionItem[] {
  const items: ActionItem[] = [];
  for (const o of obligations) {
    const who = { staffId: o.staffId, employeeRef: o.employeeRef, personName: o.name, jobTitle: o.jobTitle };
    if (o.dueOn == null) items.push({ ...who, kind: o.kind, reason: `${o.what}: none recorded`, date: null, overdue: true });
    else if (o.dueOn < asOf) items.push({ ...who, kind: o.kind, reason: `${o.what} overdue since ${formatDateLong(o.dueOn)}`, date: o.dueOn, overdue: true });
    else if (daysBetween(asOf, o.dueOn) <= settings.dueLeadDays) items.push({ ...who, kind: o.kind, reason: `${o.what} due by ${formatDateLong(o.dueOn)} (${inDays(asOf, o.dueOn)})`, date: o.dueOn, overdue: false });
  }
  return items;
}

/** Scope decisions whose review date has passed. */
export function decisionReviewItems(decisions: readonly DecisionUnderReview[], asOf: IsoDate): ActionItem[] {
  return decisions
    .filter((d) => d.reviewDate != null && d.reviewDate < asOf)
    .map((d) => ({
      kind: "scope_review_overdue" as const,
      staffId: null,
      employeeRef: null,
      personName: null,
      jobTitle: d.jobTitle,
      reason: `The scope decision for "${d.jobTitle}" (${plural(d.people, "person")}) was due for review on ${formatDateLong(d.reviewDate!)}`,
      date: d.reviewDate,
      overdue: true,
    }));
}

/** Job titles held by active people with no scope decision yet. */
export function undecidedTitleItems(titles: readonly UndecidedTitle[]): ActionItem[] {
  return titles.map((t) => ({
    kind: "job_title_undecided" as const,
    staffId: null,
    employeeRef: null,
    personName: null,
    jobTitle: t.jobTitle,
    reason: `No scope decision for "${t.jobTitle}" (${plural(t.people, "person")}): decide whether the title needs a qualification`,
    date: null,
    overdue: true,
  }));
}

export interface OrganisationReminderInput {
  people: readonly PersonForReminders[];
  unverified: readonly UnverifiedAchievement[];
  conduct: readonly ConductObligation[];
  decisions: readonly DecisionUnderReview[];
  undecided: readonly UndecidedTitle[];
}

/** Overdue first; then the soonest date; items without a date first within their group; then by name. */
export function compareActionItems(a: ActionItem, b: ActionItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.date !== b.date) {
    if (a.date == null) return -1;
    if (b.date == null) return 1;
    return a.date < b.date ? -1 : 1;
  }
  return (a.personName ?? a.jobTitle ?? "").localeCompare(b.personName ?? b.jobTitle ?? "");
}

/** Every action item of an organisation at a date, in the order people should act on them. */
export function organisationActionItems(input: OrganisationReminderInput, asOf: IsoDate, settings: ReminderSettings): ActionItem[] {
  const byId = new Map(input.people.map((p) => [p.staffId, p]));
  const items: ActionItem[] = [];
  for (const person of input.people) {
    if (person.compliance.status === "not_enrolled" || person.compliance.status === "working_towards") items.push(...personActionItems(person, asOf, settings));
  }
  items.push(...unverifiedEvidenceItems(input.unverified, byId));
  items.push(...conductObligationItems(input.conduct, asOf, settings));
  items.push(...decisionReviewItems(input.decisions, asOf));
  items.push(...undecidedTitleItems(input.undecided));
  return items.sort(compareActionItems);
}
