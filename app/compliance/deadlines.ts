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

/**
 * enrol_by = max(transition end, role start + grace); qualify_by = max(qualified deadline, role start +
 * late-joiner months); both + paused absence days; latest_start = qualify_by − course months.
 * With no role start or employment start known, the organisation dates apply alone.
 */
export function personalDates(
  person: Pick<StaffMember, "id" | "roleStartDate" | "startDate" | "onProbation">,
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
  person: Pick<StaffMember, "id" | "roleStartDate" | "startDate" | "onProbation">,
  ctx: ComplianceContext,
  requiredLevel: RequiredLevel,
  asOf: IsoDate,
): PersonalDates {
  const s = ctx.settings;
  const d = ctx.derived;
  const roleStart = roleStartOf(person);
  const graceMonths = person.onProbation ? s.probationGraceMonths : s.graceMonths;
  let enrolBy = ctx.transitionEnd;
  let qualifyBy = ctx.qualifiedDeadline;
  // Most people started long enough ago that the organisation dates win; the cut-offs say so without
  // any month arithmetic (max(a, roleStart + m) = roleStart + m exactly when roleStart > cut-off).
  if (roleStart) {
    if (roleStart > (person.onProbation ? d.probationGraceCutoff : d.graceCutoff)) enrolBy = addMonths(roleStart, graceMonths);
    if (roleStart > d.lateJoinerCutoff) qualifyBy = addMonths(roleStart, s.lateJoinerMonths);
  }
  let pausedDays = 0;
  if (s.absencesPauseClocks) {
    const absences = ctx.absencesByStaffId.get(person.id);
    if (absences && absences.length > 0) {
      const periodStart = roleStart ? maxDate(roleStart, s.inForceDate) : s.inForceDate;
      pausedDays = absenceDaysBetween(absences, periodStart, asOf);
    }
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
