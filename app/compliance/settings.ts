// Organisation timeline settings: the defaults (each with its source) and the dates derived from them.

import { addDays, addMonths } from "./dates";
import type { IsoDate, Milestone, OrganisationSettings, RequiredLevel } from "./types";

/** Providers owning fewer homes than this get 4 years' transition instead of 3 (gov.uk outcome, 30 Sept 2025). */
export const SMALL_PROVIDER_HOMES_THRESHOLD = 1000;

export function defaultOrganisationSettings(homesOwned: number): OrganisationSettings {
  return {
    homesOwned,
    // "In force October 2026"; no day is published, so the 1st (gov.uk outcome 30 Sept 2025; CIH). Editable.
    inForceDate: "2026-10-01",
    // null = derived from homes owned: 3 years at 1,000+ homes, else 4 (gov.uk outcome; Inside Housing 2 Jul 2025).
    transitionYearsOverride: null,
    // null = the transition end (competence-conduct-standard.md, "three-year qualified deadline"): our default.
    qualifiedDeadlineOverride: null,
    // null = the defaults of rule 7 in docs/compliance-rules.md (50% target: CIH consultation response; 100% at the deadlines).
    milestones: null,
    // Duty applies after 6 months in the role (2024 consultation; final wording not confirmed).
    graceMonths: 6,
    // 9 months where there is a probation period (2024 consultation; final wording not confirmed).
    probationGraceMonths: 9,
    // A new joiner or promotee gets 36 months from role start to qualify: our default, mirroring the
    // three-year transition (no published figure).
    lateJoinerMonths: 36,
    // Typical course lengths: CIH Level 4 certificate about 12 months (CIH; 360 hours, 2024 impact assessment).
    courseMonthsLevel4: 12,
    // Level 5 about 18 months (CIH Level 5 Diploma; 2024 impact assessment): our default.
    courseMonthsLevel5: 18,
    // The consultation discussed maternity and long-term sickness; final rule not confirmed: our default (on).
    absencesPauseClocks: true,
    // Only maternity / adoption / shared parental leave and long-term sickness were discussed; other absence
    // pauses the clocks only when the organisation says so: our default (off).
    otherAbsencePausesClocks: false,
    // UK HR exports write dd/mm/yyyy: our default for ambiguous import dates.
    dateOrder: "day_first",
    // "Working towards" = starting the course within 6 months of enrolling (2024 consultation wording).
    workingTowardsStartMonths: 6,
  };
}

/** Years between the in-force date and the end of transition. */
export function transitionYears(settings: OrganisationSettings): number {
  if (settings.transitionYearsOverride != null) return settings.transitionYearsOverride;
  return settings.homesOwned < SMALL_PROVIDER_HOMES_THRESHOLD ? 4 : 3;
}

/** In-force date + 3 years (4 under 1,000 homes), unless overridden. */
export function transitionEnd(settings: OrganisationSettings): IsoDate {
  return addMonths(settings.inForceDate, Math.round(transitionYears(settings) * 12));
}

/** The date by which in-scope staff should hold the qualification: the transition end unless overridden. */
export function qualifiedDeadline(settings: OrganisationSettings): IsoDate {
  return settings.qualifiedDeadlineOverride ?? transitionEnd(settings);
}

/**
 * The defaults: two internal targets (the enrolment milestone, the qualified deadline) and the legal test,
 * checked on the first day after the transition ends: on the transition end date itself nobody is yet late,
 * from the next day a person who is neither qualified nor working towards a qualification is in breach.
 */
export function defaultMilestones(settings: OrganisationSettings): Milestone[] {
  return [
    { name: "October 2026 enrolment milestone", date: settings.inForceDate, measure: "qualified_or_enrolled", targetPct: 50 },
    { name: "Transition end (statutory)", date: addDays(transitionEnd(settings), 1), measure: "statutory", targetPct: 100 },
    { name: "Qualified deadline", date: qualifiedDeadline(settings), measure: "qualified", targetPct: 100 },
  ];
}

/** The organisation's milestones (defaults when none are set), in date order. */
export function effectiveMilestones(settings: OrganisationSettings): Milestone[] {
  const list = settings.milestones ?? defaultMilestones(settings);
  return [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Course length used to work back from qualify-by to the latest start date. */
export function courseMonthsFor(settings: OrganisationSettings, level: RequiredLevel): number {
  return level === 5 ? settings.courseMonthsLevel5 : settings.courseMonthsLevel4;
}
