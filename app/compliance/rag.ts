// Rule 6: red / amber / green / grey for a person's status on a date, with the reason in plain words.

import { plural } from "../utils/plural";
import { addMonths, formatDateLong, minDate } from "./dates";
import { Memo2 } from "./memo";
import type { ComplianceStatus, IsoDate, Rag } from "./types";

export interface RagInput {
  status: ComplianceStatus;
  asOf: IsoDate;
  enrolBy: IsoDate | null;
  qualifyBy: IsoDate | null;
  latestStart: IsoDate | null;
  /** The deciding record when working towards. */
  record: { enrolledOn: IsoDate | null; startedOn: IsoDate | null; expectedCompletion: IsoDate | null } | null;
  /** Enrolled more than this many months ago without a start date → amber (setting, default 6). */
  workingTowardsStartMonths: number;
}

export interface RagResult {
  rag: Rag;
  ragReason: string;
  nextDate: IsoDate | null;
}

// Fixed results, shared (callers copy the fields; never modify these).
const QUALIFIED: RagResult = Object.freeze({ rag: "green", ragReason: "Qualified", nextDate: null });
const GREY: Partial<Record<ComplianceStatus, RagResult>> = {
  not_required: Object.freeze({ rag: "grey", ragReason: "No qualification required", nextDate: null }),
  decision_needed: Object.freeze({ rag: "grey", ragReason: "Scope decision needed for this job title", nextDate: null }),
  left: Object.freeze({ rag: "grey", ragReason: "Left: not counted in any proportion", nextDate: null }),
  not_started: Object.freeze({ rag: "grey", ragReason: "Not started yet: not counted in any proportion", nextDate: null }),
};

// The same sentences recur for thousands of people (they share the organisation's dates).
const passedLatestStart = new Memo2<string>();
const enrolByText = new Memo2<string>();
const onTrackText = new Memo2<string>();

/** The not-enrolled sentence, e.g. "Not enrolled: latest start date 1 Oct 2028 has passed". */
export function notEnrolledText(asOf: IsoDate, enrolBy: IsoDate, latestStart: IsoDate): string {
  if (asOf >= latestStart) {
    if (asOf === latestStart) return `Not enrolled: latest start date ${formatDateLong(latestStart)} is today`;
    return (
      passedLatestStart.get(0, latestStart) ??
      passedLatestStart.set(0, latestStart, `Not enrolled: latest start date ${formatDateLong(latestStart)} has passed`)
    );
  }
  if (asOf > enrolBy) return `Not enrolled: enrol-by date ${formatDateLong(enrolBy)} has passed`;
  return (
    enrolByText.get(enrolBy, latestStart) ??
    enrolByText.set(enrolBy, latestStart, `Not enrolled: enrol by ${formatDateLong(enrolBy)}; latest start date ${formatDateLong(latestStart)}`)
  );
}

/**
 * green: qualified, or working towards with an expected completion on or before qualify-by and not in the past;
 * amber: working towards without such a date (missing, overdue, after qualify-by) or enrolled more than
 *        N months ago with no start date; not enrolled while before the latest start date;
 * red:   not enrolled on or after the latest start date, or after enrol-by; not qualified after qualify-by;
 * grey:  not required, decision needed, left, not started.
 */
export function ragFor(input: RagInput): RagResult {
  return ragOf(
    input.status,
    input.asOf,
    input.enrolBy,
    input.qualifyBy,
    input.latestStart,
    input.record,
    input.workingTowardsStartMonths,
  );
}

/** ragFor with positional arguments (the per-person hot path: no argument object). */
export function ragOf(
  status: ComplianceStatus,
  asOf: IsoDate,
  enrolBy: IsoDate | null,
  qualifyBy: IsoDate | null,
  latestStart: IsoDate | null,
  record: RagInput["record"],
  workingTowardsStartMonths: number,
  out?: RagResult,
): RagResult {
  const result = ragOfInto(status, asOf, enrolBy, qualifyBy, latestStart, record, workingTowardsStartMonths);
  if (out) {
    out.rag = result.rag;
    out.ragReason = result.ragReason;
    out.nextDate = result.nextDate;
    return out;
  }
  return result === scratch ? { ...scratch } : result;
}

// The per-person hot path: computed results are written into one reused object (read it at once).
const scratch: RagResult = { rag: "grey", ragReason: "", nextDate: null };

function set(rag: Rag, ragReason: string, nextDate: IsoDate | null): RagResult {
  scratch.rag = rag;
  scratch.ragReason = ragReason;
  scratch.nextDate = nextDate;
  return scratch;
}

/** Like ragOf, but the result may be a shared object that the next call overwrites: copy what you keep at once. */
export function ragOfInto(
  status: ComplianceStatus,
  asOf: IsoDate,
  enrolBy: IsoDate | null,
  qualifyBy: IsoDate | null,
  latestStart: IsoDate | null,
  record: RagInput["record"],
  workingTowardsStartMonths: number,
): RagResult {
  if (status === "qualified") return QUALIFIED;
  if (status !== "working_towards" && status !== "not_enrolled") return GREY[status]!;
  if (enrolBy == null || qualifyBy == null || latestStart == null) {
    throw new Error(`ragFor: ${status} needs enrol-by, qualify-by and latest start dates`);
  }

  if (status === "not_enrolled") {
    const rag = asOf >= latestStart || asOf > enrolBy ? "red" : "amber";
    return set(rag, notEnrolledText(asOf, enrolBy, latestStart), minDate(enrolBy, latestStart));
  }

  // working towards
  const expected = record?.expectedCompletion ?? null;
  const startDue =
    record && record.enrolledOn && !record.startedOn ? addMonths(record.enrolledOn, workingTowardsStartMonths) : null;
  let nextDate = qualifyBy;
  if (expected) nextDate = minDate(nextDate, expected);
  if (startDue) nextDate = minDate(nextDate, startDue);

  if (asOf > qualifyBy) {
    return set("red", `Not qualified and the qualify-by date ${formatDateLong(qualifyBy)} has passed`, nextDate);
  }
  let concern: string | null = null;
  if (expected == null) concern = "no expected completion date recorded";
  else if (expected < asOf) concern = `expected completion ${formatDateLong(expected)} has passed`;
  else if (expected > qualifyBy) {
    concern = `expected completion ${formatDateLong(expected)} is after the qualify-by date ${formatDateLong(qualifyBy)}`;
  }
  if (startDue && asOf > startDue) {
    const noStart = `enrolled ${formatDateLong(record!.enrolledOn!)} with no start date recorded after ${plural(workingTowardsStartMonths, "month")}`;
    concern = concern ? `${concern}; ${noStart}` : noStart;
  }
  if (concern) return set("amber", `Working towards: ${concern}`, nextDate);
  const ragReason =
    onTrackText.get(expected!, qualifyBy) ??
    onTrackText.set(expected!, qualifyBy, `On track: expected ${formatDateLong(expected!)}, qualify by ${formatDateLong(qualifyBy)}`);
  return set("green", ragReason, nextDate);
}
