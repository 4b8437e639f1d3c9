// A person's own dates (rule 5): enrol by, qualify by, latest start, with clocks paused for absence.

import { addDays, addMonths, maxDate, minDate, toDayNumber } from "./dates";
import { courseMonthsFor } from "./settings";
import type { ComplianceContext } from "./context";
import type { Absence, IsoDate, OrganisationSettings, RequiredLevel, StaffMember } from "./types";

/** Current-role start, else employment start; null when neither is known. */
export function roleStartOf(person: Pick<StaffMember, "roleStartDate" | "startDate">): IsoDate | null {
  return person.roleStartDate ?? person.startDate;
}

/**
 * Days of recorded absence (any kind) inside [periodStart, asOf], both ends inclusive. Overlapping
 * absences count once; an absence with no end date runs to asOf.
 */
export function absenceDaysBetween(absences: readonly Absence[], periodStart: IsoDate, asOf: IsoDate): number {
  if (absences.length === 0 || periodStart > asOf) return 0;
  const spans: Array<[number, number]> = [];
  for (const a of absences) {
    const from = maxDate(a.from, periodStart);
    const to = minDate(a.to ?? asOf, asOf);
    if (from <= to) spans.push([toDayNumber(from), toDayNumber(to)]);
  }
  if (spans.length === 0) return 0;
  spans.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [curFrom, curTo] = spans[0];
  for (let i = 1; i < spans.length; i++) {
    const [f, t] = spans[i];
    if (f <= curTo + 1) {
      if (t > curTo) curTo = t;
    } else {
      total += curTo - curFrom + 1;
      curFrom = f;
      curTo = t;
    }
  }
  return total + (curTo - curFrom + 1);
}

/**
 * The last date x with addMonths(x, months) ≤ limit. addMonths never decreases as x grows, so for any role
 * start: addMonths(roleStart, months) > limit ⟺ roleStart > this cut-off.
 */
export function lastStartWithin(limit: IsoDate, months: number): IsoDate {
  let x = addMonths(limit, -months); // adding the months back never overshoots (clamping only shortens)
  for (;;) {
    const next = addDays(x, 1);
    if (addMonths(next, months) > limit) return x;
    x = next;
  }
}

/**
 * Whether the current role started on probation (9 months' grace instead of 6): the person is on probation
 * now, or a recorded probation end date falls after the role start. Recording the end date keeps the longer
 * grace when HR later clears the probation flag.
 */
export function roleStartedOnProbation(
  person: Pick<StaffMember, "onProbation" | "probationEndDate" | "roleStartDate" | "startDate">,
): boolean {
  if (person.onProbation) return true;
  const end = person.probationEndDate;
  if (!end) return false;
  const roleStart = roleStartOf(person);
  return roleStart == null || end > roleStart;
}

/**
 * The absences that pause the clocks: parental leave (maternity, adoption, shared parental) and long-term
 * sickness always; "other" absence only when `otherAbsencePausesClocks` is on. None when
 * `absencesPauseClocks` is off.
 */
export function pausingAbsences(absences: readonly Absence[] | undefined, settings: OrganisationSettings): readonly Absence[] {
  if (!settings.absencesPauseClocks || !absences || absences.length === 0) return NO_ABSENCES;
  if (settings.otherAbsencePausesClocks) return absences;
  let all = true;
  for (const a of absences) if (a.kind === "other") all = false;
  return all ? absences : absences.filter((a) => a.kind !== "other");
}

const NO_ABSENCES: readonly Absence[] = Object.freeze([]);

/**
 * The first date on which a person who is still not enrolled is in breach of the legal test: the first D with
 * D > enrol_by(D), where enrol_by(D) = base + paused absence days up to D. D − enrol_by(D) never decreases
 * (each day adds at most one paused day), so the first such D is found by stepping forward. NEVER-like null
 * when an open-ended absence keeps pausing the clock.
 */
export function breachFromDate(baseEnrolBy: IsoDate, absences: readonly Absence[], periodStart: IsoDate): IsoDate | null {
  let candidate = addDays(baseEnrolBy, 1);
  if (absences.length === 0) return candidate;
  for (let guard = 0; guard < 10_000; guard++) {
    const paused = absenceDaysBetween(absences, periodStart, candidate);
    const enrolBy = addDays(baseEnrolBy, paused);
    if (candidate > enrolBy) return candidate;
    // An absence still open on the candidate date pauses every later day too.
    for (const a of absences) if (a.to == null && a.from <= candidate) return null;
    candidate = addDays(enrolBy, 1);
  }
  return null;
}

export interface DerivedDates {
  graceCutoff: IsoDate;
  probationGraceCutoff: IsoDate;
  lateJoinerCutoff: IsoDate;
  latestStartAtDeadlineLevel4: IsoDate;
  latestStartAtDeadlineLevel5: IsoDate;
}

export function deriveDates(settings: OrganisationSettings, transitionEnd: IsoDate, qualifiedDeadline: IsoDate): DerivedDates {
  return {
    graceCutoff: lastStartWithin(transitionEnd, settings.graceMonths),
    probationGraceCutoff: lastStartWithin(transitionEnd, settings.probationGraceMonths),
    lateJoinerCutoff: lastStartWithin(qualifiedDeadline, settings.lateJoinerMonths),
    latestStartAtDeadlineLevel4: addMonths(qualifiedDeadline, -courseMonthsFor(settings, 4)),
    latestStartAtDeadlineLevel5: addMonths(qualifiedDeadline, -courseMonthsFor(settings, 5)),
  };
}

export interface PersonalDates {
  roleStart: IsoDate | null;
  enrolBy: IsoDate;
  qualifyBy: IsoDate;
  latestStart: IsoDate;
  /** Days both clocks moved later for absence. */
  pausedDays: number;
  /** Months of grace used (probation or not). */
  graceMonths: number;
}

/** Enrol-by before any pause: max(transition end, role start + grace). */
export function baseEnrolBy(
  person: Pick<StaffMember, "roleStartDate" | "startDate" | "onProbation" | "probationEndDate">,
  ctx: ComplianceContext,
): IsoDate {
  const roleStart = roleStartOf(person);
  // Most people started long enough ago that the organisation dates win; the cut-offs say so without
  // any month arithmetic (max(a, roleStart + m) = roleStart + m exactly when roleStart > cut-off).
  if (!roleStart) return ctx.transitionEnd;
  const probation = roleStartedOnProbation(person);
  if (roleStart > (probation ? ctx.derived.probationGraceCutoff : ctx.derived.graceCutoff)) {
    return addMonths(roleStart, probation ? ctx.settings.probationGraceMonths : ctx.settings.graceMonths);
  }
  return ctx.transitionEnd;
}

/** Absence counts from the later of role start and the in-force date. */
export function pausePeriodStart(person: Pick<StaffMember, "roleStartDate" | "startDate">, settings: OrganisationSettings): IsoDate {
  const roleStart = roleStartOf(person);
  return roleStart ? maxDate(roleStart, settings.inForceDate) : settings.inForceDate;
}

/**
 * enrol_by = max(transition end, role start + grace); qualify_by = max(qualified deadline, role start +
 * late-joiner months); both + paused absence days; latest_start = qualify_by − course months.
 * With no role start or employment start known, the organisation dates apply alone.
 */
export function personalDates(
  person: Pick<StaffMember, "id" | "roleStartDate" | "startDate" | "onProbation" | "probationEndDate">,
  ctx: ComplianceContext,
  requiredLevel: RequiredLevel,
  asOf: IsoDate,
): PersonalDates {
  return personalDatesInto(
    { roleStart: null, enrolBy: "", qualifyBy: "", latestStart: "", pausedDays: 0, graceMonths: 0 },
    person,
    ctx,
    requiredLevel,
    asOf,
  );
}

/** personalDates written into `out` (the per-person hot path reuses one object instead of allocating). */
export function personalDatesInto(
  out: PersonalDates,
  person: Pick<StaffMember, "id" | "roleStartDate" | "startDate" | "onProbation" | "probationEndDate">,
  ctx: ComplianceContext,
  requiredLevel: RequiredLevel,
  asOf: IsoDate,
): PersonalDates {
  const s = ctx.settings;
  const d = ctx.derived;
  const roleStart = roleStartOf(person);
  const probation = roleStartedOnProbation(person);
  const graceMonths = probation ? s.probationGraceMonths : s.graceMonths;
  let enrolBy = baseEnrolBy(person, ctx);
  let qualifyBy = ctx.qualifiedDeadline;
  if (roleStart && roleStart > d.lateJoinerCutoff) qualifyBy = addMonths(roleStart, s.lateJoinerMonths);
  let pausedDays = 0;
  if (s.absencesPauseClocks) {
    const absences = pausingAbsences(ctx.absencesByStaffId.get(person.id), s);
    if (absences.length > 0) pausedDays = absenceDaysBetween(absences, pausePeriodStart(person, s), asOf);
  }
  if (pausedDays > 0) {
    enrolBy = addDays(enrolBy, pausedDays);
    qualifyBy = addDays(qualifyBy, pausedDays);
  }
  const latestStart =
    qualifyBy === ctx.qualifiedDeadline
      ? requiredLevel === 5
        ? d.latestStartAtDeadlineLevel5
        : d.latestStartAtDeadlineLevel4
      : addMonths(qualifyBy, -courseMonthsFor(s, requiredLevel));
  out.roleStart = roleStart;
  out.enrolBy = enrolBy;
  out.qualifyBy = qualifyBy;
  out.latestStart = latestStart;
  out.pausedDays = pausedDays;
  out.graceMonths = graceMonths;
  return out;
}
