/**
 * Supervision, one-to-ones and appraisals. The direction asks for appraisal and performance review; how often is
 * the organisation's policy. Our defaults: an appraisal every 12 months for everyone, supervision every 3 months for
 * senior housing managers and executives, one-to-ones not expected unless the organisation sets an interval.
 */
import { plural } from "../utils/plural";
import { addDays, addMonths, formatDateLong } from "../compliance/dates";
import type { Category, IsoDate } from "../compliance/types";
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from "./labels";
import { isActiveOn, type ConductPerson } from "./person";

/** Months between meetings by kind and category; null = not expected. */
export type MeetingIntervals = Record<MeetingKind, Record<Category, number | null>>;

export const DEFAULT_INTERVALS: MeetingIntervals = {
  appraisal: { senior_executive: 12, senior_manager: 12, frontline: 12, out_of_scope: 12 },
  supervision: { senior_executive: 3, senior_manager: 3, frontline: null, out_of_scope: null },
  one_to_one: { senior_executive: null, senior_manager: null, frontline: null, out_of_scope: null },
};

/** The defaults with the organisation's own rows laid over them. */
export function intervalsWith(rows: ReadonlyArray<{ kind: MeetingKind; category: Category; months: number | null }>): MeetingIntervals {
  const out: MeetingIntervals = {
    appraisal: { ...DEFAULT_INTERVALS.appraisal },
    supervision: { ...DEFAULT_INTERVALS.supervision },
    one_to_one: { ...DEFAULT_INTERVALS.one_to_one },
  };
  for (const r of rows) if (out[r.kind] && r.category in out[r.kind]) out[r.kind][r.category] = r.months;
  return out;
}

/** A person whose job title has no decision yet is held to the out-of-scope intervals. */
export function intervalFor(intervals: MeetingIntervals, kind: MeetingKind, category: Category | "unmapped"): number | null {
  return intervals[kind][category === "unmapped" ? "out_of_scope" : category];
}

export type MeetingState = "not_expected" | "current" | "due_soon" | "overdue";

export interface MeetingStatus {
  kind: MeetingKind;
  state: MeetingState;
  months: number | null;
  lastHeldOn: IsoDate | null;
  dueBy: IsoDate | null;
  reason: string;
}

/** Meetings due within this many days are "due soon". */
export const MEETING_SOON_DAYS = 30;

/** The state of one kind of meeting for one person on a date, without the sentence (see meetingStatus). */
export function meetingState(
  person: Pick<ConductPerson, "startDate">,
  months: number | null,
  heldOn: readonly IsoDate[],
  asOf: IsoDate,
): { state: MeetingState; lastHeldOn: IsoDate | null; dueBy: IsoDate | null } {
  let last: IsoDate | null = null;
  for (const d of heldOn) if (d <= asOf && (last === null || d > last)) last = d;
  if (months === null) return { state: "not_expected", lastHeldOn: last, dueBy: null };
  const dueBy = last ? addMonths(last, months) : person.startDate ? addMonths(person.startDate, months) : null;
  if (dueBy === null) return { state: "overdue", lastHeldOn: null, dueBy: null };
  if (asOf > dueBy) return { state: "overdue", lastHeldOn: last, dueBy };
  return { state: asOf >= addDays(dueBy, -MEETING_SOON_DAYS) ? "due_soon" : "current", lastHeldOn: last, dueBy };
}

/**
 * One kind of meeting for one person on a date. `heldOn`: the dates held (any order). The next is due `months`
 * after the last held on or before the date, or `months` after starting when none is recorded.
 */
export function meetingStatus(
  person: Pick<ConductPerson, "startDate">,
  kind: MeetingKind,
  months: number | null,
  heldOn: readonly IsoDate[],
  asOf: IsoDate,
): MeetingStatus {
  const label = MEETING_KIND_LABELS[kind];
  const { state, lastHeldOn: last, dueBy } = meetingState(person, months, heldOn, asOf);
  if (months === null) {
    return { kind, state, months, lastHeldOn: last, dueBy: null, reason: `${label} is not expected for this role${last ? ` (last held ${formatDateLong(last)})` : ""}.` };
  }
  const every = months === 1 ? "every month" : `every ${plural(months, "month")}`;
  if (dueBy === null) {
    return { kind, state, months, lastHeldOn: null, dueBy: null, reason: `No ${label.toLowerCase()} recorded (expected ${every}) and the start date is unknown.` };
  }
  const since = last ? `last held ${formatDateLong(last)}` : `none recorded since starting on ${formatDateLong(person.startDate!)}`;
  if (state === "overdue") return { kind, state, months, lastHeldOn: last, dueBy, reason: `${label} overdue: ${since}, expected ${every}, so due by ${formatDateLong(dueBy)}.` };
  const soon = state === "due_soon";
  return {
    kind,
    state,
    months,
    lastHeldOn: last,
    dueBy,
    reason: `${label} ${soon ? "due soon" : "up to date"}: ${since}, next due by ${formatDateLong(dueBy)}.`,
  };
}

/** The counts of meetingSummary alone (no per-person rows or sentences): what the conduct summary shows. */
export function meetingCounts(
  people: readonly ConductPerson[],
  intervals: MeetingIntervals,
  held: ReadonlyMap<number, Partial<Record<MeetingKind, IsoDate[]>>>,
  asOf: IsoDate,
): Pick<MeetingSummary, "expected" | "overdue"> {
  const expected = { supervision: 0, one_to_one: 0, appraisal: 0 };
  const overdue = { supervision: 0, one_to_one: 0, appraisal: 0 };
  const none: IsoDate[] = [];
  for (const person of people) {
    if (!isActiveOn(person, asOf)) continue;
    const mine = held.get(person.staffId);
    for (const kind of MEETING_KINDS) {
      const { state } = meetingState(person, intervalFor(intervals, kind, person.category), mine?.[kind] ?? none, asOf);
      if (state !== "not_expected") expected[kind]++;
      if (state === "overdue") overdue[kind]++;
    }
  }
  return { expected, overdue };
}

export interface MeetingSummary {
  /** Active people for whom the kind is expected. */
  expected: Record<MeetingKind, number>;
  overdue: Record<MeetingKind, number>;
  people: Array<{ person: ConductPerson; statuses: MeetingStatus[] }>;
}

/** Every active person's meetings of every kind on the date. `held` maps staff id → kind → dates held. */
export function meetingSummary(
  people: readonly ConductPerson[],
  intervals: MeetingIntervals,
  held: ReadonlyMap<number, Partial<Record<MeetingKind, IsoDate[]>>>,
  asOf: IsoDate,
): MeetingSummary {
  const expected = { supervision: 0, one_to_one: 0, appraisal: 0 };
  const overdue = { supervision: 0, one_to_one: 0, appraisal: 0 };
  const rows = people
    .filter((p) => isActiveOn(p, asOf))
    .map((person) => {
      const statuses = MEETING_KINDS.map((kind) => meetingStatus(person, kind, intervalFor(intervals, kind, person.category), held.get(person.staffId)?.[kind] ?? [], asOf));
      for (const s of statuses) {
        if (s.state !== "not_expected") expected[s.kind]++;
        if (s.state === "overdue") overdue[s.kind]++;
      }
      return { person, statuses };
    });
  return { expected, overdue, people: rows };
}
