/**
 * What makes one recorded piece of conduct evidence acceptable, whether it comes from a form, the person page or an
 * import file: an acknowledgement is of a version already approved and not in the future; a meeting or a
 * completion is not in the future; a certificate's expiry comes after its completion. Each returns the problem in
 * plain words, or null.
 */
import type { IsoDate } from "../compliance/types";

export const FUTURE_DATE = "The date cannot be in the future";

export function acknowledgementDateProblem(code: { version: string; approvedOn: IsoDate }, acknowledgedOn: IsoDate, today: IsoDate): string | null {
  if (acknowledgedOn < code.approvedOn) return `The code version ${code.version} was approved on ${code.approvedOn}: it cannot be acknowledged before that`;
  if (acknowledgedOn > today) return FUTURE_DATE;
  return null;
}

export function meetingDateProblem(heldOn: IsoDate, today: IsoDate): string | null {
  return heldOn > today ? FUTURE_DATE : null;
}

export function completionDateProblems(completedOn: IsoDate, expiresOn: IsoDate | null, today: IsoDate): { completedOn?: string; expiresOn?: string } {
  const out: { completedOn?: string; expiresOn?: string } = {};
  if (completedOn > today) out.completedOn = FUTURE_DATE;
  if (expiresOn && expiresOn <= completedOn) out.expiresOn = "The expiry must be after the completion date";
  return out;
}
