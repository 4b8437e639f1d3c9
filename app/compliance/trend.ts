// Measures over time (rule 8). Each required person's status only changes on a few dated events (start,
// leaving, enrolment, achievement), so we compute those dates once per person and sweep them across all
// the dates asked for, instead of re-evaluating everyone at every month end.

import { recordsOf, type ComplianceContext } from "./context";
import { addMonths, maxDate, monthEnds, toDayNumber } from "./dates";
import { baseEnrolBy, breachFromDate, pausePeriodStart, pausingAbsences } from "./deadlines";
import { percentage } from "./measures";
import { ALWAYS, NEVER, enrolmentDateOf, isOpenStatus, recordMeetsRequirement, recordWindow } from "./records";
import { requiredLevelOf } from "./scope-of-person";
import { courseMonthsFor } from "./settings";
import type { IsoDate, RequiredLevel, StaffMember } from "./types";

export interface TrendPoint {
  date: IsoDate;
  /** Active, required people on the date. */
  n: number;
  qualified: number;
  workingTowards: number;
  notEnrolled: number;
  /** Not enrolled after their enrol-by date: in breach of the legal test. */
  inBreach: number;
  pctQualified: number | null;
  pctQualifiedOrEnrolled: number | null;
  /** The legal test: (n − in breach) / n. */
  pctStatutory: number | null;
}

/**
 * Day numbers at which one required person's status changes (±Infinity = always / never). Active on day D
 * when start ≤ D < end; qualified from `qualifiedFrom`; working towards (or better) from `engagedFrom`.
 */
export interface StatusTimelines {
  count: number;
  start: Float64Array;
  end: Float64Array;
  engagedFrom: Float64Array;
  qualifiedFrom: Float64Array;
  /** From this day a person not yet engaged is in breach (the day after their enrol-by date, paused for absence). */
  breachFrom: Float64Array;
}

function dayOf(value: string): number {
  if (value === ALWAYS) return -Infinity;
  if (value === NEVER) return Infinity;
  return toDayNumber(value);
}

/**
 * When the forecast assumes an open record completes: its expected completion, else its start (or
 * enrolment) date plus the qualification's typical months (else the organisation's course length for the
 * required level). Null when nothing is known.
 */
export function assumedCompletion(
  record: { expectedCompletion: IsoDate | null; startedOn: IsoDate | null; enrolledOn: IsoDate | null },
  typicalMonths: number | null,
  courseMonths: number,
): IsoDate | null {
  if (record.expectedCompletion) return record.expectedCompletion;
  const from = record.startedOn ?? record.enrolledOn;
  if (!from) return null;
  return addMonths(from, Math.round(typicalMonths ?? courseMonths));
}

/**
 * Builds the per-person timelines of the required people in `staff` (scope as decided today).
 * With `forecastFrom`, every open meeting record is assumed achieved on its (assumed) completion date when
 * that date is after `forecastFrom`; a completion already due or overdue is not assumed.
 */
export function buildStatusTimelines(
  ctx: ComplianceContext,
  staff: readonly StaffMember[],
  options: { forecastFrom?: IsoDate } = {},
): StatusTimelines {
  const timelines = emptyTimelines(staff.length);
  let count = 0;
  for (const person of staff) if (timelineInto(timelines, count, person, ctx, options.forecastFrom)) count++;
  timelines.count = count;
  return timelines;
}

/**
 * The same timelines with one slot per member of staff, in the order of `staff`: a person who needs no
 * qualification gets a slot that is never active (it counts nowhere). Counts over them equal counts over
 * buildStatusTimelines; a change to a few people is then patched slot by slot (patchStaffTimelines).
 */
export function buildStaffTimelines(ctx: ComplianceContext, staff: readonly StaffMember[], options: { forecastFrom?: IsoDate } = {}): StatusTimelines {
  const timelines = emptyTimelines(staff.length);
  for (let i = 0; i < staff.length; i++) if (!timelineInto(timelines, i, staff[i], ctx, options.forecastFrom)) neverActive(timelines, i);
  return timelines;
}

/**
 * Staff timelines for `staff` from `previous` (staff timelines of the people before a change): slot i is
 * copied from `previous` slot `fromPrevious[i]` (the identity when null), and the slots listed in `redo` are built
 * afresh (list every slot with no previous slot, -1, there). `previous` is not modified.
 */
export function patchStaffTimelines(
  previous: StatusTimelines,
  fromPrevious: Int32Array | null,
  redo: ArrayLike<number>,
  ctx: ComplianceContext,
  staff: readonly StaffMember[],
  options: { forecastFrom?: IsoDate } = {},
): StatusTimelines {
  const n = staff.length;
  let next: StatusTimelines;
  if (fromPrevious === null) {
    next = {
      count: n,
      start: previous.start.slice(),
      end: previous.end.slice(),
      engagedFrom: previous.engagedFrom.slice(),
      qualifiedFrom: previous.qualifiedFrom.slice(),
      breachFrom: previous.breachFrom.slice(),
    };
  } else {
    next = emptyTimelines(n);
    for (let i = 0; i < n; i++) {
      const j = fromPrevious[i];
      if (j < 0) continue;
      next.start[i] = previous.start[j];
      next.end[i] = previous.end[j];
      next.engagedFrom[i] = previous.engagedFrom[j];
      next.qualifiedFrom[i] = previous.qualifiedFrom[j];
      next.breachFrom[i] = previous.breachFrom[j];
    }
  }
  for (let k = 0; k < redo.length; k++) {
    const i = redo[k];
    if (!timelineInto(next, i, staff[i], ctx, options.forecastFrom)) neverActive(next, i);
  }
  return next;
}

function emptyTimelines(size: number): StatusTimelines {
  return {
    count: size,
    start: new Float64Array(size),
    end: new Float64Array(size),
    engagedFrom: new Float64Array(size),
    qualifiedFrom: new Float64Array(size),
    breachFrom: new Float64Array(size),
  };
}

// A slot that is never active: start and end both after every date, so it counts in no point.
function neverActive(t: StatusTimelines, slot: number): void {
  t.start[slot] = Infinity;
  t.end[slot] = Infinity;
  t.engagedFrom[slot] = Infinity;
  t.qualifiedFrom[slot] = Infinity;
  t.breachFrom[slot] = Infinity;
}

/** Writes one person's timeline into `slot`; false (nothing written) when they need no qualification. */
function timelineInto(t: StatusTimelines, slot: number, person: StaffMember, ctx: ComplianceContext, forecastFrom: IsoDate | undefined): boolean {
  const settings = ctx.settings;
  const requiredLevel: RequiredLevel | null = requiredLevelOf(person, ctx);
  if (requiredLevel == null) return false;
  let working = NEVER;
  let qualified = NEVER;
  for (const record of recordsOf(ctx, person.id)) {
    const qualification = ctx.qualificationsById.get(record.qualificationId);
    if (!qualification || !recordMeetsRequirement(record, qualification, requiredLevel)) continue;
    const w = recordWindow(record);
    if (w.workingFrom < working) working = w.workingFrom;
    if (w.qualifiedFrom < qualified) qualified = w.qualifiedFrom;
    if (forecastFrom && isOpenStatus(record.status)) {
      const done = assumedCompletion(record, qualification.typicalMonths, courseMonthsFor(ctx.settings, requiredLevel));
      if (done && done > forecastFrom) {
        // The learner is working towards from enrolment until then (a record with no enrolment date is
        // already counted as working towards since always).
        const enrolled = enrolmentDateOf(record);
        // Compare the date actually assumed (never before enrolment) with what is already known: an assumed
        // completion must not push back a qualification already recorded earlier (an achievement after `forecastFrom`).
        const assumed = enrolled ? maxDate(done, enrolled) : done;
        if (assumed < qualified) qualified = assumed;
      }
    }
  }
  t.start[slot] = person.startDate ? toDayNumber(person.startDate) : -Infinity;
  t.end[slot] = person.endDate ? toDayNumber(person.endDate) : Infinity;
  t.engagedFrom[slot] = dayOf(working < qualified ? working : qualified);
  t.qualifiedFrom[slot] = dayOf(qualified);
  const base = baseEnrolBy(person, ctx);
  const absences = pausingAbsences(ctx.absencesByStaffId.get(person.id), settings);
  const breach = breachFromDate(base, absences, pausePeriodStart(person, settings));
  t.breachFrom[slot] = breach == null ? Infinity : toDayNumber(breach);
  return true;
}

// First index i with days[i] >= x (days ascending).
function lowerBound(days: Float64Array, x: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The counts of a set of timelines on some dates (distinct, ascending): active required people, engaged (working
 * towards or qualified), qualified and in breach on each. Each slot adds to them on its own, so after a change to a
 * few slots they are counted out as they were and in as they are (recountSlots) instead of counting everyone.
 */
export interface DateCounts {
  dates: IsoDate[];
  days: Float64Array;
  n: Int32Array;
  engaged: Int32Array;
  qualified: Int32Array;
  inBreach: Int32Array;
}

function emptyCounts(dates: readonly IsoDate[]): DateCounts {
  const sorted = [...new Set(dates)].sort();
  const m = sorted.length;
  return { dates: sorted, days: new Float64Array(sorted.map(toDayNumber)), n: new Int32Array(m), engaged: new Int32Array(m), qualified: new Int32Array(m), inBreach: new Int32Array(m) };
}

/** Adds `sign` × slot i's counts for each i in `slots` (every slot when null) to `counts`. */
function countSlots(counts: DateCounts, timelines: StatusTimelines, slots: ArrayLike<number> | null, sign: 1 | -1): void {
  const { days } = counts;
  const m = days.length;
  const nDiff = new Int32Array(m + 1);
  const engagedDiff = new Int32Array(m + 1);
  const qualifiedDiff = new Int32Array(m + 1);
  const breachDiff = new Int32Array(m + 1);
  const { start, end, engagedFrom, qualifiedFrom, breachFrom } = timelines;
  const total = slots === null ? timelines.count : slots.length;
  for (let k = 0; k < total; k++) {
    const i = slots === null ? k : slots[k];
    const iStart = lowerBound(days, start[i]);
    const iEnd = lowerBound(days, end[i]);
    if (iStart >= iEnd) continue;
    nDiff[iStart]++;
    nDiff[iEnd]--;
    const iEngaged = Math.max(iStart, lowerBound(days, engagedFrom[i]));
    if (iEngaged < iEnd) {
      engagedDiff[iEngaged]++;
      engagedDiff[iEnd]--;
    }
    const iQualified = Math.max(iStart, lowerBound(days, qualifiedFrom[i]));
    if (iQualified < iEnd) {
      qualifiedDiff[iQualified]++;
      qualifiedDiff[iEnd]--;
    }
    // In breach while active, past the breach day and not yet engaged.
    const iBreach = Math.max(iStart, lowerBound(days, breachFrom[i]));
    const iBreachEnd = Math.min(iEnd, iEngaged);
    if (iBreach < iBreachEnd) {
      breachDiff[iBreach]++;
      breachDiff[iBreachEnd]--;
    }
  }
  let n = 0;
  let engaged = 0;
  let qualified = 0;
  let inBreach = 0;
  for (let j = 0; j < m; j++) {
    n += nDiff[j];
    engaged += engagedDiff[j];
    qualified += qualifiedDiff[j];
    inBreach += breachDiff[j];
    counts.n[j] += sign * n;
    counts.engaged[j] += sign * engaged;
    counts.qualified[j] += sign * qualified;
    counts.inBreach[j] += sign * inBreach;
  }
}

/** The counts of every slot on `dates` (any order; duplicates allowed), in one pass over the people. */
export function countTimelines(timelines: StatusTimelines, dates: readonly IsoDate[]): DateCounts {
  const counts = emptyCounts(dates);
  countSlots(counts, timelines, null, 1);
  return counts;
}

/** `counts` with the `slots` of `timelines` counted out (sign -1) or in (1); `counts` is changed. */
export function recountSlots(counts: DateCounts, timelines: StatusTimelines, slots: ArrayLike<number>, sign: 1 | -1): void {
  if (slots.length > 0) countSlots(counts, timelines, slots, sign);
}

/** A copy that can be changed without changing `counts`. */
export function copyCounts(counts: DateCounts): DateCounts {
  return { dates: counts.dates, days: counts.days, n: counts.n.slice(), engaged: counts.engaged.slice(), qualified: counts.qualified.slice(), inBreach: counts.inBreach.slice() };
}

/** The trend points on `dates` (each one of the dates counted). */
export function pointsAt(counts: DateCounts, dates: readonly IsoDate[]): TrendPoint[] {
  const at = new Map<IsoDate, number>();
  counts.dates.forEach((d, j) => at.set(d, j));
  return dates.map((date) => {
    const j = at.get(date);
    if (j === undefined) throw new Error(`No counts on ${date}`);
    const n = counts.n[j];
    const engaged = counts.engaged[j];
    const qualified = counts.qualified[j];
    const inBreach = counts.inBreach[j];
    return {
      date,
      n,
      qualified,
      workingTowards: engaged - qualified,
      notEnrolled: n - engaged,
      inBreach,
      pctQualified: percentage(qualified, n),
      pctQualifiedOrEnrolled: percentage(engaged, n),
      pctStatutory: percentage(n - inBreach, n),
    };
  });
}

/** Counts on each date (any order; duplicates allowed) in one pass over the people. */
export function countsAtDates(timelines: StatusTimelines, dates: readonly IsoDate[]): TrendPoint[] {
  return pointsAt(countTimelines(timelines, dates), dates);
}

/** Actual measures on any dates, rebuilt from the dated records. */
export function measuresAtDates(ctx: ComplianceContext, staff: readonly StaffMember[], dates: readonly IsoDate[]): TrendPoint[] {
  return countsAtDates(buildStatusTimelines(ctx, staff), dates);
}

/** The dates of the actual curve: every month end in [from, to], and `to` itself when it is not a month end. */
export function monthlyTrendDates(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates = monthEnds(from, to);
  if (from <= to && dates[dates.length - 1] !== to) dates.push(to);
  return dates;
}

/** The actual curve: every month end in [from, to], and `to` itself when it is not a month end. */
export function monthlyTrend(ctx: ComplianceContext, staff: readonly StaffMember[], from: IsoDate, to: IsoDate): TrendPoint[] {
  return measuresAtDates(ctx, staff, monthlyTrendDates(from, to));
}

/** The dates of the forecast (see forecastTrend), in order. */
export function forecastDates(ctx: ComplianceContext, asOf: IsoDate, until?: IsoDate): IsoDate[] {
  const last = until ?? ctx.milestones.reduce((acc, m) => maxDate(acc, m.date), asOf);
  const dates = new Set<IsoDate>([asOf]);
  for (const d of monthEnds(asOf, last)) dates.add(d);
  for (const m of ctx.milestones) if (m.date > asOf && m.date <= last) dates.add(m.date);
  dates.add(maxDate(asOf, last));
  return [...dates].sort();
}

/**
 * The forecast: from `asOf` (equal to the actual measures there) through every month end and milestone date
 * up to `until` (default: the last milestone date), with each open meeting record counted as qualified
 * at its expected completion (see assumedCompletion). Leavers and joiners with recorded dates are applied.
 */
export function forecastTrend(
  ctx: ComplianceContext,
  staff: readonly StaffMember[],
  asOf: IsoDate,
  until?: IsoDate,
): TrendPoint[] {
  return countsAtDates(buildStatusTimelines(ctx, staff, { forecastFrom: asOf }), forecastDates(ctx, asOf, until));
}

/** A function giving the actual measures on any date, building the timelines once. */
export function measureAtFunction(ctx: ComplianceContext, staff: readonly StaffMember[]): (date: IsoDate) => TrendPoint {
  let timelines: StatusTimelines | null = null;
  return (date) => {
    timelines ??= buildStatusTimelines(ctx, staff);
    return countsAtDates(timelines, [date])[0];
  };
}
